// Operators' logs: one structured line per request on standard output, with the request id a proxy
// sent (or ours), echoed in X-Request-Id; nothing a client sends can forge or split a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { as, Client } from './client.mjs';

const LOG = process.env.JICENG_SERVER_LOG;
const FLUSH_MS = 1500;  // request lines are flushed every second
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const lineOf = (rid) => readFileSync(LOG, 'utf8').split('\n').find((l) => l.includes(`rid=${rid} `));
const fields = (line) => Object.fromEntries([...line.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g)].map((m) => [m[1], m[2]]));

test('a request is one line: time, id, client, account, method, route pattern, status, bytes, milliseconds', { skip: !LOG }, async () => {
  const admin = await as('admin');
  const rid = `proxy-${process.pid}-${Date.now()}`;
  const r = await admin.get('/api/v1/areas/1', { headers: { 'x-request-id': rid } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('x-request-id'), rid, 'the id a proxy sent comes back');
  await sleep(FLUSH_MS);
  const line = lineOf(rid);
  assert.ok(line, `no log line for ${rid}`);
  const f = fields(line);
  assert.match(f.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}/);
  assert.equal(f.level, 'info');
  assert.equal(f.ip, '127.0.0.1');
  assert.equal(f.account, 'admin');
  assert.equal(f.method, 'GET');
  assert.equal(f.route, '/api/v1/areas/{id}', 'the route pattern, not the path with its ids');
  assert.equal(f.status, '200');
  assert.equal(Number(f.bytes), r.buf.length);
  assert.ok(Number(f.ms) >= 0);
});

test('without an id, or with one unfit for a log line, the server makes its own', { skip: !LOG }, async () => {
  const anon = new Client();
  const plain = await anon.get('/api/v1/public/categories');
  const made = plain.headers.get('x-request-id');
  assert.match(made ?? '', /^[0-9a-f]{8}-[0-9a-f]+$/);
  const hostile = 'x level=error msg=forged';
  const r = await anon.get('/api/v1/nope', { headers: { 'x-request-id': hostile } });
  assert.equal(r.status, 404);
  const given = r.headers.get('x-request-id');
  assert.notEqual(given, hostile);
  assert.match(given, /^[0-9a-f]{8}-[0-9a-f]+$/);
  const long = 'a'.repeat(65);
  assert.notEqual((await anon.get('/healthz', { headers: { 'x-request-id': long } })).headers.get('x-request-id'), long);
  await sleep(FLUSH_MS);
  assert.ok(lineOf(made), 'a line for the id the server made');
  const miss = fields(lineOf(given));
  assert.equal(miss.status, '404');
  assert.equal(miss.account, '-');
  assert.equal(miss.route, '-', 'no route matched');
  assert.ok(!readFileSync(LOG, 'utf8').includes('msg=forged'), 'a header wrote into the log');
});

test('a failed login and a refused write are logged with their status, under the account when known', { skip: !LOG }, async () => {
  const rid = `login-${process.pid}-${Date.now()}`;
  const c = new Client();
  const r = await c.req('POST', '/api/v1/session', { username: 'admin', password: 'wrong-Password1' }, { headers: { 'x-request-id': rid } });
  assert.equal(r.status, 401);
  const member = await as('member');
  const rid2 = `refused-${process.pid}-${Date.now()}`;
  const w = await member.post('/api/v1/areas', { name: '越权', kind: 'grid', parent_id: 1 }, { headers: { 'x-request-id': rid2 } });
  assert.equal(w.status, 403);
  await sleep(FLUSH_MS);
  assert.equal(fields(lineOf(rid)).status, '401');
  const f = fields(lineOf(rid2));
  assert.equal(f.status, '403');
  assert.equal(f.account, 'member');
  assert.equal(f.route, '/api/v1/areas');
});
