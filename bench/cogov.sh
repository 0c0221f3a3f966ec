#!/usr/bin/env bash
# Co-governance benchmarks (issue 4): dispatch suggestions ranked over 100,000 published resources,
# and the monthly notice for a county with 50,000 reported members. Prints figures; never fails on one,
# but exits non-zero at the end when a line was not a measure (bench/lib.sh).
#   bash bench/cogov.sh [RESOURCES] [REPORTED]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"  # JICENG_BIN: compare another build
resources=${1:-100000}
reported=${2:-50000}
source "$root/tests/lib.sh"
source "$here/lib.sh"
duration=${DURATION:-10s}
tmp=${BENCH_DIR:-$(mktemp -d)}
db="$tmp/cogov.db"
key="$tmp/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; bench_cleanup; }
trap cleanup EXIT

if [ ! -f "$db" ]; then
  echo "== generating: $resources resources, $reported reported members (through the demo loader)"
  t0=$(date +%s)
  "$bin" demo --db "sqlite:$db" --key-file "$key" --members $((reported * 3 + 20000)) --resources "$resources" \
    --reported "$reported" | tail -c 120
  sqlite3 "$db" 'ANALYZE;'
  echo "generated in $(( $(date +%s) - t0 )) s"
fi
echo "== database: $(du -h "$db" | cut -f1), $(sqlite3 "$db" "SELECT COUNT(*) FROM resource WHERE status = 'published'") published resources, $(sqlite3 "$db" "SELECT COUNT(*) FROM dual_report WHERE kind = 'member'") reported members, $(sqlite3 "$db" 'SELECT COUNT(*) FROM dual_report_month') member-months"
need=$(sqlite3 "$db" "SELECT id FROM need WHERE status = 'published' ORDER BY id LIMIT 1")
month=$(TZ=Asia/Shanghai date +%Y-%m)
start_server "$bin" "sqlite:$db" "$key" "$root/web/dist" "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
url=$JICENG_URL
bench_login cookie "$url" admin
bench_lua "$tmp/plain.lua"
row() { printf "%-48s %10s %9s %9s %9s\n" "$@"; }
one() {  # label, what, test, path: the first request (cold), checked, before wrk times it warm
  bench_check "$1" "$2" "$3" -H "Cookie: $cookie" "$url$4" || return 1
  printf "%-48s first request %8s ms\n" "$1" "$CHECK_MS"
}
run() {  # label, path
  bench_wrk "$1" "" -t2 -c8 -d"$duration" -s "$tmp/plain.lua" -H "Cookie: $cookie" "$url$2" || return 0
  row "$1" "$W_RPS" "$W_P50" "$W_P95" "$W_P99"
}
notice='(.reported_members > 0) and (.items | length > 0)'
echo "== wrk, 2 threads, 8 connections, $duration each (same 2 cores as the server)"
row "" "req/s" "p50 ms" "p95 ms" "p99 ms"
path="/api/v1/needs/$need/suggestions?limit=10"
one "suggestions for a need (top 10)" "ranked suggestions" '(.items | length > 0) and all(.items[]; .score >= 0)' "$path" &&
  run "suggestions over all published resources" "$path"
path="/api/v1/dual-reports/notice?month=$month"
one "monthly notice, whole county" "the county's monthly notice" "$notice" "$path" &&
  run "monthly notice, whole county (json)" "$path"
path="/api/v1/dual-reports/notice?month=$month&format=xlsx"
bench_check "monthly notice, whole county (xlsx)" "a spreadsheet" \
  "content-type:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -H "Cookie: $cookie" "$url$path" &&
  run "monthly notice, whole county (xlsx)" "$path"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 )) MB"
bench_exit
