import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError, idNumber, badCheckDigit } from './client.mjs';

async function firstBranch(c) {
  const r = await c.get('/api/v1/orgs?level=branch&limit=1');
  assert.equal(r.status, 200);
  return r.json.items[0];
}

test('the area tree starts at the caller\'s county with subtree counts', async () => {
  const c = await as('admin');
  const roots = await c.get('/api/v1/areas?parent_id=0');
  assert.equal(roots.status, 200);
  assert.equal(roots.json.items.length, 1);
  const county = roots.json.items[0];
  assert.equal(county.kind, 'county');
  assert.ok(county.counts.members >= 10000, 'about 13,000 members');
  assert.ok(county.counts.orgs >= 500);
  assert.equal(county.counts.units, 300);
  const streets = await c.get(`/api/v1/areas?parent_id=${county.id}&limit=200`);
  assert.equal(streets.json.items.length, 10);
  const sum = streets.json.items.reduce((n, s) => n + s.counts.members, 0);
  assert.ok(sum <= county.counts.members);
});

test('member list pages by cursor without repeats, searches names and filters', async () => {
  const c = await as('admin');
  const p1 = await c.get('/api/v1/members?limit=50');
  assert.equal(p1.json.items.length, 50);
  assert.ok(p1.json.total >= 10000);
  const p2 = await c.get(`/api/v1/members?limit=50&after=${p1.json.next_cursor}`);
  const ids = new Set([...p1.json.items, ...p2.json.items].map((m) => m.id));
  assert.equal(ids.size, 100);
  const byName = await c.get('/api/v1/members?limit=5&sort=name&order=desc');
  const next = await c.get(`/api/v1/members?limit=5&sort=name&order=desc&after=${byName.json.next_cursor}`);
  assert.ok(byName.json.items[4].name >= next.json.items[0].name);
  const someone = p1.json.items[7];
  const found = await c.get(`/api/v1/members?q=${encodeURIComponent(someone.name)}`);
  assert.ok(found.json.items.some((m) => m.id === someone.id), 'found by full name');
  assert.ok(found.json.items.every((m) => m.name.includes(someone.name)));
  const two = await c.get(`/api/v1/members?q=${encodeURIComponent(someone.name.slice(0, 1))}&limit=5`);
  assert.ok(two.json.items.every((m) => m.name.includes(someone.name.slice(0, 1))));
  // A surname and the first given character find the member too, with a total.
  const start = await c.get(`/api/v1/members?q=${encodeURIComponent(someone.name.slice(0, 2))}&limit=200`);
  assert.ok(start.json.items.some((m) => m.id === someone.id), 'found by the first two characters');
  assert.ok(start.json.items.every((m) => m.name.includes(someone.name.slice(0, 2))));
  assert.ok(start.json.total >= 1);
  // Paged three at a time, the same search lists every match exactly once.
  const seen = new Set();
  let cursor = '';
  for (let guard = 0; guard < 500; guard++) {
    const page = await c.get(`/api/v1/members?q=${encodeURIComponent(someone.name.slice(0, 2))}&limit=3${cursor ? `&after=${cursor}` : ''}`);
    assert.equal(page.status, 200);
    for (const m of page.json.items) {
      assert.ok(!seen.has(m.id), 'no member twice across pages');
      seen.add(m.id);
    }
    if (!page.json.next_cursor) break;
    cursor = page.json.next_cursor;
  }
  assert.equal(seen.size, start.json.total);
  const retired = await c.get('/api/v1/members?category=retired&limit=20');
  assert.ok(retired.json.items.length > 0);
  assert.ok(retired.json.items.every((m) => m.category === 'retired'));
  const branch = await firstBranch(c);
  const inBranch = await c.get(`/api/v1/members?org_id=${branch.id}&limit=200`);
  assert.ok(inBranch.json.items.every((m) => m.org_id === branch.id));
});

