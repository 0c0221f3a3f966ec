#!/usr/bin/env bash
# Foundation benchmarks: cold start, member list at 1,000,000 members, subtree count under a
# street holding 100,000 organisations. Prints figures; never fails on a number.
#   bash bench/run.sh [MEMBERS] [ORGS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="$root/build/jiceng"
members=${1:-1000000}
orgs=${2:-100000}
source "$root/tests/lib.sh"
tmp=${BENCH_DIR:-$(mktemp -d)}
db="sqlite:$tmp/bench.db"
key="$tmp/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk"; exit 1; }

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
cookie=$(curl -s -i -X POST "$url/api/v1/session" -d '{"username":"admin","password":"jiceng-demo"}' | grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/')
street=$(sqlite3 "$tmp/bench.db" "SELECT id FROM area WHERE kind = 'street' ORDER BY id LIMIT 1")
cursor=$(curl -s -H "Cookie: $cookie" "$url/api/v1/members?limit=50" | sed 's/.*"next_cursor":"\([^"]*\)".*/\1/')

run() {  # name, path
  local out
  out=$(wrk -t2 -c16 -d10s --latency -H "Cookie: $cookie" "$url$2" 2>&1)
  printf "%-44s %10s req/s   p50 %8s   p99 %8s\n" "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')"
}
echo "== wrk, 2 threads, 16 connections, 10 s each (same 2 cores as the server)"
run "healthz (HTTP ceiling)" "/healthz"
run "member list, first page (with total)" "/api/v1/members?limit=50"
run "member list, next page (cursor)" "/api/v1/members?limit=50&after=$cursor"
run "member search by name" "/api/v1/members?limit=50&q=%E7%8E%8B%E5%BB%BA%E5%9B%BD"
run "street detail: subtree counts, $orgs orgs" "/api/v1/areas/$street"
run "street's children with subtree counts" "/api/v1/areas?parent_id=$street&limit=50"
# Counts are cached until the next write; a write makes the next call pay the full count.
csrf=$(curl -s -H "Cookie: $cookie" "$url/api/v1/session" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
venue=$(sqlite3 "$tmp/bench.db" "SELECT id FROM venue ORDER BY id LIMIT 1")
miss() {  # name, path: one call right after a write
  curl -s -o /dev/null -X PATCH -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -d '{"open_hours":"8:30-18:00"}' "$url/api/v1/venues/$venue"
  printf "%-44s %8.1f ms (right after a write, counts not cached)\n" "$1" \
    "$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$url$2" | awk '{print $1 * 1000}')"
}
miss "member list, first page (with total)" "/api/v1/members?limit=50"
miss "street detail: subtree counts" "/api/v1/areas/$street"
miss "county's children with subtree counts" "/api/v1/areas?parent_id=1&limit=50"
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 )) MB"
