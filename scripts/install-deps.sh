#!/usr/bin/env bash
# Installs every Debian and npm package the build, the server and the tests need.
# Idempotent and quick when everything is present, so `make run` and `make test` call it each time.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql libsodium-dev libssl-dev
  libspdlog-dev libcli11-dev libxlsxwriter-dev libminizip-dev libqrencode-dev libgtest-dev
  nodejs npm chromium fonts-noto-cjk curl wrk python3
)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The front-end toolchain (Vite 6, package.json "engines") runs on Node.js 18, the one Debian 12
# ships: a machine without node gets Debian's nodejs and npm; a node already there (say a newer
# one) is kept.
if command -v node >/dev/null && command -v npm >/dev/null; then
  tmp=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || tmp+=("$p"); done
  missing=("${tmp[@]+"${tmp[@]}"}")
fi
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 18 ]; then
  echo "install-deps: Node.js $(node --version) is too old; the web build needs Node.js 18 or newer" >&2
  exit 1
fi

# npm packages come from the committed lock file only.
if [ -f package-lock.json ]; then
  stamp=node_modules/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
