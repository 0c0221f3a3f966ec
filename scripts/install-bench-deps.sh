#!/usr/bin/env bash
# What `make bench` needs beyond the build: wrk, jq (the bench scripts check answers with it), and the
# Redmine peer (Debian's packages, served by Passenger; bench/redmine.sh runs it on a throwaway
# PostgreSQL cluster, hence redmine-pgsql and postgresql, or on the package's SQLite database with
# REDMINE_DB=sqlite). Not part of `make test`: Redmine and its Ruby stack are large, and only the
# benchmarks use them. Idempotent; runs as root, or through sudo otherwise.
#
# Why BUNDLER_VERSION: Debian 12's ruby3.1 (3.1.7-1~deb12u1 and later) embeds upstream Bundler
# 2.3.27 as a default gem, newer than the ruby-bundler package (2.3.15), so `bundle` runs 2.3.27.
# Only ruby-bundler carries Debian's patch that accepts gems installed as Debian packages
# (specifications under /usr/share/rubygems-integration, code in vendor_ruby, no gem directory);
# 2.3.27 takes those gems for deleted ones (Gem::Specification#deleted_gem?), wants to reinstall
# them from .gem files, and redmine's postinst `bundle install --local` stops with
# Bundler::GemNotFound (rotp, request_store, mail, racc, …). Pinning Bundler to ruby-bundler's
# version for the package scripts fixes that; the Gemfile.lock they write says "BUNDLED WITH
# 2.3.15", so later `bundle exec` and Passenger pick the same Bundler by themselves.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
PACKAGES=(ruby-bundler redmine redmine-sqlite redmine-pgsql postgresql passenger python3 wrk curl jq)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
apt_install() { $SUDO env DEBIAN_FRONTEND=noninteractive ${BUNDLER_VERSION:+BUNDLER_VERSION=$BUNDLER_VERSION} \
  apt-get install -y -qq "$@"; }

missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "install-bench-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  installed ruby-bundler || apt_install ruby-bundler
fi

# The Bundler Debian patched: the version of ruby-bundler's gem specification.
spec=$(dpkg -L ruby-bundler | grep -m1 '/rubygems-integration/.*/specifications/bundler-.*\.gemspec$' || true)
BUNDLER_VERSION=$(basename "${spec:-}" .gemspec | sed -n 's/^bundler-//p')
[ -n "$BUNDLER_VERSION" ] || { echo "install-bench-deps: no Bundler gem specification in ruby-bundler"; exit 1; }

((${#missing[@]} == 0)) || apt_install "${missing[@]}"

# A redmine left half-configured by an earlier install (without the pin): finish it.
if ! installed redmine; then
  echo "install-bench-deps: configuring redmine with Bundler $BUNDLER_VERSION"
  $SUDO env DEBIAN_FRONTEND=noninteractive BUNDLER_VERSION="$BUNDLER_VERSION" dpkg --configure -a
fi
# redmine's trigger (any later ruby-* package install or upgrade) reruns the postinst, which deletes
# /var/lib/redmine/Gemfile.lock first and, failing as above, tolerates it and leaves no lock behind.
# Rerun the trigger with the pin to write it again.
if [ ! -f /var/lib/redmine/Gemfile.lock ]; then
  echo "install-bench-deps: rewriting /var/lib/redmine/Gemfile.lock with Bundler $BUNDLER_VERSION"
  $SUDO dpkg-trigger --no-await /usr/share/rubygems-integration
  $SUDO env DEBIAN_FRONTEND=noninteractive BUNDLER_VERSION="$BUNDLER_VERSION" dpkg --triggers-only redmine
fi
installed redmine && [ -f /var/lib/redmine/Gemfile.lock ] ||
  { echo "install-bench-deps: redmine is still not configured (dpkg -l redmine)"; exit 1; }
