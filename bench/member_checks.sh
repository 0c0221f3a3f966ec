#!/usr/bin/env bash
# The checks over a province's members (issue 16): people's daily data-quality check of every
# member's record (record_rules: items missing, the ID number against the birth date and gender,
# the age at joining, dates out of order) and relations' hourly checks (流而失管, 空挂 with dues,
# 失联, transfers unconfirmed), each one forced pass through the test route, then the county's and
# a branch's list of what they found. Prints figures; never fails on a number, but exits non-zero
# at the end when a line was not a measure (bench/lib.sh).
#   bash bench/member_checks.sh          (MEMBERS, ORGS, COUNTIES in the environment)
# The province is generated once into $BENCH_DIR (default /tmp/jiceng-bench) and reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"
gen="$root/build/jiceng-gen"
members=${MEMBERS:-2000000}
orgs=${ORGS:-100000}
counties=${COUNTIES:-100}
source "$root/tests/lib.sh"
source "$here/lib.sh"
dir=${BENCH_DIR:-/tmp/jiceng-bench}
mkdir -p "$dir"
db="$dir/checks-$orgs-$members.db"
key="$dir/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; bench_cleanup; }
trap cleanup EXIT

if [ ! -f "$db" ]; then
  echo "== generating the province: $counties counties, $orgs organisations, $members members"
  t0=$(date +%s)
  "$gen" --db "sqlite:$db" --key-file "$key" --counties "$counties" --orgs "$orgs" --members "$members" --appeals 0
  echo "generated in $(( $(date +%s) - t0 )) s"
fi
"$bin" migrate --db "sqlite:$db" >/dev/null
q() { sqlite3 "$db" "$1"; }
# A province generated before the generator made dues accounts, flows and transfers gets them now.
if [ "$(q 'SELECT COUNT(*) FROM dues_account')" = 0 ]; then
  "$gen" --db "sqlite:$db" --key-file "$key" --movement-only
  q 'ANALYZE;'
fi
# Each run starts from no findings and no gate: otherwise the daily gate skips the pass.
q "DELETE FROM member_problem; DELETE FROM sweep_gate; DELETE FROM relation_check;"
echo "== database: $(du -m "$db" | cut -f1) MB on SQLite; $(q 'SELECT COUNT(*) FROM member') members, $(q "SELECT COUNT(*) FROM party_org WHERE level = 'branch'") branches; $(q 'SELECT COUNT(*) FROM dues_account') dues accounts ($(q "SELECT COUNT(*) FROM dues_account WHERE next_due < '$(TZ=Asia/Shanghai date -d '-6 months' +%Y-%m)'") over six months behind), $(q "SELECT COUNT(*) FROM relation_flow WHERE state = 'active'") mobile members, $(q "SELECT COUNT(*) FROM relation_transfer WHERE state = 'pending'") transfers waiting"

start_server "$bin" "sqlite:$db" "$key" "$root/web/dist" "$dir/server.log" --sweep-seconds 0 --deliver-seconds 0 \
  --test-clock $NO_LIMITS
url=$JICENG_URL
bench_login admin "$url" admin

pass() {  # label, module, jq test on the counts: one forced pass of one module's sweep, timed
  local label=$1 module=$2 test=$3 rss
  if bench_check "$label" "a pass of $module" "$test" -X POST -H 'Content-Type: application/json' \
    -d "{\"module\":\"$module\"}" "$url/api/v1/_test/sweep"; then
    rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status") / 1024 ))
    printf "%-52s %9s ms  %s  (server RSS %s MB)\n" "$label" "$CHECK_MS" "$(jq -c . "$CHECK_BODY")" "$rss"
  fi
}
pass "data-quality check, $members members" people '.member_problems >= 0'
echo "members with findings: $(q 'SELECT COUNT(*) FROM member_problem'); by kind: $(q "SELECT group_concat(k || ' ' || n, ', ') FROM (SELECT substr(codes, instr(codes, ':') + 1, instr(substr(codes, instr(codes, ':')), ' ') - 2) AS k, COUNT(*) AS n FROM member_problem GROUP BY k)")"
pass "relations' checks, $members members" relations '.relations_found >= 0'
echo "relations' findings by check: $(q "SELECT group_concat(check_kind || ' ' || n, ', ') FROM (SELECT check_kind, COUNT(*) AS n FROM relation_check GROUP BY check_kind)")"

# The lists the office reads afterwards: the county's branches most affected, and its members.
county=$(q "SELECT id FROM area WHERE kind = 'county' ORDER BY id LIMIT 1")
for path in "/api/v1/member-problems/orgs" "/api/v1/member-problems/orgs?area_id=$county" \
  "/api/v1/member-problems?area_id=$county&limit=50" "/api/v1/relations/checks/summary"; do
  label="GET $path"
  bench_check "$label" "a list" 'type == "object"' -H "Cookie: $admin" "$url$path" &&
    printf "%-52s %9s ms\n" "GET $path" "$CHECK_MS"
done
bench_exit
