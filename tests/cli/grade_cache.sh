#!/usr/bin/env bash
# The cache of user grade files (issue 17), end to end: a cached run prints what a parsing run
# prints; a changed file is read again; damaged entries are rewritten; an unusable cache
# directory never fails a run and prints nothing; a bad file fails every run and is never
# cached; runs at once never see half an entry. XDG_CACHE_HOME is a temporary directory.
set -u
magsel=$1; root=$2
dir=$(mktemp -d)
trap 'chmod -R u+rwx "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAIL: $*"; exit 1; }
unset MAGSEL_NO_CACHE MAGSEL_GRADES
export XDG_CACHE_HOME=$dir/cache
req=$root/examples/ev-traction-ipm.yaml
run() {  # run NAME ARGS...: stdout to NAME.out, stderr to NAME.err, exit code to NAME.rc
  local name=$1; shift
  "$magsel" "$@" > "$name.out" 2> "$name.err"; echo $? > "$name.rc"
}
same() { cmp -s "$1.out" "$2.out" && cmp -s "$1.err" "$2.err" && cmp -s "$1.rc" "$2.rc" \
           || fail "$1 and $2 differ: $(diff "$1.out" "$2.out" | head -5) $(diff "$1.err" "$2.err" | head -5)"; }
entries() { find "$XDG_CACHE_HOME/magsel" -name 'grades-*.bin' 2>/dev/null | wc -l; }

# user grades: a built-in file under new names, and a grade that replaces the built-in N42
mkdir grades
sed -e 's/- name: /- name: MY-/' "$root/grades/sintered-ndfeb-high-coercivity.yaml" > grades/mine.yaml
sed -i -e '/aliases:/d' grades/mine.yaml
cp "$root/tests/data/good/override/user-n42.yaml" grades/
"$magsel" validate grades > /dev/null 2>&1 || fail "the test's grade directory is invalid"

# 1. cold, warm and no-cache runs print the same, byte for byte
MAGSEL_NO_CACHE=1 run nocache --grades grades match "$req" --format json
[ "$(entries)" -eq 0 ] || fail "MAGSEL_NO_CACHE=1 wrote a cache entry"
run cold --grades grades match "$req" --format json
[ "$(entries)" -eq 2 ] || fail "a cold run wrote $(entries) entries, expected 2"
run warm --grades grades match "$req" --format json
same nocache cold; same cold warm
grep -q "grade N42 replaces the built-in grade" warm.err || fail "the notice is lost on a cached run: $(cat warm.err)"
MAGSEL_NO_CACHE=1 run nocache-show --grades grades grades show MY-N38UH --at 150degC
run warm-show --grades grades grades show MY-N38UH --at 150degC
same nocache-show warm-show
[ "$(stat -c %a "$XDG_CACHE_HOME/magsel")" = 700 ] || fail "the cache directory is not private"

# 2. a warm run reads the entries and writes none: their mtimes (ns) stay
entry=$(find "$XDG_CACHE_HOME/magsel" -name 'grades-*.bin' | head -1)
before=$(stat -c %y "$entry")
sleep 0.05
run warm2 --grades grades match "$req" --format json
[ "$(stat -c %y "$entry")" = "$before" ] || fail "a warm run rewrote an entry"
same warm warm2

# 3. a changed file is read again
sed -i 's/min: 1.31 T/min: 1.27 T/' grades/user-n42.yaml
run changed --grades grades grades show N42 --format json
grep -q '1\.27' changed.out || fail "the changed N42 is not read again: $(head -c 400 changed.out)"
MAGSEL_NO_CACHE=1 run changed-nocache --grades grades grades show N42 --format json
same changed changed-nocache

# what the later runs must print: the grades as they are now, parsed
MAGSEL_NO_CACHE=1 run ref --grades grades match "$req" --format json

# 4. damaged entries: truncated, random, empty; each rewritten and the output unchanged
for damage in truncate random empty; do
  for e in "$XDG_CACHE_HOME"/magsel/grades-*.bin; do
    case $damage in
      truncate) head -c 100 "$e" > t && mv t "$e" ;;
      random) head -c "$(stat -c %s "$e")" /dev/urandom > t && mv t "$e" ;;
      empty) : > "$e" ;;
    esac
  done
  run "damaged-$damage" --grades grades match "$req" --format json
  same ref "damaged-$damage"
  [ -s "$(find "$XDG_CACHE_HOME/magsel" -name 'grades-*.bin' | head -1)" ] || fail "$damage: not rewritten"
  run "after-$damage" --grades grades match "$req" --format json
  same ref "after-$damage"
done

# 5. an unusable cache directory: the same output, nothing more on stderr, exit as before
printf x > a-file
XDG_CACHE_HOME=$dir/a-file run xdg-file --grades grades match "$req" --format json
same ref xdg-file
mkdir -p cache2; printf x > cache2/magsel
XDG_CACHE_HOME=$dir/cache2 run magsel-file --grades grades match "$req" --format json
same ref magsel-file
mkdir -p cache3/magsel; chmod 555 cache3/magsel
XDG_CACHE_HOME=$dir/cache3 run readonly --grades grades match "$req" --format json
same ref readonly
if [ "$(id -u)" -ne 0 ]; then
  [ -z "$(ls cache3/magsel)" ] || fail "an entry was written into a read-only directory"
fi
chmod 755 cache3/magsel
env -u XDG_CACHE_HOME -u HOME "$magsel" --grades grades match "$req" --format json > nohome.out 2> nohome.err \
  || [ $? -eq 1 ] || fail "no HOME: magsel failed: $(cat nohome.err)"
cmp -s nohome.out ref.out || fail "no HOME: another output"

# 6. a bad grade file: exit 2 with file:line:col on every run, never an entry
mkdir bad; cp "$root/tests/data/bad/grades/wrong-dimension.yaml" bad/
XDG_CACHE_HOME=$dir/cache-bad; export XDG_CACHE_HOME
for i in 1 2; do
  run "bad$i" --grades bad match "$req"
  [ "$(cat "bad$i.rc")" -eq 2 ] || fail "bad file run $i: exit $(cat "bad$i.rc")"
  grep -q "wrong-dimension.yaml:7:22: error: .*a mass" "bad$i.err" || fail "bad file run $i: $(cat "bad$i.err")"
done
[ "$(entries)" -eq 0 ] || fail "a bad grade file left a cache entry"
export XDG_CACHE_HOME=$dir/cache

# 7. runs at once, cold: each complete, each the same
rm -rf "$XDG_CACHE_HOME"
for i in 1 2 3 4; do run "par$i" --grades grades match "$req" --format json & done
wait
for i in 1 2 3 4; do same ref "par$i"; done
run after-par --grades grades match "$req" --format json
same ref after-par
leftovers=$(find "$XDG_CACHE_HOME/magsel" -type f ! -name 'grades-*.bin' | wc -l)
[ "$leftovers" -eq 0 ] || fail "temporary files left in the cache: $(ls -a "$XDG_CACHE_HOME/magsel")"
echo "grade cache ok"
