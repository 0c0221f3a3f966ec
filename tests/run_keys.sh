#!/usr/bin/env bash
# Key rotation: `jiceng keys rotate` re-encrypts every encrypted field under new keys and drops
# the old ones. Revealed values read the same afterwards; the blind index still finds a duplicate
# ID number; the database passes its checks; the old key file no longer opens the database.
# `run_keys.sh sqlite|postgres BIN`.
set -euo pipefail
store=$1 bin=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
setup_store "$store"
fail() { echo "key rotation ($store): $*"; exit 1; }
"$bin" migrate --db "$db" >/dev/null
"$bin" demo --db "$db" --key-file "$key" --members 500 >/dev/null
serve() { start_server "$bin" "$db" "$1" /nonexistent "$tmp/server.log" --sweep-seconds 0 --deliver-seconds 0 $NO_LIMITS; }
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

# What an officer sees when revealing the first members' ID numbers and phones.
reveal() {
  JICENG_URL=$JICENG_URL node --input-type=module -e "
    const base = process.env.JICENG_URL;
    const login = await fetch(base + '/api/v1/session', { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'jiceng-demo' }) });
    const h = { cookie: login.headers.get('set-cookie').split(';')[0], 'x-csrf-token': (await login.json()).csrf_token };
    const members = (await (await fetch(base + '/api/v1/members?limit=5', { headers: h })).json()).items;
    const out = [];
    for (const m of members) for (const field of ['id_number', 'phone']) {
      const r = await fetch(base + '/api/v1/members/' + m.id + '/reveal', { method: 'POST', headers: h, body: JSON.stringify({ field }) });
      out.push(m.id + ' ' + field + ' ' + (await r.json()).value);
    }
    if (process.argv[1] === 'dup') {
      const id = out[0].split(' ')[2];
      const r = await fetch(base + '/api/v1/members', { method: 'POST', headers: h, body: JSON.stringify({ name: '重复', id_number: id, org_id: members[0].org_id }) });
      out.push('duplicate ' + r.status);
    }
    console.log(out.join('\n'));
  " "${1:-}"
}

serve "$key"
before=$(reveal)
stop
cp "$key" "$tmp/old.key"
out=$("$bin" keys rotate --db "$db" --key-file "$key") || fail "rotate failed"
echo "$out" | grep -q "re-encrypted" || fail "rotate said: $out"
cmp -s "$key" "$tmp/old.key" && fail "the key file did not change"
grep -v '^#' "$key" | grep -qF "$(grep -v '^#' "$tmp/old.key" | head -1 | cut -d' ' -f1)" && fail "the old key is still in the key file"

serve "$key"
after=$(reveal dup)
stop
[ "$(echo "$after" | head -10)" = "$before" ] || fail "revealed values differ after rotation"
echo "$after" | grep -q "^duplicate 409$" || fail "the blind index no longer finds a duplicate ID number: $(echo "$after" | tail -1)"
"$bin" check --db "$db" >/dev/null 2>&1 || fail "the database fails its check after rotation"
if "$bin" serve --db "$db" --key-file "$tmp/old.key" --listen 127.0.0.1:0 >"$tmp/old.log" 2>&1; then
  fail "the server started with the retired keys"
fi
grep -q "lacks the key set" "$tmp/old.log" || fail "starting with the retired keys did not say why: $(cat "$tmp/old.log")"
echo "key rotation ($store): $(echo "$out" | sed 's/.*, \([0-9]*\) value.*/\1/') values re-encrypted, reveals unchanged, duplicates still found, old keys refused"
