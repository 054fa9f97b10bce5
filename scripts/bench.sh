#!/usr/bin/env bash
# make bench: runs every benchmark binary of the release build in turn.
set -euo pipefail
BUILD=${1:-build/release}
DIR="$BUILD/bench-data"
echo "make bench: $(nproc) cores, database files on $(df -h "$BUILD" | awk 'NR==2{print $1" ("$2")"}')"
"$BUILD/tests/bench/bench_foundation" "$DIR"
for extra in "$BUILD"/tests/bench/bench_*; do
  [ "$(basename "$extra")" = bench_foundation ] && continue
  [ -x "$extra" ] && "$extra" "$DIR"
done
