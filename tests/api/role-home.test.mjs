// Issue 13, role menus and home pages: what a role is offered must work for it.
//  - menus: a role bound to a unit, an organisation or a member is not offered pages that work only
//    through an area binding (每月通报, 消息推送), a member not the list of members who stopped taking
//    part; a department reads no area, organisation or venue register, but keeps the appeals and the
//    grid map; `writes` names the registers a role may write
//  - a department's appeal figures count the appeals whistled onto it (吹哨报到): what came in, what
//    is open, the whistles and check-ins, ranked by street; an area it cannot read is still a 404
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const pub = new Client();
const GRID1 = { lon: 99.53, lat: 39.23 };  // the demo grid account's grid (appeals.test.mjs)
const ALL_TIME = 'from=2020-01-01&to=2100-12-31';

async function leafCategories() {
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const parents = new Set(cats.map((c) => c.parent_id));
  return cats.filter((c) => c.level === 3 && !parents.has(c.id) && !c.is_dispute && c.urgency === 'general');
}

async function fileAt(point, category, description) {
  const r = await pub.post('/api/v1/public/appeals', {
    type: 'complaint', category_id: category.id, description, ...point, phone: '13912345678', reporter_name: '李大爷',
    anonymous: false,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('menus: each role is offered only the pages its binding can use', async () => {
  const menus = {};
  const writes = {};
  for (const name of ['admin', 'street', 'community', 'grid', 'branch', 'member', 'unit', 'resident', 'dept', 'secadmin']) {
    const c = await as(name);
    menus[name] = c.account.menus;
    writes[name] = c.account.writes;
  }
  // the monthly notice ranks an area's units: area staff only
  for (const n of ['admin', 'street', 'community', 'grid']) assert.ok(menus[n].includes('dual_notice'), `${n} has 每月通报`);
  for (const n of ['branch', 'member', 'unit', 'dept']) assert.ok(!menus[n].includes('dual_notice'), `${n} has no 每月通报`);
  // the members who stopped taking part: for an area, a party organisation or a unit, not a member
  for (const n of ['admin', 'community', 'branch', 'unit']) assert.ok(menus[n].includes('dual_inactive'), `${n} has 未参与名单`);
  assert.ok(!menus.member.includes('dual_inactive'));
  // activities are a community's: a party organisation reaches none
  for (const n of ['admin', 'community', 'grid', 'member', 'unit']) assert.ok(menus[n].includes('activities'), `${n} has 报到活动`);
  assert.ok(!menus.branch.includes('activities'));
  // webhook deliveries are filed by area
  for (const n of ['admin', 'street', 'community']) assert.ok(menus[n].includes('outbox'), `${n} has 消息推送`);
  assert.ok(!menus.dept.includes('outbox'));
  // the department: its appeals, the county's grids under them, its own unit; no tree it cannot read
  for (const m of ['appeals', 'grids', 'units']) assert.ok(menus.dept.includes(m), `dept has ${m}`);
  for (const m of ['areas', 'orgs', 'venues']) assert.ok(!menus.dept.includes(m), `dept has no ${m}`);
  const dept = await as('dept');
  for (const reg of ['areas', 'orgs', 'venues']) assertError(assert, await dept.get(`/api/v1/${reg}?limit=5`), 403);
  const own = await dept.get('/api/v1/units?limit=5');
  assert.equal(own.status, 200);
  assert.deepEqual(own.json.items.map((u) => u.id), [dept.account.roles[0].scope_id], 'the department reads its own unit');
  // what each may write, so that no edit button leads to a refusal
  assert.ok(!writes.dept.includes('units') && writes.dept.includes('appeals'));
  assert.ok(!writes.grid.includes('areas') && writes.grid.includes('people'));
  assert.ok(!writes.member.includes('members') && writes.member.includes('lists'));
  assert.ok(writes.unit.includes('units'));
  assert.ok(writes.admin.includes('areas') && writes.admin.includes('grants'));
  assert.deepEqual(writes.resident, []);
  assert.deepEqual(writes.secadmin, ['grants']);
});

test('department figures: the appeals whistled onto it, open ones, whistles and check-ins, by street', async () => {
  const dept = await as('dept');
  const street = await as('street');
  const unit = dept.account.roles[0].scope_id;
  const before = await dept.get(`/api/v1/appeals/figures?${ALL_TIME}`);
  assert.equal(before.status, 200, before.text);
  assert.equal(before.json.scope, 'unit');
  assert.equal(before.json.unit_id, unit);
  assert.ok(before.json.unit_name.length > 0);
  for (const k of ['received', 'resolved', 'open', 'overdue_open', 'due_soon_open', 'whistles', 'checked_in', 'late',
    'resolution_rate', 'first_line_rate']) {
    assert.equal(typeof before.json[k], 'number', k);
  }
  assert.ok(Array.isArray(before.json.children));

  const [cat, other] = await leafCategories();
  const stamp = Date.now().toString(36);
  const a = await fileAt(GRID1, cat, `路灯不亮已经三天了 ${stamp}`);
  const b = await fileAt(GRID1, other, `垃圾桶满了没人清理 ${stamp}`);  // never whistled to the department
  const byCategory = async (c) => (await dept.get(`/api/v1/appeals/figures?${ALL_TIME}&category_id=${c.id}`)).json.received;
  const [mineBefore, theirsBefore] = [await byCategory(cat), await byCategory(other)];
  const id = (await street.get(`/api/v1/appeals?q=${a.code}`)).json.items[0].id;
  const w = await street.post(`/api/v1/appeals/${id}/whistles`, { unit_ids: [unit], note: '请派人到场' });
  assert.equal(w.status, 200, w.text);

  const after = (await dept.get(`/api/v1/appeals/figures?${ALL_TIME}`)).json;
  assert.equal(after.received, before.json.received + 1, 'the whistled appeal is counted, the other one not');
  assert.equal(after.open, before.json.open + 1);
  assert.equal(after.whistles, before.json.whistles + 1);
  assert.equal(after.checked_in, before.json.checked_in);
  // ranked by the street the appeal lies in: the street account's own
  const streetId = street.account.roles[0].scope_id;
  const row = after.children.find((c) => c.area_id === streetId);
  assert.ok(row, `the street ${streetId} is ranked: ${JSON.stringify(after.children)}`);
  assert.ok(row.received >= 1 && row.rank >= 1);
  assert.equal(after.children.reduce((s, c) => s + c.received, 0), after.received, 'the streets add up to the whole');

  // the category filter keeps the appeal under its own category and drops it under another
  assert.equal(await byCategory(cat), mineBefore + 1);
  assert.equal(await byCategory(other), theirsBefore, 'the appeal not whistled is not counted under its category');
  const bId = (await street.get(`/api/v1/appeals?q=${b.code}`)).json.items[0].id;
  assert.ok(!(await dept.get('/api/v1/appeals?limit=100')).json.items.some((x) => x.id === bId));

  // checking in counts
  assert.equal((await dept.post(`/api/v1/appeals/${id}/checkin`, { note: '已到场' })).status, 200);
  const checked = (await dept.get(`/api/v1/appeals/figures?${ALL_TIME}`)).json;
  assert.equal(checked.checked_in, before.json.checked_in + 1);

  // a period before the appeal came in counts none of it
  const old = (await dept.get('/api/v1/appeals/figures?from=2020-01-01&to=2020-01-31')).json;
  assert.equal(old.received, 0);
  assert.equal(old.whistles, 0);
  // still the department's own: an area is out of its reach, bad dates are the caller's
  assertError(assert, await dept.get(`/api/v1/appeals/figures?area_id=${streetId}`), 404);
  assertError(assert, await dept.get('/api/v1/appeals/figures?from=2026-13-01'), 400);
  assertError(assert, await dept.get('/api/v1/appeals/figures?from=2026-02-01&to=2026-01-01'), 400);
  // area staff keep the area figures
  const sf = (await street.get(`/api/v1/appeals/figures?${ALL_TIME}`)).json;
  assert.equal(sf.area_id, streetId);
  assert.equal(sf.scope, undefined);
});

test('department figures: an account bound to nothing that reads appeals gets none', async () => {
  for (const name of ['member', 'unit', 'resident']) {
    const c = await as(name);
    assertError(assert, await c.get('/api/v1/appeals/figures'), 403);
  }
});