test('member details are masked; reveal is for the right roles and audited', async () => {
  const c = await as('admin');
  const m = (await c.get('/api/v1/members?limit=1')).json.items[0];
  assert.match(m.id_number, /^\d{4}\*{10}[\dX]{4}$/);
  assert.match(m.phone, /^\d{3}\*{4}\d{4}$/);
  const r = await c.post(`/api/v1/members/${m.id}/reveal`, { field: 'id_number' });
  assert.equal(r.status, 200);
  assert.match(r.json.value, /^\d{17}[\dX]$/);
  assert.equal(r.json.value.slice(0, 4), m.id_number.slice(0, 4));
  const audit = await (await as('auditor')).get('/api/v1/audit?limit=5');
  assert.ok(audit.json.items.some((a) => a.action === 'reveal' && a.object_id === String(m.id)));
  assertError(assert, await c.post(`/api/v1/members/${m.id}/reveal`, { field: 'password' }), 400);
  const street = await as('street');
  const visible = (await street.get('/api/v1/members?limit=1')).json.items[0];
  assertError(assert, await street.post(`/api/v1/members/${visible.id}/reveal`, { field: 'phone' }), 403);
});

test('creating a member validates the ID number and derives birth date and gender', async () => {
  const c = await as('admin');
  const branch = await firstBranch(c);
  const id = idNumber('19850214', 357);
  const created = await c.post('/api/v1/members', {
    name: '测试党员甲', id_number: id, phone: '13912345678', org_id: branch.id, joined_on: '2010-07-01',
    full_on: '2011-07-01', education: 'bachelor', gender: 'female',
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.birth_date, '1985-02-14');
  assert.equal(created.json.gender, 'male');
  assert.equal(created.json.id_number, id.slice(0, 4) + '**********' + id.slice(14));
  assert.equal(created.json.org_name, branch.name);
  const dup = await c.post('/api/v1/members', { name: '重复', id_number: id, org_id: branch.id });
  assertError(assert, dup, 409, 'conflict');
  assert.equal(dup.json.error.field, 'id_number');
  const bad = await c.post('/api/v1/members', { name: '错号', id_number: badCheckDigit(idNumber('19900101', 11)), org_id: branch.id });
  assertError(assert, bad, 400);
  assert.equal(bad.json.error.field, 'id_number');
  assert.match(bad.json.error.message, /校验位/);
  const noOrg = await c.post('/api/v1/members', { name: '无组织', id_number: idNumber('19900101', 13) });
  assertError(assert, noOrg, 400, 'required');
  assert.equal(noOrg.json.error.field, 'org_id');
  const late = await c.post('/api/v1/members', {
    name: '日期倒置', id_number: idNumber('19900101', 15), org_id: branch.id, joined_on: '2012-01-01', full_on: '2011-01-01',
  });
  assertError(assert, late, 400);
  assert.equal(late.json.error.field, 'full_on');
  const edited = await c.patch(`/api/v1/members/${created.json.id}`, { name: '测试党员乙', category: 'retired' });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.json.name, '测试党员乙');
  assert.equal(edited.json.birth_date, '1985-02-14');
  // Standing and organisation change only through the steps with their rules (transfer, 处置, the
  // pipeline): the register refuses them, naming the way, and writes nothing.
  const moved = await c.patch(`/api/v1/members/${created.json.id}`, { org_id: branch.id + 1 });
  assertError(assert, moved, 400);
  assert.equal(moved.json.error.field, 'org_id');
  assert.match(moved.json.error.message, /组织关系转接/);
  const restored = await c.patch(`/api/v1/members/${created.json.id}`, { status: 'probationary' });
  assertError(assert, restored, 400);
  assert.equal(restored.json.error.field, 'status');
  assert.equal((await c.get(`/api/v1/members/${created.json.id}`)).json.status, edited.json.status);
  const same = await c.patch(`/api/v1/members/${created.json.id}`, { org_id: edited.json.org_id, status: edited.json.status });
  assert.equal(same.status, 200, 'the form sends them back unchanged');
  const removedAtBirth = await c.post('/api/v1/members', { name: '新登记', id_number: idNumber('19900101', 17), org_id: branch.id, status: 'removed' });
  assertError(assert, removedAtBirth, 400);
  assert.equal(removedAtBirth.json.error.field, 'status');
});

