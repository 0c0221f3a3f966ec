// GET /api/v1/registers/{name}/schema: what the console builds its lists, filters and forms from,
// read from the same description the server lists, writes, imports and exports with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const byKey = (list) => Object.fromEntries(list.map((x) => [x.key, x]));
const choiceLabels = (f) => Object.fromEntries(f.choices.map((c) => [c.value, c.label]));

test('the members schema names each field in Chinese with its kind, choices and filters', async () => {
  const c = await as('admin');
  const r = await c.get('/api/v1/registers/members/schema');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'members');
  assert.equal(r.json.label, '党员');
  assert.equal(r.json.creatable, true);
  const f = byKey(r.json.fields);
  assert.equal(f.name.label, '姓名');
  assert.equal(f.name.kind, 'text');
  assert.equal(f.name.required, true);
  assert.equal(f.name.sort, true);
  assert.deepEqual(choiceLabels(f.gender), { male: '男', female: '女' });
  assert.equal(f.gender.writable, false, 'gender comes from the ID number');
  assert.equal(choiceLabels(f.education).bachelor, '大学本科');
  assert.equal(choiceLabels(f.status).probationary, '预备党员');
  assert.equal(f.org_id.kind, 'org');
  assert.equal(f.org_id.label, '所在党组织');
  assert.equal(f.org_id.name_key, 'org_name');
  assert.equal(f.id_number.kind, 'id_number');
  assert.equal(f.id_number.masked, true);
  assert.equal(f.birth_date.kind, 'date');
  // The schema's labels are the headings of the register's own export.
  const csv = await c.get('/api/v1/export/members?format=csv&limit=1');
  assert.equal(csv.status, 200);
  const header = csv.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  for (const key of ['name', 'gender', 'education', 'category']) assert.ok(header.includes(f[key].label), `${f[key].label} in ${header}`);
  const filters = byKey(r.json.filters);
  assert.ok(filters.gender && filters.category && filters.status, 'choice filters');
  assert.equal(choiceLabels(filters.category).retired, '离退休');
  assert.equal(filters.org_id.kind, 'org');
  assert.equal(filters.org_id.subtree, true);
  assert.equal(filters.area_id.kind, 'area');
  assert.ok(!filters.name, 'a name is searched with q, not filtered');
});

test('a co-governance register: the needs schema has its statuses, sources and kinds', async () => {
  const c = await as('community');
  const r = await c.get('/api/v1/registers/needs/schema');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.label, '需求');
  assert.equal(r.json.search, 'title');
  const f = byKey(r.json.fields);
  assert.deepEqual(choiceLabels(f.status), {
    pending: '待审核', published: '已发布', ordered: '已接单', done: '已完成', rejected: '未通过', closed: '已关闭',
  });
  assert.deepEqual(choiceLabels(f.source), { resident: '居民', grid: '网格', community: '社区' });
  assert.equal(choiceLabels(f.kind).venue, '场地');
  assert.equal(f.status.writable, false, 'a status is moved by review, not written');
  assert.equal(f.area_id.kind, 'area');
  assert.equal(f.area_id.name_key, 'area_name');
  assert.equal(f.requester_name.staff_only, true);
  const filters = byKey(r.json.filters);
  assert.ok(filters.status && filters.source && filters.kind && filters.area_id);
  // Projects have their own statuses (已满), from their own description.
  const p = await c.get('/api/v1/registers/projects/schema');
  assert.equal(choiceLabels(byKey(p.json.fields).status).full, '已满');
});

test('a register made by its module\'s own routes says it is not creatable', async () => {
  const c = await as('admin');
  const r = await c.get('/api/v1/registers/dual-reports/schema');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.creatable, false);
  assert.ok(r.json.fields.length > 0);
  // …and indeed the import that every creatable register has is not offered.
  assert.equal((await c.post('/api/v1/import/dual-reports?dry_run=1', 'x', { raw: true })).status, 404);
  assert.equal((await c.get('/api/v1/registers/members/schema')).json.creatable, true);
});

test('an unknown register is 404', async () => {
  const c = await as('admin');
  assertError(assert, await c.get('/api/v1/registers/nothing-here/schema'), 404, 'not_found');
});

test('the schema needs a login', async () => {
  assertError(assert, await new Client().get('/api/v1/registers/members/schema'), 401);
});

test('a role that may not read the register is refused its schema, as it is refused the list', async () => {
  const grid = await as('grid');
  assertError(assert, await grid.get('/api/v1/members?limit=1'), 403);
  assertError(assert, await grid.get('/api/v1/registers/members/schema'), 403, 'forbidden');
  // …while a register the grid worker reads is described.
  assert.equal((await grid.get('/api/v1/registers/people/schema')).status, 200);
  const auditor = await as('auditor');
  assertError(assert, await auditor.get('/api/v1/registers/needs/schema'), 403, 'forbidden');
});
