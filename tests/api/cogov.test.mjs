// Co-governance (docs/api-cogov.md): the three lists with claims, dispatch and the honour roll;
// dual reporting with check-in and the monthly notice; pairings and volunteers; deliberation votes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const pub = new Client();
let community, community2, unit, member, resident, grid, admin;
let home; // the community the demo accounts work in

before(async () => {
  [community, community2, unit, member, resident, grid, admin] = await Promise.all(
    ['community', 'community2', 'unit', 'member', 'resident', 'grid', 'admin'].map(as));
  home = community.account.roles[0].scope_id;
});

// Moving the test clock past the idle limit ends sessions; everyone signs in again.
async function advance(seconds) {
  await pub.post('/api/v1/_test/clock', { advance_seconds: seconds });
  await Promise.all([community, community2, unit, member, resident, grid, admin].map((c) => c.login(c.account.username)));
}
const now = async () => (await pub.post('/api/v1/_test/clock', { advance_seconds: 0 })).json.now;
const month = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 7);

test('a unit claims a need, the community confirms it with a rating, and the unit is on the honour roll', async () => {
  const need = await community.post('/api/v1/needs', { title: '楼道扶手安装', kind: 'service', area_id: home, description: '3 号楼老人多' });
  assert.equal(need.status, 201, need.text);
  assert.equal(need.json.status, 'published', 'what the community enters is published at once');
  assert.ok(need.json.created_at > 1.7e9 && need.json.updated_at === need.json.created_at, 'register items carry their times');

  // Units see published needs and claim them; staff do not claim.
  const seen = await unit.get('/api/v1/needs?status=published&limit=100');
  assert.ok(seen.json.items.some((n) => n.id === need.json.id));
  assertError(assert, await community.post(`/api/v1/needs/${need.json.id}/claim`, {}), 403);
  const order = await unit.post(`/api/v1/needs/${need.json.id}/claim`, { note: '本周内安排' });
  assert.equal(order.status, 201, order.text);
  assert.equal(order.json.status, 'claimed');
  assert.equal(order.json.claimer_kind, 'unit');
  assertError(assert, await member.post(`/api/v1/needs/${need.json.id}/claim`, {}), 409, 'conflict');

  const id = order.json.id;
  assert.deepEqual(order.json.actions, ['cancel'], 'the claimer waits for the community to accept');
  const step = async (who, body, status) => {
    const r = await who.post(`/api/v1/orders/${id}/actions`, body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, status);
    return r;
  };
  assertError(assert, await unit.post(`/api/v1/orders/${id}/actions`, { action: 'accept' }), 403);
  await step(community, { action: 'accept' }, 'accepted');
  await step(unit, { action: 'start' }, 'in_progress');
  await step(unit, { action: 'complete', note: '已安装 12 处扶手' }, 'completed');
  assertError(assert, await community.post(`/api/v1/orders/${id}/actions`, { action: 'confirm' }), 400);
  assertError(assert, await community.post(`/api/v1/orders/${id}/actions`, { action: 'confirm', rating: 9 }), 400);
  assertError(assert, await unit.post(`/api/v1/orders/${id}/actions`, { action: 'confirm', rating: 5 }), 403);
  const done = await step(community, { action: 'confirm', rating: 5, comment: '居民很满意' }, 'confirmed');
  assert.equal(done.json.points, 20);
  assert.deepEqual(done.json.timeline.map((e) => e.action), ['claim', 'accept', 'start', 'complete', 'confirm']);
  assert.equal((await community.get(`/api/v1/needs/${need.json.id}`)).json.status, 'done');

  const roll = await community.get(`/api/v1/honour-roll?area_id=${home}&period=${month(await now())}`);
  assert.equal(roll.status, 200, roll.text);
  const mine = roll.json.items.find((i) => i.unit_id === unit.account.roles[0].scope_id);
  assert.ok(mine, 'the unit is on the roll');
  assert.ok(mine.points >= 20 && mine.orders >= 1);
  const open = await pub.get(`/api/v1/public/lists?area_id=${home}`);
  assert.ok(open.json.honour_roll.items.some((i) => i.name === mine.name), 'the public page shows the roll');
  assert.ok(!open.json.needs.some((n) => n.id === need.json.id), 'a done need is no longer open');

  // Another community sees neither the need nor the order.
  assertError(assert, await community2.get(`/api/v1/needs/${need.json.id}`), 404);
  assertError(assert, await community2.get(`/api/v1/orders/${id}`), 404);
  assertError(assert, await unit.patch(`/api/v1/needs/${need.json.id}`, { title: '改掉' }), 403);
});

