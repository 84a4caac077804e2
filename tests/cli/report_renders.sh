#!/usr/bin/env bash
# magsel report writes a design-review page that a real browser renders: headless Chromium loads
# it, the page's own script reports the size of each chart, the console shows no error, and
# screenshots at desktop and phone width (and a printed PDF) are kept in OUT_DIR for people to see.
# usage: report_renders.sh MAGSEL SOURCE_DIR OUT_DIR
set -eu
magsel=$1 src=$2 out=$3
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
command -v chromium >/dev/null || { echo "FAIL: chromium is not installed (scripts/install-deps.sh installs it)"; exit 1; }

page=$out/review.html
"$magsel" report "$src/examples/ev-traction-ipm.yaml" -o "$page"

# self-contained: no external script, stylesheet, font, image or frame
if grep -Eiq '<(script|img|iframe|link)[^>]+(src|href)=|@import|url\((https?:)?//' "$page"; then
  echo "FAIL: the page loads something from outside itself"; exit 1
fi
for part in 'Ranked candidates' 'HRE-free alternative' 'Supply scenario' 'Rejected grades' 'Sources' \
            'Cost of the front-runners' 'temperature margin' '<svg' '@media print' 'name="viewport"'; do
  grep -qF "$part" "$page" || { echo "FAIL: the page lacks '$part'"; exit 1; }
done

browser() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --virtual-time-budget=5000 "$@"
}
# the DOM after the load event, with the browser's console on stderr
browser --enable-logging=stderr --v=0 --dump-dom "file://$page" >"$out/dom.html" 2>"$out/console.log" || true
grep -q 'magsel-report-loaded charts=' "$out/console.log" || { echo "FAIL: the page's script did not run"; cat "$out/console.log"; exit 1; }
if grep 'CONSOLE' "$out/console.log" | grep -Eiv 'magsel-report-loaded' | grep -q .; then
  echo "FAIL: console messages:"; grep 'CONSOLE' "$out/console.log"; exit 1
fi
sizes=$(grep -o 'data-chart-sizes="[^"]*"' "$out/dom.html" | sed 's/.*="\(.*\)"/\1/')
count=0
for s in $sizes; do
  w=${s%x*} h=${s#*x}
  [ "$w" -gt 100 ] && [ "$h" -gt 100 ] || { echo "FAIL: a chart has size $s"; exit 1; }
  count=$((count + 1))
done
[ "$count" -ge 2 ] || { echo "FAIL: $count charts rendered (sizes: '$sizes')"; exit 1; }
echo "ok: $count charts rendered, sizes $sizes"

browser --window-size=1200,3000 --screenshot="$out/review.png" "file://$page" >/dev/null 2>&1
browser --window-size=390,3000 --screenshot="$out/review-phone.png" "file://$page" >/dev/null 2>&1
browser --print-to-pdf="$out/review.pdf" --no-pdf-header-footer "file://$page" >/dev/null 2>&1
for f in review.png review-phone.png review.pdf; do
  size=$(stat -c %s "$out/$f" 2>/dev/null || echo 0)
  [ "$size" -gt 20000 ] || { echo "FAIL: $f has $size bytes"; exit 1; }
done
echo "screenshot: $out/review.png (phone width: $out/review-phone.png, printed: $out/review.pdf)"
