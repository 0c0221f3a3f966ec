#!/usr/bin/env bash
# Performance at scale (issue 5): a generated province (bench/gen) served on loopback and driven by
# wrk, beside the ceilings of this machine (HTTP: /healthz; storage: raw durable inserts) and, when
# bench/redmine.sh measures in the same run, the Redmine peer. Prints a table and ends with a SUMMARY line.
# Never fails on a number, but exits non-zero after it when a line was not a measure (bench/lib.sh).
#   bash bench/province.sh            (sizes: MEMBERS, APPEALS, ORGS, GRIDS, COUNTIES in the environment)
# The province is generated once into $BENCH_DIR (default /tmp/jiceng-bench) and reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"  # JICENG_BIN: compare another build
gen="$root/build/jiceng-gen"
members=${MEMBERS:-2000000}
appeals=${APPEALS:-5000000}
orgs=${ORGS:-100000}
grids=${GRIDS:-10000}
counties=${COUNTIES:-100}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-16}
source "$root/tests/lib.sh"
source "$here/lib.sh"
source "$here/province_lib.sh"
dir=${BENCH_DIR:-/tmp/jiceng-bench}
mkdir -p "$dir"
db="$dir/province-$members-$appeals.db"
key="$dir/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; bench_cleanup; }
trap cleanup EXIT

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
bench_lua "$dir/plain.lua"
category=$(province_intake_lua "$db" "$counties" "$dir/intake.lua")
bench_lua "$dir/detail.lua" <(sed "s/MAX_ID/$max_id/" "$here/lua/detail.lua")

start_server "$bin" "sqlite:$db" "$key" "$root/web/dist" "$dir/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
url=$JICENG_URL
bench_login admin "$url" admin
bench_login grid "$url" grid
[ -z "$BENCH_LOGIN_CHANGE" ] ||
  echo "(the province in $db predates the generator's ready-to-use accounts: delete it to generate it again)"

declare -A RPS P50 P95 P99
printf "%-44s %10s %9s %9s %9s\n" "" "req/s" "p50 ms" "p95 ms" "p99 ms"
run() {  # key, label, wrk arguments…: one line of the table, or its INVALID line
  local key=$1 label=$2
  shift 2
  bench_wrk "$label" "" -t2 -c"$conns" -d"$duration" "$@" || return 0
  RPS[$key]=$W_RPS; P50[$key]=$W_P50; P95[$key]=$W_P95; P99[$key]=$W_P99
  printf "%-44s %10s %9s %9s %9s\n" "$label" "$W_RPS" "$W_P50" "$W_P95" "$W_P99"
}
figures="(.received > 0) and (.children | length > 0)"

label="healthz (the HTTP ceiling)"
bench_check "$label" "a health answer" '.status == "ok"' "$url/healthz" &&
  run healthz "$label" -s "$dir/plain.lua" "$url/healthz"
label="public intake (durable, dispatched)"
# The check also warms the grid index (an R-tree over every grid polygon) before intake is timed.
bench_check "$label" "a filed appeal" '(.code | length > 0) and (.timeline | length > 0)' -X POST \
  "$url/api/v1/public/appeals" -H 'Content-Type: application/json' \
  -d "{\"type\":\"help\",\"category_id\":$category,\"description\":\"预热：建立网格索引\",\"lon\":94.2,\"lat\":35.15,\"anonymous\":true}" && {
  before=$(q 'SELECT COUNT(*) FROM appeal')
  run intake "$label" -s "$dir/intake.lua" "$url"
  written=$(( $(q 'SELECT COUNT(*) FROM appeal') - before ))
}
label="appeal detail (random of $max_id)"
bench_check "$label" "an appeal's detail" ".id == $max_id and (.timeline | length > 0)" -H "Cookie: $admin" \
  "$url/api/v1/appeals/$max_id" &&
  run detail "$label" -s "$dir/detail.lua" -H "Cookie: $admin" "$url"
label="grid worker's queue (pending)"
path="/api/v1/appeals?queue=pending&limit=20"
bench_check "$label" "a page of pending appeals" '(.items | length > 0) and all(.items[]; .status != "closed")' \
  -H "Cookie: $grid" "$url$path" &&
  run queue "$label" -s "$dir/plain.lua" -H "Cookie: $grid" "$url$path"
