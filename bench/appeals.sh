#!/usr/bin/env bash
# Appeals benchmarks: intake with 10,000 grid polygons and 1,000,000 earlier appeals, and the
# county figures over them. Prints figures; never fails on a number, but exits non-zero at the end
# when a line was not a measure (bench/lib.sh).
#   bash bench/appeals.sh [APPEALS] [GRIDS_PER_SIDE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"  # JICENG_BIN: compare another build
appeals=${1:-1000000}
side=${2:-100}
source "$root/tests/lib.sh"
source "$here/lib.sh"
duration=${DURATION:-10s}
tmp=${BENCH_DIR:-$(mktemp -d)}
db="$tmp/appeals.db"
key="$tmp/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; bench_cleanup; }
trap cleanup EXIT

if [ ! -f "$db" ]; then
  echo "== generating: $((side * side)) grids and $appeals appeals"
  "$bin" demo --db "sqlite:$db" --key-file "$key" >/dev/null
  t0=$(date +%s)
  sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
-- A square of side x side grids of 0.01°, north-east of the demo county, under its first community.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $side * $side - 1),
parent AS (SELECT id, path FROM area WHERE kind = 'community' ORDER BY id LIMIT 1),
base AS (SELECT MAX(id) + 1 AS b FROM area)
INSERT INTO area (id, parent_id, name, kind, path, depth, geometry, created_at, updated_at)
SELECT b + i, parent.id, '压测网格' || i, 'grid', parent.path || (b + i) || '/', 4,
  printf('{"type":"Polygon","coordinates":[[[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f]]]}',
    100.2 + (i % $side) * 0.01, 39.6 + (i / $side) * 0.01, 100.21 + (i % $side) * 0.01, 39.6 + (i / $side) * 0.01,
    100.21 + (i % $side) * 0.01, 39.61 + (i / $side) * 0.01, 100.2 + (i % $side) * 0.01, 39.61 + (i / $side) * 0.01,
    100.2 + (i % $side) * 0.01, 39.6 + (i / $side) * 0.01), 0, 0
FROM n, parent, base;
CREATE TEMP TABLE leaves AS SELECT id, urgency, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM appeal_category c
  WHERE NOT EXISTS (SELECT 1 FROM appeal_category x WHERE x.parent_id = c.id);
CREATE TEMP TABLE grids AS SELECT id, path, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM area WHERE kind = 'grid';
-- A year of appeals: most closed, some open, a few overdue.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $appeals),
now(t) AS (SELECT CAST(strftime('%s', 'now') AS INTEGER)),
cnt AS (SELECT (SELECT COUNT(*) FROM leaves) AS nl, (SELECT COUNT(*) FROM grids) AS ng)
INSERT INTO appeal (code, type, channel, category_id, description, lon, lat, grid_id, area_id, area_path, level, max_level,
  status, urgency, anonymous, deadline_at, warn_at, warned, level_started_at, level_deadline_at, accepted_at, resolved_at,
  closed_at, satisfaction, created_at, updated_at)
SELECT printf('B%09d', i), 'complaint', 'h5', l.id, '历史诉求' || i, 100.2, 39.6, g.id, g.id, g.path,
  1 + (i % 17 = 0) + (i % 51 = 0), 1 + (i % 17 = 0) + (i % 51 = 0),
  CASE WHEN i % 10 = 0 THEN 'in_progress' WHEN i % 10 = 1 THEN 'submitted' ELSE 'closed' END, l.urgency, 1,
  t - (i % 365) * 86400 + 7 * 86400, t - (i % 365) * 86400 + 5 * 86400, 0, t - (i % 365) * 86400, t - (i % 365) * 86400 + 86400,
  CASE WHEN i % 10 = 1 THEN NULL ELSE t - (i % 365) * 86400 + 600 END,
  CASE WHEN i % 10 >= 2 THEN t - (i % 365) * 86400 + 3 * 86400 END,
  CASE WHEN i % 10 >= 2 THEN t - (i % 365) * 86400 + 4 * 86400 END,
  CASE WHEN i % 10 >= 2 THEN (CASE WHEN i % 23 = 0 THEN 'dissatisfied' ELSE 'satisfied' END) END,
  t - (i % 365) * 86400, t - (i % 365) * 86400
