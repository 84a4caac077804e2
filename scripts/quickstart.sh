#!/usr/bin/env bash
# Quick start: install what is missing, build magsel, run its main job on the built-in catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${MAGSEL_PRESET:-dev}
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
echo
echo "\$ magsel match examples/ev-traction-ipm.yaml"
"build/$preset/magsel" match examples/ev-traction-ipm.yaml
