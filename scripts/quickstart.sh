#!/usr/bin/env bash
# Quick start: install what is missing, build magsel, run its main job on the built-in catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
echo
echo "\$ magsel match examples/ev-traction-ipm.yaml"
"build/${MAGSEL_PRESET:-dev}/magsel" match examples/ev-traction-ipm.yaml
