// A signed-in resident on the phone: 我的诉求 (the appeals they filed, and the name and phone for the
// next one) and 民提 (a matter put forward for 四民议事 in their own community).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const pub = new Client();
const GRID1 = { lon: 99.53, lat: 39.23 };
const GRID2 = { lon: 99.59, lat: 39.23 };
const STRONG = 'Jiceng#2026';
let resident, other, community, community2, grid;
let home, otherHome;

async function leaf() {
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const parents = new Set(cats.map((c) => c.parent_id));
  return cats.find((c) => c.level === 3 && c.urgency === 'general' && !parents.has(c.id));
}

async function appeal(extra = {}) {
  return { type: 'help', category_id: (await leaf()).id, description: '楼下路灯坏了好几天，晚上看不清路', ...GRID1, anonymous: false, ...extra };
}

// A second resident, in the other community, made by its secretary; password changed at first login.
async function otherResident() {
  const username = `resident-${process.pid}`;
  const made = await community2.post('/api/v1/accounts', {
    username, display_name: '李大爷', password: 'Initial#2026', roles: [{ role: 'resident', scope_id: otherHome }],
  });
  assert.equal(made.status, 201, made.text);
  const c = await new Client().login(username, 'Initial#2026');
  assert.equal((await c.req('PUT', '/api/v1/session/password', { current_password: 'Initial#2026', new_password: STRONG })).status, 204);
  return new Client().login(username, STRONG);
}

before(async () => {
  [resident, community, community2, grid] = await Promise.all(['resident', 'community', 'community2', 'grid'].map(as));
  home = community.account.roles[0].scope_id;
  otherHome = community2.account.roles[0].scope_id;
  other = await otherResident();
});

test('我的诉求: a resident files signed in and lists their own appeals, never another resident\'s', async () => {
  const filed = await resident.post('/api/v1/my/appeals', await appeal({ reporter_name: '王居民', phone: '13900001111' }));
  assert.equal(filed.status, 201, filed.text);
  assert.match(filed.json.code, /^[A-Z0-9]{10}$/);
  assert.equal(filed.json.grid_name !== null, true, 'placed in the grid under the point');
  // the same phone filed without signing in is not the account's
  const anon = await pub.post('/api/v1/public/appeals', await appeal({ phone: '13900001111', reporter_name: '王居民' }));
  assert.equal(anon.status, 201);
  const theirs = await other.post('/api/v1/my/appeals', await appeal({ ...GRID2, phone: '13700002222', description: '小区门口积水严重，老人出门不便' }));
  assert.equal(theirs.status, 201, theirs.text);

  const mine = await resident.get('/api/v1/my/appeals');
  assert.equal(mine.status, 200, mine.text);
  const codes = mine.json.items.map((i) => i.code);
  assert.ok(codes.includes(filed.json.code));
  assert.ok(!codes.includes(anon.json.code), 'an appeal filed without the session is not listed');
  assert.ok(!codes.includes(theirs.json.code), "another resident's appeal never shows");
  const item = mine.json.items.find((i) => i.code === filed.json.code);
  assert.equal(item.status, 'submitted');
  assert.equal(item.status_label, filed.json.status_label);
  assert.equal(item.description, '楼下路灯坏了好几天，晚上看不清路');
  assert.ok(item.category_name && item.area_name && item.created_at > 1.7e9);
  assert.deepEqual(mine.json.contact, { name: resident.account.display_name, phone: '13900001111' }, 'the report form is prefilled');

  const theirList = await other.get('/api/v1/my/appeals');
  assert.deepEqual(theirList.json.items.map((i) => i.code), [theirs.json.code]);
  assert.deepEqual(theirList.json.contact, { name: '李大爷', phone: '13700002222' });

  // the tracking page works for it like any appeal
  const track = await pub.get(`/api/v1/public/appeals/${filed.json.code}`);
  assert.equal(track.status, 200);
});

test('我的诉求 pages newest first; only residents have one; a bad report is a 400 naming the field', async () => {
  const codes = [];
  for (const d of ['第一件：楼道灯不亮了', '第二件：垃圾桶满了没人清', '第三件：单元门禁坏了']) {
    const r = await resident.post('/api/v1/my/appeals', await appeal({ description: d, phone: '13900003333' }));
    assert.equal(r.status, 201, r.text);
    codes.unshift(r.json.code);
  }
  const first = await resident.get('/api/v1/my/appeals?limit=2');
  assert.deepEqual(first.json.items.map((i) => i.code), codes.slice(0, 2));
  assert.ok(first.json.next_before);
  const next = await resident.get(`/api/v1/my/appeals?limit=2&before=${first.json.next_before}`);
  assert.equal(next.json.items[0].code, codes[2]);
  assert.equal(first.json.contact.phone, '13900003333', 'the phone of the latest report');

  assertError(assert, await grid.get('/api/v1/my/appeals'), 403, 'forbidden');
  assertError(assert, await grid.post('/api/v1/my/appeals', await appeal({ phone: '13900001111' })), 403);
  assertError(assert, await pub.get('/api/v1/my/appeals'), 401);
  assertError(assert, await pub.post('/api/v1/my/appeals', await appeal()), 401);
  const bad = await resident.post('/api/v1/my/appeals', await appeal({ description: '短' }));
  assertError(assert, bad, 400);
  assert.equal(bad.json.error.field, 'description');
  const nophone = await resident.post('/api/v1/my/appeals', await appeal({ phone: '123' }));
  assertError(assert, nophone, 400);
  assert.equal(nophone.json.error.field, 'phone');
  assertError(assert, await resident.get('/api/v1/my/appeals?limit=0'), 400);
});

