// Every route, fed malformed, oversized, wrong-typed and out-of-scope input: always a clear 4xx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const REGISTERS = ['areas', 'orgs', 'units', 'members', 'venues', 'people'];

test('every register rejects broken bodies and ids with JSON 4xx', async () => {
  const c = await as('admin');
  for (const reg of REGISTERS) {
    for (const body of ['', '{', 'null', '[]', '"text"', '{"name": 5}', '{"a":'.repeat(40) + '1' + '}'.repeat(40)]) {
      const r = await c.req('POST', `/api/v1/${reg}`, body, { raw: true, headers: { 'content-type': 'application/json' } });
      assertError(assert, r, 400);
    }
    const unicode = await c.post(`/api/v1/${reg}`, { name: '\ud800' });
    assert.ok(unicode.status === 400, `${reg} lone surrogate → ${unicode.status}`);
    assertError(assert, await c.patch(`/api/v1/${reg}/99999999`, { name: 'x' }), 404);
    assertError(assert, await c.get(`/api/v1/${reg}/-1`), 404);
    assertError(assert, await c.get(`/api/v1/${reg}/1e3`), 404);
    assertError(assert, await c.get(`/api/v1/${reg}?limit=201`), 400);
    assertError(assert, await c.get(`/api/v1/${reg}?sort=password_hash`), 400);
    const csv = await c.get(`/api/v1/export/${reg}?format=csv`);
    assert.equal(csv.status, 200, `${reg} export`);
    const empty = await c.req('POST', `/api/v1/import/${reg}?dry_run=1`, '\n\n', { raw: true });
    assert.ok(empty.status === 400 || empty.status === 422, `${reg} empty import → ${empty.status}`);
  }
});

test('side routes reject bad input and stay in scope', async () => {
  const c = await as('admin');
  const two = await as('community2');
  const mine = (await (await as('community')).get('/api/v1/areas?parent_id=0')).json.items[0];
  for (const [path, body] of [
    [`/api/v1/areas/${mine.id}/move`, {}],
    [`/api/v1/areas/${mine.id}/move`, { parent_id: 'x' }],
    [`/api/v1/areas/${mine.id}/move`, { parent_id: mine.id }],
    [`/api/v1/areas/${mine.id}/move`, { parent_id: mine.parent_id, effective_on: 'tomorrow' }],
    ['/api/v1/accounts', { username: 'bad name!', display_name: 'x', password: 'Passw0rd!x', roles: [] }],
    ['/api/v1/accounts', { username: 'shortpw', display_name: 'x', password: 'short', roles: [{ role: 'grid_staff', scope_id: mine.id }] }],
    ['/api/v1/accounts', { username: 'badrole', display_name: 'x', password: 'Passw0rd!x', roles: [{ role: 'king', scope_id: 1 }] }],
    ['/api/v1/tokens', { name: '' }],
  ]) {
    const r = await c.post(path, body);
    assertError(assert, r, 400);
  }
  assertError(assert, await c.get('/api/v1/units/coverage?area_id=abc'), 400);
  assertError(assert, await (await as('auditor')).get('/api/v1/audit?limit=0'), 400);
  assertError(assert, await c.get('/api/v1/audit'), 403, 'forbidden');
  for (const side of ['geojson', 'committee', 'history']) {
    assertError(assert, await two.get(`/api/v1/areas/${mine.id}/${side}`), 404);
    assertError(assert, await c.get(`/api/v1/areas/999999/${side}`), 404);
  }
  assertError(assert, await two.post(`/api/v1/areas/${mine.id}/move`, { parent_id: mine.parent_id }), 404);
  assertError(assert, await two.get('/api/v1/audit'), 403);
  const anon = new Client();
  for (const p of ['/api/v1/areas/1/geojson', '/api/v1/units/coverage', '/api/v1/audit', '/api/v1/export/members']) {
    assertError(assert, await anon.get(p), 401);
  }
  assertError(assert, await anon.post('/api/v1/import/members', 'x'), 401);
});

test('many concurrent requests never produce a 5xx', async () => {
  const c = await as('admin');
  const paths = ['/api/v1/members?limit=20', '/api/v1/areas?parent_id=0', '/api/v1/orgs?limit=20', '/api/v1/units?q=%25'];
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => c.get(paths[i % paths.length])));
  assert.ok(results.every((r) => r.status === 200), results.map((r) => r.status).join(','));
});

test('the public lists answer a visitor who names no area (found by fuzzing: it read an empty principal)', async () => {
  const r = await new Client().get('/api/v1/public/lists');
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.json.needs));
});

test('every register answers a name search without a 5xx (the three lists once searched a name column they lack)', async () => {
  const c = await as('admin');
  for (const k of ['areas', 'orgs', 'units', 'members', 'venues', 'people', 'activities', 'deliberations', 'households',
    'needs', 'pairings', 'projects', 'resources', 'volunteer-teams', 'dual-reports']) {
    const r = await c.get(`/api/v1/${k}?q=${encodeURIComponent('测试')}`);
    assert.ok(r.status === 200 || r.status === 400, `${k}: ${r.status} ${r.text}`);
    if (r.status === 400) assert.equal(r.json.error.field, 'q');
  }
  // Found by fuzzing: a NUL cut the members' full-text query short and it answered 500.
  const nul = await c.get('/api/v1/members?q=%E6%B5%8B%E8%AF%95%00x');
  assertError(assert, nul, 400);
  assert.equal(nul.json.error.field, 'q');
  const needs = await c.get(`/api/v1/needs?q=${encodeURIComponent('扶手')}`);
  assert.ok(needs.json.items.every((n) => n.title.includes('扶手')));
});
