#!/usr/bin/env bash
# make bench: runs every benchmark of the release build, each figure beside a
# limit or a peer measured in the same run.
set -euo pipefail
BUILD=${1:-build/release}
DIR="$BUILD/bench-data"
echo "make bench: $(nproc) cores, database files on $(df -h "$BUILD" | awk 'NR==2{print $1" ("$2")"}')"
"$BUILD/tests/bench/bench_foundation" "$DIR"

# The npm peer for the receipt benchmark, installed beside the build (not
# part of the product). Without node or the registry it is reported missing.
PEER="$BUILD/bench-peer"
VOUCHER=$("$BUILD/tests/bench/bench_receipts" --print-voucher)
export GB_PEER_JSON=""
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d "$PEER/node_modules/@point-of-sale/receipt-printer-encoder" ]; then
    echo "installing the npm peer (@point-of-sale/receipt-printer-encoder, qrcode) into $PEER ..."
    mkdir -p "$PEER"
    (cd "$PEER" && npm init -y >/dev/null 2>&1 &&
       npm install --no-audit --no-fund --loglevel=error \
         @point-of-sale/receipt-printer-encoder@4 qrcode@1 >/dev/null) ||
      echo "npm peer: install failed; its figures are left out"
  fi
  if [ -d "$PEER/node_modules/@point-of-sale/receipt-printer-encoder" ]; then
    cp scripts/bench_peer.mjs "$PEER/"
    GB_PEER_JSON=$(node "$PEER/bench_peer.mjs" $VOUCHER) || GB_PEER_JSON=""
  fi
else
  echo "npm peer: node is not installed; its figures are left out"
fi
"$BUILD/tests/bench/bench_receipts"
"$BUILD/tests/bench/bench_server" "$DIR"
"$BUILD/tests/bench/bench_stall" "$DIR"
"$BUILD/tests/bench/bench_live" "$DIR"
"$BUILD/tests/bench/bench_ui" "$DIR"