test('grid staff propose, the community reviews; a unit offers a resource the community dispatches to with reasons', async () => {
  const gridArea = grid.account.roles[0].scope_id;
  const need = await grid.post('/api/v1/needs', { title: '独居老人送餐', kind: 'volunteers', area_id: gridArea, source: 'grid', lon: 99.53, lat: 39.23 });
  assert.equal(need.status, 201, need.text);
  assert.equal(need.json.status, 'pending');
  assertError(assert, await grid.post(`/api/v1/needs/${need.json.id}/review`, { approve: true }), 403);
  assertError(assert, await community.post(`/api/v1/needs/${need.json.id}/review`, { approve: false }), 400);
  const ok = await community.post(`/api/v1/needs/${need.json.id}/review`, { approve: true });
  assert.equal(ok.json.status, 'published');
  assertError(assert, await community.post(`/api/v1/needs/${need.json.id}/review`, { approve: true }), 409);

  const res = await unit.post('/api/v1/resources', { title: '助老送餐志愿队', kind: 'volunteers', area_id: home, served_area_ids: String(gridArea), capacity: 2, lon: 99.531, lat: 39.231 });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.status, 'pending', 'a unit offer waits for review');
  assert.equal(res.json.owner_kind, 'unit');
  assertError(assert, await unit.post('/api/v1/resources', { title: 'x', kind: 'venue', area_id: home, lon: 200, lat: 39 }), 400);
  assertError(assert, await unit.post('/api/v1/resources', { title: 'x', kind: 'spaceship', area_id: home }), 400);
  const early = await community.get(`/api/v1/needs/${need.json.id}/suggestions?limit=50`);
  assert.ok(!early.json.items.some((s) => s.resource_id === res.json.id), 'a resource waiting for review is not suggested');
  await community.post(`/api/v1/resources/${res.json.id}/review`, { approve: true });

  const sug = await community.get(`/api/v1/needs/${need.json.id}/suggestions?limit=5`);
  assert.equal(sug.status, 200, sug.text);
  const top = sug.json.items.find((s) => s.resource_id === res.json.id);
  assert.ok(top, 'the new resource is suggested');
  assert.ok(top.reasons.includes('类型相符') && top.reasons.includes('同一网格'), JSON.stringify(top.reasons));
  assert.ok(sug.json.items[0].score >= top.score);
  for (let i = 1; i < sug.json.items.length; i++) assert.ok(sug.json.items[i - 1].score >= sug.json.items[i].score);
  assertError(assert, await unit.get(`/api/v1/needs/${need.json.id}/suggestions`), 404);

  const order = await community.post(`/api/v1/needs/${need.json.id}/dispatch`, { resource_id: res.json.id });
  assert.equal(order.status, 201, order.text);
  assert.equal(order.json.status, 'dispatched');
  assert.ok(order.json.actions.includes('accept'));
  const accepted = await unit.post(`/api/v1/orders/${order.json.id}/actions`, { action: 'accept' });
  assert.equal(accepted.json.status, 'accepted', 'the resource accepts its own dispatch');
  assert.equal((await community.get(`/api/v1/resources/${res.json.id}`)).json.open_orders, 1);
  const other = await community.post('/api/v1/needs', { title: '助餐第二户', kind: 'volunteers', area_id: gridArea, lon: 99.53, lat: 39.23 });
  const busy = (await community.get(`/api/v1/needs/${other.json.id}/suggestions?limit=50`)).json.items
    .find((s) => s.resource_id === res.json.id);
  assert.ok(busy, 'still suggested while it has room');
  assert.equal(busy.open_orders, 1, 'suggestions see the current load');
  assert.ok(busy.reasons.includes('在办 1/2 单'), JSON.stringify(busy.reasons));
  assertError(assert, await unit.post(`/api/v1/orders/${order.json.id}/actions`, { action: 'cancel' }), 400);
  const cancelled = await unit.post(`/api/v1/orders/${order.json.id}/actions`, { action: 'cancel', note: '人手不足' });
  assert.equal(cancelled.json.status, 'cancelled');
  assert.equal((await community.get(`/api/v1/needs/${need.json.id}`)).json.status, 'published', 'a cancelled need is open again');
  assert.equal((await community.get(`/api/v1/resources/${res.json.id}`)).json.open_orders, 0);
});

