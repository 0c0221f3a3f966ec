#!/usr/bin/env bash
# What `make bench` needs beyond the build: the Redmine peer (Debian's packages, SQLite backend).
# Not part of `make test`: Redmine and its Ruby stack are large, and only the benchmarks use them.
set -euo pipefail
PACKAGES=(redmine redmine-sqlite python3)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-bench-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
