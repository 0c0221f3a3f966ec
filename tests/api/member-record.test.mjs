// A member's record page (issue 16, docs/api-people.md): the register's row with its data-quality
// findings, and what each module keeps about the member under its own scope — the development file,
// transfers and flows, organisation life and evaluations, dues.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError, idNumber, sideServer } from './client.mjs';

let admin, branch, member, community2, resident;
let branchOrg, memberId;
const record = (c, id) => c.get(`/api/v1/members/${id}/record`);

before(async () => {
  [admin, branch, member, community2, resident] =
    await Promise.all(['admin', 'branch', 'member', 'community2', 'resident'].map(as));
  branchOrg = branch.account.roles[0].scope_id;
  memberId = member.account.roles.find((r) => r.scope_type === 'member').scope_id;
});

test('the branch and the member see one record: the row, its findings and each module\'s section', async () => {
  const mine = await record(member, memberId);
  assert.equal(mine.status, 200, mine.text);
  const byBranch = await record(branch, memberId);
  assert.equal(byBranch.status, 200, byBranch.text);
  assert.deepEqual(byBranch.json.member, mine.json.member);
  const m = mine.json.member;
  assert.equal(m.id, memberId);
  assert.ok(m.name && m.org_name, 'name and organisation');
  assert.match(m.id_number, /^\d{4}\*+[\dX]{4}$/, 'the ID number stays masked');
  assert.ok(Array.isArray(mine.json.problems));
  const s = mine.json.sections;
  assert.ok(Array.isArray(s.org_life.meetings), 'organisation life attended');
  assert.ok(Array.isArray(s.org_life.evaluations), 'evaluations');
  const t = byBranch.json.sections.relations;
  assert.ok(Array.isArray(t.transfers) && Array.isArray(t.flows) && Array.isArray(t.cases),
    'the branch sees transfers, flows and 处置 cases');
});

test('a flow registered for the member shows on the record with where to and since when', async () => {
  const created = await admin.post('/api/v1/members', {
    name: '档案流动', id_number: idNumber('19850611', 735, '620102'), org_id: branchOrg, category: 'in_service',
    joined_on: '2010-07-01', full_on: '2011-07-01', status: 'full',
  });
  assert.equal(created.status, 201, created.text);
  const flow = await branch.post('/api/v1/relations/flows', {
    member_id: created.json.id, side: 'out', destination: '江苏省苏州市某工业园', since: '2026-01-05', contact: '13800000009',
  });
  assert.equal(flow.status, 201, flow.text);
  const r = await record(branch, created.json.id);
  assert.equal(r.status, 200, r.text);
  const f = r.json.sections.relations.flows.find((x) => x.id === flow.json.id);
  assert.ok(f, r.text);
  assert.equal(f.destination, '江苏省苏州市某工业园');
  assert.equal(f.since, '2026-01-05');
  assert.equal(f.state, 'active');
});

test('a member admitted through the pipeline shows the development file on the record', async () => {
  const files = await admin.get('/api/v1/pipeline/people?stage=probationary&limit=50');
  assert.equal(files.status, 200, files.text);
  let admitted;
  for (const p of files.json.items) {
    const file = (await admin.get(`/api/v1/pipeline/people/${p.id}`)).json;
    if (file.member_id) { admitted = file; break; }
  }
  assert.ok(admitted, 'the demo county has a probationary member admitted through the pipeline');
  const r = await record(admin, admitted.member_id);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.sections.pipeline.id, admitted.id);
  assert.equal(r.json.sections.pipeline.stage, 'probationary');
  assert.ok(Array.isArray(r.json.sections.pipeline.steps), 'the timeline of steps');
});

