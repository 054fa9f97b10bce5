#!/usr/bin/env bash
# make demo: the main job on its embedded defaults.
# Today that is the voucher life: a kiosk key is made, a voucher is issued,
# verified, and a forged copy is refused; then it is printed on the virtual
# printer and the paper is scanned back. Then the touchscreen kiosk runs a
# scripted shopper journey headless: two shoppers join a deal that needs two,
# so it unlocks; then a staff member signs in on the PIN pad (a long press
# on the staff corner), redeems the first voucher (VALID, a slip prints) and
# scans it again (ALREADY_REDEEMED); screenshots and printed receipts are
# kept. Then the whole chain on this machine: a head office with a chain-wide
# deal, a store that reports to it, two kiosks enrolled with one-time codes;
# a shopper at each kiosk unlocks the deal, staff redeem the second voucher,
# and the head office's tallies and CSV report show it. The kiosks open
# windows when there is a display, else they run headless (GB_DEMO_HEADLESS=1
# forces that). Everything lands in a fresh folder under build/demo that is
# printed at the end, with the dashboard's address.
set -euo pipefail
BUILD=${1:-build/dev}
BIN="$BUILD/provisioning/groupbuy-provision"
OUT="$(dirname "$BUILD")/demo/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "demo: $*" >&2; exit 1; }

# The chain's servers run in the background; whatever happens, they stop.
SERVER_PIDS=()
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

step "1/14 A kiosk signing key (the private key is mode 0600)"
"$BIN" keygen --out "$OUT/kiosk-keys"
ls -l "$OUT/kiosk-keys"

step "2/14 Issue a voucher: deal 42, serial 1, price 599.00"
TEXT=$("$BIN" voucher issue --key "$OUT/kiosk-keys/signing.key" --key-id 7 --deal 42 \
        --serial 1 --price 59900 --terms-hash 1f2e3d4c5b6a7988)
echo "$TEXT" | tee "$OUT/voucher.txt"
echo "(${#TEXT} characters: a version 6 QR code, 41 modules, in alphanumeric mode)"

step "3/14 Verify it with the public key alone"
"$BIN" voucher verify "$TEXT" --pub "$OUT/kiosk-keys/signing.pub"

step "4/14 A forged copy (one character changed) is refused"
FORGED="${TEXT:0:40}$([ "${TEXT:40:1}" = "A" ] && echo B || echo A)${TEXT:41}"
if "$BIN" voucher verify "$FORGED" --pub "$OUT/kiosk-keys/signing.pub"; then
  echo "demo: the forged voucher was accepted, which must never happen" >&2
  exit 1
fi

step "5/14 The same check with nothing but the OpenSSL command line"
"$BIN" voucher inspect "$TEXT" --body-out "$OUT/body.bin" --sig-out "$OUT/sig.bin" >/dev/null
openssl pkeyutl -verify -pubin -inkey "$OUT/kiosk-keys/signing.pub" -rawin \
  -in "$OUT/body.bin" -sigfile "$OUT/sig.bin"

step "6/14 Print it on the virtual printer (58 mm) and scan the paper back"
"$BIN" printer test --printer "png:$OUT/printer" --profile generic-58mm --text "$TEXT"
SCANNED=$(zbarimg --raw -q --nodbus "$OUT/printer/0001.png")
if [ "$SCANNED" = "$TEXT" ]; then
  echo "zbar read the printed QR back: the exact voucher text"
else
  echo "demo: the printed QR did not scan back to the voucher" >&2
  exit 1
fi

step "7/14 The kiosk, headless: two shoppers join a deal that needs two"
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

step "8/14 Staff redeem the first voucher at the kiosk, then scan it again"
# The PIN goes in on stdin, never on the command line.
echo 246810 | "$BIN" staff add --dir "$KDIR" --name "Demo Staff"
VOUCHER1=$(zbarimg --raw -q --nodbus "$KDIR/printer/0001.png")
cat > "$OUT/staff.txt" <<SCRIPT
# A long press (2 s) on the staff corner opens the PIN pad.
press #staff 2000
expect #screen-pin
type 135790
tap #pin-enter
expect #pin-error Wrong PIN
shot 09-pin-wrong
type 246810
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

