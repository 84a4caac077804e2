#!/usr/bin/env bash
# Run the whole test suite: install what is missing, build, ctest.
# MAGSEL_PRESET selects the CMake preset (dev by default; CI uses ci: warnings are errors).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --preset "${MAGSEL_PRESET:-dev}"
