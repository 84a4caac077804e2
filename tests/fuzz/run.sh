#!/usr/bin/env bash
# Build the fuzz targets with clang (ASan + UBSan + libFuzzer) and run each on a seed corpus from
# grades/, examples/ and tests/data/. A crash fails the run and leaves the input in
# build/fuzz/crashes/; make it a case in tests/data/bad/ (or a parser test).
#
#   tests/fuzz/run.sh            CI: a fixed seed and a fixed number of runs per target (about a
#                                minute each here), so a run is reproducible: the same inputs every time
#   tests/fuzz/run.sh SECONDS    exploring: a random seed, SECONDS per target
#   MAGSEL_FUZZ_TARGETS="prices" tests/fuzz/run.sh ...   only these targets
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_quantity fuzz_grade_file fuzz_requirement fuzz_fit_csv fuzz_prices fuzz_supply
work=build/fuzz/corpus
rm -rf "$work"; mkdir -p "$work"/{quantity,grade_file,requirement,fit_csv,prices,supply} build/fuzz/crashes
cp grades/*.yaml tests/data/bad/grades/*.yaml tests/data/bad/fuzz/* tests/data/good/*.yaml tests/data/good/measured/*.yaml \
   "$work/grade_file/"
cp examples/*.yaml examples/designs/*.yaml tests/data/bad/requirements/*.yaml "$work/requirement/"
cp grades/prices.yaml tests/data/good/economics-lists/prices-*.yaml tests/data/bad/prices/*.yaml "$work/prices/"
cp grades/supply.yaml tests/data/good/economics-lists/supply-*.yaml "$work/supply/"
cp tests/data/fit/*.csv tests/data/good/fit/*.csv tests/data/bad/fit/*.csv "$work/fit_csv/"
i=0
for q in "1.45 T" "14.5kG" "1592 kA/m" "20 kOe" "398 kJ/m^3" "50 MGOe" "150 degC" "150 °C" "302 degF" \
         "-0.12 %/K" "7.55 g/cm^3" "1.6 kg" "85 USD/kg" "1 %" "12 cm³" "1e400 T" ".nan T" "1 A*m^-1" \
         "4G^1111111111"; do  # the last one: a crash fuzzing found (int overflow in the power)
  printf '%s' "$q" > "$work/quantity/seed-$i"; i=$((i + 1))
done
declare -A runs=([quantity]=300000 [grade_file]=25000 [requirement]=100000 [fit_csv]=60000 [prices]=60000 [supply]=60000)
for target in ${MAGSEL_FUZZ_TARGETS:-quantity grade_file requirement fit_csv prices supply}; do
  if [ -n "$seconds" ]; then
    budget=(-max_total_time="$seconds"); echo "== fuzz_$target for ${seconds}s"
  else
    budget=(-seed=20261126 -runs="${runs[$target]}"); echo "== fuzz_$target: ${runs[$target]} runs, seed 20261126"
  fi
  build/fuzz/tests/fuzz/fuzz_$target "$work/$target" "${budget[@]}" -max_len=65536 \
    -artifact_prefix=build/fuzz/crashes/ -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY|Done" || true
  # A slow unit is flagged by wall time (10 s), which a loaded machine can reach on any input: it
  # is run again alone, and only one that is still slow (a real hang) fails the run.
  for slow in build/fuzz/crashes/slow-unit-*; do
    [ -e "$slow" ] || continue
    start=$(date +%s%N)
    build/fuzz/tests/fuzz/fuzz_$target "$slow" >/dev/null 2>&1 || true
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$ms" -gt 10000 ]; then echo "FAIL: fuzz_$target: $slow takes $ms ms alone (a hang)"; exit 1; fi
    echo "note: fuzz_$target flagged a slow unit that takes $ms ms alone (the machine was loaded); kept in build/fuzz/slow/"
    mkdir -p build/fuzz/slow && mv "$slow" build/fuzz/slow/
  done
  if ls build/fuzz/crashes/ 2>/dev/null | grep -q .; then
    echo "FAIL: fuzz_$target found a crash: $(ls build/fuzz/crashes/)"
    exit 1
  fi
done
echo "fuzzing: no crash found"