test('hostile and malformed member input gets a clear 400, never a 5xx', async () => {
  const c = await as('admin');
  const branch = await firstBranch(c);
  const cases = [
    [{ name: 'x'.repeat(31), id_number: idNumber('19900101', 21), org_id: branch.id }, 'name'],
    [{ name: 'ok', id_number: 12345, org_id: branch.id }, 'id_number'],
    [{ name: 'ok', id_number: idNumber('19900101', 23), org_id: 'abc' }, 'org_id'],
    [{ name: 'ok', id_number: idNumber('19900101', 25), org_id: branch.id, category: 'astronaut' }, 'category'],
    [{ name: 'ok', id_number: idNumber('19900101', 27), org_id: branch.id, joined_on: '2020-02-30' }, 'joined_on'],
    [{ name: 'ok', id_number: idNumber('19900101', 29), org_id: branch.id, phone: 'call me' }, 'phone'],
    [{ name: "Robert'); DROP TABLE member;--", id_number: idNumber('19900101', 31), org_id: 99999999 }, 'org_id'],
    [{ name: 'a\u0000b', id_number: idNumber('19900101', 33), org_id: branch.id }, 'name'],
    [{ name: { $gt: '' }, id_number: idNumber('19900101', 35), org_id: branch.id }, 'name'],
  ];
  for (const [body, field] of cases) {
    const r = await c.post('/api/v1/members', body);
    assertError(assert, r, 400);
    assert.equal(r.json.error.field, field, `${JSON.stringify(body)} → ${r.text}`);
  }
  for (const q of ["' OR 1=1 --", '%', '_', '"', 'x'.repeat(51)]) {
    const r = await c.get(`/api/v1/members?q=${encodeURIComponent(q)}`);
    assert.ok(r.status === 200 || r.status === 400, `${q} → ${r.status}`);
    if (r.status === 200) assert.ok(r.json.items.every((m) => m.name.includes(q)));
  }
  for (const qs of ['limit=0', 'limit=100000', 'limit=abc', 'after=!!!', 'after=W10', 'sort=id_number_enc',
    'order=sideways', 'org_id=-1', 'category=none']) {
    const r = await c.get(`/api/v1/members?${qs}`);
    assertError(assert, r, 400);
  }
  for (const path of ['/api/v1/members/0', '/api/v1/members/abc', '/api/v1/members/99999999999',
    '/api/v1/members/1%27%20OR%201=1']) {
    assertError(assert, await c.get(path), 404);
  }
});

test('scope: a community sees only its own members and units, by list, id and export', async () => {
  const one = await as('community');
  const two = await as('community2');
  const mine = await one.get('/api/v1/members?limit=200');
  assert.equal(mine.status, 200);
  assert.ok(mine.json.items.length > 0);
  const theirs = await two.get('/api/v1/members?limit=200');
  const mineIds = new Set(mine.json.items.map((m) => m.id));
  assert.ok(theirs.json.items.every((m) => !mineIds.has(m.id)), 'no overlap between two communities');
  const target = mine.json.items[0];
  assertError(assert, await two.get(`/api/v1/members/${target.id}`), 404, 'not_found');
  assertError(assert, await two.patch(`/api/v1/members/${target.id}`, { name: '越权' }), 404);
  assertError(assert, await two.post(`/api/v1/members/${target.id}/reveal`, { field: 'phone' }), 404);
  const csv = await two.get('/api/v1/export/members?format=csv');
  assert.equal(csv.status, 200);
  assert.ok(!csv.text.includes(target.id_number), 'export stays inside scope');
  const admin = await as('admin');
  const total = (await admin.get('/api/v1/members?limit=1')).json.total;
  assert.ok(mine.json.total < total);
  const units = await one.get('/api/v1/units?limit=200');
  const allUnits = await admin.get('/api/v1/units?limit=1');
  assert.ok(units.json.total < allUnits.json.total);
  const otherUnit = (await two.get('/api/v1/units?limit=200')).json.items.find((u) => !units.json.items.some((m) => m.id === u.id));
  if (otherUnit) assertError(assert, await one.get(`/api/v1/units/${otherUnit.id}`), 404);
  // A branch secretary sees only their branch; a member only themself; a resident no register.
  const branch = await as('branch');
  const bm = await branch.get('/api/v1/members?limit=200');
  const orgIds = new Set(bm.json.items.map((m) => m.org_id));
  assert.equal(orgIds.size, 1);
  const member = await as('member');
  const self = await member.get('/api/v1/members?limit=10');
  assert.equal(self.json.items.length, 1);
  assertError(assert, await member.patch(`/api/v1/members/${self.json.items[0].id}`, { name: '改名' }), 403);
  const resident = await as('resident');
  assertError(assert, await resident.get('/api/v1/members'), 403, 'forbidden');
  const grid = await as('grid');
  assertError(assert, await grid.get('/api/v1/members'), 403);
  const people = await grid.get('/api/v1/people?limit=50');
  assert.ok(people.json.items.length > 0 && people.json.items.length < 50);
});

