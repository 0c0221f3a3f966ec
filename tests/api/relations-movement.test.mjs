// Mobile members, the checks and 处置 cases (issue 16, docs/api-relations.md): an out-flow and an
// in-flow seen by both sides, the receiving side listing its in-flow members and counting their
// organisation life as guests; the hourly sweep's 流而失管, 失联 and unconfirmed transfers listed for
// the county with drill-through, each naming its rule; a 失联 case and a 不合格 case (taken over from
// the democratic evaluation) through to their outcome with the higher committee's approval. The
// checks run on a side server whose clock moves, so the main server's clock stays where it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError, idNumber, serverNow, sideServer } from './client.mjs';

const R = '/api/v1/relations';
let community, community2, branch, street, admin, resident;
let fromOrg, toOrg, side;
const field = async (r, status, f) => { assertError(assert, r, status); assert.equal(r.json.error.field, f, r.text); };
const pad = (n) => String(n).padStart(2, '0');
const dayOf = (unix) => new Date((unix + 8 * 3600) * 1000).toISOString().slice(0, 10);
const monthsAgo = (unix, n) => {
  const d = new Date((unix + 8 * 3600) * 1000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};

async function newMember(who, orgId, name) {
  const rnd = (n) => Math.floor(Math.random() * n);
  const birth = `${1960 + rnd(35)}${pad(1 + rnd(12))}${pad(1 + rnd(28))}`;
  const r = await who.post('/api/v1/members', {
    name, id_number: idNumber(birth, 100 + rnd(899), '620702'), org_id: orgId, joined_on: '2005-07-01', full_on: '2006-07-01',
  });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// Runs the sweep on the side server once its clock has passed the hour the checks wait for.
async function sweep(seconds = 3601) {
  await side.clock(seconds);
  const r = await new Client(side.url).post('/api/v1/_test/sweep', {});
  assert.equal(r.status, 200, r.text);
  return r.json;
}
// The main server's sessions, signed in again after a login on the side server: its later clock
// clears the sessions that look idle to it.
async function signIn() {
  [community, community2, branch, street, admin, resident] =
    await Promise.all(['community', 'community2', 'branch', 'street', 'admin', 'resident'].map(as));
}
async function sideAs(username) {
  const c = await new Client(side.url).login(username);
  await signIn();
  return c;
}

before(async () => {
  await signIn();
  fromOrg = branch.account.roles[0].scope_id;
  const orgs = (await community2.get('/api/v1/orgs?limit=50')).json.items;
  toOrg = orgs.find((o) => o.level === 'branch').id;
  side = await sideServer(['--password-max-age-days', '0']);
});
after(() => side?.stop());

test('mobile members: an out-flow and an in-flow seen by both sides; the host lists them and counts their organisation life', async () => {
  const now = await serverNow();
  const since = monthsAgo(now, 7);
  const a = await newMember(community, fromOrg, '流动甲');
  const b = await newMember(community, fromOrg, '流动乙');
  const out = await community.post(`${R}/flows`, {
    member_id: a, side: 'out', host_org_id: toOrg, destination: '光明路社区（务工）', since, contact: '13800000001',
  });
  assert.equal(out.status, 201, out.text);
  assert.equal(out.json.registered_by, 'home');
  assert.match(out.json.rule, /党员教育管理工作条例/);
  const inflow = await community2.post(`${R}/flows`, {
    member_id: b, side: 'in', host_org_id: toOrg, destination: '光明路社区（居住）', since, contact: '13800000002', fixed_place: true,
  });
  assert.equal(inflow.status, 201, inflow.text);
  assert.equal(inflow.json.registered_by, 'host');

  const hostList = await community2.get(`${R}/flows?side=in&org_id=${toOrg}`);
  assert.equal(hostList.status, 200, hostList.text);
  const hosted = hostList.json.items.map((f) => f.member_id);
  assert.ok(hosted.includes(a) && hosted.includes(b), 'the receiving side lists its in-flow members');
  assert.ok(hostList.json.items.every((f) => f.host_side));
  const homeList = await community.get(`${R}/flows?side=out&org_id=${fromOrg}`);
  assert.ok([a, b].every((id) => homeList.json.items.some((f) => f.member_id === id && f.home_side)), 'the sending side sees both');

  // One active flow per member; the in-flow is the host's to register, 失联 the home's to mark.
  await field(await community2.post(`${R}/flows`, { member_id: b, side: 'in', host_org_id: toOrg, destination: 'x', since, contact: 'x' }), 409, 'member_id');
  const c = await newMember(community, fromOrg, '流动丙');
  assertError(assert, await community.post(`${R}/flows`, { member_id: c, side: 'in', host_org_id: toOrg, destination: 'x', since, contact: 'x' }), 403);
  assertError(assert, await community2.post(`${R}/flows/${out.json.id}/untraceable`, { since }), 403);
  const contact = await community2.post(`${R}/flows/${out.json.id}/contact`, { on: dayOf(now) });
  assert.equal(contact.status, 200, contact.text);
  assert.equal(contact.json.last_contact_on, dayOf(now));

  // The host's theme day with the mobile member present as a guest: it counts as their organisation life.
  const m = await community2.post('/api/v1/org-life/meetings', {
    org_id: toOrg, kind: 'theme_day', topic: '流动党员参加主题党日', starts_at: now - 1800, place: '光明路社区党群服务中心',
  });
  assert.equal(m.status, 201, m.text);
  const held = await community2.post(`/api/v1/org-life/meetings/${m.json.id}/hold`, {
    attendance: [{ member_id: a, status: 'present' }], minutes: '学习讨论',
  });
  assert.equal(held.status, 200, held.text);
  assert.ok(held.json.attendance.some((x) => x.member_id === a && x.guest && x.status === 'present'));

  await sweep();
  const checks = await admin.get(`${R}/checks?kind=lost_flow&limit=200`);
  assert.equal(checks.status, 200, checks.text);
  const lost = checks.json.items.map((i) => i.member_id);
  assert.ok(lost.includes(b), 'out 7 months with no contact nor life: 流而失管');
  assert.ok(!lost.includes(a), 'contact and organisation life at the host keep them in hand');
  const found = checks.json.items.find((i) => i.member_id === b);
  assert.match(found.source, /党员教育管理工作条例/);
  assert.match(found.detail, /外出已满6个月/);
});

test('the county lists the checks with drill-through by area; each side sees its own; the sweep is hourly, not every pass', async () => {
  const now = await serverNow();
  const d = await newMember(community, fromOrg, '失联甲');
  await community.post(`${R}/flows`, { member_id: d, side: 'out', destination: '去向不明', since: monthsAgo(now, 10), contact: '无' });
  await sweep();
  const again = await new Client(side.url).post('/api/v1/_test/sweep', {});
  assert.equal(again.json.relations_found, undefined, 'within the hour the checks do not run again');

  const summary = await admin.get(`${R}/checks/summary`);
  assert.equal(summary.status, 200, summary.text);
  assert.equal(summary.json.kinds.length, 6);
  for (const k of summary.json.kinds) assert.ok(k.source.includes('《'), k.source);
  const street2 = summary.json.children.find((ch) => ch.area_id === street.account.roles[0].scope_id);
  assert.ok(street2.counts.lost_flow >= 1, JSON.stringify(street2));
  const drilled = await admin.get(`${R}/checks/summary?area_id=${street2.area_id}`);
  assert.ok(drilled.json.children.some((ch) => ch.counts.lost_flow >= 1));
  const listed = await admin.get(`${R}/checks?area_id=${street2.area_id}&kind=lost_flow`);
  assert.ok(listed.json.items.some((i) => i.member_id === d));

  // Scope: the member's own side sees it, the other community does not.
  assert.ok((await community.get(`${R}/checks?limit=200`)).json.items.some((i) => i.member_id === d));
  assert.ok((await branch.get(`${R}/checks?limit=200`)).json.items.some((i) => i.member_id === d));
  assert.ok(!(await community2.get(`${R}/checks?limit=200`)).json.items.some((i) => i.member_id === d));
  assert.equal((await resident.get(`${R}/checks`)).json.items.length, 0);
  assertError(assert, await community2.get(`${R}/checks?org_id=${fromOrg}`), 404);

  // A transfer left unconfirmed past the county's days is warned about (the demo has one waiting).
  await sweep(31 * 86400);
  const late = await admin.get(`${R}/checks?kind=transfer_unconfirmed&limit=200`);
  assert.ok(late.json.items.length >= 1, late.text);
  assert.match(late.json.items[0].detail, /天未确认（县里规定\d+天）/);

  // Ending a flow resolves what it caused at the next run.
  const flows = (await community.get(`${R}/flows?side=out&org_id=${fromOrg}&state=active`)).json.items;
  const flow = flows.find((f) => f.member_id === d);
  const sideCommunity = await sideAs('community');
  const sideToday = dayOf(await side.clock(0));
  assert.equal((await sideCommunity.post(`${R}/flows/${flow.id}/end`, { on: sideToday })).status, 200);
  await sweep();
  const resolved = await admin.get(`${R}/checks?state=resolved&kind=lost_flow&limit=200`);
  assert.ok(resolved.json.items.some((i) => i.member_id === d && i.resolved_at));
});

test('失联: untraceable more than 6 months → the branch proposes to stop membership, the street approves', async () => {
  const now = await serverNow();
  const e = await newMember(community, fromOrg, '失联乙');
  const f = (await community.post(`${R}/flows`, { member_id: e, side: 'out', destination: '外省', since: monthsAgo(now, 12), contact: '原手机停机' })).json;
  const marked = await community.post(`${R}/flows/${f.id}/untraceable`, { since: monthsAgo(now, 8) });
  assert.equal(marked.status, 200, marked.text);
  await sweep();
  const found = (await community.get(`${R}/checks?kind=untraceable&limit=200`)).json.items.find((i) => i.member_id === e);
  assert.ok(found, 'the check proposes stopping membership');
  assert.match(found.detail, /建议停止党籍/);
  assert.match(found.source, /失去联系超过6个月/);

  const opened = await community.post(`${R}/cases`, { member_id: e, kind: 'untraceable', reason: '失去联系8个月，多方查找未果' });
  assert.equal(opened.status, 201, opened.text);
  const id = opened.json.id;
  const today = dayOf(now);
  const early = await community.post(`${R}/cases/${id}/decision`, { outcome: 'removed', decided_on: today, resolution: '支部党员大会决定' });
  await field(early, 409, 'outcome');
  assert.match(early.json.error.message, /停止党籍满2年/);
  const decided = await community.post(`${R}/cases/${id}/decision`, { outcome: 'stopped', decided_on: today, resolution: '支部党员大会决定停止其党籍' });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.state, 'awaiting_approval');
  assert.equal((await community.get(`${R}/members/${e}`)).json.status, 'full', 'nothing changes before approval');
  assertError(assert, await community.post(`${R}/cases/${id}/approval`, { approved_on: today }), 403);
  assertError(assert, await branch.post(`${R}/cases/${id}/approval`, { approved_on: today }), 403);
  const approved = await street.post(`${R}/cases/${id}/approval`, { approved_on: today, note: '同意' });
  assert.equal(approved.status, 200, approved.text);
  assert.equal(approved.json.state, 'closed');
  assert.equal((await community.get(`${R}/members/${e}`)).json.status, 'stopped');
  await field(await community.post(`${R}/transfers`, { member_id: e, kind: 'within', to_org_id: toOrg, reason: 'x' }), 409, 'member_id');
});

test('不合格: a case taken over from the evaluation, refused before the deadline to correct, removed with approval', async () => {
  const now = await serverNow();
  const year = Number(dayOf(now).slice(0, 4));
  const g = await newMember(community2, toOrg, '处置甲');
  let campaign = await community2.post('/api/v1/org-life/evaluations', { org_id: toOrg, year: year - 1 });
  if (campaign.status === 409) campaign = await community2.post('/api/v1/org-life/evaluations', { org_id: toOrg, year });
  assert.equal(campaign.status, 201, campaign.text);
  const rated = await community2.req('PUT', `/api/v1/org-life/evaluations/${campaign.json.id}/ratings/${g}`, { rating: 'unqualified', reason: '长期不参加组织生活，经教育无转变' });
  assert.equal(rated.status, 200, rated.text);

  const waiting = await community2.get(`${R}/cases/from-evaluations`);
  const pending = waiting.json.items.find((i) => i.member_id === g);
  assert.ok(pending, waiting.text);
  assert.ok(!(await community.get(`${R}/cases/from-evaluations`)).json.items.some((i) => i.member_id === g), 'scope');
  const taken = await community2.post(`${R}/cases`, { org_life_case_id: pending.org_life_case_id });
  assert.equal(taken.status, 201, taken.text);
  const k = taken.json;
  assert.equal(k.kind, 'unqualified');
  assert.equal(k.state, 'correcting');
  assert.match(k.reason, /民主评议评为不合格/);
  assert.match(k.correct_source, /不合格党员组织处置办法.*县委组织部设置/);
  assert.ok(k.correct_by > dayOf(now));
  assertError(assert, await community2.post(`${R}/cases`, { org_life_case_id: pending.org_life_case_id }), 404);

  const early = await community2.post(`${R}/cases/${k.id}/decision`, { outcome: 'removed', decided_on: dayOf(now), resolution: '除名' });
  await field(early, 409, 'outcome');
  assert.match(early.json.error.message, /限期改正期限.*未满/);
  await field(await community2.post(`${R}/cases/${k.id}/decision`, { outcome: 'stopped', decided_on: dayOf(now), resolution: 'x' }), 409, 'outcome');

  // After the deadline the branch meeting decides removal; the street approves.
  await side.clock(200 * 86400);
  const later = dayOf(await side.clock(0));
  const sideCommunity2 = await sideAs('community2');
  const decided = await sideCommunity2.post(`${R}/cases/${k.id}/decision`, { outcome: 'removed', decided_on: later, resolution: '支部党员大会表决同意除名' });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.state, 'awaiting_approval');
  assert.match(decided.json.outcome_source, /报上级党组织批准/);
  const sideStreet = await sideAs('street');
  await field(await sideStreet.post(`${R}/cases/${k.id}/approval`, { approved_on: '2000-01-01' }), 400, 'approved_on');
  const approved = await sideStreet.post(`${R}/cases/${k.id}/approval`, { approved_on: later });
  assert.equal(approved.status, 200, approved.text);
  assert.equal((await community2.get(`${R}/members/${g}`)).json.status, 'removed');
  assert.equal((await community2.get(`/api/v1/members/${g}`)).status, 200, 'a removed member stays on record');

  // A case the branch opens itself and closes as corrected needs no approval and changes nothing.
  const h = await newMember(community2, toOrg, '处置乙');
  const own = (await community2.post(`${R}/cases`, { member_id: h, kind: 'unqualified', reason: '党员意识淡薄' })).json;
  const corrected = await community2.post(`${R}/cases/${own.id}/decision`, { outcome: 'corrected', decided_on: dayOf(now), resolution: '经教育已改正' });
  assert.equal(corrected.json.state, 'closed');
  assert.equal((await community2.get(`${R}/members/${h}`)).json.status, 'full');
  assertError(assert, await community.get(`${R}/cases/${own.id}`), 404);
});

