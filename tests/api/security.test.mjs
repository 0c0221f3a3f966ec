// 等保 level 3 account controls: password policy, lockout, first-login and expired passwords,
// idle sessions, the TOTP second factor, the three separate administrators, and the demo
// password kept off any non-loopback address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { Client, as, assertError, serverNow, sideServer } from './client.mjs';

const STRONG = 'Jiceng#2026';
let serial = 0;
const unique = (prefix) => `${prefix}-${process.pid}-${++serial}`;

// A grid worker account made by the county's organisation department, password already changed.
async function newAccount(password = STRONG) {
  const admin = await as('admin');
  const area = (await admin.get('/api/v1/areas?parent_id=0')).json.items[0];
  const username = unique('sec');
  const r = await admin.post('/api/v1/accounts', { username, display_name: '测试网格员', password: 'Initial#2026', roles: [{ role: 'grid_staff', scope_id: area.id }] });
  assert.equal(r.status, 201, r.text);
  const c = await new Client().login(username, 'Initial#2026');
  assert.equal((await c.req('PUT', '/api/v1/session/password', { current_password: 'Initial#2026', new_password: password })).status, 204);
  return { id: r.json.id, username };
}

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

function totp(secret, unixSeconds) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const o = mac[mac.length - 1] & 15;
  const n = ((mac[o] & 127) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1e6).padStart(6, '0');
}


test('new passwords need 8 characters of 3 kinds and never the username', async () => {
  const admin = await as('admin');
  const area = (await admin.get('/api/v1/areas?parent_id=0')).json.items[0];
  for (const password of ['short1A', 'alllowercase1', 'jiceng-demo', 'weakpass-weakpass']) {
    const r = await admin.post('/api/v1/accounts', { username: unique('weak'), display_name: 'x', password, roles: [{ role: 'grid_staff', scope_id: area.id }] });
    assertError(assert, r, 400, 'weak_password');
    assert.equal(r.json.error.field, 'password');
  }
  const name = unique('named');
  const r = await admin.post('/api/v1/accounts', { username: name, display_name: 'x', password: `X1${name}`, roles: [{ role: 'grid_staff', scope_id: area.id }] });
  assertError(assert, r, 400, 'weak_password');
  assert.match(r.json.error.message, /用户名/);
});

test('a created account must change its password before anything else, and other sessions end', async () => {
  const admin = await as('admin');
  const area = (await admin.get('/api/v1/areas?parent_id=0')).json.items[0];
  const username = unique('first');
  assert.equal((await admin.post('/api/v1/accounts', { username, display_name: '新人', password: 'Initial#2026', roles: [{ role: 'grid_staff', scope_id: area.id }] })).status, 201);
  const c = await new Client().login(username, 'Initial#2026');
  const other = await new Client().login(username, 'Initial#2026');
  assert.equal(c.account.password_change, 'first_login');
  assertError(assert, await c.get('/api/v1/appeals?queue=pending'), 403, 'password_change_required');
  assert.equal((await c.get('/api/v1/session')).status, 200, 'the session itself still answers');
  assertError(assert, await c.req('PUT', '/api/v1/session/password', { current_password: 'wrong#Pass1', new_password: STRONG }), 400, 'bad_credentials');
  assertError(assert, await c.req('PUT', '/api/v1/session/password', { current_password: 'Initial#2026', new_password: 'abc' }), 400, 'weak_password');
  assertError(assert, await c.req('PUT', '/api/v1/session/password', { current_password: 'Initial#2026', new_password: 'Initial#2026' }), 400);
  assert.equal((await c.req('PUT', '/api/v1/session/password', { current_password: 'Initial#2026', new_password: STRONG })).status, 204);
  assert.equal((await c.get('/api/v1/appeals?queue=pending')).status, 200, 'after the change the work opens');
  assert.equal((await c.get('/api/v1/session')).json.account.password_change, null);
  assertError(assert, await other.get('/api/v1/session'), 401, 'unauthenticated');
  await assert.rejects(new Client().login(username, 'Initial#2026'));
  await new Client().login(username, STRONG);
});

test('five failed logins lock the account for 15 minutes with 423, audited; the security administrator unlocks', async () => {
  const { username, id } = await newAccount();
  for (let i = 1; i <= 4; i++) assertError(assert, await new Client().post('/api/v1/session', { username, password: 'Wrong#0000' }), 401, 'bad_credentials');
  const fifth = await new Client().post('/api/v1/session', { username, password: 'Wrong#0000' });
  assertError(assert, fifth, 423, 'account_locked');
  assert.match(fifth.json.error.message, /15 分钟/);
  assert.ok(Number(fifth.headers.get('retry-after')) > 800);
  const right = await new Client().post('/api/v1/session', { username, password: STRONG });
  assertError(assert, right, 423, 'account_locked');
  const trail = (await (await as('auditor')).get(`/api/v1/audit?object_type=account&object_id=${id}&limit=20`)).json.items;
  assert.equal(trail.filter((a) => a.action === 'login_failed').length, 6);
  assert.equal(trail.filter((a) => a.action === 'lock').length, 1);
  const listed = (await (await as('secadmin')).get(`/api/v1/accounts?q=${username}`)).json.items[0];
  assert.equal(listed.locked, true);
  assert.equal((await (await as('secadmin')).post(`/api/v1/accounts/${id}/unlock`)).status, 204);
  await new Client().login(username, STRONG);
});

