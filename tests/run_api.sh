#!/usr/bin/env bash
# Runs the black-box API suite against a fresh server on one store: `run_api.sh sqlite|postgres BIN`.
set -euo pipefail
store=$1 bin=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
tmp=$(mktemp -d)
chmod 755 "$tmp"
PG_STOP=()
cleanup() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ ${#PG_STOP[@]} -gt 0 ] && "${PG_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$store" = postgres ]; then
  mkdir -p "$tmp/pg"
  start_postgres "$tmp/pg"
  db=$PG_URL
else
  db="sqlite:$tmp/jiceng.db"
fi
key="$tmp/jiceng.key"

"$bin" migrate --db "$db" >/dev/null
"$bin" migrate --db "$db" | grep -q "applied 0" || { echo "migrate is not idempotent"; exit 1; }
"$bin" demo --db "$db" --key-file "$key" >/dev/null
start_server "$bin" "$db" "$key" "$here/../web/dist" "$tmp/server.log"

export JICENG_URL JICENG_BIN="$bin" JICENG_DB="$db" JICENG_KEY="$key" JICENG_STORE="$store"
status=0
node --test --test-reporter=spec "$here/api/" || status=$?

# Graceful shutdown: SIGTERM ends the server cleanly.
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || { echo "server did not exit cleanly on SIGTERM"; status=1; }
SERVER_PID=

if grep -q "unhandled error\|database error" "$tmp/server.log"; then
  echo "server log shows 5xx causes:"; grep "unhandled error\|database error" "$tmp/server.log" | head -20; status=1
fi

# The audit chain verifies, and a changed row is found and named.
"$bin" audit verify --db "$db" || { echo "audit verify failed on an untouched log"; status=1; }
if [ "$store" = postgres ]; then
  "${PG_PSQL[@]}" -c "UPDATE audit_log SET actor = 'mallory' WHERE id = 3"
else
  sqlite3 "$tmp/jiceng.db" "UPDATE audit_log SET actor = 'mallory' WHERE id = 3"
fi
if out=$("$bin" audit verify --db "$db" 2>&1); then
  echo "audit verify missed a tampered row"; status=1
else
  echo "$out" | grep -q "row 3" || { echo "audit verify did not name row 3: $out"; status=1; }
fi
exit $status
