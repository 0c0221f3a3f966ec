// Notifications: events reach subscribed webhooks, signed; failures retry with backoff and stay visible.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Client, as, assertError } from './client.mjs';

const pub = new Client();
const received = [];
let flakyCalls = 0;
let server;
let base;

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (req.url === '/down') { res.writeHead(500); res.end('down'); return; }
      if (req.url === '/flaky' && ++flakyCalls === 1) { res.writeHead(503); res.end('busy'); return; }
      received.push({ path: req.url, event: req.headers['x-jiceng-event'], signature: req.headers['x-jiceng-signature'], body: JSON.parse(body) });
      res.writeHead(200);
      res.end('ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

const deliver = () => pub.post('/api/v1/_test/deliver', {});
const advance = (s) => pub.post('/api/v1/_test/clock', { advance_seconds: s });

test('webhooks get the events they subscribe to; a flaky one is retried; a dead one ends visible as failed', async () => {
  const admin = await as('admin');
  const ok = await admin.post('/api/v1/webhooks', { name: '短信网关', url: `${base}/ok`, events: ['assigned', 'resolved'] });
  assert.equal(ok.status, 201, ok.text);
  assert.ok(ok.json.secret.length >= 20);
  const flaky = await admin.post('/api/v1/webhooks', { name: '微信网关', url: `${base}/flaky`, events: ['assigned'] });
  const down = await admin.post('/api/v1/webhooks', { name: '坏网关', url: `${base}/down` });
  assert.equal(flaky.status, 201);
  assert.equal(down.status, 201);
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const cat = cats.find((c) => c.level === 3 && c.urgency === 'general');
  const filed = await pub.post('/api/v1/public/appeals', { type: 'help', category_id: cat.id, description: '需要帮助的事情', lon: 99.53, lat: 39.23, anonymous: true });
  assert.equal(filed.status, 201);
  let r = (await deliver()).json;
  assert.ok(r.delivered >= 1 && r.retried >= 2, JSON.stringify(r));
  const assigned = received.find((x) => x.path === '/ok' && x.body.appeal.code === filed.json.code);
  assert.equal(assigned.event, 'assigned');
  assert.match(assigned.signature, /^hmac-sm3=[0-9a-f]{64}$/);
  assert.equal(assigned.body.event, 'assigned');
  assert.ok(!JSON.stringify(assigned.body).includes('phone'));
  await advance(31);
  r = (await deliver()).json;
  assert.ok(received.some((x) => x.path === '/flaky' && x.body.appeal.code === filed.json.code), 'retried and delivered');
  for (let i = 0; i < 6; i++) { await advance(22000); await deliver(); }
  const failed = (await (await as('admin')).get('/api/v1/outbox?state=failed')).json.items;
  const dead = failed.find((x) => x.webhook === '坏网关');
  assert.ok(dead, 'the dead webhook\'s message is kept as failed');
  assert.equal(dead.attempts, 6);
  assert.match(dead.last_error, /HTTP 500/);
  const again = await (await as('admin')).post(`/api/v1/outbox/${dead.id}/retry`, {});
  assert.equal(again.json.state, 'pending');
  const community2 = await as('community2');
  assert.ok(!(await community2.get('/api/v1/outbox?state=failed')).json.items.some((x) => x.id === dead.id), 'scoped');
  assertError(assert, await community2.post(`/api/v1/outbox/${dead.id}/retry`, {}), 404);
});

test('an escalation notifies both sides: the level handing it up and the level receiving it', async () => {
  const admin = await as('admin');
  const hook = await admin.post('/api/v1/webhooks', { name: '上报通知', url: `${base}/ok`, events: ['escalated'] });
  assert.equal(hook.status, 201);
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const cat = cats.find((c) => c.level === 3 && c.urgency === 'general');
  const filed = await pub.post('/api/v1/public/appeals', { type: 'help', category_id: cat.id, description: '需要社区协调的事', lon: 99.53, lat: 39.23, anonymous: true });
  const grid = await as('grid');
  const id = (await grid.get(`/api/v1/appeals?q=${filed.json.code}`)).json.items[0].id;
  assert.equal((await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'escalate', note: '需社区协调' })).status, 200);
  await deliver();
  const got = received.find((x) => x.event === 'escalated' && x.body.appeal.code === filed.json.code);
  assert.ok(got, 'escalation delivered');
  assert.equal(got.body.from.level, 1);
  assert.match(got.body.from.area_name, /第1网格$/);
  assert.equal(got.body.to.level, 2);
  assert.match(got.body.to.area_name, /社区$/);
});

test('only the organisation department configures webhooks, and only to http addresses', async () => {
  const admin = await as('admin');
  assertError(assert, await (await as('community')).post('/api/v1/webhooks', { name: 'x', url: `${base}/ok` }), 403);
  for (const [body, field] of [[{ name: 'x', url: 'ftp://example/x' }, 'url'], [{ name: 'x', url: 'not a url' }, 'url'],
    [{ name: 'x', url: `${base}/ok`, events: ['everything'] }, 'events'], [{ url: `${base}/ok` }, 'name']]) {
    const r = await admin.post('/api/v1/webhooks', body);
    assertError(assert, r, 400);
    assert.equal(r.json.error.field, field);
  }
  assertError(assert, await admin.get('/api/v1/outbox?state=lost'), 400);
  assert.ok((await admin.get('/api/v1/webhooks')).json.items.length >= 3);
});
