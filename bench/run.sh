#!/usr/bin/env bash
# Foundation benchmarks: cold start, member list at 1,000,000 members, subtree count under a
# street holding 100,000 organisations. Prints figures; never fails on a number, but exits non-zero
# at the end when a line was not a measure (bench/lib.sh).
#   bash bench/run.sh [MEMBERS] [ORGS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"  # JICENG_BIN: compare another build
members=${1:-1000000}
orgs=${2:-100000}
source "$root/tests/lib.sh"
source "$here/lib.sh"
tmp=${BENCH_DIR:-$(mktemp -d)}
db="sqlite:$tmp/bench.db"
key="$tmp/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; bench_cleanup; }
trap cleanup EXIT
duration=${DURATION:-10s}

if [ ! -f "$tmp/bench.db" ]; then
  echo "== generating: demo county with $members members, then $orgs extra organisations under one street"
  t0=$(date +%s.%N)
  "$bin" demo --db "$db" --key-file "$key" --members "$members" >/dev/null
  t1=$(date +%s.%N)
  printf "members loaded in %.1f s\n" "$(echo "$t1 - $t0" | bc)"
  # Bulk organisations straight into the table: branches under the first street's committee.
  sqlite3 "$tmp/bench.db" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $orgs),
street AS (SELECT id, path FROM area WHERE kind = 'street' ORDER BY id LIMIT 1),
parent AS (SELECT o.id, o.path, o.depth FROM party_org o, street WHERE o.area_id = street.id ORDER BY o.id LIMIT 1),
base AS (SELECT COALESCE(MAX(id), 0) AS m FROM party_org)
INSERT INTO party_org (id, parent_id, name, level, kind, area_id, area_path, path, depth, created_at, updated_at)
SELECT base.m + i, parent.id, '压测党支部' || i, 'branch', 'non_public', street.id, street.path,
       parent.path || (base.m + i) || '/', parent.depth + 1, 0, 0
FROM n, street, parent, base;
COMMIT;
ANALYZE;
SQL
fi
echo "== database: $(du -h "$tmp/bench.db" | cut -f1), $(sqlite3 "$tmp/bench.db" 'SELECT COUNT(*) FROM member') members, $(sqlite3 "$tmp/bench.db" 'SELECT COUNT(*) FROM party_org') organisations"

# Cold start: from exec to the first answered /healthz, migrations checked on the way.
port=$(free_port)
t0=$(date +%s%N)
"$bin" serve --db "$db" --key-file "$key" --listen "127.0.0.1:$port" --web "$root/web/dist" >"$tmp/server.log" 2>&1 &
SERVER_PID=$!
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.005; done
t1=$(date +%s%N)
echo "cold start: $(( (t1 - t0) / 1000000 )) ms"
url="http://127.0.0.1:$port"
bench_login cookie "$url" admin
street=$(sqlite3 "$tmp/bench.db" "SELECT id FROM area WHERE kind = 'street' ORDER BY id LIMIT 1")
bench_lua "$tmp/plain.lua"

row() { printf "%-44s %10s %9s %9s %9s\n" "$@"; }
run() {  # label, what, jq test, path: one checked answer, then wrk on it
  bench_check "$1" "$2" "$3" -H "Cookie: $cookie" "$url$4" || return 0
  bench_wrk "$1" "" -t2 -c16 -d"$duration" -s "$tmp/plain.lua" -H "Cookie: $cookie" "$url$4" || return 0
  row "$1" "$W_RPS" "$W_P50" "$W_P95" "$W_P99"
}
page="(.items | length == 50) and (.next_cursor | length > 0)"
counts="(.counts.orgs > 0) and (.counts.members >= 0)"
echo "== wrk, 2 threads, 16 connections, $duration each (same 2 cores as the server)"
row "" "req/s" "p50 ms" "p95 ms" "p99 ms"
run "healthz (HTTP ceiling)" "a health answer" '.status == "ok"' "/healthz"
run "member list, first page (with total)" "a page of 50 members with a total" "$page and (.total > 0)" \
  "/api/v1/members?limit=50"
# The cursor the second page starts from: the first page's (no cursor, no second page).
cursor=$(jq -r '.next_cursor // empty' "$CHECK_BODY" 2>/dev/null || true)
run "member list, next page (cursor)" "the next page of 50 members" "$page" "/api/v1/members?limit=50&after=$cursor"
run "member search by name" "members found by name" '(.items | length > 0) and all(.items[]; .name | contains("王建国"))' \
  "/api/v1/members?limit=50&q=%E7%8E%8B%E5%BB%BA%E5%9B%BD"
run "street detail: subtree counts, $orgs orgs" "a street with its subtree counts" ".id == $street and $counts" \
  "/api/v1/areas/$street"
run "street's children with subtree counts" "the street's children with counts" \
  "(.items | length > 0) and all(.items[]; .parent_id == $street and .counts.areas >= 0)" "/api/v1/areas?parent_id=$street&limit=50"
# Counts are cached until the next write; a write makes the next call pay the full count.
csrf=$(curl -s -H "Cookie: $cookie" "$url/api/v1/session" | jq -r '.csrf_token // empty' 2>/dev/null || true)
venue=$(sqlite3 "$tmp/bench.db" "SELECT id FROM venue ORDER BY id LIMIT 1")
miss() {  # label, what, jq test, path: one call right after a write
  bench_check "$1, the write before it" "the written venue" ".id == $venue" -X PATCH -H "Cookie: $cookie" \
    -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d '{"open_hours":"8:30-18:00"}' \
    "$url/api/v1/venues/$venue" || return 0
  bench_check "$1, right after a write" "$2" "$3" -H "Cookie: $cookie" "$url$4" || return 0
  printf "%-44s %8s ms (right after a write, counts not cached)\n" "$1" "$CHECK_MS"
}
miss "member list, first page (with total)" "a page of 50 members with a total" "$page and (.total > 0)" \
  "/api/v1/members?limit=50"
miss "street detail: subtree counts" "a street with its subtree counts" ".id == $street and $counts" \
  "/api/v1/areas/$street"
miss "county's children with subtree counts" "the county's children with counts" \
  "(.items | length > 0) and all(.items[]; .parent_id == 1)" "/api/v1/areas?parent_id=1&limit=50"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 )) MB"
bench_exit
