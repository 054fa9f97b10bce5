#!/usr/bin/env bash
# make package's Debian packages, made from this build by CPack into a
# temporary folder and inspected, never installed: each has its files
# (dpkg-deb -c), Depends from shlibdeps (libc6 at least), the version of
# CMakeLists.txt's project(), maintainer scripts that make the users and
# /var/lib/groupbuy mode 0700, and lintian reports no error.
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
exit $fail
