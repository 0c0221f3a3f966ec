# Shared by the bench scripts: figures that cannot be measured from error answers.
#
# Every timed line first checks one answer of its kind (bench_check: a 2xx whose body is what the
# line claims to time), then runs wrk with lua/report.lua appended (bench_wrk), which counts the
# answers by status. A line with any answer outside 2xx (other than the ones it names as expected),
# any socket error, or no 2xx at all prints no figure: it prints
#   appeal detail: INVALID (200: 12, 403: 199,880 password_change_required)
# and bench_exit makes the script exit non-zero at its end, after every other line has printed.
# Shares and summaries take only valid figures and say `invalid` otherwise (bench_share).
# Needs curl, jq and wrk.

BENCH_LUA=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lua
BENCH_INVALID=()  # the labels of the lines that gave no figure
BENCH_SCRATCH=$(mktemp -d)
trap 'rm -rf "$BENCH_SCRATCH"' EXIT  # scripts that set their own EXIT trap call bench_cleanup in it
bench_cleanup() { rm -rf "$BENCH_SCRATCH"; }

for c in curl jq wrk; do
  command -v "$c" >/dev/null || { echo "$c missing: bash scripts/install-bench-deps.sh installs it"; exit 1; }
done

# bench_lua OUT [REQUEST_SCRIPT…]: a wrk script, the request scripts (if any) then report.lua.
bench_lua() {
  local out=$1
  shift
  cat "$@" "$BENCH_LUA/report.lua" >"$out"
}

# 1234567 -> 1,234,567
bench_thousands() { sed ':a;s/\([0-9]\)\([0-9]\{3\}\)\($\|[^0-9]\)/\1,\2\3/;ta' <<<"$1"; }

# bench_invalid LABEL WHY: the line's verdict instead of its figure.
bench_invalid() {
  echo "$1: INVALID ($2)"
  BENCH_INVALID+=("$1")
}

# bench_login VAR URL USERNAME [PASSWORD]: logs in (the demo's and the generator's password unless
# told) and sets VAR to the session cookie. Says so when the login fails or the account must change
# its password first (and sets BENCH_LOGIN_CHANGE); the lines that use the cookie are then INVALID.
BENCH_LOGIN_CHANGE=""
bench_login() {
  # Prefixed locals: VAR names the caller's variable, which a local of the same name would hide.
  local _var=$1 _url=$2 _user=$3 _password=${4:-jiceng-demo} _head _status _change _cookie
  _head=$(curl -s -D - -o "$BENCH_SCRATCH/login" -X POST "$_url/api/v1/session" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$_user\",\"password\":\"$_password\"}") || true
  _status=$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' <<<"$_head")
  _cookie=$(grep -i '^set-cookie:' <<<"$_head" | head -1 | sed 's/^[^:]*: *\([^;]*\).*/\1/' | tr -d '\r' || true)
  _change=$(jq -r '.account.password_change // empty' "$BENCH_SCRATCH/login" 2>/dev/null || true)
  if [ -z "$_cookie" ]; then
    echo "login as $_user: ${_status:-no answer} $(jq -r '.error.code // empty' "$BENCH_SCRATCH/login" 2>/dev/null || true)"
  elif [ -n "$_change" ]; then
    echo "login as $_user: the account must change its password before anything else ($_change)"
    BENCH_LOGIN_CHANGE=$_change
  fi
  printf -v "$_var" '%s' "$_cookie"
}