FROM n, now, cnt
JOIN leaves l ON l.k = (i * 7) % cnt.nl
JOIN grids g ON g.k = (i * 13) % cnt.ng;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
ANALYZE;
SQL
  "$bin" rollup --db "sqlite:$db" --key-file "$key"
  echo "generated in $(( $(date +%s) - t0 )) s"
fi
echo "== database: $(du -h "$db" | cut -f1), $(sqlite3 "$db" "SELECT COUNT(*) FROM area WHERE kind = 'grid'") grids, $(sqlite3 "$db" 'SELECT COUNT(*) FROM appeal') appeals"
category=$(sqlite3 "$db" "SELECT id FROM appeal_category c WHERE urgency = 'general' AND NOT EXISTS (SELECT 1 FROM appeal_category x WHERE x.parent_id = c.id) ORDER BY id LIMIT 1")
bench_lua "$tmp/intake.lua" <(sed "s/CATEGORY/$category/; s/WEST/100.2/; s/SOUTH/39.6/; s/SPAN_LON/0.999/; s/SPAN_LAT/0.999/" "$here/lua/intake.lua")
bench_lua "$tmp/plain.lua"
start_server "$bin" "sqlite:$db" "$key" "$root/web/dist" "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
url=$JICENG_URL
grids=$(sqlite3 "$db" "SELECT COUNT(*) FROM area WHERE kind = 'grid'")
row() { printf "%-40s %10s %9s %9s %9s\n" "$@"; }
run() {  # label, wrk arguments…
  local label=$1
  shift
  bench_wrk "$label" "" -t2 -c16 -d"$duration" "$@" || return 0
  row "$label" "$W_RPS" "$W_P50" "$W_P95" "$W_P99"
}
# The first intake, checked, builds the grid index (the polygons into the R-tree) before measuring.
label="public intake (durable, dispatched)"
bench_check "$label" "a filed appeal" '(.code | length > 0) and (.timeline | length > 0)' -X POST \
  "$url/api/v1/public/appeals" -H 'Content-Type: application/json' \
  -d "{\"type\":\"help\",\"category_id\":$category,\"description\":\"预热：建立网格索引\",\"lon\":100.205,\"lat\":39.605,\"anonymous\":true}" &&
  echo "first intake (builds the R-tree of $grids grids): $CHECK_MS ms"
intake_ok=$(( ${#BENCH_INVALID[@]} == 0 ))
bench_login cookie "$url" admin
echo "== wrk, 2 threads, 16 connections, $duration each (same 2 cores as the server)"
row "" "req/s" "p50 ms" "p95 ms" "p99 ms"
if [ "$intake_ok" = 1 ]; then
  before=$(sqlite3 "$db" 'SELECT COUNT(*) FROM appeal')
  run "$label" -s "$tmp/intake.lua" "$url"
  echo "appeals written during the intake run: $(( $(sqlite3 "$db" 'SELECT COUNT(*) FROM appeal') - before ))"
fi
label="county figures over all appeals"
path="/api/v1/appeals/figures?from=2020-01-01&to=2100-12-31"
bench_check "$label" "the county's figures" '(.received > 0) and (.children | length > 0)' -H "Cookie: $cookie" \
  "$url$path" && run "$label" -s "$tmp/plain.lua" -H "Cookie: $cookie" "$url$path"
label="county pending queue (admin)"
path="/api/v1/appeals?queue=pending&limit=20"
bench_check "$label" "a page of pending appeals" '(.items | length > 0) and all(.items[]; .status != "closed")' \
  -H "Cookie: $cookie" "$url$path" && run "$label" -s "$tmp/plain.lua" -H "Cookie: $cookie" "$url$path"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 )) MB"
bench_exit
