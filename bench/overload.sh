#!/usr/bin/env bash
# Intake under overload (issue 6): the accepted intake rate at saturation, then with the server's
# queue bounded and twice, then four times, as many clients as it queues. Shed requests are
# answered 503 at once; the point is that the accepted rate holds instead of collapsing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="$root/build/jiceng"
pending=${MAX_PENDING:-32}
duration=${DURATION:-10s}
source "$root/tests/lib.sh"
tmp=$(mktemp -d)
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
db="sqlite:$tmp/overload.db"
"$bin" demo --db "$db" --key-file "$tmp/k" >/dev/null
category=$(sqlite3 "$tmp/overload.db" "SELECT id FROM appeal_category c WHERE urgency = 'general' AND NOT EXISTS (SELECT 1 FROM appeal_category x WHERE x.parent_id = c.id) ORDER BY id LIMIT 1")
sed "s/CATEGORY/$category/; s/WEST/99.50/; s/SOUTH/39.20/; s/SPAN_LON/0.599/; s/SPAN_LAT/0.359/" "$here/lua/intake.lua" >"$tmp/intake.lua"
cat "$here/lua/report.lua" >>"$tmp/intake.lua"

run() {  # label, connections
  local line rps non2xx requests secs accepted
  line=$(wrk -t2 -c"$2" -d"$duration" --timeout 10s -s "$tmp/intake.lua" "$JICENG_URL" 2>&1 | grep '^RESULT')
  rps=$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$line")
  non2xx=$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<<"$line")
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")
  accepted=$(python3 -c "print(f'{$rps * ($requests - $non2xx) / max($requests, 1):.0f}')")
  printf '%-44s %5s conns  accepted %6s/s  shed %6s of %7s  %s\n' "$1" "$2" "$accepted" "$non2xx" "$requests" \
    "$(grep -o 'p50=[0-9.]* p95=[0-9.]* p99=[0-9.]*' <<<"$line")"
  echo "$accepted"  >"$tmp/last"
}

echo "== intake under overload (demo county, SQLite, wrk on the same 2 cores; latencies include shed answers)"
start_server "$bin" "$db" "$tmp/k" /nonexistent "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
run "saturation (default queue of 256)" 16
base=$(cat "$tmp/last")
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
start_server "$bin" "$db" "$tmp/k" /nonexistent "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS \
  --max-pending "$pending"
run "queue bounded at $pending, 2x as many clients" $((2 * pending))
two=$(cat "$tmp/last")
run "queue bounded at $pending, 4x as many clients" $((4 * pending))
echo "OVERLOAD base_rps=$base overload2x_rps=$two held=$(python3 -c "print(f'{100 * $two / max($base, 1):.0f}%')")"