test('a project takes as many claimers as it has places', async () => {
  const p = await community.post('/api/v1/projects', { title: '楼道微改造', places: 1, area_id: home, budget: 5000.5 });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.budget, 5000.5);
  assertError(assert, await community.post('/api/v1/projects', { title: 'x', places: 0, area_id: home }), 400);
  const o = await member.post(`/api/v1/projects/${p.json.id}/claim`, {});
  assert.equal(o.status, 201, o.text);
  assert.equal(o.json.claimer_kind, 'member');
  assert.equal((await community.get(`/api/v1/projects/${p.json.id}`)).json.status, 'full');
  assertError(assert, await unit.post(`/api/v1/projects/${p.json.id}/claim`, {}), 409);
});

test('a 求助 appeal becomes a published need linked to it', async () => {
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const leaf = cats.find((c) => !cats.some((d) => d.parent_id === c.id) && !c.is_dispute);
  const filed = await pub.post('/api/v1/public/appeals', { type: 'help', category_id: leaf.id, description: '家中老人行动不便，需要有人帮忙买菜', lon: 99.53, lat: 39.23, anonymous: true });
  assert.equal(filed.status, 201, filed.text);
  const found = await community.get(`/api/v1/appeals?q=${filed.json.code}`);
  const appeal = found.json.items[0];
  const need = await community.post(`/api/v1/appeals/${appeal.id}/need`, { kind: 'volunteers' });
  assert.equal(need.status, 201, need.text);
  assert.equal(need.json.appeal_id, appeal.id);
  assert.equal(need.json.source, 'resident');
  assert.equal(need.json.status, 'published');
  assertError(assert, await community.post(`/api/v1/appeals/${appeal.id}/need`, { kind: 'volunteers' }), 409);
  const detail = await community.get(`/api/v1/appeals/${appeal.id}`);
  assert.ok(detail.json.timeline.some((e) => e.action === 'to_need'));
  assertError(assert, await community.post(`/api/v1/appeals/${appeal.id}/need`, { kind: 'rocket' }), 400);
});