test('scope: nothing can be created outside the caller\'s subtree', async () => {
  const one = await as('community');
  const admin = await as('admin');
  const otherArea = (await (await as('community2')).get('/api/v1/areas?parent_id=0')).json.items[0];
  const r = await one.post('/api/v1/venues', { name: '越界阵地', kind: 'other', area_id: otherArea.id });
  assertError(assert, r, 400);
  assert.equal(r.json.error.field, 'area_id');
  const myArea = (await one.get('/api/v1/areas?parent_id=0')).json.items[0];
  const ok = await one.post('/api/v1/venues', { name: '新建活动室', kind: 'activity_room', area_id: myArea.id, service_items: ['图书借阅', '文体活动'] });
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.json.service_items, ['图书借阅', '文体活动']);
  const county = (await admin.get('/api/v1/areas?parent_id=0')).json.items[0];
  const grant = await one.post('/api/v1/accounts', { username: 'grab-county', display_name: 'x', password: 'Passw0rd!x', roles: [{ role: 'org_dept', scope_id: county.id }] });
  assertError(assert, grant, 403);
  const fine = await one.post('/api/v1/accounts', { username: 'new-grid-worker', display_name: '新网格员', password: 'Passw0rd!x', roles: [{ role: 'grid_staff', scope_id: myArea.id }] });
  assert.equal(fine.status, 201, fine.text);
  const worker = await new Client().login('new-grid-worker', 'Passw0rd!x').catch(() => null);
  assert.ok(worker, 'new account can log in');
  assert.equal(worker.account.password_change, 'first_login');
});

test('import: a file with one bad row reports row, column and reason and imports nothing', async () => {
  const c = await as('admin');
  const branch = await firstBranch(c);
  const header = '姓名,性别,民族,出生日期,身份证号,手机号,学历,入党日期,转正日期,所在党组织,人员类别';
  const good1 = `导入甲,,汉族,,${idNumber('19800101', 401)},13800001111,大学本科,2005-06-01,2006-06-01,${branch.name},在职`;
  const good2 = `导入乙,,汉族,,${idNumber('19810202', 402)},,大学专科,2008/7/1,,${branch.name},离退休`;
  const bad = `导入丙,,汉族,,${badCheckDigit(idNumber('19820303', 403))},,研究生,2009-07-01,,${branch.name},在职`;
  const before = (await c.get('/api/v1/members?limit=1')).json.total;
  const r = await c.req('POST', '/api/v1/import/members?dry_run=1', [header, good1, bad, good2].join('\r\n'),
    { raw: true, headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.errors.length, 1);
  assert.deepEqual(r.json.errors[0], { row: 3, column: '身份证号', reason: '身份证号校验位错误' });
  const real = await c.req('POST', '/api/v1/import/members', [header, good1, bad, good2].join('\n'),
    { raw: true, headers: { 'content-type': 'text/csv' } });
  assert.equal(real.status, 422);
  assert.equal((await c.get('/api/v1/members?limit=1')).json.total, before, 'nothing imported');
  const dry = await c.req('POST', '/api/v1/import/members?dry_run=1', [header, good1, good2].join('\n'), { raw: true });
  assert.equal(dry.status, 200);
  assert.equal(dry.json.imported, 0);
  assert.equal((await c.get('/api/v1/members?limit=1')).json.total, before, 'dry run imports nothing');
  const ok = await c.req('POST', '/api/v1/import/members', '\ufeff' + [header, good1, good2].join('\n'), { raw: true });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.imported, 2);
  assert.equal((await c.get('/api/v1/members?limit=1')).json.total, before + 2);
  const trail = (await (await as('auditor')).get('/api/v1/audit?limit=6')).json.items.filter((a) => a.action !== 'login');
  assert.equal(trail[0].action, 'import');
  assert.deepEqual(trail.slice(1, 3).map((a) => [a.action, a.object_type]), [['create', 'member'], ['create', 'member']]);
  const again = await c.req('POST', '/api/v1/import/members', [header, good1].join('\n'), { raw: true });
  assert.equal(again.status, 422);
  assert.match(again.json.errors[0].reason, /已登记|重复/);
});

