// 民主评议党员 (issue 15, docs/api-org_life.md): the branch opens the year's campaign, a member writes
// their self-assessment and assesses a peer from the phone, the branch rates within the county's
// cap on 优秀 and gives reasons where the rule asks, and the result is on the member's record.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError, serverNow } from './client.mjs';

const pub = new Client();
let branch, member, admin, community2;
let branchOrg, me;
const E = '/api/v1/org-life/evaluations';
const put = (who, path, body) => who.req('PUT', path, body);
const field = async (r, status, f) => { assertError(assert, r, status); assert.equal(r.json.error.field, f, r.text); };

before(async () => {
  [branch, member, admin, community2] = await Promise.all(['branch', 'member', 'admin', 'community2'].map(as));
  branchOrg = branch.account.roles[0].scope_id;
  me = member.account.roles[0].scope_id;
});

const yearNow = async () => Number(new Date(((await serverNow()) + 8 * 3600) * 1000).toISOString().slice(0, 4));

test('a branch runs the year\'s evaluation: self and peer assessment on the phone, ratings within the cap, the result on the record', async () => {
  const year = await yearNow();
  const opened = await branch.post(E, { org_id: branchOrg, year });
  assert.equal(opened.status, 201, opened.text);
  const c = opened.json;
  assert.ok(c.members.some((m) => m.member_id === me), 'the member is in the campaign');
  await field(await branch.post(E, { org_id: branchOrg, year }), 409, 'year');

  const self = await put(member, `${E}/${c.id}/self`, { self_assessment: '按时参加三会一课，带头参加社区志愿服务。' });
  assert.equal(self.status, 200, self.text);
  const mine = await member.get('/api/v1/org-life/my/evaluations');
  assert.equal(mine.status, 200, mine.text);
  const item = mine.json.items.find((i) => i.campaign_id === c.id);
  assert.equal(item.self_assessment, '按时参加三会一课，带头参加社区志愿服务。');
  const peer = item.peers[0];
  assert.ok(peer, 'the member may assess the others');
  assert.equal((await put(member, `${E}/${c.id}/peers/${peer.member_id}`, { grade: 'qualified', comment: '工作认真' })).status, 200);
  await field(await put(member, `${E}/${c.id}/peers/${me}`, { grade: 'qualified' }), 400, 'member_id');

  // 基本合格 and 不合格 need a reason; 优秀 stays within the county's cap.
  const others = c.members.filter((m) => m.member_id !== me);
  const noReason = await put(branch, `${E}/${c.id}/ratings/${others[0].member_id}`, { rating: 'unqualified' });
  await field(noReason, 400, 'reason');
  assert.match(noReason.json.error.message, /不合格党员组织处置办法/);
  for (let i = 0; i < c.excellent_allowed; i++) {
    const r = await put(branch, `${E}/${c.id}/ratings/${c.members[i].member_id}`, { rating: 'excellent' });
    assert.equal(r.status, 200, r.text);
  }
  const over = await put(branch, `${E}/${c.id}/ratings/${c.members[c.excellent_allowed].member_id}`, { rating: 'excellent' });
  await field(over, 409, 'rating');
  assert.match(over.json.error.message, /依据：县委组织部设定/);
  const rated = await put(branch, `${E}/${c.id}/ratings/${me}`, { rating: 'basic', reason: '参加组织生活不够经常' });
  assert.equal(rated.status, 200, rated.text);
  assertError(assert, await branch.post(`${E}/${c.id}/close`, {}), 409);

  const record = await member.get(`/api/v1/org-life/members/${me}/evaluations`);
  assert.equal(record.status, 200, record.text);
  assert.equal(record.json.items.find((i) => i.campaign_id === c.id).rating_label, '基本合格');
  assert.equal((await branch.get(`/api/v1/org-life/members/${me}/evaluations`)).status, 200);
  assertError(assert, await community2.get(`/api/v1/org-life/members/${me}/evaluations`), 404);
  const listed = await branch.get(`${E}?org_id=${branchOrg}`);
  assert.ok(listed.json.items.some((i) => i.id === c.id && i.year === year));
});