# bench_check LABEL WHAT TEST CURL_ARGS…: one answer of the kind LABEL times, before timing it. It
# must be 2xx and pass TEST: a jq filter on the JSON body (`.items | length > 0`), or
# `content-type:PREFIX` for a binary answer. Sets CHECK_MS (the request's time), CHECK_BODY (a file
# holding the body) and CHECK_STATUS. Prints the INVALID line and returns 1 otherwise.
bench_check() {
  local label=$1 what=$2 test=$3 out status type time code
  shift 3
  CHECK_BODY="$BENCH_SCRATCH/body"
  out=$(curl -s -o "$CHECK_BODY" -w '%{http_code} %{time_total} %{content_type}' "$@") || true
  read -r status time type <<<"$out"
  CHECK_STATUS=${status:-000}
  CHECK_MS=$(awk -v t="${time:-0}" 'BEGIN {printf "%.1f", t * 1000}')
  if [ "$CHECK_STATUS" = 000 ]; then
    bench_invalid "$label" "check: no answer"
    return 1
  fi
  if [[ $CHECK_STATUS != 2?? ]]; then
    code=$(jq -r '[.error.code, (.error.field // empty | "(field \(.))")] | join(" ")' "$CHECK_BODY" 2>/dev/null || true)
    bench_invalid "$label" "check: $CHECK_STATUS${code:+ $code}"
    return 1
  fi
  if [[ $test == content-type:* ]]; then
    [[ $type == "${test#content-type:}"* ]] && [ -s "$CHECK_BODY" ] && return 0
  elif jq -e "$test" "$CHECK_BODY" >/dev/null 2>&1; then
    return 0
  fi
  bench_invalid "$label" "check: the $CHECK_STATUS answer is not $what: $(head -c 160 "$CHECK_BODY" | tr '\n' ' ')"
  return 1
}

# bench_wrk LABEL ALLOWED WRK_ARGS…: one wrk run; its script must end with report.lua (bench_lua).
# ALLOWED: answers outside 2xx that belong to the measure, as "STATUS CODE" separated by commas
# ("503 overloaded"), or "". Sets W_RPS (all answers a second), W_OK_RPS (2xx a second), W_P50,
# W_P95, W_P99 (ms), W_REQUESTS, W_NON2XX, W_ERRORS, W_ANSWERS ("200: 12, 403: 199,880
# password_change_required") and W_LINE (wrk's RESULT line). Prints the INVALID line and returns 1
# when the run is not a measure of LABEL.
bench_field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$W_LINE"; }
bench_wrk() {
  local label=$1 allowed=$2 out status n code bad=0 ok=0 answers=()
  shift 2
  out=$(wrk "$@" 2>&1) || true
  W_LINE=$(grep '^RESULT' <<<"$out" || true)
  if [ -z "$W_LINE" ]; then
    bench_invalid "$label" "wrk gave no result: $(tail -3 <<<"$out" | tr '\n' ' ')"
    return 1
  fi
  W_RPS=$(bench_field rps); W_OK_RPS=$(bench_field ok_rps)
  W_P50=$(bench_field p50); W_P95=$(bench_field p95); W_P99=$(bench_field p99)
  W_REQUESTS=$(bench_field requests); W_NON2XX=$(bench_field non2xx); W_ERRORS=$(bench_field errors)
  while read -r _ status n code; do
    [ -n "$status" ] || continue
    answers+=("$status: $(bench_thousands "$n")${code:+ $code}")
    if [[ $status == 2?? ]]; then
      ok=$((ok + n))
    elif [[ ",$allowed," != *",$status${code:+ $code},"* ]]; then
      bad=$((bad + n))
    fi
  done < <(grep '^STATUS ' <<<"$out")
  [ "${W_ERRORS:-0}" -eq 0 ] || answers+=("socket errors: $(bench_thousands "$W_ERRORS")")
  W_ANSWERS=$(printf '%s\n' "${answers[@]:-no answers}" | paste -sd';' | sed 's/;/, /g')
  if [ "$bad" -gt 0 ] || [ "$ok" -eq 0 ] || [ "${W_ERRORS:-0}" -gt 0 ]; then
    bench_invalid "$label" "$W_ANSWERS"
    grep '^FIRST_BAD ' <<<"$out" | sed 's/^FIRST_BAD /  the first answer outside 2xx: /' || true
    return 1
  fi
}

# bench_share PART WHOLE: PART as a percentage of WHOLE, or `invalid` when either is not a figure.
bench_share() {
  if [[ ${1:-} =~ ^[0-9.]+$ && ${2:-} =~ ^[0-9.]+$ ]] && awk -v w="$2" 'BEGIN {exit !(w > 0)}'; then
    awk -v p="$1" -v w="$2" 'BEGIN {printf "%.0f%%\n", 100 * p / w}'
  else
    echo invalid
  fi
}

# bench_exit: at the end of a script, after every line has printed: non-zero when a line was invalid.
bench_exit() {
  if [ ${#BENCH_INVALID[@]} -gt 0 ]; then
    local IFS=';'
    echo "INVALID: ${#BENCH_INVALID[@]} line(s) gave no figure:${BENCH_INVALID[*]/#/ }"
    exit 1
  fi
}
