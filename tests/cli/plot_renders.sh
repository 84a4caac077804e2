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
echo "ok: rendered $size bytes"