test('a reported member checks in to an activity by its code and the hours reach the monthly notice', async () => {
  const mine = await member.get('/api/v1/my/dual-report');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.json.report, 'the demo member is reported');
  const area = mine.json.report.area_id;
  const t = await now();
  const staff = area === home ? community : admin;
  const act = await staff.post('/api/v1/activities', { title: '测试签到活动', area_id: area, place: '服务站', starts_at: t - 600, ends_at: t + 2 * 3600 + 600, places: 5, max_hours: 4 });
  assert.equal(act.status, 201, act.text);
  assertError(assert, await staff.post('/api/v1/activities', { title: 'x', area_id: area, place: 'y', starts_at: t, ends_at: t - 1, places: 5 }), 400);
  const code = (await staff.get(`/api/v1/activities/${act.json.id}/checkin-code`)).json;
  assert.match(code.url, new RegExp(`^/m/#/checkin/${act.json.id}\\?code=`));
  const qr = await staff.get(`/api/v1/activities/${act.json.id}/qr.svg`);
  assert.equal(qr.status, 200);
  assert.match(qr.headers.get('content-type'), /image\/svg\+xml/);
  assert.ok(qr.text.startsWith('<svg'));
  assertError(assert, await community2.get(`/api/v1/activities/${act.json.id}/checkin-code`), 404);
  assertError(assert, await member.get(`/api/v1/activities/${act.json.id}/checkin-code`), 404);

  const before = (await admin.get(`/api/v1/dual-reports/notice?month=${month(t - 600)}`)).json;
  assertError(assert, await member.post(`/api/v1/activities/${act.json.id}/checkin`, { code: 'wrong-code' }), 400);
  const ok = await member.post(`/api/v1/activities/${act.json.id}/checkin`, { code: code.code });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.hours, 2, 'hours are the activity length in whole half hours (2 h 20 min → 2 h)');
  assertError(assert, await member.post(`/api/v1/activities/${act.json.id}/checkin`, { code: code.code }), 409);
  assertError(assert, await unit.post(`/api/v1/activities/${act.json.id}/checkin`, { code: code.code }), 403);

  const after = (await admin.get(`/api/v1/dual-reports/notice?month=${month(t - 600)}`)).json;
  assert.equal(Math.round((after.hours - before.hours) * 10) / 10, 2, 'the notice counts the new hours');
  const list = (await staff.get(`/api/v1/activities/${act.json.id}/signups`)).json.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].hours, 2);
  const row = after.items.find((i) => i.unit_name === list[0].unit_name || (!list[0].unit_name && i.unit_id === null));
  assert.ok(row && row.active >= 1 && row.hours >= 2, JSON.stringify(row));
  for (let i = 1; i < after.items.length; i++) assert.ok(after.items[i - 1].share >= after.items[i].share, 'ranked by share');

  const xlsx = await admin.get(`/api/v1/dual-reports/notice?month=${month(t)}&format=xlsx`);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.buf.subarray(0, 2).toString(), 'PK');
  const html = await admin.get(`/api/v1/dual-reports/notice?month=${month(t)}&format=html`);
  assert.match(html.headers.get('content-type'), /text\/html/);
  assert.ok(html.text.includes('双报到每月通报') && html.text.includes('<table>'));
  assertError(assert, await admin.get('/api/v1/dual-reports/notice?month=2026-13'), 400);
  assertError(assert, await admin.get('/api/v1/dual-reports/notice?format=pdf'), 400);
  assertError(assert, await unit.get('/api/v1/dual-reports/notice'), 403);
  assertError(assert, await admin.get('/api/v1/dual-reports/inactive?months=99'), 400);
  const inactive = await admin.get('/api/v1/dual-reports/inactive?months=1');
  assert.equal(inactive.status, 200);
  assert.ok(!inactive.json.items.some((i) => i.member_id === member.account.roles[0].scope_id), 'who just took part is not inactive');

  // Too early: an activity tomorrow cannot be checked in to yet; a reported member cannot report twice.
  const later = await staff.post('/api/v1/activities', { title: '明天的活动', area_id: area, place: '服务站', starts_at: t + 86400, ends_at: t + 90000, places: 1 });
  const code2 = (await staff.get(`/api/v1/activities/${later.json.id}/checkin-code`)).json.code;
  assertError(assert, await member.post(`/api/v1/activities/${later.json.id}/checkin`, { code: code2 }), 409);
  const signed = await member.post(`/api/v1/activities/${later.json.id}/signup`, {});
  assert.equal(signed.status, 201, signed.text);
  assertError(assert, await member.post(`/api/v1/activities/${later.json.id}/signup`, {}), 409);
  assertError(assert, await member.post('/api/v1/dual-reports', { kind: 'member', area_id: area }), 409);
  assertError(assert, await member.post('/api/v1/dual-reports', { kind: 'nobody' }), 400);
});