test('evaluation routes refuse bad, oversized, out-of-scope and hostile input with a 4xx naming the field', async () => {
  const year = await yearNow();
  assertError(assert, await branch.req('POST', E, '{not json', { raw: true, headers: { 'content-type': 'application/json' } }), 400);
  await field(await branch.post(E, { org_id: branchOrg, year: 'this' }), 400, 'year');
  await field(await branch.post(E, { org_id: branchOrg, year: year - 5 }), 400, 'year');
  await field(await branch.post(E, { year }), 400, 'org_id');
  assertError(assert, await community2.post(E, { org_id: branchOrg, year }), 404);
  assertError(assert, await member.post(E, { org_id: branchOrg, year }), 404);
  await field(await branch.get(`${E}?org_id=abc`), 400, 'org_id');
  const list = await branch.get(`${E}?org_id=${branchOrg}`);
  const id = list.json.items[0].id;
  await field(await put(member, `${E}/${id}/self`, { self_assessment: '长'.repeat(2001) }), 400, 'self_assessment');
  await field(await put(member, `${E}/${id}/self`, { self_assessment: '   ' }), 400, 'self_assessment');
  const hostile = await put(member, `${E}/${id}/self`, { self_assessment: "'; DROP TABLE org_life_evaluation; --<script>" });
  assert.equal(hostile.status, 200, hostile.text);
  assert.equal(hostile.json.self_assessment, "'; DROP TABLE org_life_evaluation; --<script>");
  assertError(assert, await put(branch, `${E}/${id}/self`, { self_assessment: '书记' }), 403);
  await field(await put(branch, `${E}/${id}/ratings/${me}`, { rating: 'best' }), 400, 'rating');
  await field(await put(branch, `${E}/${id}/ratings/999999999`, { rating: 'qualified' }), 400, 'member_id');
  assertError(assert, await put(member, `${E}/${id}/ratings/${me}`, { rating: 'excellent' }), 404);
  assertError(assert, await community2.get(`${E}/${id}`), 404);
  assertError(assert, await branch.get(`${E}/abc`), 404);
  assertError(assert, await pub.get(`${E}/${id}`), 401);

  assertError(assert, await branch.post('/api/v1/org-life/settings', { key: 'excellent_cap_pct', value: 30, source: '通知', effective_from: '2099-01-01' }), 403);
  await field(await admin.post('/api/v1/org-life/settings', { key: 'excellent_cap_pct', value: 101, source: '通知', effective_from: '2099-01-01' }), 400, 'value');
  await field(await admin.post('/api/v1/org-life/settings', { key: 'nothing', value: 1, source: '通知', effective_from: '2099-01-01' }), 400, 'key');
  await field(await admin.post('/api/v1/org-life/settings', { key: 'excellent_cap_pct', value: 30, source: '通知', effective_from: '2000-01-01' }), 400, 'effective_from');
  const settings = await branch.get('/api/v1/org-life/settings');
  assert.ok(settings.json.items.some((s) => s.key === 'excellent_cap_pct' && s.source.includes('县委组织部')));
});

