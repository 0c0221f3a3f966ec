#!/usr/bin/env bash
# PostgreSQL against SQLite at intake (issue 5: "within 2x"): the same generated province, small
# enough to load into both in a minute or two, on a durable throwaway PostgreSQL (fsync on, as a
# server would run), driven by the same wrk script. Prints both rates, their ratio and a
# PG_INTAKE line; never fails on a number, but exits non-zero when a run was not a measure
# (bench/lib.sh).
#   bash bench/pg_intake.sh    (sizes: PG_COUNTIES, PG_MEMBERS, PG_APPEALS in the environment)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"  # JICENG_BIN: compare another build
gen="$root/build/jiceng-gen"
counties=${PG_COUNTIES:-10}
members=${PG_MEMBERS:-200000}
appeals=${PG_APPEALS:-500000}
grids=$(( counties * 100 ))
orgs=$(( counties * 1000 ))
duration=${DURATION:-10s}
conns=${CONNECTIONS:-16}
source "$root/tests/lib.sh"
source "$here/lib.sh"
source "$here/province_lib.sh"
work=$(mktemp -d)
cleanup() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "${PG_STOP:-}" ] && "${PG_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$work"
  bench_cleanup
}
trap cleanup EXIT
key="$work/bench.key"
sizes=(--counties "$counties" --grids "$grids" --orgs "$orgs" --members "$members" --appeals "$appeals")

PG_DURABLE=1 start_postgres "$work"
echo "== the same province ($counties counties, $members members, $appeals appeals) into SQLite and PostgreSQL"
t0=$(date +%s)
"$gen" --db "sqlite:$work/p.db" --key-file "$key" "${sizes[@]}" >"$work/gen-sqlite.log" 2>&1 || { cat "$work/gen-sqlite.log"; exit 1; }
t1=$(date +%s)
"$gen" --db "$PG_URL" --key-file "$key" "${sizes[@]}" >"$work/gen-pg.log" 2>&1 || { cat "$work/gen-pg.log"; exit 1; }
t2=$(date +%s)
echo "loaded: SQLite $(( t1 - t0 )) s, PostgreSQL $(( t2 - t1 )) s"

category=$(province_intake_lua "$work/p.db" "$counties" "$work/intake.lua")

declare -A RPS P99
for store in sqlite postgres; do
  db="sqlite:$work/p.db"
  [ "$store" = postgres ] && db=$PG_URL
  start_server "$bin" "$db" "$key" "$root/web/dist" "$work/server-$store.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
  label="intake on $store"
  if bench_check "$label" "a filed appeal" '(.code | length > 0) and (.timeline | length > 0)' -X POST \
    "$JICENG_URL/api/v1/public/appeals" -H 'Content-Type: application/json' \
    -d "{\"type\":\"help\",\"category_id\":$category,\"description\":\"预热：建立网格索引\",\"lon\":94.2,\"lat\":35.15,\"anonymous\":true}"; then
    # Warm the grid index and the connection pool before measuring.
    wrk -t2 -c"$conns" -d3s -s "$work/intake.lua" "$JICENG_URL" >/dev/null 2>&1 || true
    if bench_wrk "$label" "" -t2 -c"$conns" -d"$duration" -s "$work/intake.lua" "$JICENG_URL"; then
      RPS[$store]=$W_RPS
      P99[$store]=$W_P99
      echo "$label: $W_LINE"
    fi
  fi
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
done
ratio=invalid
if [ -n "${RPS[sqlite]:-}" ] && [ -n "${RPS[postgres]:-}" ]; then
  ratio=$(awk -v s="${RPS[sqlite]}" -v p="${RPS[postgres]}" 'BEGIN {printf "%.2f\n", s / p}')
  echo "SQLite takes ${ratio}x PostgreSQL's intake rate (target: within 2x)"
fi
echo "PG_INTAKE sqlite_rps=${RPS[sqlite]:-invalid} postgres_rps=${RPS[postgres]:-invalid} sqlite_p99_ms=${P99[sqlite]:-invalid} postgres_p99_ms=${P99[postgres]:-invalid} ratio=$ratio"
bench_exit
