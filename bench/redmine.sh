#!/usr/bin/env bash
# The peer (issue 5): Debian 12's Redmine 5 (Passenger's builtin engine, $REDMINE_PROCESSES
# application processes, 2 unless told) creating and listing issues through its REST API, driven by
# wrk with the settings bench/province.sh drives jiceng's intake with (2 threads, $CONNECTIONS
# connections, $DURATION).
# The database (REDMINE_DB): postgresql, the default and what a county would deploy: a throwaway
# cluster on loopback made for the run (default settings, fsync on: as durable as jiceng's intake),
# migrated and loaded with Redmine's default data; Redmine is pointed at it with DATABASE_URL for
# the run only, and the package's configuration is left as it is. sqlite: the package's own SQLite
# database; with 2 processes 10–42% of the creates fail with SQLITE_BUSY and the run is not valid
# (REDMINE_PROCESSES=1 is).
# Writes OUTDIR/redmine.env (REDMINE_CREATE_RPS, REDMINE_LIST_RPS, …_P99_MS, REDMINE_DB) for
# province.sh. When Redmine cannot be measured here (not installed, not root, …), it says why on a
# line starting "redmine:" and exits 0 without that file. When a line is not a measure (any answer
# outside 2xx, or a socket error: bench/lib.sh), it prints that line INVALID, writes no file and
# exits 1.
#   bash bench/redmine.sh OUTDIR     (DURATION, CONNECTIONS, REDMINE_PORT, REDMINE_PROCESSES,
#                                     REDMINE_DB in the environment)
# Needs root, or sudo without a password: Debian's Redmine runs as www-data.
# Set it up with scripts/install-bench-deps.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: bash bench/redmine.sh OUTDIR}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-16}
port=${REDMINE_PORT:-3300}
procs=${REDMINE_PROCESSES:-2}  # Passenger's application processes (--max-pool-size, --min-instances)
db_kind=${REDMINE_DB:-postgresql}
case $db_kind in
  postgresql | postgres | pg) db_kind=postgresql ;;
  sqlite | sqlite3) db_kind=sqlite ;;
  *) echo "redmine: REDMINE_DB is postgresql (the default) or sqlite, not $db_kind"; exit 2 ;;
esac
app=/usr/share/redmine
url="http://127.0.0.1:$port"
mkdir -p "$out"
env_file="$out/redmine.env"
rm -f "$env_file"  # figures from an earlier run must not pass for this one's
skip() { echo "redmine: not measured: $*"; exit 0; }

for c in wrk curl jq passenger bundle python3; do
  command -v "$c" >/dev/null || skip "$c missing (scripts/install-bench-deps.sh installs it)"
done
source "$here/lib.sh"
dpkg-query -W -f='${Status}' redmine 2>/dev/null | grep -q 'install ok installed' ||
  skip "the redmine package is not installed and configured (scripts/install-bench-deps.sh)"
[ -f /var/lib/redmine/Gemfile.lock ] ||
  skip "/var/lib/redmine/Gemfile.lock is missing; a ruby package's trigger removes it (scripts/install-bench-deps.sh writes it again)"
pg_bin=""
if [ "$db_kind" = postgresql ]; then
  dpkg-query -W -f='${Status}' redmine-pgsql 2>/dev/null | grep -q 'install ok installed' ||
    skip "redmine-pgsql (the pg gem) is not installed (scripts/install-bench-deps.sh); REDMINE_DB=sqlite measures on SQLite"
  pg_bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
  [ -x "$pg_bin/initdb" ] || skip "no PostgreSQL server (scripts/install-bench-deps.sh installs postgresql)"
fi
if [ "$(id -u)" -eq 0 ]; then
  as_www=(runuser -u www-data --)
elif sudo -n -u www-data true 2>/dev/null; then
  as_www=(sudo -n -u www-data --)
else
  skip "Redmine runs as www-data: this needs root or sudo without a password"
fi
curl -s -o /dev/null --max-time 2 "$url/" && skip "something already answers on $url"

