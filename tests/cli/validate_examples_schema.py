#!/usr/bin/env python3
"""Every requirement and design file in examples/ validates against
docs/schema/requirement.schema.json (the schema editors use), and known-bad files do not."""
import json
import pathlib
import sys

import jsonschema
import yaml

root = pathlib.Path(sys.argv[1])
schema = json.loads((root / "docs/schema/requirement.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)

# YAML's own date/number typing is not magsel's: read scalars as YAML 1.2-ish via safe_load,
# which keeps "150 degC" a string and 2.0 a number, as magsel does.
files = sorted(root.glob("examples/*.yaml")) + sorted(root.glob("examples/designs/*.yaml"))
if len(files) < 8:
    print(f"FAIL: only {len(files)} example files")
    sys.exit(1)
failed = 0
for f in files:
    errors = sorted(validator.iter_errors(yaml.safe_load(f.read_text(encoding="utf-8"))), key=str)
    for e in errors:
        print(f"FAIL: {f.relative_to(root)}: {'/'.join(map(str, e.path))}: {e.message}")
    failed += bool(errors)
# the schema must reject what magsel rejects
bad = {"name": "x", "application": "pump", "temperature": {"min": "20 degC", "max": "150 degC"}}
if validator.is_valid(bad):
    print("FAIL: the schema accepts application: pump")
    failed += 1
typo = {"name": "x", "application": "motor", "temperature": {"min": "20 degC", "max": "150 degC"},
        "perfomance": {"min_remanence": "1.2 T"}}
if validator.is_valid(typo):
    print("FAIL: the schema accepts an unknown key")
    failed += 1
print(f"{len(files)} example files checked against the schema, {failed} failure(s)")
sys.exit(1 if failed else 0)