test('staff cancel an activity with a reason; signed-up members see it and can no longer check in', async () => {
  const area = (await member.get('/api/v1/my/dual-report')).json.report.area_id;
  const staff = area === home ? community : admin;
  const t = await now();
  const act = await staff.post('/api/v1/activities', { title: '待取消的活动', area_id: area, place: '服务站', starts_at: t + 3600, ends_at: t + 7200, places: 3 });
  assert.equal(act.status, 201, act.text);
  const id = act.json.id;
  assert.equal((await member.post(`/api/v1/activities/${id}/signup`, {})).status, 201);

  assertError(assert, await staff.post(`/api/v1/activities/${id}/cancel`, {}), 400);
  assertError(assert, await staff.req('POST', `/api/v1/activities/${id}/cancel`, '{"reason":', { raw: true }), 400);
  assertError(assert, await staff.post(`/api/v1/activities/${id}/cancel`, { reason: 42 }), 400);
  assertError(assert, await staff.post('/api/v1/activities/99999999/cancel', { reason: '不存在' }), 404);
  assertError(assert, await staff.post(`/api/v1/activities/${id}/cancel`, { reason: '' }), 400);
  assertError(assert, await staff.post(`/api/v1/activities/${id}/cancel`, { reason: 'x'.repeat(201) }), 400);
  assertError(assert, await member.post(`/api/v1/activities/${id}/cancel`, { reason: '不想去' }), 404);
  assertError(assert, await community2.post(`/api/v1/activities/${id}/cancel`, { reason: '越权' }), 404);
  const cancelled = await staff.post(`/api/v1/activities/${id}/cancel`, { reason: '因天气原因改期' });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.json.status, 'cancelled');
  assert.equal(cancelled.json.cancel_reason, '因天气原因改期');
  assertError(assert, await staff.post(`/api/v1/activities/${id}/cancel`, { reason: '再取消一次' }), 409);

  const code = (await staff.get(`/api/v1/activities/${id}/checkin-code`)).json.code;
  assertError(assert, await member.post(`/api/v1/activities/${id}/checkin`, { code }), 409);
  const mine = (await member.get('/api/v1/my/dual-report')).json.activities.find((a) => a.id === id);
  assert.ok(mine, 'the member still sees the activity they signed up for');
  assert.equal(mine.status, 'cancelled');
  assert.equal(mine.cancel_reason, '因天气原因改期');

  // An activity that is over cannot be called off afterwards.
  const past = await staff.post('/api/v1/activities', { title: '已结束的活动', area_id: area, place: '服务站', starts_at: t - 7200, ends_at: t - 3600, places: 3 });
  assertError(assert, await staff.post(`/api/v1/activities/${past.json.id}/cancel`, { reason: '太晚了' }), 409);
});

test('the notice counts a member from the month they report until the month they end', async () => {
  const t = await now();
  const thisMonth = month(t);
  const nextMonth = month(t + 32 * 86400);
  const lastMonth = month(t - 32 * 86400);
  const reported = async (m, area = '') => (await admin.get(`/api/v1/dual-reports/notice?month=${m}&area_id=${area}`)).json.reported_members;
  const before = { last: await reported(lastMonth), this: await reported(thisMonth), next: await reported(nextMonth), home: await reported(thisMonth, home) };

  // An in-service member who has not reported yet reports to the demo community now.
  const people = (await admin.get('/api/v1/members?category=in_service&limit=100')).json.items;
  let report = null;
  for (const p of people) {
    const r = await admin.post('/api/v1/dual-reports', { kind: 'member', member_id: p.id, area_id: home });
    if (r.status === 201) { report = r.json; break; }
    assertError(assert, r, 409);
  }
  assert.ok(report, 'some demo in-service member had not reported');
  assert.equal(await reported(lastMonth), before.last, 'not counted in the month before they reported');
  assert.equal(await reported(thisMonth), before.this + 1);
  assert.equal(await reported(nextMonth), before.next + 1);
  assert.equal(await reported(thisMonth, home), before.home + 1, 'the community\'s own notice counts them too');

  const ended = await admin.post(`/api/v1/dual-reports/${report.id}/end`, {});
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.json.status, 'ended');
  assert.equal(await reported(thisMonth), before.this + 1, 'still counted in the month they ended');
  assert.equal(await reported(nextMonth), before.next, 'not counted after it');
  assertError(assert, await admin.post(`/api/v1/dual-reports/${report.id}/end`, {}), 409);
});

test('units report their party organisation; an address names the community', async () => {
  const r = await community2.post('/api/v1/dual-reports', { kind: 'org', unit_id: 999999, area_id: community2.account.roles[0].scope_id });
  assertError(assert, r, 400);
  const noPlace = await unit.post('/api/v1/dual-reports', { kind: 'member', address: '火星基地 1 号' });
  assert.ok([400, 403].includes(noPlace.status), noPlace.text);
  const list = await community.get('/api/v1/dual-reports?kind=org');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.length >= 1, 'the demo unit reported to the demo community');
  assert.ok(list.json.items.every((i) => i.kind === 'org' && i.area_name));
});

