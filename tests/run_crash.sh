#!/usr/bin/env bash
# Crash safety: under sustained intake, kill -9 the server at random moments, restart it, and check
# that every appeal the client was told was filed (201) is there and complete, and that the
# database passes its checks. `run_crash.sh sqlite|postgres BIN [TRIALS]`.
set -euo pipefail
store=$1 bin=$2 trials=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
PG_DURABLE=1 setup_store "$store"
acked="$tmp/acked.txt"
: >"$acked"
"$bin" migrate --db "$db" >/dev/null
"$bin" demo --db "$db" --key-file "$key" --members 2000 >/dev/null

# Disowned, so the shell does not report each kill -9 as a crash of its own.
serve() {
  start_server "$bin" "$db" "$key" /nonexistent "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS
  disown "$SERVER_PID"
}
stop() {  # SIGNAL
  kill "-$1" "$SERVER_PID"
  while kill -0 "$SERVER_PID" 2>/dev/null; do sleep 0.05; done
  SERVER_PID=
}
checked=0
for trial in $(seq 1 "$trials"); do
  before=$(wc -l <"$acked")
  serve
  node "$here/crash/load.mjs" "$JICENG_URL" "$acked" 16 &
  LOAD_PID=$!
  CLEANUP_PIDS=("$LOAD_PID")
  # A random moment between 0.3 and 1.5 s into the load.
  sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 0.3 + rand() * 1.2 }')"
  stop KILL
  wait "$LOAD_PID" || { echo "trial $trial: the load client saw an unexpected answer"; exit 1; }
  CLEANUP_PIDS=()
  "$bin" check --db "$db" >/dev/null || { echo "trial $trial: database check failed after the crash"; exit 1; }
  serve
  n=$(node "$here/crash/verify.mjs" "$JICENG_URL" "$acked" "$before") || { echo "trial $trial: acknowledged appeals lost"; exit 1; }
  checked=$((checked + n))
  stop TERM
done

# After all the crashes: every acknowledged appeal once more, the checks, and the figures kept
# incrementally equal to a rebuild from the appeals themselves.
serve
total=$(node "$here/crash/verify.mjs" "$JICENG_URL" "$acked" 0)
# A trial killed before its first request files nothing; all of them doing so would test nothing.
[ "$total" -gt 0 ] || { echo "no appeal was acknowledged in $trials trials: nothing was tested"; exit 1; }
cookie=$(curl -s -i -X POST "$JICENG_URL/api/v1/session" -d '{"username":"admin","password":"jiceng-demo"}' \
  | grep -i '^set-cookie' | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/')
# Without the moment the live counts were taken, which differs between any two calls.
figures() {
  curl -s -H "Cookie: $cookie" "$JICENG_URL/api/v1/appeals/figures?from=2020-01-01&to=2100-12-31" \
    | python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict): return {k: strip(x) for k, x in v.items() if k != "live_as_of"}
    if isinstance(v, list): return [strip(x) for x in v]
    return v
print(json.dumps(strip(json.load(sys.stdin)), indent=1, sort_keys=True))'
}
kept=$(figures)
stop TERM
"$bin" rollup --db "$db" --key-file "$key" >/dev/null
serve
rebuilt=$(figures)
[ "$kept" = "$rebuilt" ] || { echo "figures kept through the crashes differ from a rebuild:"; diff <(echo "$kept") <(echo "$rebuilt") | head -40; exit 1; }
"$bin" check --db "$db" >/dev/null
echo "crash safety ($store): $trials kill -9 trials, $total acknowledged appeals all present and complete, 0 lost"
