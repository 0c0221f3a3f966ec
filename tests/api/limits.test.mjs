// Hostile traffic and overload: per-address and per-phone limits, the request-head deadline, the
// bounded queue's 503, and the security headers every answer carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { Client, assertError, sideServer, BASE } from './client.mjs';

const GRID1 = { lon: 99.53, lat: 39.23 };

async function leafCategory() {
  const cats = (await new Client().get('/api/v1/public/categories')).json.items;
  const parents = new Set(cats.map((c) => c.parent_id));
  return cats.find((c) => c.level === 3 && !parents.has(c.id));
}

const from = (address) => ({ headers: { 'x-forwarded-for': address } });

test('every answer carries the security headers; HSTS and Secure cookies behind HTTPS', async (t) => {
  for (const path of ['/healthz', '/api/v1/session', '/api/openapi.json', '/no-such-page', '/api/v1/nothing-here']) {
    const r = await fetch(BASE + path);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.match(csp, /default-src 'self'/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
    assert.equal(r.headers.get('strict-transport-security'), null, 'no HSTS over plain HTTP');
  }
  const side = await sideServer(['--behind-https']);
  t.after(side.stop);
  const r = await fetch(side.url + '/api/v1/session', { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'jiceng-demo' }) });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('strict-transport-security'), /max-age=31536000/);
  assert.match(r.headers.get('set-cookie'), /; Secure/);
});

test('logins are limited per client address, read through a trusted proxy', async (t) => {
  const side = await sideServer(['--login-per-minute', '1', '--trusted-proxy', '127.0.0.1']);
  t.after(side.stop);
  const c = new Client(side.url);
  let limited = null;
  for (let i = 0; i < 25 && !limited; i++) {
    const r = await c.post('/api/v1/session', { username: `nobody${i}`, password: 'Whatever#1' }, from('203.0.113.7'));
    if (r.status === 429) limited = r;
    else assertError(assert, r, 401, 'bad_credentials');
  }
  assert.ok(limited, 'the burst runs out');
  assertError(assert, limited, 429, 'rate_limited');
  assert.match(limited.json.error.message, /登录尝试过于频繁/);
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  // Another address behind the same proxy is not held up; the next hop's claim is not believed.
  const other = await c.post('/api/v1/session', { username: 'admin', password: 'jiceng-demo' }, from('203.0.113.8'));
  assert.equal(other.status, 200);
  const spoofed = await c.post('/api/v1/session', { username: 'admin', password: 'jiceng-demo' }, from('203.0.113.9, 203.0.113.7'));
  assertError(assert, spoofed, 429, 'rate_limited');
  const garbage = await c.post('/api/v1/session', { username: 'admin', password: 'jiceng-demo' }, from('<script>'));
  assert.equal(garbage.status, 200, 'an unreadable header falls back to the proxy address, which has its own budget');
});

test('public intake is limited per address and per phone; refused ones leave nothing behind', async (t) => {
  const side = await sideServer(['--intake-per-minute', '1', '--intake-per-phone-day', '4', '--trusted-proxy', '127.0.0.1']);
  t.after(side.stop);
  const cat = await leafCategory();
  const body = (phone) => ({ type: 'complaint', category_id: cat.id, description: '路灯坏了很久没人修', ...GRID1, phone, reporter_name: '李先生' });
  const c = new Client(side.url);
  const first = await c.post('/api/v1/public/appeals', body('13700000001'), from('198.51.100.1'));
  assert.equal(first.status, 201, first.text);
  const samePhone = await c.post('/api/v1/public/appeals', body('13700000001'), from('198.51.100.2'));
  assertError(assert, samePhone, 429, 'rate_limited');
  assert.match(samePhone.json.error.message, /手机号/);
  let byAddress = null;
  for (let i = 2; i < 12 && !byAddress; i++) {
    const r = await c.post('/api/v1/public/appeals', body(`1370000010${i % 10}`), from('198.51.100.3'));
    if (r.status === 429) byAddress = r;
    else assert.equal(r.status, 201, r.text);
  }
  assert.ok(byAddress, 'five at once, then one a minute');
  assert.ok(Number(byAddress.headers.get('retry-after')) > 0);
  // Open311 clients relay many residents: only the phone counts there.
  const open311 = await fetch(side.url + '/open311/v2/requests.json', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: 'demo-open311-key', service_code: String(cat.id), lat: '39.23', long: '99.53', phone: '13700000001' }).toString(),
  });
  assert.equal(open311.status, 429);
  assert.ok(Array.isArray(await open311.json()), 'the error is in the specification\'s shape');
  const tracked = await new Client().get(`/api/v1/public/appeals/${first.json.code}`);
  assert.equal(tracked.status, 200, 'accepted appeals are there');
});

test('a client trickling its request head is cut off at the deadline', async (t) => {
  const side = await sideServer(['--header-timeout', '1']);
  t.after(side.stop);
  const { port } = new URL(side.url);
  const started = Date.now();
  const closedAfter = await new Promise((resolve) => {
    const s = net.connect(Number(port), '127.0.0.1', () => {
      s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      const drip = setInterval(() => s.write('X-Slow: a\r\n'), 200);
      const giveUp = setTimeout(() => s.destroy(), 10000);
      s.on('close', () => { clearInterval(drip); clearTimeout(giveUp); resolve(Date.now() - started); });
      s.on('error', () => {});
    });
  });
  // Without the deadline the drip would hold it open for as long as it went on (10 s here); the
  // upper bound is loose so a loaded machine does not fail the test.
  assert.ok(closedAfter >= 900 && closedAfter < 8000, `closed after ${closedAfter} ms`);
  // On a new connection: the pooled one from the clock calls sat idle past the deadline too, and
  // the server has closed it, as it closes any idle keep-alive connection.
  const fresh = await new Promise((resolve, reject) => {
    http.get(side.url + '/healthz', { agent: false }, (r) => { r.resume(); resolve(r.statusCode); }).on('error', reject);
  });
  assert.equal(fresh, 200, 'the server still answers others');
});

test('beyond its queue the server answers 503 with Retry-After at once, and keeps answering', async (t) => {
  const side = await sideServer(['--max-pending', '1']);
  t.after(side.stop);
  // Each login spends tens of milliseconds hashing, so a burst of them queues up.
  const answers = await Promise.all(Array.from({ length: 24 }, () =>
    fetch(side.url + '/api/v1/session', { method: 'POST', body: JSON.stringify({ username: 'nobody', password: 'Whatever#1' }) })));
  const statuses = answers.map((r) => r.status);
  assert.ok(statuses.includes(503), statuses.join(','));
  assert.ok(statuses.includes(401), statuses.join(','));
  assert.ok(statuses.every((s) => s === 503 || s === 401), statuses.join(','));
  const shed = answers.find((r) => r.status === 503);
  assert.equal(shed.headers.get('retry-after'), '1');
  assert.equal((await shed.json()).error.code, 'overloaded');
  assert.equal((await fetch(side.url + '/healthz')).status, 200);
  const after = await new Client(side.url).post('/api/v1/session', { username: 'admin', password: 'jiceng-demo' });
  assert.equal(after.status, 200, 'once the burst has passed, work goes on');
});