label="member search by name (province)"
path="/api/v1/members?q=%E7%8E%8B%E5%BB%BA&limit=20"
bench_check "$label" "members found by name" '(.items | length > 0) and all(.items[]; .name | contains("王建"))' \
  -H "Cookie: $admin" "$url$path" &&
  run search "$label" -s "$dir/plain.lua" -H "Cookie: $admin" "$url$path"
label="county figures"
path="/api/v1/appeals/figures?area_id=$county&from=2000-01-01&to=2100-12-31"
bench_check "$label" "a county's figures" "$figures" -H "Cookie: $admin" "$url$path" &&
  run county "$label" -s "$dir/plain.lua" -H "Cookie: $admin" "$url$path"
label="province figures"
path="/api/v1/appeals/figures?from=2000-01-01&to=2100-12-31"
bench_check "$label" "the province's figures" "$figures" -H "Cookie: $admin" "$url$path" &&
  run province "$label" -s "$dir/plain.lua" -H "Cookie: $admin" "$url$path"
label="Open311 GET requests (1,000 newest)"
bench_check "$label" "a list of Open311 requests" '(length > 0) and (.[0].service_request_id | length > 0)' \
  "$url/open311/v2/requests.json" &&
  run open311 "$label" -s "$dir/plain.lua" "$url/open311/v2/requests.json"
rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 ))
echo
[ -z "${RPS[intake]:-}" ] || echo "appeals written during the intake run: $written (every answer 2xx)"
echo "storage ceiling (appeal-sized rows, WAL + synchronous=FULL): $storage_single/s one per commit, $storage_grouped/s with $group_rows per commit"
echo "intake's share of the grouped storage ceiling: $(bench_share "${RPS[intake]:-}" "$storage_grouped"); of one-per-commit: $(bench_share "${RPS[intake]:-}" "$storage_single")"
for k in detail queue search county province open311; do
  echo "$k's share of the HTTP ceiling: $(bench_share "${RPS[$k]:-}" "${RPS[healthz]:-}")"
done
echo "server RSS: $rss MB; database: $db_size MB"

# The rest runs with jiceng's server stopped, so nothing else shares the two cores.
kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

# PostgreSQL against SQLite at intake, on a smaller province loaded into both.
echo
DURATION=$duration CONNECTIONS=$conns bash "$here/pg_intake.sh" ||
  bench_invalid "PostgreSQL against SQLite at intake" "bench/pg_intake.sh exited non-zero; its lines above say why"

# The peer under the same load: Redmine 5 from Debian's packages (bench/redmine.sh writes
# redmine.env only when its run was valid; without it the ratios are NA, not measured).
echo
DURATION=$duration CONNECTIONS=$conns bash "$here/redmine.sh" "$dir" || echo "redmine: bench/redmine.sh failed"
ratio() {  # jiceng's rate, the peer's: their ratio, or `invalid` when jiceng's line gave no figure
  if [[ ${1:-} =~ ^[0-9.]+$ ]]; then awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f\n", a / b}'; else echo invalid; fi
}
times() { if [[ $1 =~ ^[0-9.]+$ ]]; then echo "${1}x"; else echo "$1"; fi; }
create_ratio=NA
list_ratio=NA
if [ -f "$dir/redmine.env" ]; then
  source "$dir/redmine.env"
  create_ratio=$(ratio "${RPS[intake]:-}" "$REDMINE_CREATE_RPS")
  list_ratio=$(ratio "${RPS[queue]:-}" "$REDMINE_LIST_RPS")
  echo "Redmine 5 on this machine (${REDMINE_DB:-sqlite}, ${REDMINE_PROCESSES:-?} Passenger processes): create $REDMINE_CREATE_RPS/s, list $REDMINE_LIST_RPS/s; jiceng is $(times "$create_ratio") at creating (intake) and $(times "$list_ratio") at listing (a grid worker's queue)"
fi
echo "SUMMARY intake_rps=${RPS[intake]:-invalid} intake_p99_ms=${P99[intake]:-invalid} healthz_rps=${RPS[healthz]:-invalid} redmine_create_ratio=$create_ratio redmine_list_ratio=$list_ratio county_figures_p95_ms=${P95[county]:-invalid}"
bench_exit
