"""Shared fixtures of the Python module's tests: the built CLI (for comparisons) and the source tree.

CTest (tests/python/CMakeLists.txt) sets PYTHONPATH to build/<preset>/python, MAGSEL_CLI to the
built program and MAGSEL_SOURCE_DIR; run by hand:
    PYTHONPATH=build/dev/python MAGSEL_CLI=build/dev/magsel /usr/bin/python3 -m pytest tests/python
"""
import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("MAGSEL_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def cli():
    """Run the built CLI; returns its parsed JSON (for --format json) and checks the exit code."""
    program = os.environ.get("MAGSEL_CLI", str(SOURCE_DIR / "build" / "dev" / "magsel"))
    if not os.path.exists(program):
        pytest.fail(f"the magsel program is not built: {program} (set MAGSEL_CLI)")

    def run(*args, expect_exit=0, parse=True):
        done = subprocess.run([program, *map(str, args)], capture_output=True, text=True, cwd=SOURCE_DIR)
        expected = expect_exit if isinstance(expect_exit, tuple) else (expect_exit,)
        assert done.returncode in expected, f"magsel {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr}"
        return json.loads(done.stdout) if parse else done

    return run