# ---- The chain: head office, a store, two kiosks ---------------------------
STORE_BIN="$BUILD/sync/server/groupbuy-store"
CHAIN="$OUT/chain"
HDIR="$CHAIN/hq"
SDIR="$CHAIN/store"
K1="$CHAIN/kiosk-1"
K2="$CHAIN/kiosk-2"
mkdir -p "$CHAIN"
# The kiosks open windows when there is a display; headless otherwise.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${GB_DEMO_HEADLESS:-}" ]; then
  KIOSK_VIEW=(--size 720x1280)
else
  KIOSK_VIEW=(--headless)
fi

# free_port PORT [NOT]: PORT, or the next one up that nothing listens on (and
# that is not NOT). Fixed ports keep the dashboard's address the same when the
# head office is started again after the demo.
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || [ "$p" = "${2:-}" ]; do
    p=$((p + 1))
  done
  echo "$p"
}
HQ_PORT=$(free_port 18443)
STORE_PORT=$(free_port 18444 "$HQ_PORT")

# start_server NAME DIR: runs groupbuy-store on DIR in the background and
# waits until it says "listening on".
start_server() {
  local log="$CHAIN/$1.log" line=""
  "$STORE_BIN" --dir "$2" >"$log" 2>&1 &
  SERVER_PIDS+=("$!")
  for _ in $(seq 100); do
    line=$(grep -m1 -o 'listening on https://[0-9.]*:[0-9]*' "$log" || true)
    [ -n "$line" ] && break
    kill -0 "${SERVER_PIDS[-1]}" 2>/dev/null || { cat "$log" >&2; fail "$1 did not start"; }
    sleep 0.1
  done
  [ -n "$line" ] || { cat "$log" >&2; fail "$1 did not say where it listens within 10 s"; }
  grep -v '^$' "$log"
}

# api DIR PORT PATH: an admin GET. The token goes to curl on stdin, never on
# a command line; the certificate is self-signed and curl trusts exactly it.
api() {
  printf 'header = "Authorization: Bearer %s"\n' "$(cat "$1/admin.token")" |
    curl -sS --fail --max-time 5 --cacert "$1/tls.crt" --config - "https://127.0.0.1:$2$3"
}

# enrol KDIR NAME: a one-time code from the store, used by the new kiosk (the
# code is a credential until used: it goes in on stdin and is not shown whole).
enrol() {
  local code
  code=$("$BIN" enroll-code --dir "$SDIR" --ttl 5m | tail -n 1)
  echo "one-time code ${code:0:5}... (${#code} characters; for the installer's eyes only)"
  echo "$code" | "$BIN" enroll --kiosk-dir "$1" --code - --name "$2" --country DE
}

# kiosk KDIR SCRIPT SHOTS: a scripted kiosk run (a window that cannot open
# falls back to headless).
kiosk() {
  local rc=0
  SDL_RENDER_DRIVER=software "$KIOSK" --dir "$1" "${KIOSK_VIEW[@]}" --script "$2" \
    --screenshots "$3" || rc=$?
  if [ "$rc" -eq 2 ] && [ "${KIOSK_VIEW[0]}" != --headless ]; then
    echo "(no window could open: running headless)"
    KIOSK_VIEW=(--headless)
    kiosk "$@"
    return
  fi
  [ "$rc" -eq 0 ] || fail "the kiosk script $2 failed (exit $rc)"
}

redact() { sed 's/^\(admin token.*\): .*/\1/'; }