test('county settings are dated and the county\'s alone; bad input to flows, checks and cases gets a 4xx naming the field', async () => {
  const now = await serverNow();
  const tomorrow = dayOf(now + 86400);
  assertError(assert, await community.post(`${R}/settings`, { key: 'transfer_confirm_days', value: 10, source: '县委组织部通知', effective_from: tomorrow }), 403);
  await field(await admin.post(`${R}/settings`, { key: 'nope', value: 10, source: 'x', effective_from: tomorrow }), 400, 'key');
  await field(await admin.post(`${R}/settings`, { key: 'transfer_confirm_days', value: 0, source: 'x', effective_from: tomorrow }), 400, 'value');
  await field(await admin.post(`${R}/settings`, { key: 'transfer_confirm_days', value: 10, source: 'x', effective_from: '2001-01-01' }), 400, 'effective_from');
  const set = await admin.post(`${R}/settings`, { key: 'transfer_confirm_days', value: 20, source: '县委组织部2026年第9号通知', effective_from: tomorrow });
  assert.equal(set.status, 201, set.text);
  const versions = set.json.items.filter((s) => s.key === 'transfer_confirm_days');
  assert.equal(versions.length, 2);
  assert.equal(versions[0].effective_to, tomorrow, 'the old version closes the day the new one starts');

  const id = await newMember(community, fromOrg, '输入甲');
  const since = dayOf(now);
  await field(await community.post(`${R}/flows`, { member_id: id, side: 'up', destination: 'x', since, contact: 'x' }), 400, 'side');
  await field(await community.post(`${R}/flows`, { member_id: id, side: 'out', destination: 'x', since: '2026-13-01', contact: 'x' }), 400, 'since');
  await field(await community.post(`${R}/flows`, { member_id: id, side: 'out', destination: 'x', since: '2999-01-01', contact: 'x' }), 400, 'since');
  await field(await community.post(`${R}/flows`, { member_id: id, side: 'out', since, contact: 'x' }), 400, 'destination');
  await field(await community.post(`${R}/flows`, { member_id: id, side: 'out', destination: '<img src=x onerror=alert(1)>'.repeat(20), since, contact: 'x' }), 400, 'destination');
  await field(await community.post(`${R}/flows`, { member_id: id, side: 'in', destination: 'x', since, contact: 'x' }), 400, 'host_org_id');
  await field(await community.post(`${R}/flows`, { member_id: id, side: 'out', host_org_id: fromOrg, destination: 'x', since, contact: 'x' }), 400, 'host_org_id');
  await field(await community.post(`${R}/flows`, { member_id: id, side: 'out', destination: 'x', since, contact: 'x', fixed_place: 'yes' }), 400, 'fixed_place');
  await field(await community.get(`${R}/flows?side=sideways`), 400, 'side');
  await field(await community.get(`${R}/flows?state=${encodeURIComponent("active'--")}`), 400, 'state');
  await field(await admin.get(`${R}/checks?kind=everything`), 400, 'kind');
  await field(await admin.get(`${R}/checks?state=closed`), 400, 'state');
  await field(await admin.get(`${R}/checks?limit=0`), 400, 'limit');
  await field(await admin.get(`${R}/checks/summary?area_id=-1`), 400, 'area_id');
  await field(await community.post(`${R}/cases`, { member_id: id, kind: 'bad', reason: 'x' }), 400, 'kind');
  await field(await community.post(`${R}/cases`, { member_id: id, kind: 'unqualified' }), 400, 'reason');
  await field(await community.post(`${R}/cases`, { org_life_case_id: 'x' }), 400, 'org_life_case_id');
  const k = (await community.post(`${R}/cases`, { member_id: id, kind: 'unqualified', reason: '测试' })).json;
  await field(await community.post(`${R}/cases`, { member_id: id, kind: 'unqualified', reason: '再次' }), 409, 'member_id');
  await field(await community.post(`${R}/cases/${k.id}/decision`, { outcome: 'pardoned', decided_on: since, resolution: 'x' }), 400, 'outcome');
  await field(await community.post(`${R}/cases/${k.id}/decision`, { outcome: 'corrected', decided_on: 'yesterday', resolution: 'x' }), 400, 'decided_on');
  await field(await community.post(`${R}/cases/${k.id}/decision`, { outcome: 'corrected', decided_on: since }), 400, 'resolution');
  await field(await community.get(`${R}/cases?state=open`), 400, 'state');
  assertError(assert, await community2.post(`${R}/cases/${k.id}/decision`, { outcome: 'corrected', decided_on: since, resolution: 'x' }), 404);
  assertError(assert, await resident.get(`${R}/members/${id}`), 404);
  await field(await community.post(`${R}/members/${id}/deceased`, { on: '2999-01-01' }), 400, 'on');
});

