#!/usr/bin/env bash
# Inputs (issue 16): user data paths that cannot be read are errors naming them (never skipped,
# never a silent fall-back to the built-in data); special files are bounded by the read; text
# that is not UTF-8 is a located error and never makes JSON or JUnit invalid.
set -u
magsel=$1; root=$2
dir=$(mktemp -d)
trap 'chmod -R u+rwx "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAIL: $*"; exit 1; }
expect() {  # expect CODE REGEX ARGS...: exit code and a stderr pattern
  local code=$1 regex=$2; shift 2
  "$magsel" "$@" > out.txt 2> err.txt; local rc=$?
  [ "$rc" -eq "$code" ] || fail "magsel $*: exit $rc, expected $code; stderr: $(cat err.txt)"
  grep -Eq -- "$regex" err.txt || fail "magsel $*: stderr does not match /$regex/: $(cat err.txt)"
}
design=$root/examples/designs/ev-traction-n42.yaml

# 1. grade directories: every path that cannot be read is named
mkdir grades-ok; cp "$root/tests/data/good/override/user-n42.yaml" grades-ok/
ln -s nowhere dangling-dir
expect 2 "grade directory .dangling-dir.: a symbolic link that leads nowhere|cannot read the grade directory .dangling-dir." --grades dangling-dir check "$design"
ln -s loop-b loop-a; ln -s loop-a loop-b
expect 2 "cannot read the grade directory .loop-a.: a symbolic link that leads nowhere" --grades loop-a check "$design"
expect 2 "grade directory .grades-ok/user-n42.yaml. is not a directory" --grades grades-ok/user-n42.yaml check "$design"
MAGSEL_GRADES=dangling-dir expect 2 "dangling-dir" check "$design"
mkdir grades-bad-entry; cp grades-ok/user-n42.yaml grades-bad-entry/; ln -s missing.yaml grades-bad-entry/other.yaml
expect 2 "grades-bad-entry/other.yaml.: a symbolic link that leads nowhere" --grades grades-bad-entry check "$design"
mkdir -p grades-bad-families/families; cp grades-ok/user-n42.yaml grades-bad-families/; ln -s loop-b grades-bad-families/families/f.yaml
expect 2 "families/f.yaml" --grades grades-bad-families check "$design"
expect 2 "grades-bad-entry/other.yaml: error: cannot read: No such file or directory" validate grades-bad-entry
if [ "$(id -u)" -ne 0 ]; then  # root reads any directory: the permission case needs another user
  mkdir grades-locked; cp grades-ok/user-n42.yaml grades-locked/; chmod 000 grades-locked
  expect 2 "cannot read the grade directory .grades-locked.: Permission denied" --grades grades-locked check "$design"
  chmod 700 grades-locked
fi

# 2. special input files: bounded by the read, never a hang
expect 2 "/dev/zero: error: more than 10 MiB to read" check /dev/zero
expect 2 "is a directory|a directory, not a file" check "$dir"
mkfifo fifo
timeout 10 "$magsel" check fifo > out.txt 2> err.txt; rc=$?
[ "$rc" -eq 2 ] || fail "check FIFO: exit $rc (124 is a hang)"
grep -q "fifo: error: the file is empty" err.txt || fail "FIFO message: $(cat err.txt)"
head -c 12000000 /dev/zero | tr '\0' 'a' | "$magsel" check /dev/stdin > out.txt 2> err.txt; rc=$?
[ "$rc" -eq 2 ] && grep -q "more than 10 MiB to read" err.txt || fail "12 MB pipe: exit $rc: $(cat err.txt)"
"$magsel" check /dev/stdin < "$root/examples/designs/ev-traction-n38ah.yaml" > out.txt 2> err.txt || fail "a design on a pipe: $(cat err.txt)"

# 3. not UTF-8: a located error; check still reports the other files, in valid JSON and JUnit
sed 's/^name: .*/name: "caf\xe9 motor"/' "$root/examples/designs/ev-traction-n38ah.yaml" > latin1.yaml
expect 2 "latin1.yaml:[0-9]+:11: error: the file holds the byte 0xE9, which is not UTF-8" check latin1.yaml
cp latin1.yaml "$(printf 'caf\xe9.yaml')"
"$magsel" check "$root/examples/designs/ev-traction-n38ah.yaml" latin1.yaml "$(printf 'caf\xe9.yaml')" --format json \
  --junit report.xml > out.json 2> err.txt; rc=$?
[ "$rc" -eq 2 ] || fail "check with a Latin-1 file: exit $rc"
python3 - out.json report.xml <<'PY' || fail "JSON or JUnit invalid"
import json, sys, xml.etree.ElementTree as ET
with open(sys.argv[1], encoding="utf-8") as f:  # strict UTF-8
    results = json.load(f)
assert len(results) == 3, results
assert results[0].get("grade") == "N38AH", results[0]
assert "not UTF-8" in results[1]["error"], results[1]
with open(sys.argv[2], encoding="utf-8") as f:
    ET.fromstring(f.read())
PY
printf 'name: "N48\x1b[2J"\n' > escape.yaml
expect 2 'escape.yaml:1:11: error: the file holds the control character U\+001B' check escape.yaml
grep -q $'\x1b' err.txt && fail "an escape sequence reached the terminal"
expect 2 'unknown grade `N48\\x1b\[2J`' grades show $'N48\x1b[2J'
echo "ok: inputs"