step "9/14 Head office: a chain-wide deal in three languages that needs two shoppers"
"$BIN" init-hq --dir "$HDIR" --name "Nordlys Home" --listen "127.0.0.1:$HQ_PORT" | redact
cat > "$CHAIN/chain-deal.json" <<'JSON'
{"deals": [{"id": 21, "scope": "chain",
  "title": {"en": "Dining table Tromsø", "ru": "Обеденный стол «Тромсё»", "zh": "特罗姆瑟餐桌"},
  "description": {"en": "Solid ash, seats six.", "ru": "Массив ясеня, на шестерых.",
                  "zh": "实心白蜡木，可坐六人。"},
  "currency": "EUR", "regular_price": 49900,
  "tiers": [{"participants": 2, "price": 39900}, {"participants": 6, "price": 34900}],
  "opens_at": "-1h", "stop_at": "+3d", "deadline": "+3d", "redeem_by": "+30d",
  "fee_bp": 200}]}
JSON
"$BIN" catalog import --dir "$HDIR" "$CHAIN/chain-deal.json"
start_server head-office "$HDIR"

step "10/14 A store that reports to the head office, with a staff PIN for its kiosks"
"$BIN" init-store --dir "$SDIR" --name "Nordlys Home Altona" --listen "127.0.0.1:$STORE_PORT" | redact
"$BIN" link-store --hq-dir "$HDIR" --store-dir "$SDIR" --address "127.0.0.1:$HQ_PORT"
# The PIN goes in on stdin; kiosks get its hash at their next sync.
echo 135790 | "$BIN" staff add --dir "$SDIR" --name "Store Staff"
start_server store "$SDIR"
for _ in $(seq 100); do
  api "$SDIR" "$STORE_PORT" /v1/tallies 2>/dev/null | jq -e '.deals[] | select(.id == 21)' \
    >/dev/null && break
  sleep 0.1
done
api "$SDIR" "$STORE_PORT" /v1/tallies | jq -e '.deals[] | select(.id == 21)' >/dev/null ||
  fail "the store did not receive the chain-wide deal 21 from the head office within 10 s"
echo "the store has the chain-wide deal 21 from the head office"

step "11/14 Two kiosks enrol over the network with one-time codes"
enrol "$K1" "by the door"
enrol "$K2" "by the tables"

step "12/14 Kiosk 1: the first shopper joins the chain deal"
cat > "$CHAIN/kiosk-1.txt" <<'SCRIPT'
await #deal-21 0 of 2 joined
shot 01-wall
tap #deal-21
shot 02-deal
tap #join
type 015111122233
tap #consent
tap #confirm
expect #done-title You are #1.
expect #done-detail We need 1 more
shot 03-done
tap #done
SCRIPT
# On exit the kiosk waits until the store has acknowledged its sign-up.
kiosk "$K1" "$CHAIN/kiosk-1.txt" "$CHAIN/screens-1"
AT_STORE=$(api "$SDIR" "$STORE_PORT" /v1/tallies | jq '.deals[] | select(.id == 21) | .committed')
[ "$AT_STORE" = 1 ] || fail "kiosk 1 exited but the store has $AT_STORE sign-ups for deal 21, not 1"
echo "\"You are #1. We need 1 more\"; the kiosk exited once the store had the sign-up"

step "13/14 Kiosk 2: a second shopper joins in Chinese (the deal unlocks); staff redeem"
cat > "$CHAIN/kiosk-2.txt" <<'SCRIPT'
# Kiosk 1's sign-up reaches this kiosk through the store.
await #deal-21 1 of 2 joined
shot 01-wall-1-of-2
tap #lang-zh
tap #deal-21
tap #join
type 015144455566
tap #consent
tap #confirm
expect #done-title 您是第 2 位。
expect #done-detail 团购已成团
shot 02-done-zh
# Done: the wall keeps the shopper's language (Chinese), the deal unlocked.
tap #done
await #deal-21 已成团
shot 03-wall-unlocked
SCRIPT
kiosk "$K2" "$CHAIN/kiosk-2.txt" "$CHAIN/screens-2"
echo "kiosk 2 saw kiosk 1's sign-up (1 of 2), its shopper is #2: the deal unlocked"
VOUCHER2=$(zbarimg --raw -q --nodbus "$K2/printer/0001.png")
cat > "$CHAIN/kiosk-2-staff.txt" <<SCRIPT
# The store's staff PIN, synced to this kiosk; the till asks the store.
press #staff 2000
expect #screen-pin
type 135790
tap #pin-enter
expect #screen-redeem
scan $VOUCHER2
expect #redeem-verdict =VALID
shot 04-redeem-valid
tap #redeem-confirm
expect #redeem-result Redeemed
shot 05-redeemed
tap #staff-exit
expect #screen-wall
SCRIPT
kiosk "$K2" "$CHAIN/kiosk-2-staff.txt" "$CHAIN/screens-2"
echo "kiosk 2's voucher redeemed at the store (VALID, slip printed)"