test('an in-flow: the host finds a member of another community by the exact ID number the member shows, and registers the flow', async () => {
  const rnd = (n) => Math.floor(Math.random() * n);
  const idn = idNumber(`19${70 + rnd(20)}0${1 + rnd(9)}1${rnd(9)}`, 100 + rnd(899), '620702');
  const created = await community.post('/api/v1/members', {
    name: '流入丙', id_number: idn, org_id: fromOrg, joined_on: '2005-07-01', full_on: '2006-07-01',
  });
  assert.equal(created.status, 201, created.text);
  assertError(assert, await community2.get(`/api/v1/members/${created.json.id}`), 404);
  const found = await community2.post(`${R}/member-lookup`, { id_number: idn.toLowerCase() });
  assert.equal(found.status, 200, found.text);
  assert.equal(found.json.member_id, created.json.id);
  assert.equal(found.json.name, '流入丙');
  assert.equal(found.json.may_flow, true);
  assert.ok(!JSON.stringify(found.json).includes(idn), 'the answer does not repeat the ID number');
  const since = monthsAgo(await serverNow(), 1);
  const inflow = await community2.post(`${R}/flows`, {
    member_id: found.json.member_id, side: 'in', host_org_id: toOrg, destination: '光明路社区（务工）', since, contact: '13800000003',
  });
  assert.equal(inflow.status, 201, inflow.text);

  await field(await community2.post(`${R}/member-lookup`, { id_number: '110105194912310021' }), 400, 'id_number');
  await field(await community2.post(`${R}/member-lookup`, {}), 400, 'id_number');
  await field(await community2.post(`${R}/member-lookup`, { id_number: 'x'.repeat(200) }), 400, 'id_number');
  assertError(assert, await community2.post(`${R}/member-lookup`, { id_number: '11010519491231002X' }), 404);
  assertError(assert, await resident.post(`${R}/member-lookup`, { id_number: idn }), 403);
});
