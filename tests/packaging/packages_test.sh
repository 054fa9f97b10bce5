#!/usr/bin/env bash
# make package's Debian packages, made from this build by CPack into a
# temporary folder and inspected: each has its files (dpkg-deb -c), Depends
# from shlibdeps (libc6 at least), the version of CMakeLists.txt's
# project(), maintainer scripts that make the users and /var/lib/groupbuy
# mode 0700, and lintian reports no error. Then they are unpacked into a
# throwaway root (dpkg --root as root, else dpkg-deb -x), never into this
# machine: every file the install sections of docs/operations.md name is
# there with its owner and mode, the programs run, and each unit's
# ExecStart names a program the packages installed.
# Usage: packages_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"; src="$2"
for tool in cpack dpkg-deb lintian; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (scripts/deps.sh installs it)"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$(sed -n 's/^project(groupbuy VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || { echo "no version in CMakeLists.txt"; exit 1; }
(cd "$build" && cpack -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; exit 1; }

fail=0
expect() {  # expect DEB PATTERN WHAT
  if ! grep -q -- "$2" "$tmp/$1.contents"; then echo "$1: no $3 ($2)"; fail=1; fi
}
for pkg in groupbuy-store groupbuy-kiosk groupbuy-provision; do
  deb="$tmp/${pkg}_${version}_amd64.deb"
  [ -f "$deb" ] || { echo "$pkg: no $deb"; ls "$tmp"; fail=1; continue; }
  dpkg-deb -c "$deb" >"$tmp/$pkg.contents"
  dpkg-deb -f "$deb" >"$tmp/$pkg.control"
  echo "== $pkg $(dpkg-deb -f "$deb" Version): $(dpkg-deb -f "$deb" Depends)"
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || { echo "$pkg: version is not $version"; fail=1; }
  dpkg-deb -f "$deb" Depends | grep -q "libc6" || { echo "$pkg: Depends lacks libc6 (shlibdeps)"; fail=1; }
  expect "$pkg" "./usr/bin/$pkg\$" "program"
  expect "$pkg" "./usr/share/doc/$pkg/copyright" "copyright"
  expect "$pkg" "./usr/share/doc/$pkg/changelog.gz" "changelog"