tmp=$(mktemp -d)
wdir=""      # Passenger's pid file, log and HOME, the Gemfile for PostgreSQL: owned by www-data
launcher=""  # the process `passenger start` runs under
pg_dir=""    # the throwaway PostgreSQL cluster
pg_as=()     # who runs it: postgres when this runs as root (initdb refuses root), else the caller
cleanup() {
  set +e
  local pid="" i
  [ -n "$wdir" ] && pid=$("${as_www[@]}" cat "$wdir/passenger.pid" 2>/dev/null)
  if [ -n "$pid" ]; then
    "${as_www[@]}" kill -TERM "$pid" 2>/dev/null  # the watchdog: it stops the core and the app processes
  elif [ -n "$launcher" ]; then
    for i in $(ps -o pid= --ppid "$launcher"); do "${as_www[@]}" kill -TERM "$i" 2>/dev/null; done
  fi
  if [ -n "$launcher" ]; then
    for i in $(seq 30); do kill -0 "$launcher" 2>/dev/null || break; sleep 1; done
    if kill -0 "$launcher" 2>/dev/null; then
      echo "redmine: Passenger did not stop in 30 s; killing it"
      [ -n "$pid" ] && "${as_www[@]}" kill -KILL "$pid" 2>/dev/null
      for i in $(ps -o pid= --ppid "$launcher"); do "${as_www[@]}" kill -KILL "$i" 2>/dev/null; done
    fi
    wait "$launcher" 2>/dev/null
  fi
  if [ -n "$pg_dir" ]; then
    [ -f "$pg_dir/data/postmaster.pid" ] && "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null
    rm -rf "$pg_dir"
  fi
  [ -n "$wdir" ] && "${as_www[@]}" rm -rf "$wdir"
  rm -rf "$tmp"
  bench_cleanup
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wdir=$("${as_www[@]}" mktemp -d /tmp/redmine-bench.XXXXXX)
rails_env=(HOME="$wdir" RAILS_ENV=production)  # and, below, the database's variables
db_env=()
redmine() { (cd "$app" && timeout 300 "${as_www[@]}" env "${rails_env[@]}" "${db_env[@]}" "$@"); }

if [ "$db_kind" = postgresql ]; then
  echo "== PostgreSQL: a throwaway cluster on loopback"
  pg_dir=$(mktemp -d /tmp/redmine-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then pg_as=(runuser -u postgres --); chown postgres "$pg_dir"; fi
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U redmine -A trust --no-locale -E UTF8 >"$out/redmine-initdb.log" 2>&1 ||
    skip "initdb failed: $(tail -3 "$out/redmine-initdb.log" | tr '\n' ' ')"
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/pg.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null ||
    skip "PostgreSQL did not start: $(tail -3 "$pg_dir/pg.log" 2>/dev/null | tr '\n' ' ')"
  "${pg_as[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U redmine redmine || skip "createdb failed"
  # Debian's Gemfile asks for the adapter gems of the adapters its database.yml files name (sqlite3
  # here), and the package's Gemfile.lock has only those: a Gemfile of the run's own, Redmine's plus
  # pg, locked from the package's lock with the gems installed (--local), leaves the package alone.
  # BUNDLER_VERSION: the Bundler that wrote the package's lock (scripts/install-bench-deps.sh says why).
  bundler_version=$(sed -n '/^BUNDLED WITH/{n;s/ //gp}' /var/lib/redmine/Gemfile.lock)
  "${as_www[@]}" tee "$wdir/Gemfile" >/dev/null <<'EOF'
# Redmine's Gemfile and the PostgreSQL adapter, for bench/redmine.sh
eval_gemfile "/usr/share/redmine/Gemfile"
gem "pg", "~> 1.2" unless @dependencies.any? { |d| d.name == "pg" }
EOF
  "${as_www[@]}" cp /var/lib/redmine/Gemfile.lock "$wdir/Gemfile.lock"
  db_env=(BUNDLE_GEMFILE="$wdir/Gemfile" ${bundler_version:+BUNDLER_VERSION=$bundler_version}
    DATABASE_URL="postgresql://redmine@127.0.0.1:$pg_port/redmine")
  if ! res=$(redmine bundle lock --local 2>&1); then
    skip "bundle lock --local with pg failed: $(echo "$res" | tail -3 | tr '\n' ' ')"
  fi
  echo "== Redmine: migrating the database and loading the default data (en)"
  # SCHEMA: the schema dump that follows a migration goes to the run's folder, not into the package.
  if ! res=$(redmine SCHEMA="$wdir/schema.rb" bundle exec rake db:migrate 2>&1) ||
    ! res=$(redmine REDMINE_LANG=en bundle exec rake redmine:load_default_data 2>&1); then
    skip "preparing the database failed: $(echo "$res" | tail -3 | tr '\n' ' ')"
  fi
fi

echo "== Redmine: the bench project, the REST API on, no mail notifications"
# Without notified_events = [] about a third of the creates answer 500: mail has nowhere to go.
if ! setup=$(redmine bundle exec rails runner '
    Setting.rest_api_enabled = "1"
    Setting.notified_events = []
    project = Project.find_by(identifier: "bench") ||
      Project.create!(name: "bench", identifier: "bench", is_public: true)
    tracker = Tracker.find(1)
    project.trackers << tracker unless project.trackers.include?(tracker)
    puts "VERSION=#{Redmine::VERSION}"
    puts "DB=#{ActiveRecord::Base.connection_db_config.adapter}:#{ActiveRecord::Base.connection_db_config.database}"
    puts "KEY=#{User.find_by!(login: "admin").api_key}"' 2>&1); then
  skip "rails runner failed: $(echo "$setup" | tail -3 | tr '\n' ' ')"
fi
version=$(echo "$setup" | sed -n 's/^VERSION=//p')
key=$(echo "$setup" | sed -n 's/^KEY=\([0-9a-f]\{40\}\)$/\1/p')
[ -n "$key" ] || skip "no API key from rails runner: $(echo "$setup" | tail -3 | tr '\n' ' ')"
# Debian's database.yml for SQLite has no busy timeout: with two processes, most creates (and some
# reads) fail at once with SQLite3::BusyException (database is locked) and answer 500. Give them the
# 5 s Rails' own generated database.yml has, for this run only (DATABASE_URL's parameters override
# database.yml's). It cannot save every create: Rails 6.1 begins transactions DEFERRED, and when a
# create that has read wants to write while the other process writes, SQLite answers "locked" at
# once instead of waiting (two would-be writers, one must give up). With 2 processes 10–42% of the
# creates still answer 500 and the run is not valid; with REDMINE_PROCESSES=1 none do.
adapter=$(echo "$setup" | sed -n 's/^DB=\([^:]*\):.*/\1/p')
db_note=""
if [ "$db_kind" = sqlite ]; then
  db=$(echo "$setup" | sed -n 's/^DB=sqlite3://p')
  [ -z "$db" ] || { db_env=(DATABASE_URL="sqlite3:$db?timeout=5000"); db_note=" (busy timeout 5 s)"; }
else
  [ "$adapter" = postgresql ] || skip "Redmine's database is $adapter, not the PostgreSQL cluster"
  db_note=" $("$pg_bin/postgres" --version | sed -n 's/^postgres (PostgreSQL) \([0-9.]*\).*/\1/p') (a throwaway cluster on loopback, default settings)"
fi
passenger_version=$(passenger --version | sed -n 's/.*Passenger(R) \([0-9.]*\).*/\1/p')
echo "Redmine $version, Passenger $passenger_version (builtin engine, $procs processes), $(ruby -e 'print "Ruby #{RUBY_VERSION}"'), $adapter$db_note"

(cd "$app" && exec "${as_www[@]}" env "${rails_env[@]}" "${db_env[@]}" passenger start --engine=builtin \
  --disable-security-update-check --disable-anonymous-telemetry -a 127.0.0.1 -p "$port" -e production \
  --max-pool-size "$procs" --min-instances "$procs" --log-file "$wdir/passenger.log" --pid-file "$wdir/passenger.pid") \
  >"$out/redmine-passenger.log" 2>&1 &
launcher=$!
for i in $(seq 180); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$url/" || true)" = 200 ] && break
  kill -0 "$launcher" 2>/dev/null ||
    skip "Passenger stopped while starting: $(tail -3 "$out/redmine-passenger.log" | tr '\n' ' ')"
  [ "$i" -lt 180 ] || skip "Passenger did not answer on $url in 180 s (see $out/redmine-passenger.log)"
  sleep 1
done

auth=(-H "X-Redmine-API-Key: $key")
open_issues() {  # the bench project's open issues, as its API counts them
  local n
  n=$(curl -s "${auth[@]}" "$url/issues.json?project_id=bench&limit=1" | sed -n 's/.*"total_count":\([0-9]*\).*/\1/p')
  echo "${n:-0}"
}

bench_lua "$tmp/create.lua" "$here/lua/redmine_create.lua"
bench_lua "$tmp/list.lua"
# --timeout 10s: a slow answer is measured rather than dropped as a socket error at wrk's 2 s.
drive() { wrk -t2 -c"$conns" --timeout 10s "$@" 2>&1; }

declare -A RPS P99
run() {  # key, label, wrk arguments…: one line of the table, or its INVALID line
  local key=$1 label=$2
  shift 2
  bench_wrk "$label" "" -t2 -c"$conns" --timeout 10s -d"$duration" "$@" || return 0
  RPS[$key]=$W_RPS
  P99[$key]=$W_P99
  printf "%-44s %10s %9s %9s %9s\n" "$label" "$W_RPS" "$W_P50" "$W_P95" "$W_P99"
  echo "RESULT redmine_$key ${W_LINE#RESULT }"
}
create_label="Redmine: create an issue (POST /issues.json)"
list_label="Redmine: list 25 issues (GET /issues.json)"
# One answer of each kind before anything is timed; the create is also the list's first issue.
create_ok=0; list_ok=0
bench_check "$create_label" "a created issue" '.issue.id > 0' "${auth[@]}" -H 'Content-Type: application/json' \
  -X POST "$url/issues.json" -d '{"issue":{"project_id":"bench","subject":"预热","tracker_id":1}}' && create_ok=1
bench_check "$list_label" "a page of issues" '(.issues | length > 0) and (.total_count > 0)' "${auth[@]}" \
  "$url/issues.json?limit=25" && list_ok=1
echo "== warming up (3 s of each)"
[ "$list_ok" = 0 ] || drive -d3s -s "$tmp/list.lua" "${auth[@]}" "$url/issues.json?limit=25" >/dev/null
[ "$create_ok" = 0 ] || drive -d3s -s "$tmp/create.lua" "${auth[@]}" "$url" >/dev/null

printf "%-44s %10s %9s %9s %9s\n" "" "req/s" "p50 ms" "p95 ms" "p99 ms"
before=$(open_issues)
[ "$create_ok" = 0 ] || run create "$create_label" -s "$tmp/create.lua" "${auth[@]}" "$url"
written=$(( $(open_issues) - before ))
[ "$list_ok" = 0 ] || run list "$list_label" -s "$tmp/list.lua" "${auth[@]}" "$url/issues.json?limit=25"
echo "issues written during the create run: $written; the bench project now holds $(open_issues) open issues"
rss=$(ps -u www-data -o rss= | awk '{s += $1} END {print int(s / 1024)}')
echo "RSS of www-data's processes (Passenger and Redmine's $procs): ${rss} MB, after the runs"
if [ -n "$pg_dir" ]; then
  pg_pid=$(head -1 "$pg_dir/data/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pg_pid" ]; then
    pg_rss=$(ps -o rss= -p "$pg_pid" --ppid "$pg_pid" | awk '{s += $1} END {print int(s / 1024)}')
    echo "RSS of the PostgreSQL cluster's processes: ${pg_rss} MB (each counts the shared buffers it touched)"
  fi
fi

if [ ${#BENCH_INVALID[@]} -gt 0 ]; then
  echo "redmine: not measured: the lines above are not valid measures; $env_file not written"
  bench_exit
fi
cat >"$tmp/redmine.env" <<EOF
REDMINE_CREATE_RPS=${RPS[create]}
REDMINE_CREATE_P99_MS=${P99[create]}
REDMINE_LIST_RPS=${RPS[list]}
REDMINE_LIST_P99_MS=${P99[list]}
REDMINE_VERSION=$version
REDMINE_PASSENGER_VERSION=$passenger_version
REDMINE_PROCESSES=$procs
REDMINE_DB=$db_kind
REDMINE_CONNECTIONS=$conns
REDMINE_DURATION=$duration
EOF
mv "$tmp/redmine.env" "$env_file"
echo "wrote $env_file"
