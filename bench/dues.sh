#!/usr/bin/env bash
# Dues benchmark (issue 16): a county's monthly collection sheet (党费收缴登记表) for 30,000 members,
# with twelve months of dues each (the demo loader's generator), as JSON and XLSX; the county's
# totals from the tally (a dashboard read), a branch's sheet, and recording payments. Each line's
# first answer is checked against the database. Prints figures; never fails on one, but exits
# non-zero at the end when a line was not a measure (bench/lib.sh).
#   bash bench/dues.sh [MEMBERS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"  # JICENG_BIN: compare another build
members=${1:-30000}
source "$root/tests/lib.sh"
source "$here/lib.sh"
duration=${DURATION:-10s}
tmp=${BENCH_DIR:-$(mktemp -d)}
db="$tmp/dues-$members.db"
key="$tmp/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; bench_cleanup; }
trap cleanup EXIT

if [ ! -f "$db" ]; then
  echo "== generating: $members members with twelve months of dues (through the demo loader)"
  t0=$(date +%s)
  "$bin" demo --db "sqlite:$db" --key-file "$key" --members "$members" | tail -c 120
  sqlite3 "$db" 'ANALYZE;'
  echo "generated in $(( $(date +%s) - t0 )) s"
fi
q() { sqlite3 "$db" "$1"; }
month=$(TZ=Asia/Shanghai date +%Y-%m)
county_org=$(q "SELECT id FROM party_org WHERE parent_id IS NULL ORDER BY id LIMIT 1")
county_path=$(q "SELECT path FROM party_org WHERE id = $county_org")
in_county="org_path >= '$county_path' AND org_path < '${county_path%/}0'"
roll=$(q "SELECT COUNT(*) FROM member WHERE $in_county")
paid=$(q "SELECT COALESCE(SUM(paid_fen), 0) FROM dues_month WHERE month = '$month' AND $in_county")
collected=$(q "SELECT COALESCE(SUM(amount_fen), 0) FROM dues_payment WHERE paid_month = '$month' AND $in_county")
echo "== database: $(du -h "$db" | cut -f1), $roll members, $(q 'SELECT COUNT(*) FROM dues_payment') payments, $(q 'SELECT COUNT(*) FROM dues_month') settled member-months; $month: paid $paid fen for the month, $collected fen collected in it"
branch=$(q "SELECT org_id FROM member GROUP BY org_id ORDER BY COUNT(*) DESC LIMIT 1")
branch_roll=$(q "SELECT COUNT(*) FROM member WHERE org_id = $branch")
start_server "$bin" "sqlite:$db" "$key" "$root/web/dist" "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
url=$JICENG_URL
bench_login cookie "$url" admin
bench_lua "$tmp/plain.lua"
row() { printf "%-48s %10s %9s %9s %9s\n" "$@"; }
one() {  # label, what, test, path: the first request (cold), checked, before wrk times it warm
  bench_check "$1" "$2" "$3" -H "Cookie: $cookie" "$url$4" || return 1
  printf "%-48s first request %8s ms\n" "$1" "$CHECK_MS"
}
run() {  # label, path, duration, connections (a 30,000-row sheet takes seconds: wrk waits for it)
  bench_wrk "$1" "" -t2 -c"${4:-4}" -d"${3:-$duration}" --timeout 120s -s "$tmp/plain.lua" -H "Cookie: $cookie" "$url$2" ||
    return 0
  row "$1" "$W_RPS" "$W_P50" "$W_P95" "$W_P99"
}
echo "== wrk, 2 threads, 4 connections (same 2 cores as the server)"
row "" "req/s" "p50 ms" "p95 ms" "p99 ms"
path="/api/v1/dues/totals?org_id=$county_org&month=$month"
one "county totals (tally, dashboard read)" "the county's totals" \
  ".total.settled_fen == $paid and .total.collected_fen == $collected" "$path" && run "county totals" "$path"
path="/api/v1/dues/sheet?org_id=$branch&month=$month"
one "branch sheet ($branch_roll members, json)" "the branch's sheet" "(.rows | length) == $branch_roll" "$path" &&
  run "branch sheet (json)" "$path"
path="/api/v1/dues/sheet?org_id=$county_org&month=$month"
one "county sheet ($roll members, json)" "the county's sheet" \
  "(.rows | length) == $roll and .totals.paid_fen == $paid and .totals.collected_fen == $collected" "$path" &&
  run "county sheet (json)" "$path" 20s 2
path="/api/v1/dues/sheet?org_id=$county_org&month=$month&format=xlsx"
bench_check "county sheet (xlsx)" "a spreadsheet" \
  "content-type:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -H "Cookie: $cookie" "$url$path" &&
  printf "%-48s first request %8s ms, %s KB\n" "county sheet ($roll members, xlsx)" "$CHECK_MS" \
    "$(( $(stat -c %s "$CHECK_BODY") / 1024 ))" && run "county sheet (xlsx)" "$path" 20s 2
path="/api/v1/dues/arrears?org_id=$county_org&min_months=6"
lapse=$(q "SELECT COUNT(*) FROM dues_account WHERE next_due <= '$(TZ=Asia/Shanghai date -d "$(date +%Y-%m-15) -6 months" +%Y-%m)' AND $in_county")
one "six months behind (index range)" "the lapsed members" "(.items | length) == ([$lapse, 500] | min)" "$path" &&
  run "six months behind" "$path"
# Recording: each payment writes the ledger, the account and the tally in one transaction.
ids=$(q "SELECT member_id FROM dues_account WHERE next_due = '$month' AND $in_county LIMIT 500" | paste -sd, -)
n=$(tr ',' '\n' <<<"$ids" | grep -c . || true)
t0=$(date +%s%N)
ok=0
for id in ${ids//,/ }; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H "X-CSRF-Token: $(jq -r .csrf_token "$BENCH_SCRATCH/login")" \
    -H 'Content-Type: application/json' -d "{\"member_id\":$id,\"method\":\"cash\"}" "$url/api/v1/dues/payments")
  [ "$code" = 201 ] && ok=$((ok + 1))
done
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "$ok" -eq "$n" ] && [ "$n" -gt 0 ]; then
  after=$(q "SELECT COALESCE(SUM(settled_fen), 0) FROM dues_tally WHERE month = '$month' AND $in_county")
  direct=$(q "SELECT COALESCE(SUM(paid_fen), 0) FROM dues_month WHERE month = '$month' AND $in_county")
  [ "$after" = "$direct" ] || bench_invalid "payments, one at a time" "tally $after differs from the ledger $direct"
  printf "%-48s %10s payments in %s ms (%s a second, curl one at a time; tally = ledger)\n" "payments, one at a time" \
    "$n" "$ms" "$(awk -v n="$n" -v ms="$ms" 'BEGIN {printf "%.0f", n * 1000 / (ms > 0 ? ms : 1)}')"
else
  bench_invalid "payments, one at a time" "$ok of $n answered 201"
fi
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 )) MB"
bench_exit