test('谈心谈话: the pairs follow from the committee the branch names and are marked done with their date', async () => {
  const year = await yearNow();
  const roll = (await branch.get(`${E}?org_id=${branchOrg}`)).json.items[0];
  const people = (await branch.get(`${E}/${roll.id}`)).json.members.map((m) => m.member_id);
  assert.ok(people.length >= 3, 'the demo branch has members');
  const set = await put(branch, `/api/v1/org-life/orgs/${branchOrg}/committee`, { member_ids: people.slice(0, 2) });
  assert.equal(set.status, 200, set.text);
  const t = await branch.get(`/api/v1/org-life/talks?org_id=${branchOrg}&year=${year}`);
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.required, 1 + 2 * (people.length - 2));
  const today = new Date(((await serverNow()) + 8 * 3600) * 1000).toISOString().slice(0, 10);
  const done = await branch.post('/api/v1/org-life/talks', { org_id: branchOrg, a: people[0], b: people[2], done_on: today });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.done, 1);
  assert.equal(done.json.pairs.find((p) => p.done_on).done_on, today);
  await field(await branch.post('/api/v1/org-life/talks', { org_id: branchOrg, a: people[2], b: people[2], done_on: today }), 400, 'b');
  await field(await branch.post('/api/v1/org-life/talks', { org_id: branchOrg, a: people[0], b: people[2], done_on: '2999-01-01' }), 400, 'done_on');
  await field(await branch.post('/api/v1/org-life/talks', { org_id: branchOrg, a: 'x', b: people[2], done_on: today }), 400, 'a');
  await field(await put(branch, `/api/v1/org-life/orgs/${branchOrg}/committee`, { member_ids: [1, 2, 3, 4, 5, 6, 7, 8] }), 400, 'member_ids');
  await field(await put(branch, `/api/v1/org-life/orgs/${branchOrg}/committee`, { member_ids: ['a'] }), 400, 'member_ids');
  await field(await put(branch, `/api/v1/org-life/orgs/${branchOrg}/committee`, { member_ids: [999999999] }), 400, 'member_ids');
  assertError(assert, await community2.get(`/api/v1/org-life/talks?org_id=${branchOrg}`), 404);
  assertError(assert, await member.post('/api/v1/org-life/talks', { org_id: branchOrg, a: people[0], b: people[2], done_on: today }), 404);
});

test('组织生活会: criticism per participant and a rectification list with owners, due dates and overdue flags', async () => {
  const M = '/api/v1/org-life/meetings';
  const start = (await serverNow()) + 3600;
  const m = await branch.post(M, { org_id: branchOrg, kind: 'life_meeting', topic: '年度组织生活会', starts_at: start });
  assert.equal(m.status, 201, m.text);
  const [a, b] = m.json.attendance.map((x) => x.member_id);
  const self = await branch.post(`${M}/${m.json.id}/criticisms`, { member_id: a, kind: 'self', body: '理论学习不够系统' });
  assert.equal(self.status, 201, self.text);
  const given = await branch.post(`${M}/${m.json.id}/criticisms`, { member_id: a, kind: 'given', by_member_id: b, body: '联系群众不够经常' });
  assert.equal(given.json.criticisms.length, 2);
  const today = new Date(((await serverNow()) + 8 * 3600) * 1000).toISOString().slice(0, 10);
  const r = await branch.post(`${M}/${m.json.id}/rectifications`, { item: '建立每周学习制度', owner: '支部书记', due_on: '2020-01-31' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.overdue, 1, 'a past due date is flagged');
  const done = await put(branch, `/api/v1/org-life/rectifications/${r.json.rectifications[0].id}`, { done_on: today });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.overdue, 0);
  assert.equal(done.json.rectifications[0].done_on, today);
  const seen = await branch.get(`${M}/${m.json.id}/life`);
  assert.equal(seen.json.criticisms[0].body, '理论学习不够系统');

  await field(await branch.post(`${M}/${m.json.id}/criticisms`, { member_id: a, kind: 'praise', body: 'x' }), 400, 'kind');
  await field(await branch.post(`${M}/${m.json.id}/criticisms`, { member_id: a, kind: 'self', body: '长'.repeat(2001) }), 400, 'body');
  await field(await branch.post(`${M}/${m.json.id}/criticisms`, { member_id: 999999999, kind: 'self', body: 'x' }), 400, 'member_id');
  await field(await branch.post(`${M}/${m.json.id}/rectifications`, { item: 'x', owner: 'y', due_on: '2026-02-30' }), 400, 'due_on');
  await field(await branch.post(`${M}/${m.json.id}/rectifications`, { owner: 'y', due_on: today }), 400, 'item');
  await field(await put(branch, `/api/v1/org-life/rectifications/${r.json.rectifications[0].id}`, { done_on: '2999-01-01' }), 400, 'done_on');
  assertError(assert, await put(branch, '/api/v1/org-life/rectifications/999999999', { done_on: today }), 404);
  assertError(assert, await community2.get(`${M}/${m.json.id}/life`), 404);
  assertError(assert, await member.post(`${M}/${m.json.id}/rectifications`, { item: 'x', owner: 'y', due_on: today }), 403);
});
