import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError, BASE } from './client.mjs';

test('health, metrics and the OpenAPI document answer without login', async () => {
  const c = new Client();
  const h = await c.get('/healthz');
  assert.equal(h.status, 200);
  assert.deepEqual(h.json, { status: 'ok' });
  const o = await c.get('/api/openapi.json');
  assert.equal(o.status, 200);
  assert.ok(o.json.paths['/api/v1/members/{id}'].get, 'member detail documented');
  assert.ok(o.json.paths['/api/v1/import/members'].post, 'import documented');
  const list = o.json.paths['/api/v1/members'].get;
  const category = list.parameters.find((p) => p.name === 'category');
  assert.deepEqual(category.schema.enum, ['in_service', 'retired', 'rural', 'mobile', 'student']);
  const body = o.json.paths['/api/v1/members'].post.requestBody.content['application/json'].schema;
  assert.ok(body.required.includes('name') && body.required.includes('org_id'));
  assert.equal(body.properties.joined_on.format, 'date');
  const m = await c.get('/metrics');
  assert.equal(m.status, 200);
  assert.match(m.text, /jiceng_http_request_duration_seconds_bucket\{method="GET",route="\/healthz"/);
  assert.match(m.text, /jiceng_db_connections \d+/);
});

test('login: wrong password is 401, right one sets an HttpOnly SameSite=Strict cookie', async () => {
  const c = new Client();
  const bad = await c.post('/api/v1/session', { username: 'admin', password: 'wrong-password' });
  assertError(assert, bad, 401, 'bad_credentials');
  const unknown = await c.post('/api/v1/session', { username: 'nobody', password: 'whatever1' });
  assertError(assert, unknown, 401, 'bad_credentials');
  const res = await fetch(BASE + '/api/v1/session', {
    method: 'POST', body: JSON.stringify({ username: 'admin', password: 'jiceng-demo' }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /jiceng_session=/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const body = await res.json();
  assert.equal(body.account.username, 'admin');
  assert.equal(body.account.roles[0].role, 'org_dept');
  assert.ok(body.account.menus.includes('members'));
});

test('anonymous API calls get 401; logout ends the session', async () => {
  const anon = new Client();
  assertError(assert, await anon.get('/api/v1/members'), 401, 'unauthenticated');
  assertError(assert, await anon.get('/api/v1/session'), 401);
  const c = await as('admin');
  assert.equal((await c.get('/api/v1/session')).status, 200);
  const out = await c.req('DELETE', '/api/v1/session');
  assert.equal(out.status, 204);
  assertError(assert, await c.get('/api/v1/members'), 401);
  const audit = await (await as('auditor')).get('/api/v1/audit?limit=20');
  const actions = audit.json.items.map((a) => a.action);
  assert.ok(actions.includes('logout') && actions.includes('login'), actions.join(','));
  assert.ok(audit.json.items.every((a) => a.ip !== undefined));
});

test('cookie writes need the CSRF token', async () => {
  const c = await as('admin');
  const r = await c.post('/api/v1/venues', { name: 'x', kind: 'other', area_id: 1 }, { csrf: false });
  assertError(assert, r, 403, 'csrf');
  const wrong = await c.post('/api/v1/venues', { name: 'x', kind: 'other', area_id: 1 },
    { csrf: false, headers: { 'x-csrf-token': 'forged' } });
  assertError(assert, wrong, 403, 'csrf');
});

test('malformed logins are 400 with the field named', async () => {
  const c = new Client();
  assertError(assert, await c.req('POST', '/api/v1/session', '{"username":', { raw: true }), 400, 'invalid_json');
  assertError(assert, await c.req('POST', '/api/v1/session', '[1,2]', { raw: true }), 400, 'invalid_json');
  const missing = await c.post('/api/v1/session', { username: 'admin' });
  assertError(assert, missing, 400, 'required');
  assert.equal(missing.json.error.field, 'password');
  const long = await c.post('/api/v1/session', { username: 'a'.repeat(5000), password: 'x' });
  assertError(assert, long, 400, 'too_long');
  const typed = await c.post('/api/v1/session', { username: 12, password: 'x' });
  assertError(assert, typed, 400);
});

test('oversized bodies get 413 and oversized headers 431, as JSON', async () => {
  const c = await as('admin');
  const big = await c.req('POST', '/api/v1/members', 'x'.repeat(9 * 1024 * 1024), { raw: true });
  assertError(assert, big, 413, 'body_too_large');
  const res = await fetch(BASE + '/healthz', { headers: { 'x-huge': 'y'.repeat(20000) } });
  assert.equal(res.status, 431);
});

test('unknown routes are JSON 404 and wrong methods 405', async () => {
  const c = await as('admin');
  assertError(assert, await c.get('/api/v1/nothing-here'), 404, 'no_route');
  assertError(assert, await c.req('PUT', '/api/v1/members'), 405, 'method_not_allowed');
});

test('the console is served with caching headers and security headers', async () => {
  const res = await fetch(BASE + '/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/html/);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  const html = await res.text();
  const asset = html.match(/\/assets\/[^"]+\.js/)[0];
  const a = await fetch(BASE + asset);
  assert.equal(a.status, 200);
  assert.match(a.headers.get('cache-control'), /immutable/);
  const again = await fetch(BASE + asset, { headers: { 'if-none-match': a.headers.get('etag') } });
  assert.equal(again.status, 304);
  for (const p of ['/assets/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd']) {
    const t = await fetch(BASE + p);
    assert.ok(!(await t.text()).includes('root:'), p);
  }
});

test('API tokens: Bearer works for reads and writes without CSRF; a bad token is 401', async () => {
  const c = await as('community');
  const t = await c.post('/api/v1/tokens', { name: '网格系统对接' });
  assert.equal(t.status, 201, t.text);
  assert.match(t.json.token, /^jct_/);
  const auth = { authorization: `Bearer ${t.json.token}` };
  const bare = new Client();
  const list = await bare.get('/api/v1/members?limit=3', { headers: auth });
  assert.equal(list.status, 200);
  const area = (await bare.get('/api/v1/areas?parent_id=0', { headers: auth })).json.items[0];
  const w = await bare.post('/api/v1/venues', { name: '令牌新建阵地', kind: 'other', area_id: area.id }, { headers: auth });
  assert.equal(w.status, 201, w.text);
  const again = await bare.post('/api/v1/tokens', { name: 'x' }, { headers: auth });
  assertError(assert, again, 403);
  assertError(assert, await bare.get('/api/v1/members', { headers: { authorization: 'Bearer jct_forged' } }), 401);
});
