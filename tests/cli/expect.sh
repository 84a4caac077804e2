#!/usr/bin/env bash
# Run a command and check its exit code and output.
# usage: expect.sh CODE REGEX [--stderr] -- COMMAND ARGS...
#   CODE   the exit code the command must give
#   REGEX  an extended regular expression its output must match (stdout, or stderr with --stderr)
set -u
code=$1; regex=$2; shift 2
stream=stdout
if [ "${1:-}" = "--stderr" ]; then stream=stderr; shift; fi
[ "${1:-}" = "--" ] && shift
out=$(mktemp); err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$@" >"$out" 2>"$err"
rc=$?
cat "$out"; cat "$err" >&2
if [ "$rc" -ne "$code" ]; then echo "FAIL: exit code $rc, expected $code" >&2; exit 1; fi
target=$out; [ "$stream" = stderr ] && target=$err
if ! grep -Ezq -- "$regex" "$target"; then echo "FAIL: $stream does not match /$regex/" >&2; exit 1; fi
echo "ok: exit $rc, $stream matches /$regex/"
