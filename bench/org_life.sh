#!/usr/bin/env bash
# Organisation life at province scale (issue 15): a generated province (bench/gen) of 100,000 party
# organisations with a year of meetings, served on loopback and driven by wrk: the compliance
# matrix at county and province level (target p95 ≤ 50 ms), a branch's year, a street's cells,
# the meeting write rate (plan + hold with the roll, as a secretary), and one forced pass of the
# warning sweep. Prints figures; never fails on a number, but exits non-zero at the end when a line
# was not a measure (bench/lib.sh).
#   bash bench/org_life.sh            (sizes: ORGS, MEMBERS, APPEALS, COUNTIES in the environment)
# The province is generated once into $BENCH_DIR (default /tmp/jiceng-bench) and reused; the
# meetings written and the warnings swept stay in it (delete it to start again).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
bin="${JICENG_BIN:-$root/build/jiceng}"  # JICENG_BIN: compare another build
gen="$root/build/jiceng-gen"
orgs=${ORGS:-100000}
members=${MEMBERS:-2000000}
appeals=${APPEALS:-0}  # organisation life does not read appeals
counties=${COUNTIES:-100}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-16}
source "$root/tests/lib.sh"
source "$here/lib.sh"
dir=${BENCH_DIR:-/tmp/jiceng-bench}
mkdir -p "$dir"
db="$dir/org-life-$orgs-$members.db"
key="$dir/bench.key"
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; bench_cleanup; }
trap cleanup EXIT

if [ ! -f "$db" ]; then
  echo "== generating the province: $counties counties, $orgs organisations, $members members, a year of organisation life"
  t0=$(date +%s)
  "$gen" --db "sqlite:$db" --key-file "$key" --counties "$counties" --orgs "$orgs" --members "$members" \
    --appeals "$appeals"
  echo "generated in $(( $(date +%s) - t0 )) s"
fi
q() { sqlite3 "$db" "$1"; }
echo "== database: $(du -m "$db" | cut -f1) MB on SQLite; $(q "SELECT COUNT(*) FROM party_org WHERE level = 'branch'") branches, $(q 'SELECT COUNT(*) FROM meeting') meetings, $(q 'SELECT COUNT(*) FROM org_life_tally') tally rows"

year=$(TZ=Asia/Shanghai date +%Y)
last_month=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 day" +%Y-%m)
county=$(q "SELECT id FROM area WHERE kind = 'county' ORDER BY id LIMIT 1")
county_path=$(q "SELECT path FROM area WHERE id = $county")
street=$(q "SELECT id FROM area WHERE kind = 'street' ORDER BY id LIMIT 1")
street_path=$(q "SELECT path FROM area WHERE id = $street")
cities=$(q "SELECT COUNT(*) FROM area WHERE kind = 'city'")
streets=$(q "SELECT COUNT(*) FROM area WHERE parent_id = $county")
all_branches=$(q "SELECT COUNT(*) FROM party_org WHERE level = 'branch'")
county_branches=$(q "SELECT COUNT(*) FROM party_org WHERE level = 'branch' AND area_path >= '$county_path' AND area_path < '${county_path%/}0'")
street_branches=$(q "SELECT COUNT(*) FROM party_org WHERE level = 'branch' AND area_path >= '$street_path' AND area_path < '${street_path%/}0'")
branch=$(q "SELECT r.scope_id FROM role_binding r JOIN account a ON a.id = r.account_id WHERE a.username = 'branch'")
attendance=$(q "SELECT json_group_array(json_object('member_id', id, 'status', 'present')) FROM member WHERE org_id = $branch")
starts=$(( $(date +%s) - 2 * 3600 ))
bench_lua "$dir/plain.lua"
bench_lua "$dir/meeting.lua" <(sed "s/ORG/$branch/; s/STARTS/$starts/; s/ATTENDANCE/$attendance/" "$here/lua/meeting.lua")

start_server "$bin" "sqlite:$db" "$key" "$root/web/dist" "$dir/server.log" --sweep-seconds 0 --deliver-seconds 0 \
  --test-clock $NO_LIMITS
url=$JICENG_URL
bench_login admin "$url" admin
bench_login secretary "$url" branch
csrf=$(curl -s -H "Cookie: $secretary" "$url/api/v1/session" | jq -r '.csrf_token // empty' 2>/dev/null || true)
[ -z "$BENCH_LOGIN_CHANGE" ] ||
  echo "(the province in $db predates the generator's ready-to-use accounts: delete it to generate it again)"