test('import rejects broken files clearly', async () => {
  const c = await as('admin');
  assertError(assert, await c.req('POST', '/api/v1/import/members', '', { raw: true }), 400, 'bad_file');
  assertError(assert, await c.req('POST', '/api/v1/import/members', '姓名,"unclosed\n', { raw: true }), 400, 'bad_file');
  assertError(assert, await c.req('POST', '/api/v1/import/members', Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x2c, 0x0a]), { raw: true }), 400, 'bad_file');
  assertError(assert, await c.req('POST', '/api/v1/import/members', Buffer.from('PK\u0003\u0004garbage'), { raw: true }), 400, 'bad_file');
  const missing = await c.req('POST', '/api/v1/import/members', '民族\n汉族\n', { raw: true });
  assertError(assert, missing, 422, 'missing_column');
  const scoped = await as('community');
  const header = '姓名,身份证号,所在党组织';
  const admin = await as('admin');
  const farOrg = (await admin.get('/api/v1/orgs?level=committee&limit=1')).json.items[0];
  const r = await scoped.req('POST', '/api/v1/import/members?dry_run=1', `${header}\n越界,${idNumber('19700101', 501)},${farOrg.name}\n`, { raw: true });
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].column, '所在党组织');
  assertError(assert, await (await as('resident')).req('POST', '/api/v1/import/members', `${header}\n`, { raw: true }), 403);
});

test('export: CSV with a BOM and Chinese headings, XLSX as a workbook', async () => {
  const c = await as('admin');
  const csv = await c.get('/api/v1/export/members?format=csv&category=retired');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /attachment/);
  assert.deepEqual([...csv.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = csv.text.slice(1).split('\r\n');
  assert.equal(lines[0], '姓名,性别,民族,出生日期,身份证号,手机号,学历,入党日期,转正日期,所在党组织,人员类别,党员状态');
  assert.ok(lines.length > 10);
  assert.ok(lines.slice(1, -1).every((l) => l.includes('离退休')));
  const xlsx = await c.get('/api/v1/export/units?format=xlsx');
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.buf.subarray(0, 2).toString(), 'PK');
  assertError(assert, await c.get('/api/v1/export/units?format=pdf'), 400);
  // What was exported imports back cleanly as a dry run (round trip of the headings).
  const units = await c.get('/api/v1/export/units?format=csv');
  assert.match(units.text, /单位名称,单位类型,所在区域,统一社会信用代码,党组织建立情况/);
});

