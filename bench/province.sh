#!/usr/bin/env bash
# Performance at scale (issue 5): a generated province (bench/gen) served on loopback and driven by
# wrk, beside the ceilings of this machine (HTTP: /healthz; storage: raw durable inserts) and, when
# bench/redmine.sh measures in the same run, the Redmine peer. Prints a table and ends with a SUMMARY line.
# Never fails on a number.
#   bash bench/province.sh            (sizes: MEMBERS, APPEALS, ORGS, GRIDS, COUNTIES in the environment)
# The province is generated once into $BENCH_DIR (default /tmp/jiceng-bench) and reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="$root/build/jiceng"
gen="$root/build/jiceng-gen"
members=${MEMBERS:-2000000}
appeals=${APPEALS:-5000000}
orgs=${ORGS:-100000}
grids=${GRIDS:-10000}
counties=${COUNTIES:-100}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-16}
source "$root/tests/lib.sh"
source "$here/province_lib.sh"
dir=${BENCH_DIR:-/tmp/jiceng-bench}
mkdir -p "$dir"
db="$dir/province-$members-$appeals.db"
key="$dir/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk"; exit 1; }

if [ ! -f "$db" ]; then
  echo "== generating the province: $counties counties, $grids grids, $orgs organisations, $members members, $appeals appeals"
  t0=$(date +%s)
  "$gen" --db "sqlite:$db" --key-file "$key" --counties "$counties" --grids "$grids" --orgs "$orgs" \
    --members "$members" --appeals "$appeals"
  echo "generated in $(( $(date +%s) - t0 )) s"
fi
db_size=$(du -m "$db" | cut -f1)
echo "== database: ${db_size} MB on SQLite"

# Storage ceiling: appeal-sized rows, durable, with nothing else in the way (a scratch file beside it).
rm -f "$dir/ceiling.db"*
ceiling=$("$gen" --db "sqlite:$dir/ceiling.db" --key-file "$key" --ceiling 5)
rm -f "$dir/ceiling.db"*
storage_single=$(echo "$ceiling" | sed 's/.*storage_single_rps=\([0-9]*\).*/\1/')
storage_grouped=$(echo "$ceiling" | sed 's/.*storage_grouped_rps=\([0-9]*\).*/\1/')
group_rows=$(echo "$ceiling" | sed 's/.*group_rows=\([0-9]*\).*/\1/')

q() { sqlite3 "$db" "$1"; }
county=$(q "SELECT id FROM area WHERE kind = 'county' ORDER BY id LIMIT 1")
max_id=$(q "SELECT MAX(id) FROM appeal")
cat "$here/lua/report.lua" >"$dir/plain.lua"
category=$(province_intake_lua "$db" "$counties" "$dir/intake.lua")
{ sed "s/MAX_ID/$max_id/" "$here/lua/detail.lua"; cat "$here/lua/report.lua"; } >"$dir/detail.lua"

start_server "$bin" "sqlite:$db" "$key" "$root/web/dist" "$dir/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
url=$JICENG_URL
login() {
  curl -s -i -X POST "$url/api/v1/session" -d "{\"username\":\"$1\",\"password\":\"jiceng-demo\"}" |
    grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/'
}
admin=$(login admin)
grid=$(login grid)
# Warm the grid index (R-tree over every grid polygon) before measuring intake.
curl -s -o /dev/null -X POST "$url/api/v1/public/appeals" -H 'Content-Type: application/json' \
  -d "{\"type\":\"help\",\"category_id\":$category,\"description\":\"预热：建立网格索引\",\"lon\":94.2,\"lat\":35.15,\"anonymous\":true}"

declare -A RPS P50 P95 P99
printf "%-44s %10s %9s %9s %9s %s\n" "" "req/s" "p50 ms" "p95 ms" "p99 ms" ""
run() {  # key, label, wrk arguments…
  local key=$1 label=$2 out line
  shift 2
  out=$(wrk -t2 -c"$conns" -d"$duration" "$@" 2>&1)
  line=$(echo "$out" | grep '^RESULT' || true)
  if [ -z "$line" ]; then
    echo "$label: wrk gave no result"; echo "$out" | tail -5; return
  fi
  RPS[$key]=$(echo "$line" | sed 's/.*rps=\([0-9.]*\).*/\1/')
  P50[$key]=$(echo "$line" | sed 's/.*p50=\([0-9.]*\).*/\1/')
  P95[$key]=$(echo "$line" | sed 's/.*p95=\([0-9.]*\).*/\1/')
  P99[$key]=$(echo "$line" | sed 's/.*p99=\([0-9.]*\).*/\1/')
  local bad
  bad=$(echo "$line" | sed 's/.*non2xx=\([0-9]*\) errors=\([0-9]*\).*/\1 non-2xx, \2 socket errors/')
  printf "%-44s %10s %9s %9s %9s %s\n" "$label" "${RPS[$key]}" "${P50[$key]}" "${P95[$key]}" "${P99[$key]}" \
    "$([ "$bad" = "0 non-2xx, 0 socket errors" ] || echo "($bad)")"
}
share() { python3 -c "print(f'{100 * $1 / $2:.0f}%')"; }

