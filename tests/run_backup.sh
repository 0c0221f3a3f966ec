#!/usr/bin/env bash
# Online backup and restore: `jiceng backup` while the server takes sustained intake, then
# `jiceng restore` into a new database. Every appeal acknowledged before the backup began is in
# the restored one, complete; nothing is there that was never acknowledged; the restored database
# passes its checks. `run_backup.sh sqlite|postgres BIN`.
set -euo pipefail
store=$1 bin=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
setup_store "$store"
fail() { echo "backup test ($store): $*"; exit 1; }

if [ "$store" = postgres ]; then
  "${PG_PSQL[@]}" -c "CREATE DATABASE restored" >/dev/null
  target=${PG_URL%/*}/restored
  file="$tmp/jiceng.dump"
else
  target="sqlite:$tmp/restored.db"
  file="$tmp/jiceng.backup"
fi
acked="$tmp/acked.txt"
: >"$acked"
"$bin" migrate --db "$db" >/dev/null
"$bin" demo --db "$db" --key-file "$key" --members 2000 >/dev/null
serve() {  # DB
  start_server "$bin" "$1" "$key" /nonexistent "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
}

serve "$db"
node "$here/crash/load.mjs" "$JICENG_URL" "$acked" 8 4 &
load=$!
sleep 1.5
before=$(wc -l <"$acked")
"$bin" backup --db "$db" --key-file "$key" "$file" >/dev/null || fail "backup failed under load"
during=$(wc -l <"$acked")
wait "$load" || fail "the load client saw an unexpected answer"
total=$(wc -l <"$acked")
[ "$before" -gt 0 ] && [ "$total" -gt "$during" ] || fail "the load did not run on both sides of the backup ($before, $during, $total)"
"$bin" backup --db "$db" --key-file "$key" "$file" >/dev/null 2>&1 && fail "backup overwrote an existing file"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

"$bin" restore --db "$target" "$file" >/dev/null || fail "restore failed"
if [ "$store" = sqlite ]; then
  "$bin" restore --db "$target" "$file" >/dev/null 2>&1 && fail "restore overwrote a database without --replace"
fi
"$bin" check --db "$target" >/dev/null 2>&1 || fail "the restored database fails its check"
serve "$target"
present=$(node "$here/crash/verify.mjs" "$JICENG_URL" "$acked" 0 "$before") || fail "appeals acknowledged before the backup are missing"
cookie=$(curl -s -i -X POST "$JICENG_URL/api/v1/session" -d '{"username":"admin","password":"jiceng-demo"}' \
  | grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/')
received=$(curl -s -H "Cookie: $cookie" "$JICENG_URL/api/v1/appeals/figures?from=2020-01-01&to=2100-12-31" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["received"])')
[ "$received" = "$present" ] || fail "the restored database holds $received appeals, but $present were acknowledged"
echo "backup and restore ($store): backup taken under intake; $before acknowledged before it, $present in the restored copy, all complete, none unacknowledged ($total filed in all)"
