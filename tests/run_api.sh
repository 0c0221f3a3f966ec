#!/usr/bin/env bash
# Runs the black-box API suite against a fresh server on one store: `run_api.sh sqlite|postgres BIN`.
set -euo pipefail
store=$1 bin=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
setup_store "$store"

"$bin" migrate --db "$db" >/dev/null
"$bin" migrate --db "$db" | grep -q "applied 0" || { echo "migrate is not idempotent"; exit 1; }
"$bin" demo --db "$db" --key-file "$key" >/dev/null
start_server "$bin" "$db" "$key" "$here/../web/dist" "$tmp/server.log" --test-clock --sweep-seconds 0 --deliver-seconds 0 --media "$tmp/media" $NO_LIMITS

export JICENG_URL JICENG_BIN="$bin" JICENG_DB="$db" JICENG_KEY="$key" JICENG_STORE="$store" JICENG_SERVER_LOG="$tmp/server.log"
status=0
node --test --test-concurrency=1 --test-reporter=spec "$here/api/" || status=$?

# The incrementally kept rollups equal a rebuild from the appeals themselves.
admin_cookie=$(curl -s -i -X POST "$JICENG_URL/api/v1/session" -d '{"username":"admin","password":"jiceng-demo"}' \
  | grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/')
figures() { curl -s -H "Cookie: $admin_cookie" "$JICENG_URL/api/v1/appeals/figures?from=2020-01-01&to=2100-12-31${1:-}"; }
kept=$(figures); kept_street=$(figures "&area_id=2")
"$bin" rollup --db "$db" --key-file "$key" >/dev/null
[ "$kept" = "$(figures)" ] && [ "$kept_street" = "$(figures "&area_id=2")" ] \
  || { echo "rollups kept by each change differ from a rebuild:"; echo "$kept"; figures; status=1; }
echo "$kept" | grep -q '"received":[1-9]' || { echo "figures are empty: $kept"; status=1; }

# The command line: export, import with --dry-run, accounts.
cli() { "$bin" "$@" --db "$db" --key-file "$key"; }
cli export members "$tmp/members.csv" >/dev/null
head -c 200 "$tmp/members.csv" | grep -q "姓名,性别,民族" || { echo "CLI export lacks the Chinese header"; status=1; }
printf '姓名,身份证号,所在党组织\n命令行,110105194912310021,不存在的支部\n' >"$tmp/bad.csv"
if out=$(cli import members "$tmp/bad.csv" --dry-run); then
  echo "CLI import accepted a bad file"; status=1
else
  echo "$out" | grep -q '"row":2' || { echo "CLI import did not name the bad row: $out"; status=1; }
fi
cli user add cli-admin --password 'Cli-passw0rd' --role org_dept --scope 1 >/dev/null
login() { curl -s -o /dev/null -w '%{http_code}' -X POST "$JICENG_URL/api/v1/session" -d "{\"username\":\"cli-admin\",\"password\":\"$1\"}"; }
[ "$(login Cli-passw0rd)" = 200 ] || { echo "account made by 'jiceng user add' cannot log in"; status=1; }
cli user passwd cli-admin --password 'Cli-passw0rd2' >/dev/null
[ "$(login Cli-passw0rd)" = 401 ] && [ "$(login Cli-passw0rd2)" = 200 ] || { echo "'jiceng user passwd' did not take"; status=1; }
cli user disable cli-admin >/dev/null
[ "$(login Cli-passw0rd2)" = 401 ] || { echo "a disabled account can still log in"; status=1; }

# A second server configured from a file answers on the port the file names.
cport=$(free_port)
printf '# jiceng settings\nlisten = "127.0.0.1:%s"\ndb = "%s"\nkey-file = %s\n' "$cport" "$db" "$key" >"$tmp/jiceng.toml"
"$bin" serve --config "$tmp/jiceng.toml" --web "$here/../web/dist" >"$tmp/config-server.log" 2>&1 &
cpid=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$cport/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$cport/healthz" >/dev/null || { echo "server from --config did not answer"; cat "$tmp/config-server.log"; status=1; }
kill -TERM "$cpid"; wait "$cpid" || true

# Graceful shutdown: SIGTERM while a long export is in flight; the export still arrives whole.
cookie=$(curl -s -i -X POST "$JICENG_URL/api/v1/session" -d '{"username":"admin","password":"jiceng-demo"}' \
  | grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/')
curl -s -o "$tmp/inflight.xlsx" -w '%{http_code}' -H "Cookie: $cookie" \
  "$JICENG_URL/api/v1/export/members?format=xlsx" >"$tmp/inflight.code" &
curl_pid=$!
sleep 0.15
kill -TERM "$SERVER_PID"
wait "$curl_pid" || true
[ "$(cat "$tmp/inflight.code")" = 200 ] && [ "$(head -c 2 "$tmp/inflight.xlsx")" = PK ] \
  || { echo "request in flight at SIGTERM was dropped ($(cat "$tmp/inflight.code"))"; status=1; }
wait "$SERVER_PID" || { echo "server did not exit cleanly on SIGTERM"; status=1; }
SERVER_PID=

if grep -q "AddressSanitizer\|runtime error:" "$tmp/server.log"; then
  echo "the sanitizers reported:"; grep -A12 "AddressSanitizer\|runtime error:" "$tmp/server.log" | head -40; status=1
fi
if grep -q "unhandled error\|database error" "$tmp/server.log"; then
  echo "server log shows 5xx causes:"; grep "unhandled error\|database error" "$tmp/server.log" | head -20; status=1
fi

# The audit chain verifies. Nobody can change a row through the database (a trigger refuses);
# someone who bypasses that with the file or the owner's rights is caught by the chain.
"$bin" audit verify --db "$db" || { echo "audit verify failed on an untouched log"; status=1; }
if [ "$store" = postgres ]; then
  sql() { "${PG_PSQL[@]}" -v ON_ERROR_STOP=1 -c "$1" >/dev/null 2>&1; }
  bypass="ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"
else
  sql() { sqlite3 "$tmp/jiceng.db" "$1" >/dev/null 2>&1; }
  bypass="DROP TRIGGER audit_log_no_update"
fi
sql "UPDATE audit_log SET actor = 'mallory' WHERE id = 3" && { echo "an audit row could be updated"; status=1; }
sql "DELETE FROM audit_log WHERE id = 3" && { echo "an audit row could be deleted"; status=1; }
sql "$bypass" && sql "UPDATE audit_log SET actor = 'mallory' WHERE id = 3" || { echo "could not tamper even with the trigger bypassed"; status=1; }
if out=$("$bin" audit verify --db "$db" 2>&1); then
  echo "audit verify missed a tampered row"; status=1
else
  echo "$out" | grep -q "row 3" || { echo "audit verify did not name row 3: $out"; status=1; }
fi
exit $status
