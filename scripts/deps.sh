#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the demo need.
# Idempotent and quiet when everything is present; needs root (or sudo) otherwise.
set -euo pipefail

# `deps.sh demo`: only what make demo needs (build the three programs and
# run scripts/demo.sh). Anything else (no argument, or `bench`): everything
# the tests need too.
DEMO_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  libssl-dev libsqlite3-dev sqlite3
  nlohmann-json3-dev libcli11-dev
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
  libusb-1.0-0-dev libqrencode-dev
  libsystemd-dev
  libboost-dev libboost-system-dev
  zbar-tools
  fonts-dejavu-core fonts-wqy-microhei fonts-noto-cjk openssl
  libhyphen-dev hyphen-ru hyphen-en-us
  curl jq
)
TEST_PACKAGES=(
  libgtest-dev libgmock-dev libbenchmark-dev
  umockdev libumockdev-dev
  libzbar-dev
  xvfb xdotool x11-apps xauth
  clang python3
  systemd lintian
  chromium
)
PACKAGES=("${DEMO_PACKAGES[@]}")
[ "${1:-}" = "demo" ] || PACKAGES+=("${TEST_PACKAGES[@]}")

# `deps.sh bench` adds what make bench needs for its npm peer.
if [ "${1:-}" = "bench" ] && ! command -v node >/dev/null; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
