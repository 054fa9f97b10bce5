#!/usr/bin/env bash
# make demo: the main job on its embedded defaults.
# Today that is the voucher life: a kiosk key is made, a voucher is issued,
# verified, and a forged copy is refused; then it is printed on the virtual
# printer and the paper is scanned back. Then the touchscreen kiosk runs a
# scripted shopper journey headless: two shoppers join a deal that needs two,
# so it unlocks; then a staff member signs in on the PIN pad (a long press
# on the staff corner), redeems the first voucher (VALID, a slip prints) and
# scans it again (ALREADY_REDEEMED); screenshots and printed receipts are
# kept. Everything lands
# in a fresh folder under build/demo that is printed at the end.
set -euo pipefail
BUILD=${1:-build/dev}
BIN="$BUILD/provisioning/groupbuy-provision"
OUT="$(dirname "$BUILD")/demo/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

step() { printf '\n== %s\n' "$*"; }

step "1/8 A kiosk signing key (the private key is mode 0600)"
"$BIN" keygen --out "$OUT/kiosk-keys"
ls -l "$OUT/kiosk-keys"

step "2/8 Issue a voucher: deal 42, serial 1, price 599.00"
TEXT=$("$BIN" voucher issue --key "$OUT/kiosk-keys/signing.key" --key-id 7 --deal 42 \
        --serial 1 --price 59900 --terms-hash 1f2e3d4c5b6a7988)
echo "$TEXT" | tee "$OUT/voucher.txt"
echo "(${#TEXT} characters: a version 6 QR code, 41 modules, in alphanumeric mode)"

step "3/8 Verify it with the public key alone"
"$BIN" voucher verify "$TEXT" --pub "$OUT/kiosk-keys/signing.pub"

step "4/8 A forged copy (one character changed) is refused"
FORGED="${TEXT:0:40}$([ "${TEXT:40:1}" = "A" ] && echo B || echo A)${TEXT:41}"
if "$BIN" voucher verify "$FORGED" --pub "$OUT/kiosk-keys/signing.pub"; then
  echo "demo: the forged voucher was accepted, which must never happen" >&2
  exit 1
fi

step "5/8 The same check with nothing but the OpenSSL command line"
"$BIN" voucher inspect "$TEXT" --body-out "$OUT/body.bin" --sig-out "$OUT/sig.bin" >/dev/null
openssl pkeyutl -verify -pubin -inkey "$OUT/kiosk-keys/signing.pub" -rawin \
  -in "$OUT/body.bin" -sigfile "$OUT/sig.bin"

step "6/8 Print it on the virtual printer (58 mm) and scan the paper back"
"$BIN" printer test --printer "png:$OUT/printer" --profile generic-58mm --text "$TEXT"
SCANNED=$(zbarimg --raw -q --nodbus "$OUT/printer/0001.png")
if [ "$SCANNED" = "$TEXT" ]; then
  echo "zbar read the printed QR back: the exact voucher text"
else
  echo "demo: the printed QR did not scan back to the voucher" >&2
  exit 1
fi

step "7/8 The kiosk, headless: two shoppers join a deal that needs two"
KIOSK="$BUILD/kiosk/shell/groupbuy-kiosk"
KDIR="$OUT/kiosk"
"$BIN" init-kiosk --dir "$KDIR" --store-name "Demo Store" --country DE
"$BIN" catalog import --dir "$KDIR" docs/examples/catalog.json
cat > "$OUT/demo-deal.json" <<'JSON'
{"deals": [{"id": 7,
  "title": {"en": "Floor lamp Nordlys", "ru": "Торшер «Нордлюс»", "zh": "北极光落地灯"},
  "description": {"en": "Brass and linen, 160 cm.", "ru": "Латунь и лён, 160 см.",
                  "zh": "黄铜与亚麻，160 厘米。"},
  "currency": "EUR", "regular_price": 14900,
  "tiers": [{"participants": 2, "price": 9900}, {"participants": 4, "price": 8900}],
  "opens_at": "-1h", "stop_at": "+2d", "deadline": "+2d", "redeem_by": "+14d",
  "fee_bp": 200}]}
JSON
"$BIN" catalog import --dir "$KDIR" "$OUT/demo-deal.json"
cat > "$OUT/journey.txt" <<'SCRIPT'
# The first shopper, in English.
shot 01-wall
tap #deal-7
shot 02-deal
tap #join
type 015112345678
tap #name
type Anna
tap #consent
shot 03-join
tap #confirm
expect #done-title You are #1.
expect #done-detail We need 1 more
shot 04-done
tap #done
# The second shopper, in Russian: the deal unlocks.
tap #lang-ru
shot 05-wall-ru
tap #deal-7
tap #join
type 015198765432
tap #consent
tap #confirm
expect #done-title Вы №2.
expect #done-detail Сделка состоялась
shot 06-done-ru
# Someone walks away mid-way: the kiosk wipes the form after 60 s.
tap #done
tap #deal-1
tap #join
type 0170
wait 51000
shot 07-idle-countdown
wait 9500
expect #screen-wall
shot 08-wall-again
SCRIPT
SDL_RENDER_DRIVER=software "$KIOSK" --dir "$KDIR" --headless --script "$OUT/journey.txt" \
  --screenshots "$OUT/screens"

step "8/8 Staff redeem the first voucher at the kiosk, then scan it again"
# The PIN goes in on stdin, never on the command line.
echo 2468 | "$BIN" staff add --dir "$KDIR" --name "Demo Staff"
VOUCHER1=$(zbarimg --raw -q --nodbus "$KDIR/printer/0001.png")
cat > "$OUT/staff.txt" <<SCRIPT
# A long press (2 s) on the staff corner opens the PIN pad.
press #staff 2000
expect #screen-pin
type 1357
tap #pin-enter
expect #pin-error Wrong PIN
shot 09-pin-wrong
type 2468
tap #pin-enter
expect #screen-redeem
scan $VOUCHER1
expect #redeem-verdict =VALID
shot 10-redeem-valid
tap #redeem-confirm
expect #redeem-result Redeemed
shot 11-redeemed
scan $VOUCHER1
expect #redeem-verdict =ALREADY_REDEEMED
shot 12-already-redeemed
tap #staff-exit
expect #screen-wall
SCRIPT
SDL_RENDER_DRIVER=software "$KIOSK" --dir "$KDIR" --headless --script "$OUT/staff.txt" \
  --screenshots "$OUT/screens"
echo "redeemed once (VALID, slip printed), refused the second time (ALREADY_REDEEMED)"
echo "the journey ran; the receipts:"
ls "$KDIR/printer"/*.png
for receipt in "$KDIR/printer"/*.png; do
  # Vouchers carry a QR; the redemption slip has none.
  CODE=$(zbarimg --raw -q --nodbus "$receipt" || true)
  if [ -n "$CODE" ]; then
    echo "  $(basename "$receipt"): ${CODE:0:40}..."
  else
    echo "  $(basename "$receipt"): a slip (no QR)"
  fi
done

printf '\nDemo output is in %s (the printed page: %s)\n' "$OUT" "$OUT/printer/0001.png"
printf 'Kiosk screenshots: %s (09..12: staff mode)\nKiosk receipts:    %s\n' "$OUT/screens" \
  "$KDIR/printer"