test('a household vote: sealed while open, one ballot a household, decided by quorum and majority', async () => {
  const m = await community.post('/api/v1/deliberations', { title: '健身器材选址', body: '在小区中心广场还是东侧空地安装健身器材', area_id: home, proposer: '王建国', voter_base: 'representatives', quorum: 0.5, majority: 0.5 });
  assert.equal(m.status, 201, m.text);
  assert.equal(m.json.stage, 'proposed');
  assertError(assert, await community.post('/api/v1/deliberations', { title: 'x', body: 'y', area_id: home, proposer: 'z', quorum: 1.5 }), 400);
  assertError(assert, await resident.post('/api/v1/deliberations', { title: 'x', body: 'y', area_id: home, proposer: 'z' }), 403);
  const id = m.json.id;
  assertError(assert, await community.post(`/api/v1/deliberations/${id}/advance`, { to: 'voting', closes_at: (await now()) + 3600 }), 409);
  await community.post(`/api/v1/deliberations/${id}/advance`, { to: 'discussing' });
  const said = await resident.post(`/api/v1/deliberations/${id}/notes`, { kind: 'comment', body: '东侧空地离住户远，不扰民' });
  assert.equal(said.status, 200, said.text);
  assertError(assert, await resident.post(`/api/v1/deliberations/${id}/notes`, { kind: 'meeting', body: 'x' }), 403);
  assertError(assert, await resident.post(`/api/v1/deliberations/${id}/ballots`, { choice: 'yes' }), 409);
  assertError(assert, await community.post(`/api/v1/deliberations/${id}/advance`, { to: 'voting' }), 400);
  const t = await now();
  const voting = await community.post(`/api/v1/deliberations/${id}/advance`, { to: 'voting', closes_at: t + 3600 });
  assert.equal(voting.status, 200, voting.text);
  assert.equal(voting.json.stage, 'voting');
  const eligible = voting.json.eligible;
  assert.ok(eligible >= 4, `representatives only: ${eligible}`);

  const mine = await resident.post(`/api/v1/deliberations/${id}/ballots`, { choice: 'yes' });
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.json.my_ballot, 'yes');
  assert.equal(mine.json.turnout, 1);
  assert.equal(mine.json.result, null, 'sealed until the vote closes');
  assertError(assert, await resident.post(`/api/v1/deliberations/${id}/ballots`, { choice: 'no' }), 409);
  assertError(assert, await resident.post(`/api/v1/deliberations/${id}/ballots`, { choice: 'maybe' }), 400);
  assertError(assert, await community2.get(`/api/v1/deliberations/${id}`), 404);

  const reps = (await community.get(`/api/v1/households?area_id=${home}&representative=1&limit=100`)).json.items;
  const others = (await community.get(`/api/v1/households?area_id=${home}&representative=0&limit=5`)).json.items;
  assertError(assert, await community.post(`/api/v1/deliberations/${id}/ballots`, { choice: 'no', household_id: others[0].id }), 409);
  const residentHousehold = reps[0].id;
  let cast = 1;
  for (const h of reps) {
    if (h.id === residentHousehold || cast >= Math.ceil(eligible / 2) + 1) continue;
    const r = await community.post(`/api/v1/deliberations/${id}/ballots`, { choice: cast % 3 === 0 ? 'no' : 'yes', household_id: h.id });
    assert.equal(r.status, 200, r.text);
    cast++;
  }
  const open = await pub.get(`/api/v1/public/deliberations/${id}`);
  assert.equal(open.json.stage, 'voting');
  assert.equal(open.json.result, null);
  assert.equal(open.json.turnout, cast);

  await advance(3601);
  const closed = await pub.get(`/api/v1/public/deliberations/${id}`);
  assert.equal(closed.json.stage, 'decided', JSON.stringify(closed.json));
  assert.equal(closed.json.result.passed, true);
  assert.equal(closed.json.result.quorum_reached, true);
  assert.ok(!closed.json.notes.some((n) => n.kind === 'comment'), 'residents\' comments stay off the public page');
  assertError(assert, await resident.post(`/api/v1/deliberations/${id}/ballots`, { choice: 'yes' }), 409);

  await community.post(`/api/v1/deliberations/${id}/advance`, { to: 'carrying_out' });
  const rated = await resident.post(`/api/v1/deliberations/${id}/rating`, { score: 4 });
  assert.equal(rated.status, 200, rated.text);
  assert.equal(rated.json.average_rating, 4);
  assertError(assert, await resident.post(`/api/v1/deliberations/${id}/rating`, { score: 5 }), 409);
  assertError(assert, await resident.post(`/api/v1/deliberations/${id}/rating`, { score: 0 }), 400);
});

