#!/usr/bin/env bash
# Install what is missing, configure and build magsel with a CMake preset (MAGSEL_PRESET, dev by default).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${MAGSEL_PRESET:-dev}
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