test('a lock lapses after 15 minutes; idle sessions end after 30; passwords expire', async (t) => {
  const { username } = await newAccount();
  const side = await sideServer(['--password-max-age-days', '1']);
  t.after(side.stop);
  for (let i = 0; i < 5; i++) await new Client(side.url).post('/api/v1/session', { username, password: 'Wrong#0000' });
  assertError(assert, await new Client(side.url).post('/api/v1/session', { username, password: STRONG }), 423);
  await side.clock(15 * 60 + 1);
  const c = await new Client(side.url).login(username, STRONG);
  assert.equal((await c.get('/api/v1/session')).status, 200);
  await side.clock(29 * 60);
  assert.equal((await c.get('/api/v1/session')).status, 200, 'active within 30 minutes');
  await side.clock(31 * 60);
  assertError(assert, await c.get('/api/v1/session'), 401, 'unauthenticated');
  await side.clock(86400);
  const late = await new Client(side.url).login(username, STRONG);
  assert.equal(late.account.password_change, 'expired');
  const blocked = await late.get('/api/v1/appeals?queue=pending');
  assertError(assert, blocked, 403, 'password_change_required');
  assert.match(blocked.json.error.message, /有效期/);
  assert.equal((await late.req('PUT', '/api/v1/session/password', { current_password: STRONG, new_password: 'Renewed#2027' })).status, 204);
  assert.equal((await late.get('/api/v1/appeals?queue=pending')).status, 200);
});