test('民提: a resident proposes in their own community; its staff take it into 四民议事; others do not see it', async () => {
  const r = await resident.post('/api/v1/deliberations/proposals', { title: '小区增设电动车充电棚', body: '楼道里飞线充电太危险，希望在 3 号楼东侧空地建充电棚。' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.stage, 'proposed');
  assert.equal(r.json.stage_label, '民提');
  assert.equal(r.json.area_id, home, "the resident's own community");
  assert.equal(r.json.proposer, resident.account.display_name);
  const id = r.json.id;

  const staff = await community.get(`/api/v1/deliberations/${id}`);
  assert.equal(staff.status, 200, staff.text);
  assert.equal(staff.json.proposer_kind, 'resident');
  assert.equal(staff.json.stage, 'proposed');
  assert.ok(staff.json.notes.some((n) => n.body.includes('民提')), 'the staff see it came from the phone');
  assertError(assert, await community2.get(`/api/v1/deliberations/${id}`), 404);
  const listed = await community.get('/api/v1/deliberations?limit=100');
  assert.ok(listed.json.items.some((m) => m.id === id), "in the community's list of matters");

  const taken = await community.post(`/api/v1/deliberations/${id}/advance`, { to: 'discussing', note: '列入本月议事会' });
  assert.equal(taken.status, 200, taken.text);
  assert.equal(taken.json.stage, 'discussing');
  const seen = await resident.get(`/api/v1/deliberations/${id}`);
  assert.equal(seen.json.stage, 'discussing', 'the resident follows it');
  const pubList = await pub.get(`/api/v1/public/deliberations?area_id=${home}`);
  assert.ok(pubList.json.items.some((m) => m.id === id));

  const theirs = await other.post('/api/v1/deliberations/proposals', { title: '村口路灯', body: '村口到公路一段没有路灯。' });
  assert.equal(theirs.status, 201, theirs.text);
  assert.equal(theirs.json.area_id, otherHome, "the other resident's proposal lands in their community");
  assertError(assert, await community.get(`/api/v1/deliberations/${theirs.json.id}`), 404);
});

test('民提 is for residents, with a title and body, and at most three waiting at once', async () => {
  assertError(assert, await grid.post('/api/v1/deliberations/proposals', { title: 't', body: 'b' }), 403);
  assertError(assert, await pub.post('/api/v1/deliberations/proposals', { title: 't', body: 'b' }), 401);
  const noTitle = await resident.post('/api/v1/deliberations/proposals', { title: '  ', body: '说明' });
  assertError(assert, noTitle, 400);
  assert.equal(noTitle.json.error.field, 'title');
  const long = await resident.post('/api/v1/deliberations/proposals', { title: '长'.repeat(61), body: '说明' });
  assertError(assert, long, 400);
  assert.equal(long.json.error.field, 'title');
  const noBody = await resident.post('/api/v1/deliberations/proposals', { title: '议题' });
  assert.equal(noBody.json.error.field, 'body');

  const waiting = (await community.get('/api/v1/deliberations?limit=200')).json.items
    .filter((m) => m.stage === 'proposed' && m.proposer_kind === 'resident' && m.proposer === resident.account.display_name).length;
  for (let i = waiting; i < 3; i++) {
    const ok = await resident.post('/api/v1/deliberations/proposals', { title: `提议 ${i}`, body: '请社区商议' });
    assert.equal(ok.status, 201, ok.text);
  }
  assertError(assert, await resident.post('/api/v1/deliberations/proposals', { title: '第四件', body: '请社区商议' }), 409, 'conflict');
});

test('the resident map finds compounds: each grid lists the 小区 in it', async () => {
  const gridId = grid.account.roles[0].scope_id;
  for (const name of ['金河花园', '丽景小区']) {
    const r = await community.post('/api/v1/areas', { parent_id: gridId, name, kind: 'compound' });
    assert.equal(r.status, 201, r.text);
  }
  const fc = (await pub.get('/api/v1/public/grids')).json;
  const mine = fc.features.find((f) => f.properties.id === gridId);
  assert.deepEqual([...mine.properties.compounds].sort(), ['丽景小区', '金河花园'].sort());
  assert.ok(fc.features.every((f) => Array.isArray(f.properties.compounds)));
  assert.ok(fc.features.filter((f) => f.properties.id !== gridId).every((f) => !f.properties.compounds.includes('金河花园')));
});