run healthz "healthz (the HTTP ceiling)" -s "$dir/plain.lua" "$url/healthz"
before=$(q 'SELECT COUNT(*) FROM appeal')
run intake "public intake (durable, dispatched)" -s "$dir/intake.lua" "$url"
written=$(( $(q 'SELECT COUNT(*) FROM appeal') - before ))
run detail "appeal detail (random of $max_id)" -s "$dir/detail.lua" -H "Cookie: $admin" "$url"
run queue "grid worker's queue (pending)" -s "$dir/plain.lua" -H "Cookie: $grid" "$url/api/v1/appeals?queue=pending&limit=20"
run search "member search by name (province)" -s "$dir/plain.lua" -H "Cookie: $admin" \
  "$url/api/v1/members?q=%E7%8E%8B%E5%BB%BA&limit=20"
run county "county figures" -s "$dir/plain.lua" -H "Cookie: $admin" \
  "$url/api/v1/appeals/figures?area_id=$county&from=2000-01-01&to=2100-12-31"
run province "province figures" -s "$dir/plain.lua" -H "Cookie: $admin" \
  "$url/api/v1/appeals/figures?from=2000-01-01&to=2100-12-31"
run open311 "Open311 GET requests (1,000 newest)" -s "$dir/plain.lua" "$url/open311/v2/requests.json"
rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 ))
echo
echo "appeals written during the intake run: $written (all acknowledged with 201: see non-2xx above)"
echo "storage ceiling (appeal-sized rows, WAL + synchronous=FULL): $storage_single/s one per commit, $storage_grouped/s with $group_rows per commit"
echo "intake is $(share "${RPS[intake]:-0}" "$storage_grouped") of the grouped storage ceiling and $(share "${RPS[intake]:-0}" "$storage_single") of one-per-commit"
for k in detail queue search county province open311; do
  echo "$k is $(share "${RPS[$k]:-0}" "${RPS[healthz]:-1}") of the HTTP ceiling"
done
echo "server RSS: $rss MB; database: $db_size MB"

# The rest runs with jiceng's server stopped, so nothing else shares the two cores.
kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

# PostgreSQL against SQLite at intake, on a smaller province loaded into both.
echo
DURATION=$duration CONNECTIONS=$conns bash "$here/pg_intake.sh" || echo "pg_intake: bench/pg_intake.sh failed"

# The peer under the same load: Redmine 5 from Debian's packages (bench/redmine.sh writes
# redmine.env only when its run was valid).
echo
DURATION=$duration CONNECTIONS=$conns bash "$here/redmine.sh" "$dir" || echo "redmine: bench/redmine.sh failed"
create_ratio=NA
list_ratio=NA
if [ -f "$dir/redmine.env" ]; then
  source "$dir/redmine.env"
  create_ratio=$(python3 -c "print(f'{${RPS[intake]:-0} / $REDMINE_CREATE_RPS:.1f}')")
  list_ratio=$(python3 -c "print(f'{${RPS[queue]:-0} / $REDMINE_LIST_RPS:.1f}')")
  echo "Redmine 5 on this machine (${REDMINE_DB:-sqlite}, ${REDMINE_PROCESSES:-?} Passenger processes): create $REDMINE_CREATE_RPS/s, list $REDMINE_LIST_RPS/s; jiceng is ${create_ratio}x at creating (intake) and ${list_ratio}x at listing (a grid worker's queue)"
fi
echo "SUMMARY intake_rps=${RPS[intake]:-0} intake_p99_ms=${P99[intake]:-0} healthz_rps=${RPS[healthz]:-0} redmine_create_ratio=$create_ratio redmine_list_ratio=$list_ratio county_figures_p95_ms=${P95[county]:-0}"