test('orgs, units, venues, people: create, edit and rules', async () => {
  const c = await as('admin');
  const county = (await c.get('/api/v1/areas?parent_id=0')).json.items[0];
  const street = (await c.get(`/api/v1/areas?parent_id=${county.id}&kind=street`)).json.items[0];
  const community = (await c.get(`/api/v1/areas?parent_id=${street.id}&kind=community`)).json.items[0];
  const grid = await c.post('/api/v1/areas', { parent_id: community.id, name: '测试网格', kind: 'grid',
    geometry: '{"type":"Polygon","coordinates":[[[99.5,39.2],[99.51,39.2],[99.51,39.21],[99.5,39.2]]]}' });
  assert.equal(grid.status, 201, grid.text);
  assert.equal(grid.json.path, community.path + grid.json.id + '/');
  const wrongKind = await c.post('/api/v1/areas', { parent_id: county.id, name: '错层网格', kind: 'grid' });
  assertError(assert, wrongKind, 400);
  assert.equal(wrongKind.json.error.field, 'kind');
  const badGeo = await c.post('/api/v1/areas', { parent_id: community.id, name: '坏边界', kind: 'grid', geometry: '{"type":"Point"}' });
  assertError(assert, badGeo, 400);
  assert.equal(badGeo.json.error.field, 'geometry');
  const renamed = await c.patch(`/api/v1/areas/${grid.json.id}`, { name: '测试网格（更名）' });
  assert.equal(renamed.status, 200);
  const hist = await c.get(`/api/v1/areas/${grid.json.id}/history`);
  assert.equal(hist.json.items[0].change, 'rename');
  const gj = await c.get(`/api/v1/areas/${county.id}/geojson`);
  assert.equal(gj.json.type, 'FeatureCollection');
  assert.ok(gj.json.features.length >= 60);
  assert.ok(gj.json.features[0].properties.staff_count >= 3, '1+1+1+N staff');
  const cov = await c.get('/api/v1/units/coverage');
  assert.equal(cov.json.units, 300);
  assert.ok(cov.json.coverage_rate > 0.85 && cov.json.coverage_rate <= 1);
  const committee = await c.get(`/api/v1/areas/${community.id}/committee`);
  assert.ok(committee.json.items.length >= 5, 'big committee seats');
  const unit = await c.post('/api/v1/units', { name: '测试科技有限公司', kind: 'enterprise', area_id: community.id,
    party_status: 'none', credit_code: '91350100M000100Y43', employees: 12 });
  assert.equal(unit.status, 201, unit.text);
  const badCode = await c.post('/api/v1/units', { name: '错码公司', kind: 'enterprise', area_id: community.id, party_status: 'none', credit_code: '91350100M000100Y44' });
  assertError(assert, badCode, 400);
  assert.equal(badCode.json.error.field, 'credit_code');
  const parentOrg = (await c.get(`/api/v1/orgs?area_id=${community.id}&level=general_branch`)).json.items[0];
  const branch = await c.post('/api/v1/orgs', { parent_id: parentOrg.id, name: '测试党支部', level: 'branch', kind: 'community', area_id: community.id });
  assert.equal(branch.status, 201, branch.text);
  assert.equal(branch.json.path, parentOrg.path + branch.json.id + '/');
  const group = await c.post('/api/v1/orgs', { parent_id: branch.json.id, name: '测试党小组', level: 'group', kind: 'community', area_id: community.id });
  assert.equal(group.status, 201);
  const badLevel = await c.post('/api/v1/orgs', { parent_id: group.json.id, name: '错层', level: 'committee', kind: 'community', area_id: community.id });
  assertError(assert, badLevel, 400);
  const person = await c.post('/api/v1/people', { name: '新网格员', kind: 'grid_staff', grid_role: 'full_time', area_id: grid.json.id, phone: '13711112222' });
  assert.equal(person.status, 201, person.text);
  assert.equal(person.json.phone, '137****2222');
  const notGrid = await c.post('/api/v1/people', { name: '居民甲', kind: 'resident', grid_role: 'chief', area_id: grid.json.id });
  assertError(assert, notGrid, 400);
});