declare -A P95
printf "%-52s %10s %9s %9s %9s\n" "" "req/s" "p50 ms" "p95 ms" "p99 ms"
run() {  # key, label, wrk arguments…: one line of the table, or its INVALID line
  local key=$1 label=$2
  shift 2
  bench_wrk "$label" "" -t2 -c"$conns" -d"$duration" "$@" || return 0
  P95[$key]=$W_P95
  printf "%-52s %10s %9s %9s %9s\n" "$label" "$W_RPS" "$W_P50" "$W_P95" "$W_P99"
}
read_line() {  # key, label, what, jq test, path: checked, then timed as the province admin
  bench_check "$2" "$3" "$4" -H "Cookie: $admin" "$url$5" &&
    run "$1" "$2" -s "$dir/plain.lua" -H "Cookie: $admin" "$url$5"
}
shares="[.rows[].months[] | select(. != null) | .share]"
read_line county "compliance matrix, county ($county_branches orgs by street)" "the county's matrix" \
  "(.rows | length == $streets) and ([.rows[].orgs] | add == $county_branches) and ($shares | min < 1 and max > 0.5)" \
  "/api/v1/org-life/compliance/areas?area_id=$county&year=$year"
read_line province "compliance matrix, province ($all_branches orgs by city)" "the province's matrix" \
  "(.rows | length == $cities) and ([.rows[].orgs] | add == $all_branches) and ($shares | min < 1 and max > 0.5)" \
  "/api/v1/org-life/compliance/areas?year=$year"
read_line branch "a branch's year (duties, cells, structure)" "the branch's year" \
  ".org_id == $branch and (.duties | length > 0) and any(.duties[].cells[]; .state == \"done\")" \
  "/api/v1/org-life/compliance/orgs/$branch?year=$year"
read_line cells "street drill-down: $street_branches orgs' cells, $last_month" "the street's cells" \
  "(.orgs | length == $street_branches) and any(.orgs[].cells[]; .state == \"done\")" \
  "/api/v1/org-life/compliance/cells?area_id=$street&month=$last_month"

# Writes: a secretary plans a theme day and holds it with every member present, through the API.
label="meetings: plan + hold with the roll (secretary)"
held() { q "SELECT COUNT(*) FROM meeting WHERE org_id = $branch AND status = 'held' AND topic LIKE '压测主题党日%'"; }
write_headers=(-H "Cookie: $secretary" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json')
if bench_check "$label" "a planned meeting" '.id > 0 and .status == "planned"' -X POST "${write_headers[@]}" \
  -d "{\"org_id\":$branch,\"kind\":\"theme_day\",\"topic\":\"压测主题党日0\",\"starts_at\":$starts}" \
  "$url/api/v1/org-life/meetings"; then
  id=$(jq -r .id "$CHECK_BODY")
  if bench_check "$label" "a valid meeting held with its roll" '.status == "held" and .valid == true and .present > 0' \
    -X POST "${write_headers[@]}" -d "{\"minutes\":\"预热\",\"attendance\":$attendance}" \
    "$url/api/v1/org-life/meetings/$id/hold"; then
    before=$(held)
    run write "$label" -s "$dir/meeting.lua" -H "Cookie: $secretary" -H "X-CSRF-Token: $csrf" "$url"
    [ -z "${P95[write]:-}" ] ||
      echo "meetings held during the run: $(( $(held) - before )) in $duration ($(jq -r length <<<"$attendance") members on each roll)"
  fi
fi

# Right after a write the store's count cache is cold: the province's organisations are counted again.
label="compliance matrix, province, right after a write"
bench_check "$label" "the province's matrix" "(.rows | length == $cities) and ([.rows[].orgs] | add == $all_branches)" \
  -H "Cookie: $admin" "$url/api/v1/org-life/compliance/areas?year=$year" &&
  printf "%-52s %8s ms (one request; counts not cached)\n" "$label" "$CHECK_MS"

# The warning sweep: one forced pass over every organisation (warnings, standings), then a second,
# which must write nothing new. The background sweeper runs it at most once an hour.
label="warning sweep, one pass over $orgs organisations"
# A run before this one left its warnings: without them every run times the same first pass.
q 'DELETE FROM org_life_warning'
warnings_before=0
if bench_check "$label" "a pass that warned" '.org_life_warned > 0' -X POST "$url/api/v1/_test/sweep"; then
  warned=$(jq -r .org_life_warned "$CHECK_BODY")
  printf "%-52s %8s ms (%s warnings written; %s in the table)\n" "$label" "$CHECK_MS" "$warned" \
    "$(( $(q 'SELECT COUNT(*) FROM org_life_warning') - warnings_before ))"
  label="warning sweep, the second pass"
  bench_check "$label" "a pass that warned nothing new" '.org_life_warned == 0' -X POST "$url/api/v1/_test/sweep" &&
    printf "%-52s %8s ms (0 new warnings)\n" "$label" "$CHECK_MS"
fi
echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status) / 1024 )) MB"
echo "SUMMARY county_matrix_p95_ms=${P95[county]:-invalid} province_matrix_p95_ms=${P95[province]:-invalid} target_p95_ms=50"
bench_exit
