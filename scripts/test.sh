#!/usr/bin/env bash
# Run the whole test suite: install what is missing, configure, build, ctest.
# MAGSEL_PRESET selects the CMake preset (dev by default; CI uses ci: warnings are errors).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${MAGSEL_PRESET:-dev}
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset"