test('moving a subtree rewrites paths and keeps members under it', async () => {
  const c = await as('admin');
  const county = (await c.get('/api/v1/areas?parent_id=0')).json.items[0];
  const towns = (await c.get(`/api/v1/areas?parent_id=${county.id}&kind=town`)).json.items;
  const village = (await c.get(`/api/v1/areas?parent_id=${towns[0].id}&kind=village&limit=1`)).json.items[0];
  const beforeMembers = village.counts.members;
  const moved = await c.post(`/api/v1/areas/${village.id}/move`, { parent_id: towns[1].id, effective_on: '2026-01-01' });
  assert.equal(moved.status, 200, moved.text);
  const after = (await c.get(`/api/v1/areas/${village.id}`)).json;
  assert.equal(after.path, towns[1].path + village.id + '/');
  assert.equal(after.counts.members, beforeMembers);
  const m = (await c.get(`/api/v1/members?area_id=${village.id}&limit=200`)).json;
  assert.equal(m.items.length, Math.min(beforeMembers, 200));
  const cycle = await c.post(`/api/v1/areas/${towns[1].id}/move`, { parent_id: village.id });
  assertError(assert, cycle, 400);
  const hist = await c.get(`/api/v1/areas/${village.id}/history`);
  assert.equal(hist.json.items[0].change, 'move');
  assert.equal(hist.json.items[0].effective_on, '2026-01-01');
});

test('XLSX: an exported register reads back through the importer', async () => {
  const c = await as('admin');
  const x = await c.get('/api/v1/export/venues?format=xlsx');
  assert.equal(x.status, 200);
  const r = await c.req('POST', '/api/v1/import/venues?dry_run=1', x.buf, {
    raw: true, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.rows >= 150);
  assert.equal(r.json.imported, 0);
});

test('big committee: seats are added from the community\'s own people, in scope, and removed', async () => {
  const one = await as('community');
  const area = (await one.get('/api/v1/areas?parent_id=0')).json.items[0];
  const before = (await one.get(`/api/v1/areas/${area.id}/committee`)).json.items;
  const unit = (await one.get('/api/v1/units?limit=1')).json.items[0];
  const person = (await one.get(`/api/v1/people?kind=community_worker&area_id=${area.id}&limit=1`)).json.items[0];
  const seat = await one.post(`/api/v1/areas/${area.id}/committee`, { person_id: person.id, unit_id: unit?.id, post: '兼职副书记' });
  assert.equal(seat.status, 201, seat.text);
  const after = (await one.get(`/api/v1/areas/${area.id}/committee`)).json.items;
  assert.equal(after.length, before.length + 1);
  assert.ok(after.some((s) => s.person_id === person.id && s.post === '兼职副书记'));
  assertError(assert, await one.post(`/api/v1/areas/${area.id}/committee`, { person_id: person.id }), 409);
  const outsider = (await (await as('community2')).get('/api/v1/people?limit=1')).json.items[0];
  const far = await one.post(`/api/v1/areas/${area.id}/committee`, { person_id: outsider.id });
  assertError(assert, far, 400);
  assert.equal(far.json.error.field, 'person_id');
  assertError(assert, await (await as('community2')).req('DELETE', `/api/v1/areas/${area.id}/committee/${seat.json.id}`), 404);
  assert.equal((await one.req('DELETE', `/api/v1/areas/${area.id}/committee/${seat.json.id}`)).status, 204);
  assert.equal((await one.get(`/api/v1/areas/${area.id}/committee`)).json.items.length, before.length);
});

test('totals from the rollups equal the rows you can page through', async () => {
  for (const [user, path] of [['community', '/api/v1/members'], ['branch', '/api/v1/members'],
    ['street', '/api/v1/units'], ['community', '/api/v1/people'], ['admin', '/api/v1/venues']]) {
    const c = await as(user);
    const first = await c.get(`${path}?limit=200`);
    let seen = first.json.items.length;
    let cursor = first.json.next_cursor;
    while (cursor) {
      const page = await c.get(`${path}?limit=200&after=${cursor}`);
      seen += page.json.items.length;
      cursor = page.json.next_cursor;
    }
    assert.equal(first.json.total, seen, `${user} ${path}`);
  }
  const admin = await as('admin');
  const county = (await admin.get('/api/v1/areas?parent_id=0')).json.items[0];
  const street = (await admin.get(`/api/v1/areas?parent_id=${county.id}&limit=1`)).json.items[0];
  const filtered = await admin.get(`/api/v1/members?area_id=${street.id}&limit=1`);
  assert.equal(filtered.json.total, street.counts.members);
  const units = await admin.get(`/api/v1/units?area_id=${street.id}&limit=1`);
  assert.equal(units.json.total, street.counts.units);
});