test('a vote without quorum is rejected when it closes', async () => {
  const m = await community.post('/api/v1/deliberations', { title: '楼顶光伏', body: '是否在楼顶安装光伏板', area_id: home, proposer: '社区', quorum: 0.9 });
  await community.post(`/api/v1/deliberations/${m.json.id}/advance`, { to: 'discussing' });
  await community.post(`/api/v1/deliberations/${m.json.id}/advance`, { to: 'voting', closes_at: (await now()) + 60 });
  await resident.post(`/api/v1/deliberations/${m.json.id}/ballots`, { choice: 'yes' });
  await advance(61);
  const d = await community.get(`/api/v1/deliberations/${m.json.id}`);
  assert.equal(d.json.stage, 'rejected');
  assert.equal(d.json.result.quorum_reached, false);
  assert.equal(d.json.result.yes, 1);
});

test('pairings follow their kind; volunteer hours add up', async () => {
  const p = await community.post('/api/v1/pairings', { kind: 'one_one', title: '结对帮扶测试', area_id: home });
  assert.equal(p.status, 201, p.text);
  const memberId = member.account.roles[0].scope_id;
  const add = (b) => community.post(`/api/v1/pairings/${p.json.id}/parties`, b);
  assert.equal((await add({ side: 'helper', party_kind: 'member', ref_id: memberId })).status, 200);
  assertError(assert, await add({ side: 'helper', party_kind: 'member', ref_id: memberId + 1 }), 400);
  assertError(assert, await add({ side: 'helped', party_kind: 'unit', ref_id: 1 }), 400);
  const hh = (await community.get(`/api/v1/households?area_id=${home}&limit=1`)).json.items[0];
  const full = await add({ side: 'helped', party_kind: 'household', ref_id: hh.id });
  assert.equal(full.json.parties.length, 2);
  const help = await member.post(`/api/v1/pairings/${p.json.id}/help`, { content: '上门走访', hours: 1.5 });
  assert.equal(help.status, 201, help.text);
  assertError(assert, await community.post(`/api/v1/pairings/${p.json.id}/help`, { content: '', hours: 1 }), 400);
  assertError(assert, await community.post(`/api/v1/pairings/${p.json.id}/help`, { content: 'x', hours: 30 }), 400);
  assertError(assert, await community.post(`/api/v1/pairings/${p.json.id}/help`, { content: 'x', on_date: '2999-01-01' }), 400);
  const seen = await member.get(`/api/v1/pairings/${p.json.id}`);
  assert.equal(seen.status, 200, 'a member sees the pairings they are part of');
  assert.equal(seen.json.helps, 1);
  assert.equal(seen.json.help_hours, 1.5);
  assertError(assert, await community2.get(`/api/v1/pairings/${p.json.id}`), 404);

  const team = await community.post('/api/v1/volunteer-teams', { name: '测试服务队', area_id: home });
  const withOne = await community.post(`/api/v1/volunteer-teams/${team.json.id}/volunteers`, { name: '张阿姨' });
  const vid = withOne.json.members[0].id;
  const logged = await community.post(`/api/v1/volunteer-teams/${team.json.id}/hours`, { volunteer_id: vid, hours: 2, content: '入户走访' });
  assert.equal(logged.json.hours, 2);
  assert.equal(logged.json.members[0].hours, 2);
  assertError(assert, await community.post(`/api/v1/volunteer-teams/${team.json.id}/hours`, { volunteer_id: vid, hours: '2; DROP TABLE x', content: 'x' }), 400);
  assertError(assert, await community2.post(`/api/v1/volunteer-teams/${team.json.id}/volunteers`, { name: '李' }), 404);
});

