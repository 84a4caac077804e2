#!/usr/bin/env bash
# Outputs (issue 16): after each run, the state of the file system. Special files are written in
# place, links lead to the file replaced, a failed run replaces nothing, an input is never an
# output, a replaced file keeps its mode, stdout errors are errors.
set -u
magsel=$1; root=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAIL: $*"; exit 1; }
run() { "$magsel" "$@" > out.txt 2> err.txt; echo $?; }

# 1. -o /dev/null and a FIFO: written in place, never replaced
[ "$(run plot N48SH -o /dev/null)" -eq 0 ] || fail "plot -o /dev/null: $(cat err.txt)"
[ -c /dev/null ] || fail "/dev/null is no longer a character device"
# /dev/stdout: into the pipe, not over it
"$magsel" plot N48SH -o /dev/stdout 2>/dev/null | grep -q '</svg>' || fail "plot -o /dev/stdout did not reach the pipe"
mkfifo fifo
[ "$(run plot N48SH -o fifo)" -eq 2 ] || fail "a FIFO nobody reads must be an error"
grep -q "cannot write .fifo.: a FIFO nobody reads" err.txt || fail "message: $(cat err.txt)"
[ -p fifo ] || fail "the FIFO was replaced"

# 2. a symbolic link: its target is replaced, the link stays; a link to nothing is refused
echo old > target.svg; ln -s target.svg link.svg
[ "$(run plot N48SH -o link.svg)" -eq 0 ] || fail "plot -o link.svg: $(cat err.txt)"
[ -L link.svg ] || fail "the link was replaced"
grep -q '</svg>' target.svg || fail "the link's target was not written"
ln -s nowhere dangling.svg
[ "$(run plot N48SH -o dangling.svg)" -eq 2 ] || fail "a link to nothing must be refused"
grep -q "a symbolic link to nothing" err.txt || fail "message: $(cat err.txt)"
[ ! -e nowhere ] || fail "a file was created through a dangling link"

# 3. a failed run replaces no output (sweep and fit stage every output first)
echo old > old.svg
[ "$(run sweep --grades N48SH --vary pc --from 1 --to 2 -o missing-dir/x.csv --plot old.svg)" -eq 2 ] || fail "sweep into a missing directory"
[ "$(cat old.svg)" = old ] || fail "a failed sweep replaced old.svg"
[ "$(run fit "$root/tests/data/good/fit/properties-cgs.csv" "$root/tests/data/good/fit/grade.yaml" -o missing-dir/x.yaml --plot old.svg)" -eq 2 ] || fail "fit into a missing directory"
[ "$(cat old.svg)" = old ] || fail "a failed fit replaced old.svg"

# 4. an output that is an input is refused, whatever its name (same device and inode)
cp "$root/examples/designs/ev-traction-n38ah.yaml" d.yaml; cp d.yaml d.orig; ln d.yaml hardlink.yaml
[ "$(run check d.yaml --junit d.yaml)" -eq 2 ] || fail "check d.yaml --junit d.yaml"
grep -q "cannot write .d.yaml.: it is an input of this run" err.txt || fail "message: $(cat err.txt)"
[ "$(run check d.yaml --junit hardlink.yaml)" -eq 2 ] || fail "check d.yaml --junit hardlink.yaml"
grep -q "it is the input .d.yaml. of this run" err.txt || fail "message: $(cat err.txt)"
cmp -s d.yaml d.orig || fail "check destroyed its input"
cp "$root/tests/data/good/fit/grade.yaml" x.yaml; cp x.yaml x.orig
[ "$(run fit "$root/tests/data/good/fit/properties-cgs.csv" x.yaml -o x.yaml)" -eq 2 ] || fail "fit x.yaml -o x.yaml"
cmp -s x.yaml x.orig || fail "fit destroyed its input"

# 5. a replaced file keeps its mode
echo old > private.svg; chmod 600 private.svg
[ "$(run plot N48SH -o private.svg)" -eq 0 ] || fail "plot -o private.svg"
[ "$(stat -c %a private.svg)" = 600 ] || fail "mode $(stat -c %a private.svg), expected 600"

# 6. a result that does not reach stdout is an error
"$magsel" grades list > /dev/full 2> err.txt; rc=$?
[ "$rc" -eq 2 ] || fail "grades list > /dev/full: exit $rc"
grep -q "cannot write the result to stdout" err.txt || fail "message: $(cat err.txt)"

# no temporary file anywhere
leftovers=$(find . -name '.*.??????' | head -1)
[ -z "$leftovers" ] || fail "temporary file left: $leftovers"
echo "ok: outputs"
