#!/usr/bin/env bash
# magsel check --junit writes a well-formed JUnit XML report with one testsuite per design file
# and the failing check marked; a failed write leaves no file.
set -eu
magsel=$1; root=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
set +e
"$magsel" check "$root/examples/designs/ev-traction-n38ah.yaml" "$root/examples/designs/ev-traction-n42.yaml" \
  --junit "$dir/report.xml" > /dev/null
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "FAIL: exit $rc, expected 1 (one design fails)"; exit 1; }
python3 - "$dir/report.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = root.findall("testsuite")
assert root.tag == "testsuites", root.tag
assert len(suites) == 2, len(suites)
assert root.get("failures") == "1", root.get("failures")
failed = [c for s in suites for c in s.findall("testcase") if c.find("failure") is not None]
assert [c.get("name") for c in failed] == ["irreversible_loss"], [c.get("name") for c in failed]
assert failed[0].get("classname") == "N42"
print("ok: JUnit report with", sum(len(s) for s in suites), "testcases")
PY
ls -A "$dir" | grep -v '^report.xml$' && { echo "FAIL: temporary files left"; exit 1; }
exit 0