test('hostile and malformed input to co-governance routes gets clear 4xx answers', async () => {
  const bad = [
    ['POST', '/api/v1/needs', '{"title":'],
    ['POST', '/api/v1/needs', []],
    ['POST', '/api/v1/needs', { title: 'x'.repeat(61), kind: 'goods', area_id: home }],
    ['POST', '/api/v1/needs', { title: 'ok', kind: 'goods', area_id: 'one' }],
    ['POST', '/api/v1/needs', { title: 'ok\u0001', kind: 'goods', area_id: home }],
    ['POST', '/api/v1/resources', { title: 'ok', kind: 'goods', area_id: home, unit_id: 1, lon: '1e999', lat: 39 }],
    ['POST', '/api/v1/orders/1/actions', { action: 'explode' }],
    ['GET', '/api/v1/orders?status=weird'],
    ['GET', '/api/v1/honour-roll?period=20261'],
    ['POST', '/api/v1/deliberations/1/advance', { to: 'heaven' }],
    ['POST', '/api/v1/pairings', { kind: 'three_three', title: 'x', area_id: home }],
  ];
  for (const [method, path, body] of bad) {
    const r = await community.req(method, path, typeof body === 'string' ? body : body, typeof body === 'string' ? { raw: true, headers: { 'content-type': 'application/json' } } : {});
    assert.ok(r.status >= 400 && r.status < 500, `${method} ${path} → ${r.status} ${r.text}`);
    assert.ok(r.json?.error?.message, `${path}: ${r.text}`);
  }
  assertError(assert, await pub.get('/api/v1/needs'), 401);
  assertError(assert, await pub.get('/api/v1/public/deliberations/999999'), 404);
  assertError(assert, await pub.get('/api/v1/public/lists?area_id=abc'), 400);
});

test('the state-changing sub-routes refuse callers outside the object\'s scope', async () => {
  const res = (await unit.get('/api/v1/resources?limit=1')).json.items[0];
  assertError(assert, await community2.post(`/api/v1/resources/${res.id}/withdraw`, {}), 404);
  assertError(assert, await member.post(`/api/v1/resources/${res.id}/withdraw`, {}), 404);
  const report = (await community.get('/api/v1/dual-reports?limit=1')).json.items[0];
  assertError(assert, await community2.post(`/api/v1/dual-reports/${report.id}/end`, {}), 404);
  const pairing = (await community.get('/api/v1/pairings?limit=1')).json.items[0];
  const detail = (await community.get(`/api/v1/pairings/${pairing.id}`)).json;
  assertError(assert, await community2.req('DELETE', `/api/v1/pairings/${pairing.id}/parties/${detail.parties[0].id}`), 404);
  assertError(assert, await community2.post(`/api/v1/pairings/${pairing.id}/parties`, { side: 'helped', party_kind: 'household', ref_id: 1 }), 404);
  assertError(assert, await community.req('DELETE', `/api/v1/pairings/${pairing.id}/parties/99999999`), 404);
  const matter = (await community.post('/api/v1/deliberations', { title: '范围测试', body: '只为测试', area_id: home, proposer: '社区' })).json;
  await community.post(`/api/v1/deliberations/${matter.id}/advance`, { to: 'discussing' });
  const opened = await community.post(`/api/v1/deliberations/${matter.id}/advance`, { to: 'voting', closes_at: (await now()) + 600 });
  assert.equal(opened.json.stage, 'voting');
  assertError(assert, await community2.post(`/api/v1/deliberations/${matter.id}/close-vote`, {}), 404);
  assertError(assert, await resident.post(`/api/v1/deliberations/${matter.id}/close-vote`, {}), 403);
  assertError(assert, await community2.post(`/api/v1/deliberations/${matter.id}/advance`, { to: 'carrying_out' }), 404);
  const act = (await community.get('/api/v1/activities?limit=1')).json.items[0];
  assertError(assert, await community.post(`/api/v1/activities/${act.id}/signup`, {}), 403);
  assertError(assert, await community2.get(`/api/v1/activities/${act.id}/signups`), 404);
  assertError(assert, await member.get('/api/v1/activities/99999999/signups'), 404);
});
