#!/usr/bin/env bash
# make demo: the main job on its embedded defaults.
# Today that is the voucher life: a kiosk key is made, a voucher is issued,
# verified, and a forged copy is refused; then it is printed on the virtual
# printer and the paper is scanned back. Everything lands in a
# fresh folder under build/demo that is printed at the end.
set -euo pipefail
BUILD=${1:-build/dev}
BIN="$BUILD/provisioning/groupbuy-provision"
OUT="$(dirname "$BUILD")/demo/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

step() { printf '\n== %s\n' "$*"; }

step "1/6 A kiosk signing key (the private key is mode 0600)"
"$BIN" keygen --out "$OUT/kiosk-keys"
ls -l "$OUT/kiosk-keys"

step "2/6 Issue a voucher: deal 42, serial 1, price 599.00"
TEXT=$("$BIN" voucher issue --key "$OUT/kiosk-keys/signing.key" --key-id 7 --deal 42 \
        --serial 1 --price 59900 --terms-hash 1f2e3d4c5b6a7988)
echo "$TEXT" | tee "$OUT/voucher.txt"
echo "(${#TEXT} characters: a version 6 QR code, 41 modules, in alphanumeric mode)"

step "3/6 Verify it with the public key alone"
"$BIN" voucher verify "$TEXT" --pub "$OUT/kiosk-keys/signing.pub"

step "4/6 A forged copy (one character changed) is refused"
FORGED="${TEXT:0:40}$([ "${TEXT:40:1}" = "A" ] && echo B || echo A)${TEXT:41}"
if "$BIN" voucher verify "$FORGED" --pub "$OUT/kiosk-keys/signing.pub"; then
  echo "demo: the forged voucher was accepted, which must never happen" >&2
  exit 1
fi

step "5/6 The same check with nothing but the OpenSSL command line"
"$BIN" voucher inspect "$TEXT" --body-out "$OUT/body.bin" --sig-out "$OUT/sig.bin" >/dev/null
openssl pkeyutl -verify -pubin -inkey "$OUT/kiosk-keys/signing.pub" -rawin \
  -in "$OUT/body.bin" -sigfile "$OUT/sig.bin"

step "6/6 Print it on the virtual printer (58 mm) and scan the paper back"
"$BIN" printer test --printer "png:$OUT/printer" --profile generic-58mm --text "$TEXT"
SCANNED=$(zbarimg --raw -q --nodbus "$OUT/printer/0001.png")
if [ "$SCANNED" = "$TEXT" ]; then
  echo "zbar read the printed QR back: the exact voucher text"
else
  echo "demo: the printed QR did not scan back to the voucher" >&2
  exit 1
fi

printf '\nDemo output is in %s (the printed page: %s)\n' "$OUT" "$OUT/printer/0001.png"
