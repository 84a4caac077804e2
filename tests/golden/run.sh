#!/usr/bin/env bash
# Run one golden case: its exit code and its standard output, byte for byte, against
# tests/golden/expected/NAME.out. usage: run.sh MAGSEL SOURCE_DIR NAME CODE ARGS...
set -u
magsel=$1 src=$2 name=$3 code=$4
shift 4
expected=$src/tests/golden/expected/$name.out
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
cd "$src" || exit 1
"$magsel" "$@" >"$actual" 2>/dev/null
rc=$?
[ "$rc" -eq "$code" ] || { echo "FAIL: exit code $rc, expected $code"; exit 1; }
if ! diff -u "$expected" "$actual"; then
  echo "FAIL: output differs from $expected (tests/golden/update.sh rewrites it after a deliberate change)"
  exit 1
fi
echo "ok: $name"
