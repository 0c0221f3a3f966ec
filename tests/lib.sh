# Shared by the test runners: free ports, a throwaway PostgreSQL, a jiceng server.
free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Starts PostgreSQL in $1 (a fresh folder) on a free loopback port; sets PG_URL and PG_STOP.
start_postgres() {
  local dir=$1 port bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  port=$(free_port)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); chown -R postgres "$dir"; fi
  "${as[@]}" "$bindir/initdb" -D "$dir/data" -U jiceng -A trust --no-locale -E UTF8 >"$dir/initdb.log" 2>&1
  # Tests need no durability; benchmarks ask for it with PG_DURABLE=1 (the server defaults).
  local durability="-c fsync=off -c full_page_writes=off"
  [ -n "${PG_DURABLE:-}" ] && durability=""
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability" start >/dev/null
  "${as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U jiceng jiceng
  PG_URL="postgresql://jiceng@127.0.0.1:$port/jiceng"
  PG_STOP=("${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop)
  PG_PSQL=(psql -q -h 127.0.0.1 -p "$port" -U jiceng -d jiceng)
}

# Starts `jiceng serve` and waits for /healthz; sets SERVER_PID and JICENG_URL.
# The load generators and test suites send thousands of logins and appeals from one address; the
# per-address and per-phone limits are tested on their own (tests/api/limits.test.mjs).
NO_LIMITS="--login-per-minute 0 --intake-per-minute 0 --intake-per-phone-day 0"

start_server() {  # BIN DB KEY WEB LOG [extra serve flags…]
  local bin=$1 db=$2 key=$3 web=$4 log=$5 port
  shift 5
  port=$(free_port)
  "$bin" serve --db "$db" --key-file "$key" --listen "127.0.0.1:$port" --web "$web" "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  JICENG_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -fs "$JICENG_URL/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server did not start:"; cat "$log"; return 1
}

# A throwaway store for one test script: sets tmp, db and key ("sqlite" or "postgres"; PG_DURABLE=1
# keeps fsync on), and on exit stops the server, any CLEANUP_PIDS, and PostgreSQL, then removes it all.
setup_store() {  # STORE
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # PostgreSQL's own user works inside it
  PG_STOP=()
  CLEANUP_PIDS=()
  trap cleanup_store EXIT
  if [ "$1" = postgres ]; then
    mkdir -p "$tmp/pg"
    start_postgres "$tmp/pg"
    db=$PG_URL
  else
    db="sqlite:$tmp/jiceng.db"
  fi
  key="$tmp/jiceng.key"
}

cleanup_store() {
  local p
  for p in "${CLEANUP_PIDS[@]+"${CLEANUP_PIDS[@]}"}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ ${#PG_STOP[@]} -gt 0 ] && "${PG_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
