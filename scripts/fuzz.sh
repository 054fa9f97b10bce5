#!/usr/bin/env bash
# make fuzz: runs every libFuzzer target of a build (tests/fuzz) for the same
# number of seconds, one after the other, and prints per target the
# executions, the coverage (cov: code edges, ft: features) and the crashes.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS_PER_TARGET
# Each target grows its corpus in BUILD/tests/fuzz/corpus/NAME (seeded from
# tests/fuzz/corpus/NAME), so later runs start where earlier ones stopped.
# A crash, leak, timeout or out-of-memory input is saved under
# BUILD/tests/fuzz/artifacts/NAME/, the run's log beside it; replay it with
# `BUILD/tests/fuzz/NAME_fuzz FILE` (docs/operations.md, "Fuzzing").
# Exits 1 if any target found something.
set -uo pipefail
BUILD=${1:-build/dev}
SECS=${2:-60}
DIR="$BUILD/tests/fuzz"
shopt -s nullglob
fuzzers=("$DIR"/*_fuzz)
if [ ${#fuzzers[@]} -eq 0 ]; then
  echo "make fuzz: no fuzzers in $DIR (clang++ missing? see tests/fuzz/CMakeLists.txt)" >&2
  exit 1
fi
echo "make fuzz: ${#fuzzers[@]} targets, ${SECS} s each"
printf '%-9s %5s %11s %7s %6s %6s %6s  %s\n' target secs executions exec/s cov ft corpus crashes
found=0
for bin in "${fuzzers[@]}"; do
  name=$(basename "$bin" _fuzz)
  corpus="$DIR/corpus/$name"
  artifacts="$DIR/artifacts/$name"
  log="$artifacts/last-run.log"
  mkdir -p "$corpus" "$artifacts"
  stamp="$artifacts/.started"
  touch "$stamp"  # tells this run's findings from older ones
  start=$(date +%s)
  "$bin" -max_total_time="$SECS" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
  rc=$?
  took=$(($(date +%s) - start))
  stat() { grep -o "stat::$1: *[0-9]*" "$log" | tail -1 | awk '{print $2}'; }
  last=$(grep -E '^#[0-9]+[[:space:]]' "$log" | grep 'cov:' | tail -1)
  field() { grep -o "$1: [0-9]*" <<<"$last" | awk '{print $2}'; }
  mapfile -t new < <(find "$artifacts" -maxdepth 1 -type f ! -name '*.log' ! -name .started \
                       -newer "$stamp" | sort)
  crashes=${#new[@]}
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes="exit $rc"; fi
  printf '%-9s %5s %11s %7s %6s %6s %6s  %s\n' "$name" "$took" "$(stat number_of_executed_units)" \
    "$(stat average_exec_per_sec)" "$(field cov)" "$(field ft)" "$(field corp)" "$crashes"
  if [ "$rc" -ne 0 ]; then
    found=1
    grep -m2 -E 'what\(\)|runtime error|Assertion|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)' \
      "$log" | sed 's/^/          /'
    for f in "${new[@]}"; do echo "          reproduce: $bin $f"; done
    echo "          log: $log"
  fi
done
exit $found