done
# One lintian run for the three (its start-up is most of its time).
lint=$(lintian --no-tag-display-limit "$tmp"/*.deb 2>&1 || true)
for pkg in groupbuy-store groupbuy-kiosk groupbuy-provision; do
  errors=$(echo "$lint" | grep -c "^E: $pkg[: ]" || true)
  echo "$pkg: lintian: $errors error(s), $(echo "$lint" | grep -c "^W: $pkg[: ]" || true) warning(s)"
  [ "$errors" -eq 0 ] || fail=1
done
echo "$lint" | grep -E '^[EW]:' || true
expect groupbuy-store "./lib/systemd/system/groupbuy-store@.service" "store unit"
expect groupbuy-kiosk "./lib/systemd/system/groupbuy-kiosk.service" "kiosk unit"
expect groupbuy-kiosk "./lib/udev/rules.d/70-groupbuy.rules" "udev rules"
dpkg-deb -f "$tmp/groupbuy-store_${version}_amd64.deb" Depends | grep -q adduser ||
  { echo "groupbuy-store: Depends lacks adduser (its postinst uses it)"; fail=1; }

# The store's postinst makes the user and the folder with mode 0700.
dpkg-deb -e "$tmp/groupbuy-store_${version}_amd64.deb" "$tmp/store-control"
grep -q "adduser --system --group --home /var/lib/groupbuy" "$tmp/store-control/postinst" ||
  { echo "groupbuy-store: postinst makes no groupbuy user"; fail=1; }
grep -q "install -d -m 0700 -o groupbuy -g groupbuy /var/lib/groupbuy" "$tmp/store-control/postinst" ||
  { echo "groupbuy-store: postinst makes no /var/lib/groupbuy 0700"; fail=1; }
[ "$(stat -c %a "$tmp/store-control/postinst")" = 755 ] || { echo "postinst is not 0755"; fail=1; }
sh -n "$tmp/store-control/postinst" || { echo "groupbuy-store: postinst is not valid sh"; fail=1; }

# Into a throwaway root. Only dpkg's unpack step: configuring runs the
# postinst, which calls adduser inside the root (chroot), so it needs a
# whole Debian there; its text is checked above.
root="$tmp/root"
debs=("$tmp"/groupbuy-{store,kiosk,provision}_"${version}"_amd64.deb)
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
  touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
  # Depends name libraries this root lacks: they are the host's, checked by running the programs.
  dpkg --root="$root" --force-depends --unpack "${debs[@]}" >"$tmp/dpkg.log" 2>&1 ||
    { echo "dpkg --root --unpack failed:"; cat "$tmp/dpkg.log"; exit 1; }
  for pkg in groupbuy-store groupbuy-kiosk groupbuy-provision; do
    dpkg --root="$root" -s "$pkg" 2>/dev/null | grep -q "^Status: install ok unpacked" ||
      { echo "$pkg: not unpacked in the throwaway root"; fail=1; }
  done
  # Every file as its md5sums say.
  out=$(dpkg --root="$root" --verify 2>&1) || { echo "dpkg --verify: $out"; fail=1; }
  [ -z "$out" ] || { echo "dpkg --verify: $out"; fail=1; }
  echo "dpkg --root: 3 packages unpacked into a throwaway root; maintainer scripts not run (adduser needs a whole Debian root)"
else
  for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$root"; done
  echo "not root: dpkg --root cannot give files their owner, so the packages were extracted with dpkg-deb -x (owners not checked)"
fi
at() {  # at PATH MODE: PATH in the root with MODE, owned by root when dpkg installed it
  local f="$root$1"
  [ -e "$f" ] || { echo "$1: not installed by any package"; fail=1; return; }
  [ "$(stat -c %a "$f")" = "$2" ] || { echo "$1: mode $(stat -c %a "$f"), not $2"; fail=1; }
  if [ "$(id -u)" = 0 ] && [ "$(stat -c %U:%G "$f")" != root:root ]; then
    echo "$1: owned by $(stat -c %U:%G "$f")"; fail=1
  fi
}
# The files the install sections of docs/operations.md name.
named=$(awk '/^## Install on a store server/{on=1} /^## Backups/{on=0} on' "$src/docs/operations.md" |
  grep -o '`/\(usr\|lib\)/[^` ]*`' | tr -d '`' | sort -u)
[ "$(echo "$named" | grep -c .)" -ge 5 ] || { echo "docs/operations.md names too few paths: $named"; fail=1; }
for path in $named; do
  case "$path" in
    /usr/bin) at "$path" 755 ;;
    /usr/bin/*) at "$path" 755 ;;
    *) at "$path" 644 ;;
  esac
done
echo "docs/operations.md's install paths in the root:" $named
for pkg in groupbuy-store groupbuy-kiosk groupbuy-provision; do
  at "/usr/bin/$pkg" 755
  "$root/usr/bin/$pkg" --help >/dev/null 2>&1 || { echo "/usr/bin/$pkg --help failed"; fail=1; }
done
# Each unit starts a program the packages installed (or the system's own).
for unit in "$root"/lib/systemd/system/groupbuy-*; do
  [ -e "$unit" ] || { echo "no unit in the root"; fail=1; break; }
  for prog in $(sed -n 's/^ExecStart\(Pre\|Post\)\?=[-@!+:]*\([^ ]*\).*/\2/p' "$unit"); do
    if [ -x "$root$prog" ]; then echo "$(basename "$unit"): $prog (installed)"
    elif [ -x "$prog" ] && [ "${prog#/usr/bin/groupbuy}" = "$prog" ]; then echo "$(basename "$unit"): $prog (the system's)"
    else echo "$(basename "$unit"): $prog is not installed"; fail=1
    fi
  done
done
exit $fail
