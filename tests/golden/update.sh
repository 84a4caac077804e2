#!/usr/bin/env bash
# Rewrite every expected output of tests/golden/cases.txt with a build's magsel, after a change
# that is meant to change the output. Review the diff before committing it.
# usage: tests/golden/update.sh [build/dev/magsel]
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
magsel=$(realpath "${1:-$src/build/dev/magsel}")
cd "$src"
grep -v '^#' tests/golden/cases.txt | while IFS='|' read -r name code args; do
  [ -n "$name" ] || continue
  # shellcheck disable=SC2086
  "$magsel" $args >"tests/golden/expected/$name.out" 2>/dev/null || true
done
git -C "$src" diff --stat -- tests/golden/expected
