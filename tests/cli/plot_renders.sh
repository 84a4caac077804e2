#!/usr/bin/env bash
# magsel plot writes an SVG that a renderer draws: run it, render with rsvg-convert, check the
# picture is not empty and the SVG carries what the chart must show.
set -eu
magsel=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$magsel" plot N48SH --at 20degC --at 150degC --pc 2 --field 300kA/m -o "$dir/n48sh.svg"
for part in 'B, 20 °C' 'J, 150 °C' 'load line Pc 2' 'knee Hk' 'working point' 'H [kA/m]' 'B, J [T]'; do
  grep -qF "$part" "$dir/n48sh.svg" || { echo "FAIL: the SVG lacks '$part'"; exit 1; }
done
rsvg-convert "$dir/n48sh.svg" -o "$dir/n48sh.png"
size=$(stat -c %s "$dir/n48sh.png")
[ "$size" -gt 20000 ] || { echo "FAIL: the rendered PNG has only $size bytes"; exit 1; }
ls -A "$dir" | grep -q '^\.' && { echo "FAIL: a temporary file was left behind"; exit 1; }
# the scatter chart of a match's candidates
"$magsel" plot --scatter "$(dirname "$0")/../../examples/industrial-ie5-motor.yaml" --x dy-tb -o "$dir/scatter.svg"
for part in 'Pareto front' 'on the front' 'other candidates' 'Dy + Tb [wt %]' 'Br at the worst temperature [T]' '(rank 1)'; do
  grep -qF "$part" "$dir/scatter.svg" || { echo "FAIL: the scatter SVG lacks '$part'"; exit 1; }
done
rsvg-convert "$dir/scatter.svg" -o "$dir/scatter.png"
scatter_size=$(stat -c %s "$dir/scatter.png")
[ "$scatter_size" -gt 20000 ] || { echo "FAIL: the rendered scatter PNG has only $scatter_size bytes"; exit 1; }
ls -A "$dir" | grep -q '^\.' && { echo "FAIL: a temporary file was left behind"; exit 1; }
echo "ok: rendered $size and $scatter_size bytes"