test('TOTP second factor: enrol, then the code is required, checked and never accepted twice', async () => {
  const { username } = await newAccount();
  const c = await new Client().login(username, STRONG);
  const begun = await c.post('/api/v1/session/totp');
  assert.equal(begun.status, 201, begun.text);
  assert.match(begun.json.uri, /^otpauth:\/\/totp\//);
  assertError(assert, await c.post('/api/v1/session/totp/confirm', { code: '000000' }), 400);
  const now = await serverNow();
  assert.equal((await c.post('/api/v1/session/totp/confirm', { code: totp(begun.json.secret, now) })).status, 200);
  const missing = await new Client().post('/api/v1/session', { username, password: STRONG });
  assertError(assert, missing, 401, 'totp_required');
  assert.equal(missing.json.error.field, 'totp');
  assertError(assert, await new Client().post('/api/v1/session', { username, password: STRONG, totp: '12345x' }), 401, 'bad_totp');
  const code = totp(begun.json.secret, now + 30);
  assert.equal((await new Client().post('/api/v1/session', { username, password: STRONG, totp: code })).status, 200);
  assertError(assert, await new Client().post('/api/v1/session', { username, password: STRONG, totp: code }), 401, 'bad_totp');
  const again = await new Client().login(username, STRONG).catch((e) => e);
  assert.ok(again instanceof Error);
  // The security administrator clears it for someone who lost their phone.
  const id = (await (await as('secadmin')).get(`/api/v1/accounts?q=${username}`)).json.items[0].id;
  assert.equal((await (await as('secadmin')).post(`/api/v1/accounts/${id}/totp-reset`)).status, 204);
  await new Client().login(username, STRONG);
});

test('three administrators, none able to do another\'s job', async () => {
  const sys = await as('sysadmin');
  const sec = await as('secadmin');
  const aud = await as('auditor');
  const admin = await as('admin');
  const county = (await admin.get('/api/v1/areas?parent_id=0')).json.items[0];
  const area = (await admin.get(`/api/v1/areas?parent_id=${county.id}`)).json.items[0];
  // The system administrator creates accounts, but grants nothing and reads no audit.
  const username = unique('staff');
  const made = await sys.post('/api/v1/accounts', { username, display_name: '新干部', password: 'Initial#2026' });
  assert.equal(made.status, 201, made.text);
  assertError(assert, await sys.post('/api/v1/accounts', { username: unique('x'), display_name: 'x', password: 'Initial#2026', roles: [{ role: 'grid_staff', scope_id: area.id }] }), 403);
  assertError(assert, await sys.post(`/api/v1/accounts/${made.json.id}/roles`, { role: 'grid_staff', scope_id: area.id }), 403);
  assertError(assert, await sys.get('/api/v1/audit'), 403);
  assertError(assert, await sys.get('/api/v1/members'), 403);
  // The security administrator grants and unlocks, but creates no account and reads no audit.
  assertError(assert, await sec.post('/api/v1/accounts', { username: unique('y'), display_name: 'y', password: 'Initial#2026' }), 403);
  const granted = await sec.post(`/api/v1/accounts/${made.json.id}/roles`, { role: 'street_officer', scope_id: area.id });
  assert.equal(granted.status, 201, granted.text);
  assertError(assert, await sec.post(`/api/v1/accounts/${made.json.id}/roles`, { role: 'audit_admin', scope_id: county.id }), 400);
  assertError(assert, await sec.get('/api/v1/audit'), 403);
  assertError(assert, await sec.post(`/api/v1/accounts/${made.json.id}/disable`), 403);
  // Administrators' own accounts are out of everyone's reach but the server's command line.
  const sysId = sys.account.id;
  assertError(assert, await sec.post(`/api/v1/accounts/${sysId}/roles`, { role: 'grid_staff', scope_id: area.id }), 403);
  assertError(assert, await admin.post(`/api/v1/accounts/${sec.account.id}/disable`), 403);
  // The audit administrator reads and verifies the log, and does nothing else.
  const trail = await aud.get(`/api/v1/audit?object_type=account&object_id=${made.json.id}`);
  assert.deepEqual(trail.json.items.map((a) => a.action).sort(), ['create', 'grant']);
  assert.equal(trail.json.items.find((a) => a.action === 'grant').actor, 'secadmin');
  const verified = await aud.get('/api/v1/audit/verify');
  assert.equal(verified.json.ok, true);
  assert.ok(verified.json.rows > 10);
  assertError(assert, await aud.get('/api/v1/accounts'), 403);
  assertError(assert, await aud.post('/api/v1/accounts', { username: unique('z'), display_name: 'z', password: 'Initial#2026' }), 403);
  assertError(assert, await admin.get('/api/v1/audit'), 403);
  // The granted account works, its new holder changing the initial password first.
  const c = await new Client().login(username, 'Initial#2026');
  assert.equal(c.account.roles[0].role, 'street_officer');
  assert.equal(c.account.password_change, 'first_login');
  // Disable ends its sessions at once.
  await c.req('PUT', '/api/v1/session/password', { current_password: 'Initial#2026', new_password: STRONG });
  assert.equal((await sys.post(`/api/v1/accounts/${made.json.id}/disable`)).status, 204);
  assertError(assert, await c.get('/api/v1/session'), 401);
  const listed = (await sec.get(`/api/v1/accounts?q=${username}`)).json.items[0];
  assert.equal(listed.disabled, true);
  assert.deepEqual(listed.roles.map((r) => r.role), ['street_officer'], 'a disabled account still shows its roles');
  assertError(assert, await new Client().post('/api/v1/session', { username, password: STRONG }), 401, 'bad_credentials');
});

test('account administration stays inside the caller\'s subtree', async () => {
  const community = await as('community');
  const other = await as('community2');
  const mine = (await community.get('/api/v1/areas?parent_id=0')).json.items[0];
  const username = unique('cw');
  const made = await community.post('/api/v1/accounts', { username, display_name: '社区网格员', password: 'Initial#2026', roles: [{ role: 'grid_staff', scope_id: mine.id }] });
  assert.equal(made.status, 201, made.text);
  const listed = (await community.get(`/api/v1/accounts?q=${username}`)).json.items;
  assert.equal(listed.length, 1);
  assert.equal((await other.get(`/api/v1/accounts?q=${username}`)).json.items.length, 0);
  for (const path of ['disable', 'enable', 'unlock', 'totp-reset']) {
    assertError(assert, await other.post(`/api/v1/accounts/${made.json.id}/${path}`), 404);
  }
  assertError(assert, await other.post(`/api/v1/accounts/${made.json.id}/password`, { password: STRONG }), 404);
  assert.equal((await community.post(`/api/v1/accounts/${made.json.id}/password`, { password: 'Reset#2026x' })).status, 204);
  const c = await new Client().login(username, 'Reset#2026x');
  assert.equal(c.account.password_change, 'first_login', 'a reset password is changed at the next login');
  assertError(assert, await community.post('/api/v1/accounts/999999/disable'), 404);
  assertError(assert, await community.get('/api/v1/accounts?limit=0'), 400);
  assertError(assert, await community.get(`/api/v1/accounts?q=${'x'.repeat(100)}`), 400);
});

test('the server will not listen beyond loopback while demo accounts keep the demo password', async () => {
  const proc = spawn(process.env.JICENG_BIN, ['serve', '--db', process.env.JICENG_DB, '--key-file', process.env.JICENG_KEY,
    '--listen', '0.0.0.0:0', '--web', '/nonexistent'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const code = await new Promise((resolve) => proc.on('exit', resolve));
  assert.equal(code, 1, log);
  assert.match(log, /demo password/);
});