test('the data-quality checks name what is missing and what is out of order, with the rule', async () => {
  const created = await admin.post('/api/v1/members', {
    name: '档案待补', id_number: idNumber('19900307', 731, '620102'), org_id: branchOrg, category: 'in_service',
    joined_on: '2007-03-06', full_on: '2007-12-01', status: 'full',
  });
  assert.equal(created.status, 201, created.text);
  const r = await record(admin, created.json.id);
  assert.equal(r.status, 200, r.text);
  const codes = r.json.problems.map((p) => `${p.field}:${p.code}`);
  assert.ok(codes.includes('ethnicity:missing'), codes.join());
  assert.ok(codes.includes('education:missing'), codes.join());
  assert.ok(codes.includes('joined_on:under_age'), 'joined before turning 18');
  assert.ok(codes.includes('full_on:early'), 'full before a year of probation');
  const age = r.json.problems.find((p) => p.code === 'under_age');
  assert.match(age.message, /发展党员工作细则/);
  assert.equal(r.json.member.birth_date, '1990-03-07', 'the birth date is what the ID number says');
});

test('outside the caller\'s scope the record is not found; a resident has none to read', async () => {
  assertError(assert, await record(community2, memberId), 404);
  const r = await record(resident, memberId);
  assert.ok([403, 404].includes(r.status), r.text);
  assertError(assert, await record(new Client(), memberId), 401);
});

test('malformed and unknown ids get a 4xx', async () => {
  for (const bad of ['abc', '-1', '1e3', '99999999999999999999999', '%00']) {
    const r = await record(admin, bad);
    assert.ok(r.status === 400 || r.status === 404, `${bad}: ${r.status}`);
  }
  assertError(assert, await record(admin, 987654321), 404);
});

test('the daily check lists members with findings for the county and their branch, by kind, branches most affected first', async () => {
  const created = await admin.post('/api/v1/members', {
    name: '缺民族学历', id_number: idNumber('19880512', 733, '620102'), org_id: branchOrg, category: 'retired',
    joined_on: '2010-07-01', full_on: '2011-07-01', status: 'full',
  });
  assert.equal(created.status, 201, created.text);
  // The check runs once a day: a side server a day on runs it now, and only it.
  const side = await sideServer();
  try {
    await side.clock(24 * 3600 + 60);
    const swept = await new Client(side.url).post('/api/v1/_test/sweep', { module: 'people' });
    assert.equal(swept.status, 200, swept.text);
    assert.ok(swept.json.member_problems >= 1, swept.text);
    assert.deepEqual(Object.keys(swept.json), ['member_problems'], 'no other sweep ran a day early');
    const again = await new Client(side.url).post('/api/v1/_test/sweep', { module: 'people' });
    assert.equal(again.json.member_problems, undefined, 'once a day');
  } finally {
    side.stop();
  }
  const county = await admin.get(`/api/v1/member-problems?org_id=${branchOrg}&limit=200`);
  assert.equal(county.status, 200, county.text);
  const row = county.json.items.find((x) => x.member_id === created.json.id);
  assert.ok(row, 'the county lists the member');
  assert.deepEqual(row.problems.map((p) => p.message), ['民族未填写', '学历未填写']);
  const mine = await branch.get(`/api/v1/member-problems?org_id=${branchOrg}&code=missing&limit=200`);
  assert.ok(mine.json.items.some((x) => x.member_id === created.json.id), 'the branch finds it by kind');
  const none = await branch.get(`/api/v1/member-problems?org_id=${branchOrg}&code=under_age&limit=200`);
  assert.ok(!none.json.items.some((x) => x.member_id === created.json.id), 'not under another kind');
  assert.ok(!(await community2.get('/api/v1/member-problems?limit=200')).json.items.some((x) => x.member_id === created.json.id),
    'another community does not see it');
  assertError(assert, await community2.get(`/api/v1/member-problems?org_id=${branchOrg}`), 404);
  const orgs = await admin.get('/api/v1/member-problems/orgs');
  assert.equal(orgs.status, 200, orgs.text);
  const counts = orgs.json.items.map((o) => o.members);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most affected first');
  assert.ok(orgs.json.items.some((o) => o.org_id === branchOrg && o.members >= 1));
  for (const bad of ['code=%27%20OR%201%3D1', 'code=' + 'x'.repeat(30), 'org_id=abc', 'limit=0', 'area_id=-3']) {
    assertError(assert, await admin.get(`/api/v1/member-problems?${bad}`), 400);
  }
  assertError(assert, await resident.get('/api/v1/member-problems'), 403);
});
