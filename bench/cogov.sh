#!/usr/bin/env bash
# Co-governance benchmarks (issue 4): dispatch suggestions ranked over 100,000 published resources,
# and the monthly notice for a county with 50,000 reported members. Prints figures; never fails on one.
#   bash bench/cogov.sh [RESOURCES] [REPORTED]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="$root/build/jiceng"
resources=${1:-100000}
reported=${2:-50000}
source "$root/tests/lib.sh"
tmp=${BENCH_DIR:-$(mktemp -d)}
db="$tmp/cogov.db"
key="$tmp/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk"; exit 1; }

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
cookie=$(curl -s -i -X POST "$url/api/v1/session" -d '{"username":"admin","password":"jiceng-demo"}' | grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/')
one() {  # name, path: the latency of one request, cold then warm
  local t0 t1
  t0=$(date +%s%N); curl -s -o /dev/null -H "Cookie: $cookie" "$url$2"; t1=$(date +%s%N)
  printf "%-48s first request %6d ms\n" "$1" $(( (t1 - t0) / 1000000 ))
}
run() {  # name, wrk args…
  local name=$1 out
  shift
  out=$(wrk -t2 -c8 -d10s --latency "$@" 2>&1)
  printf "%-48s %8s req/s   p50 %8s   p99 %8s\n" "$name" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')"
  echo "$out" | grep -E "Non-2xx|Socket errors" || true
}
echo "== wrk, 2 threads, 8 connections, 10 s each (same 2 cores as the server)"
one "suggestions for a need (top 10)" "/api/v1/needs/$need/suggestions?limit=10"
run "suggestions over all published resources" -H "Cookie: $cookie" "$url/api/v1/needs/$need/suggestions?limit=10"
one "monthly notice, whole county" "/api/v1/dual-reports/notice?month=$month"
run "monthly notice, whole county (json)" -H "Cookie: $cookie" "$url/api/v1/dual-reports/notice?month=$month"
run "monthly notice, whole county (xlsx)" -H "Cookie: $cookie" "$url/api/v1/dual-reports/notice?month=$month&format=xlsx"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 )) MB"