step "14/14 Head office: the chain's tallies and the CSV report"
# The store reports its counts upward within a second or two. At head office
# a deal's participants are the chain's; redemptions are counted per store.
SUMMARY='"\(.participants) \(.state) \([.by_store[].redeemed] | add)"'
TALLY="null"
for _ in $(seq 50); do
  TALLY=$(api "$HDIR" "$HQ_PORT" /v1/tallies | jq -c '.deals[] | select(.id == 21)' || true)
  [ "$(jq -r "$SUMMARY" <<<"${TALLY:-null}")" = "2 unlocked 1" ] && break
  sleep 0.2
done
jq -r '"deal \(.id) \"\(.title)\": \(.participants) joined (\(.threshold) needed), \(.state), " +
       "price now \(.price / 100) \(.currency); by store: " +
       ([.by_store[] | "\(.name) \(.committed) joined, \(.redeemed) redeemed"] | join("; "))' \
  <<<"${TALLY:-null}" || true
case "$(jq -r "$SUMMARY" <<<"${TALLY:-null}")" in
  "2 unlocked 1") ;;
  "2 unlocked"*) fail "head office: deal 21 is unlocked with 2, but the redemption did not arrive" ;;
  *) fail "head office: deal 21 should show 2 participants and state unlocked, not: ${TALLY:-nothing}" ;;
esac
api "$HDIR" "$HQ_PORT" /v1/report.csv >"$CHAIN/report.csv"
echo "report.csv: $(($(wc -l <"$CHAIN/report.csv") - 1)) rows"
cat "$CHAIN/report.csv"
stop_servers
STOPPED=$(cat "$CHAIN/head-office.log" "$CHAIN/store.log" | grep -cx 'groupbuy-store: stopped' || true)
[ "$STOPPED" = 2 ] || fail "the head office and the store should both stop cleanly on SIGTERM"
echo "head office and store stopped cleanly (SIGTERM)"

printf '\nDemo output is in %s (the printed page: %s)\n' "$OUT" "$OUT/printer/0001.png"
printf 'Kiosk screenshots: %s (09..12: staff mode)\nKiosk receipts:    %s\n' "$OUT/screens" \
  "$KDIR/printer"
printf '\nThe chain (in %s):\n' "$CHAIN"
printf '  screenshots:   %s (kiosk 1), %s (kiosk 2; 04, 05: staff)\n' "$CHAIN/screens-1" \
  "$CHAIN/screens-2"
printf '  CSV report:    %s\n' "$CHAIN/report.csv"
printf '  dashboard:     https://127.0.0.1:%s/#token=<the token in %s>\n' "$HQ_PORT" \
  "$HDIR/admin.token"
printf '  Nothing is left running: the head office and the store were stopped. To see\n'
printf '  the dashboard again, start the head office (Ctrl-C stops it):\n'
printf '    %s --dir %s\n' "$STORE_BIN" "$HDIR"
printf '  and open the address this prints (the token stays out of this output; the\n'
printf '  certificate is self-signed, so the browser asks once):\n'
printf '    echo "https://127.0.0.1:%s/#token=$(cat %s)"\n' "$HQ_PORT" "$HDIR/admin.token"
