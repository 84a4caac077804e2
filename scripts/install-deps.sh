#!/usr/bin/env bash
# Install magsel's build and test dependencies from Debian 12 packages.
# Idempotent and quiet: installs only what is missing; needs root (or sudo) to install.
# usage: scripts/install-deps.sh [--fuzz]
set -euo pipefail

packages=(
  g++ cmake make                 # compiler and build
  libeigen3-dev                  # Eigen 3.4: least-squares fits
  libboost-dev                   # Boost 1.74: Boost.Units (header-only)
  libyaml-cpp-dev                # yaml-cpp 0.7: grade and requirement files
  catch2                         # Catch2 v2: unit tests
  libcli11-dev                   # CLI11: command line
  libfmt-dev                     # fmt: formatting
  nlohmann-json3-dev             # JSON output
  python3                        # benchmark and helper scripts
  librsvg2-bin                   # rsvg-convert: the plot test renders the SVG
  python3-jsonschema python3-yaml  # the examples are checked against docs/schema
  python3-numpy                  # tests/bench/reference_numpy.py, the NumPy reference benchmark
  chromium                       # headless browser: the design-review page test (tests/cli/report_renders.sh)
  # the Python module (python/, docs/python.md): pybind11 and Python's headers to build it against
  # Debian's /usr/bin/python3; pytest runs tests/python/, matplotlib draws the trade-study
  # example's chart; pandas gives the optional to_dataframe() helpers
  pybind11-dev python3-dev python3-pytest python3-matplotlib python3-pandas
)

# `--fuzz` adds clang and its sanitizer/libFuzzer runtimes for tests/fuzz/run.sh
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "magsel: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
