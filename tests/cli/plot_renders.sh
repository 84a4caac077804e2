#!/usr/bin/env bash
# magsel plot writes an SVG that a renderer draws: run it, render with rsvg-convert, check the
# picture is not empty and the SVG carries what the chart must show.
set -eu
magsel=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# check_chart NAME PART... : NAME.svg holds every PART, renders to a PNG of > 20 kB, and no
# temporary file is left beside it; prints the PNG's size
check_chart() {
  local name=$1
  shift
  for part in "$@"; do
    grep -qF "$part" "$dir/$name.svg" || { echo "FAIL: $name.svg lacks '$part'"; exit 1; }
  done
  rsvg-convert "$dir/$name.svg" -o "$dir/$name.png"
  local size
  size=$(stat -c %s "$dir/$name.png")
  [ "$size" -gt 20000 ] || { echo "FAIL: the rendered $name.png has only $size bytes"; exit 1; }
  if ls -A "$dir" | grep -q '^\.'; then echo "FAIL: a temporary file was left behind"; exit 1; fi
  echo "ok: $name rendered, $size bytes"
}

"$magsel" plot N48SH --at 20degC --at 150degC --pc 2 --field 300kA/m -o "$dir/n48sh.svg"
check_chart n48sh 'B, 20 °C' 'J, 150 °C' 'load line Pc 2' 'knee Hk' 'working point' 'H [kA/m]' 'B, J [T]'

# the scatter chart of a match's candidates
"$magsel" plot --scatter "$(dirname "$0")/../../examples/industrial-ie5-motor.yaml" --x dy-tb -o "$dir/scatter.svg"
check_chart scatter 'Pareto front' 'on the front' 'other candidates' 'Dy + Tb [wt %]' \
  'Br at the worst temperature [T]' '(rank 1)'

# working points below B = 0 are drawn, and the failing ones (loss above 1 %) are marked
"$magsel" plot N48SH --at 20degC --at 150degC --at 180degC --pc 2 --field 600kA/m -o "$dir/n48sh-fail.svg"
check_chart n48sh-fail 'failing point, loss &gt; 1 %' 'working point, loss ≤ 1 %' 'FAILS the 1 % limit' 'stroke-linecap="round"'
