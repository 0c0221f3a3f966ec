#!/usr/bin/env bash
# Browser tests in headless Chromium against a fresh server with the demo county: `run_e2e.sh BIN`.
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
tmp=$(mktemp -d)
cleanup() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
[ -f "$here/../web/dist/index.html" ] || { echo "web/dist is missing: run 'npm run build'"; exit 1; }
db="sqlite:$tmp/jiceng.db"
"$bin" demo --db "$db" --key-file "$tmp/jiceng.key" >/dev/null
start_server "$bin" "$db" "$tmp/jiceng.key" "$here/../web/dist" "$tmp/server.log" --test-clock --sweep-seconds 0 --deliver-seconds 0 --media "$tmp/media" $NO_LIMITS
export JICENG_URL
cd "$here/.."
node --test --test-concurrency=1 --test-reporter=spec ${E2E_FILES:-tests/e2e/}
