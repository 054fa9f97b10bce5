#!/usr/bin/env bash
# The systemd units of packaging/systemd/: `systemd-analyze verify` on each,
# with ExecStart pointing at the programs just built (verify wants an
# executable there; the units name /usr/bin/..., where the packages put them),
# and nothing printed: verify exits 0 on an unknown key, only warning about it.
# Then `systemd-analyze security --offline=true` rates the store's unit:
# its exposure is printed and must be 3.0 or less ("OK").
# Nothing is installed: the copies live in a temporary folder.
# Usage: systemd_units_test.sh SOURCE_DIR STORE_BIN KIOSK_BIN
set -euo pipefail
src="$1"; store_bin="$2"; kiosk_bin="$3"
command -v systemd-analyze >/dev/null || { echo "systemd-analyze is missing (scripts/deps.sh installs systemd)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail=0
for unit in "$src"/packaging/systemd/*.service; do
  name=$(basename "$unit")
  sed -e "s#/usr/bin/groupbuy-store#$store_bin#g" -e "s#/usr/bin/groupbuy-kiosk#$kiosk_bin#g" \
    "$unit" >"$tmp/$name"
  grep -q "^ExecStart=/usr/bin" "$tmp/$name" && { echo "$name: ExecStart not replaced"; fail=1; }
  out=$(cd "$tmp" && systemd-analyze verify "./$name" 2>&1) || { echo "$name: verify failed:"; echo "$out"; fail=1; continue; }
  if [ -n "$out" ]; then echo "$name: verify warned:"; echo "$out"; fail=1; continue; fi
  echo "$name: systemd-analyze verify: ok"
done

# Both units are there (a test of an empty folder would pass).
for name in groupbuy-store@.service groupbuy-kiosk.service; do
  [ -f "$tmp/$name" ] || { echo "$name: missing from packaging/systemd"; fail=1; }
done

# The kiosk's ExecStartPre, run as systemd would run it (its shell words),
# on a folder of our own: one error line naming the folder and the command
# while it is not provisioned, success once kiosk.json is there.
pre=$(sed -n 's/^ExecStartPre=//p' "$src/packaging/systemd/groupbuy-kiosk.service" |
  sed "s#/var/lib/groupbuy-kiosk#$tmp/kdir#g")
mkdir -p "$tmp/kdir"
if msg=$(eval "$pre" 2>&1); then
  echo "groupbuy-kiosk.service: ExecStartPre passed on an empty folder"; fail=1
elif ! echo "$msg" | grep -q "^<3>groupbuy-kiosk: $tmp/kdir is not provisioned: run groupbuy-provision enroll"; then
  echo "groupbuy-kiosk.service: ExecStartPre said: $msg"; fail=1
else
  echo "groupbuy-kiosk.service: ExecStartPre on an empty folder: $msg"
fi
echo '{}' >"$tmp/kdir/kiosk.json"
eval "$pre" || { echo "groupbuy-kiosk.service: ExecStartPre failed on a provisioned folder"; fail=1; }

for name in groupbuy-store@.service groupbuy-kiosk.service; do
  line=$(cd "$tmp" && systemd-analyze security --offline=true "./$name" 2>&1 | grep "Overall exposure level" || true)
  exposure=$(echo "$line" | sed -n 's/.*: \([0-9.]*\) .*/\1/p')
  [ -n "$exposure" ] || { echo "$name: no exposure level from systemd-analyze security"; fail=1; continue; }
  echo "$name: systemd-analyze security exposure $exposure (${line##*: })"
  if [ "$name" = groupbuy-store@.service ] && ! awk -v e="$exposure" 'BEGIN { exit !(e <= 3.0) }'; then
    echo "$name: exposure $exposure is above 3.0"; fail=1
  fi
done
exit $fail
