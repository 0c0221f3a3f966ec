#!/usr/bin/env bash
# Intake under overload (issue 6): the accepted intake rate at saturation, then with the server's
# queue bounded and twice, then four times, as many clients as it queues. Shed requests are
# answered 503 at once; the point is that the accepted rate holds instead of collapsing. Those 503s
# (code `overloaded`) are the only answers outside 2xx a line may have; any other makes it INVALID
# and the script exit non-zero at its end (bench/lib.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"  # JICENG_BIN: compare another build
pending=${MAX_PENDING:-32}
duration=${DURATION:-10s}
source "$root/tests/lib.sh"
source "$here/lib.sh"
tmp=$(mktemp -d)
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$tmp"; bench_cleanup; }
trap cleanup EXIT
db="sqlite:$tmp/overload.db"
"$bin" demo --db "$db" --key-file "$tmp/k" >/dev/null
category=$(sqlite3 "$tmp/overload.db" "SELECT id FROM appeal_category c WHERE urgency = 'general' AND NOT EXISTS (SELECT 1 FROM appeal_category x WHERE x.parent_id = c.id) ORDER BY id LIMIT 1")
bench_lua "$tmp/intake.lua" <(sed "s/CATEGORY/$category/; s/WEST/99.50/; s/SOUTH/39.20/; s/SPAN_LON/0.599/; s/SPAN_LAT/0.359/" "$here/lua/intake.lua")

run() {  # label, connections: the accepted rate (2xx a second), or an INVALID line; sets ACCEPTED
  bench_wrk "$1" "503 overloaded" -t2 -c"$2" -d"$duration" --timeout 10s -s "$tmp/intake.lua" "$JICENG_URL" || return 0
  ACCEPTED=$(printf '%.0f' "$W_OK_RPS")
  printf '%-44s %5s conns  accepted %6s/s  shed %6s of %7s  p50=%s p95=%s p99=%s\n' "$1" "$2" "$ACCEPTED" "$W_NON2XX" \
    "$W_REQUESTS" "$W_P50" "$W_P95" "$W_P99"
}
check() {  # one intake, before a server is timed; clears ACCEPTED, which run sets when valid
  ACCEPTED=""
  bench_check "$1" "a filed appeal" '(.code | length > 0) and (.timeline | length > 0)' -X POST \
    "$JICENG_URL/api/v1/public/appeals" -H 'Content-Type: application/json' \
    -d "{\"type\":\"help\",\"category_id\":$category,\"description\":\"预热：建立网格索引\",\"lon\":99.8,\"lat\":39.4,\"anonymous\":true}"
}

echo "== intake under overload (demo county, SQLite, wrk on the same 2 cores; latencies include shed answers)"
start_server "$bin" "$db" "$tmp/k" /nonexistent "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
label="saturation (default queue of 256)"
check "$label" && run "$label" 16
base=$ACCEPTED
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
start_server "$bin" "$db" "$tmp/k" /nonexistent "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS \
  --max-pending "$pending"
label="queue bounded at $pending, 2x as many clients"
check "$label" && run "$label" $((2 * pending))
two=$ACCEPTED
label="queue bounded at $pending, 4x as many clients"
check "$label" && run "$label" $((4 * pending))
echo "OVERLOAD base_rps=${base:-invalid} overload2x_rps=${two:-invalid} held=$(bench_share "$two" "$base")"
bench_exit
