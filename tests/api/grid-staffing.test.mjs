// "1+1+1+N" (seed 002): a grid's town contact cadre, its party organisation led by the grid chief,
// its full-time worker and assistants; the county lists the grids short of any of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError } from './client.mjs';

test('a grid\'s staffing shows the four posts of 1+1+1+N', async () => {
  const grid = await as('grid');
  const gridId = grid.account.roles[0].scope_id;
  const r = await grid.get(`/api/v1/grid-staffing/${gridId}`);
  assert.equal(r.status, 200, r.text);
  const s = r.json;
  assert.ok(s.contact?.name, 'the town contact cadre (包联)');
  assert.ok(s.party_org?.name.includes('网格'), 'the grid\'s own party organisation');
  assert.equal(s.party_org.secretary, s.chief.name, 'its secretary is the grid chief (网格长)');
  assert.ok(s.full_time?.name, 'one full-time grid worker');
  assert.ok(s.assistants_count >= 1 && s.assistants.length === s.assistants_count, 'N assistants');
  assert.equal(s.complete, true);
  assert.deepEqual(s.missing, []);
});

test('the county lists the grids whose staffing is incomplete, saying what each lacks', async () => {
  const admin = await as('admin');
  const all = await admin.get('/api/v1/grid-staffing?limit=200');
  assert.equal(all.status, 200, all.text);
  assert.equal(all.json.grids, all.json.items.length);
  const short = await admin.get('/api/v1/grid-staffing?incomplete=1&limit=200');
  assert.ok(short.json.items.length > 0, 'the demo county has gaps');
  assert.equal(short.json.items.length, all.json.incomplete);
  for (const g of short.json.items) {
    assert.equal(g.complete, false);
    assert.ok(g.missing.length > 0, `${g.grid_name} is listed without a reason`);
  }
  assert.ok(short.json.items.some((g) => g.missing.includes('包联镇（街道）党员干部')));
  assert.ok(short.json.items.some((g) => g.missing.includes('网格协管员')));
  assert.ok(all.json.items.some((g) => g.notes.some((n) => n.includes('不是同一人'))), 'a secretary who is not the chief is noted');
  // Paged by path without loss.
  const seen = [];
  let url = '/api/v1/grid-staffing?limit=7';
  for (let i = 0; url && i < 50; i++) {
    const p = (await admin.get(url)).json;
    seen.push(...p.items.map((g) => g.grid_id));
    url = p.next_cursor ? `/api/v1/grid-staffing?limit=7&after=${encodeURIComponent(p.next_cursor)}` : null;
  }
  assert.equal(seen.length, all.json.items.length);
  assert.equal(new Set(seen).size, seen.length);
  assertError(assert, await admin.get('/api/v1/grid-staffing?incomplete=yes'), 400);
  assertError(assert, await admin.get('/api/v1/grid-staffing?limit=0'), 400);
});

test('the street names a grid\'s contact cadre; only a cadre of its own town or the county', async () => {
  const street = await as('street');
  const admin = await as('admin');
  const gridId = (await as('grid')).account.roles[0].scope_id;
  const cadres = (await admin.get('/api/v1/people?kind=cadre&limit=200')).json.items;
  const before = (await street.get(`/api/v1/grid-staffing/${gridId}`)).json;
  const own = cadres.find((p) => p.id !== before.contact?.id && (p.title ?? '').includes('包联') &&
    p.area_id === street.account.roles[0].scope_id);
  assert.ok(own, 'a cadre of the street');
  const set = await street.req('PUT', `/api/v1/grid-staffing/${gridId}/contact`, { person_id: own.id });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.contact.id, own.id);
  const other = cadres.find((p) => p.area_id !== street.account.roles[0].scope_id);
  assertError(assert, await street.req('PUT', `/api/v1/grid-staffing/${gridId}/contact`, { person_id: other.id }), 400);
  const resident = (await admin.get('/api/v1/people?kind=resident&limit=1')).json.items[0];
  assertError(assert, await street.req('PUT', `/api/v1/grid-staffing/${gridId}/contact`, { person_id: resident.id }), 400);
  assertError(assert, await street.req('PUT', `/api/v1/grid-staffing/${gridId}/contact`, { person_id: 'x' }), 400);
  const cleared = await street.req('PUT', `/api/v1/grid-staffing/${gridId}/contact`, { person_id: null });
  assert.equal(cleared.json.contact, null);
  assert.ok(cleared.json.missing.includes('包联镇（街道）党员干部'));
  await street.req('PUT', `/api/v1/grid-staffing/${gridId}/contact`, { person_id: before.contact.id });
});

test('staffing follows scope: another community\'s grid is not there, and field roles see none', async () => {
  const gridId = (await as('grid')).account.roles[0].scope_id;
  const c2 = await as('community2');
  assertError(assert, await c2.get(`/api/v1/grid-staffing/${gridId}`), 404);
  assertError(assert, await c2.req('PUT', `/api/v1/grid-staffing/${gridId}/contact`, { person_id: null }), 404);
  const mine = (await c2.get('/api/v1/grid-staffing?limit=200')).json.items;
  assert.ok(mine.length > 0 && !mine.some((g) => g.grid_id === gridId));
  for (const name of ['member', 'unit', 'resident', 'dept', 'branch']) {
    assertError(assert, await (await as(name)).get(`/api/v1/grid-staffing/${gridId}`), 403);
  }
  assertError(assert, await (await as('grid')).req('PUT', `/api/v1/grid-staffing/${gridId}/contact`, { person_id: null }), 403);
  assertError(assert, await (await as('admin')).get('/api/v1/grid-staffing/1'), 404);  // the county is not a grid
});
