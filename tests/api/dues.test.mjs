// Dues (党费, issue 16, docs/api-dues.md): each member's monthly amount by the 2008 rules' bands,
// paying a month, a quarter ahead and no further, a back-payment beyond six months refused with
// the rule and the six-month rule flagged, a reduction that needs the higher committee, the
// member's own dues on the phone, totals by subtree. Scope: a branch sees its own, another
// community nothing. Sheets and imports are in dues-sheets.test.mjs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError, idNumber, sideServer } from './client.mjs';
import { D, REGULATION, memberMaker, today } from './dues-kit.mjs';

let admin, branch, community, community2, member, branchOrg, newMember;

before(async () => {
  [admin, branch, community, community2, member] = await Promise.all(
    ['admin', 'branch', 'community', 'community2', 'member'].map(as));
  branchOrg = branch.account.roles[0].scope_id;
  newMember = memberMaker(admin, branch, branchOrg, '19770707');
});

test('bands: wages by the four bands, pensions, farmers at the province amount, students at 0.2 元, each with its rule', async () => {
  const cases = [
    ['工资甲', 'wage', 2800, 1400, 50], ['工资乙', 'wage', 4200, 4200, 100], ['工资丙', 'wage', 8000, 12000, 150],
    ['工资丁', 'wage', 12000, 24000, 200], ['退休甲', 'retired', 4000, 2000, 50], ['退休乙', 'retired', 6000, 6000, 100],
    ['年薪甲', 'annual_salary', 20000, 40000, 200], ['个体甲', 'self_employed', 3500, 3500, 100],
    ['农民甲', 'farmer', undefined, 20, 0], ['学生甲', 'student', undefined, 20, 0], ['低保甲', 'low_income', undefined, 20, 0],
  ];
  for (const [name, kind, base, monthly, rate] of cases) {
    const m = await newMember(name, kind, base);
    assert.equal(m.monthly_fen, monthly, `${name} pays ${monthly} fen`);
    assert.equal(m.rate_bp, rate, name);
    assert.ok(m.source.startsWith(REGULATION), `${name}: ${m.source}`);
    assert.equal(m.owed_months, 0);
  }
  const noBase = await admin.post('/api/v1/members', { name: '未填基数', id_number: idNumber('19770707', 690, '620102'), org_id: branchOrg });
  const r = await branch.post(`${D}/bases`, { member_id: noBase.json.id, kind: 'wage' });
  assertError(assert, r, 400);
  assert.equal(r.json.error.field, 'base_fen');
  const badKind = await branch.post(`${D}/bases`, { member_id: noBase.json.id, kind: 'pensioner', base_fen: 100 });
  assert.equal(badKind.json.error.field, 'kind');
  // The province's amount is a dated county setting, kept within 0.2 to 1 元.
  const settings = (await admin.get(`${D}/settings`)).json.items;
  assert.ok(settings.some((s) => s.key === 'farmer_monthly_fen' && s.value === 20 && s.source.includes('0.2元至1元')));
  assertError(assert, await admin.post(`${D}/settings`, { key: 'farmer_monthly_fen', value: 150, source: '省委组织部', effective_from: await today() }), 400);
  assertError(assert, await branch.post(`${D}/settings`, { key: 'farmer_monthly_fen', value: 50, source: '省委组织部', effective_from: '2099-01-01' }), 403);
});

test('paying: a month with its amount, a wrong amount refused naming the due, a quarter ahead and no further', async () => {
  const m = await newMember('交费甲', 'wage', 4200);
  const wrong = await branch.post(`${D}/payments`, { member_id: m.member_id, amount_fen: 4000, method: 'wechat' });
  assertError(assert, wrong, 422, 'amount');
  assert.equal(wrong.json.error.field, 'amount_fen');
  assert.match(wrong.json.error.message, /42\.00/);
  const paid = await branch.post(`${D}/payments`, { member_id: m.member_id, amount_fen: 4200, method: 'wechat', proxy_name: '交费甲之子' });
  assert.equal(paid.status, 201, paid.text);
  assert.notEqual(paid.json.next_due, m.next_due);
  assert.equal(paid.json.payments[0].proxy_name, '交费甲之子');
  assert.equal(paid.json.payments[0].method_label, '微信');
  // Ahead to the end of the quarter is a quarterly payment; one month more is refused.
  const month = Number(m.next_due.slice(5, 7));
  const ahead = Math.ceil(month / 3) * 3 - month;
  const beyond = await branch.post(`${D}/payments`, { member_id: m.member_id, months: ahead + 1 });
  assertError(assert, beyond, 422, 'prepayment');
  assert.ok(beyond.json.error.message.includes(REGULATION));
  if (ahead > 0) {
    const quarter = await branch.post(`${D}/payments`, { member_id: m.member_id, months: ahead, amount_fen: 4200 * ahead });
    assert.equal(quarter.status, 201, quarter.text);
    assert.ok(quarter.json.months.some((x) => x.state === 'prepaid'));
  }
  // A voluntary one-off of 1,000 元 goes to the centre.
  const big = await branch.post(`${D}/voluntary`, { member_id: m.member_id, amount_fen: 100000, method: 'transfer', note: '特殊党费' });
  assert.equal(big.status, 201, big.text);
  assert.equal(big.json.to_centre, true);
  assert.match(big.json.centre_note, /上缴中央/);
});

test('the province\'s new farmer amount applies from its month to every farmer, assessed before or after', async () => {
  const before = await newMember('农民乙', 'farmer', undefined, 'rural');
  // Two months ahead, so that no other test's clock reaches it.
  const now = await today();
  const ahead = new Date(Date.UTC(Number(now.slice(0, 4)), Number(now.slice(5, 7)) + 1, 1)).toISOString().slice(0, 10);
  const set = await admin.post(`${D}/settings`, { key: 'farmer_monthly_fen', value: 50, source: '省委组织部通知（测试）', effective_from: ahead });
  assert.equal(set.status, 200, set.text);
  const after = await newMember('农民丙', 'farmer', undefined, 'rural');
  assert.equal(after.monthly_fen, 20, 'until then the amount in force');
  const side = await sideServer(['--password-max-age-days', '0']);
  try {
    await side.clock(70 * 86400);
    const swept = await new Client(side.url).post('/api/v1/_test/sweep', { module: 'dues' });
    assert.ok(swept.json.dues_bases_applied >= 2, swept.text);
    const sb = await new Client(side.url).login('branch');
    for (const m of [before, after]) {
      const page = (await sb.get(`${D}/members/${m.member_id}`)).json;
      assert.equal(page.monthly_fen, 50, `${page.name ?? m.member_id} pays the new amount`);
      assert.match(page.band, /0\.50/);
    }
  } finally {
    side.stop();
    await Promise.all([admin, branch, community, community2, member].map((c) => c.login(c.account.username)));
  }
});

test('back-paying beyond six months is refused with the rule, and the six-month rule is flagged for the branch', async () => {
  const m = await newMember('欠费甲', 'wage', 3000);
  // Seven months on, passwords would have expired: the side server does not ask for a change.
  const side = await sideServer(['--password-max-age-days', '0']);
  try {
    await side.clock(7 * 31 * 86400);
    const sb = await new Client(side.url).login('branch');
    const r = await sb.post(`${D}/payments`, { member_id: m.member_id, amount_fen: 1500 });
    assertError(assert, r, 422, 'back_payment');
    assert.equal(r.json.error.field, 'months');
    assert.match(r.json.error.message, /6个月/);
    assert.ok(r.json.error.message.includes(REGULATION));
    const mine = (await sb.get(`${D}/members/${m.member_id}`)).json;
    assert.equal(mine.lapse, true);
    assert.match(mine.rule_source, /自行脱党/);
    const behind = (await sb.get(`${D}/arrears?org_id=${branchOrg}&min_months=6`)).json.items;
    assert.ok(behind.some((x) => x.member_id === m.member_id && x.lapse));
    const swept = await new Client(side.url).post('/api/v1/_test/sweep', {});
    assert.ok(swept.json.dues_warned >= 1, swept.text);
    const again = await new Client(side.url).post('/api/v1/_test/sweep', {});
    assert.equal(again.json.dues_warned, undefined, 'at most hourly: the second pass leaves it out');
    const warned = (await sb.get(`${D}/warnings?org_id=${branchOrg}&limit=200`)).json.items;
    const w = warned.find((x) => x.member_id === m.member_id);
    assert.equal(w.rule, 'lapse');
    assert.match(w.source, /自行脱党/);
  } finally {
    side.stop();
    // The side server's later clock ended the main server's sessions: everyone signs in again.
    await Promise.all([admin, branch, community, community2, member].map((c) => c.login(c.account.username)));
  }
});

test('a reduction is the branch\'s decision and needs the higher committee\'s approval', async () => {
  const m = await newMember('困难甲', 'wage', 6000);
  const proposal = {
    member_id: m.member_id, from_month: m.next_due, to_month: m.next_due, monthly_fen: 0, reason: '重病住院',
    decision: '支委会研究同意免交', decided_on: await today(),
  };
  const r = await branch.post(`${D}/reductions`, proposal);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'proposed');
  const own = await branch.post(`${D}/reductions/${r.json.id}/approve`, {});
  assertError(assert, own, 403, 'needs_higher_committee');
  assert.ok(own.json.error.message.includes(REGULATION));
  assertError(assert, await branch.post(`${D}/payments`, { member_id: m.member_id, amount_fen: 0 }), 422, 'amount');
  assertError(assert, await community2.post(`${D}/reductions/${r.json.id}/approve`, {}), 404);
  const pending = async (c) => (await c.get(`${D}/reductions?org_id=${branchOrg}`)).json.items.find((x) => x.id === r.json.id);
  const byBranch = await pending(branch);
  assert.equal(byBranch.can_decide, false, 'the branch does not approve its own proposal');
  assert.ok(byBranch.org_name.length > 0, 'the list names the branch');
  assert.equal((await pending(community)).can_decide, true, 'the committee above decides');
  const ok = await community.post(`${D}/reductions/${r.json.id}/approve`, { approval: '社区党委同意' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.state, 'approved');
  const paid = await branch.post(`${D}/payments`, { member_id: m.member_id, amount_fen: 0 });
  assert.equal(paid.status, 201, paid.text);
  assertError(assert, await community.post(`${D}/reductions/${r.json.id}/approve`, {}), 409);
  const list = (await branch.get(`${D}/reductions?org_id=${branchOrg}`)).json;
  assert.ok(list.items.some((x) => x.id === r.json.id && x.approved_by));
});

test('a member reads their own dues on the phone and nobody else\'s; scope keeps a branch to its own', async () => {
  const mine = await member.get(`${D}/my`);
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.json.member_id, member.account.roles[0].scope_id);
  assert.equal(typeof mine.json.owed_months, 'number');
  const someone = await newMember('他人甲', 'wage', 3000);
  assertError(assert, await member.get(`${D}/members/${someone.member_id}`), 404);
  assertError(assert, await member.post(`${D}/payments`, { member_id: someone.member_id }), 404);
  assertError(assert, await community2.get(`${D}/members/${someone.member_id}`), 404);
  assertError(assert, await community2.get(`${D}/sheet?org_id=${branchOrg}`), 404);
  assertError(assert, await community2.get(`${D}/totals?org_id=${branchOrg}`), 404);
  assertError(assert, await community2.post(`${D}/payments`, { member_id: someone.member_id }), 404);
  assertError(assert, await admin.get(`${D}/my`), 403);
  // The county sees the subtree's totals, each organisation under it, and who is behind.
  const countyOrg = Number((await admin.get(`/api/v1/orgs/${branchOrg}`)).json.path.split('/')[1]);
  const t = await admin.get(`${D}/totals?org_id=${countyOrg}`);
  assert.equal(t.status, 200, t.text);
  assert.ok(t.json.total.collected_fen > 0, 'the demo county collected dues this month');
  assert.equal(t.json.children.reduce((n, c) => n + c.collected_fen, 0) <= t.json.total.collected_fen, true);
  assert.ok(t.json.arrears.warned > 0 && t.json.arrears.lapse > 0, 'the demo county has members behind');
});

test('malformed and hostile input: a clear 4xx naming the field, never a 5xx', async () => {
  const m = await newMember('输入甲', 'wage', 3000);
  const bad = async (path, body, field, status = 400) => {
    const r = await branch.post(path, body);
    assertError(assert, r, status);
    if (field) assert.equal(r.json.error.field, field, `${path} ${JSON.stringify(body)}`);
  };
  await bad(`${D}/payments`, {}, 'member_id');
  await bad(`${D}/payments`, { member_id: m.member_id, amount_fen: 12.5 }, 'amount_fen');
  await bad(`${D}/payments`, { member_id: m.member_id, amount_fen: '12.50' }, 'amount_fen');
  await bad(`${D}/payments`, { member_id: m.member_id, amount_fen: -5 }, 'amount_fen');
  await bad(`${D}/payments`, { member_id: m.member_id, months: 0 }, 'months');
  await bad(`${D}/payments`, { member_id: m.member_id, paid_on: '2026-02-30' }, 'paid_on');
  await bad(`${D}/payments`, { member_id: m.member_id, paid_on: '2999-01-01' }, 'paid_on');
  await bad(`${D}/payments`, { member_id: m.member_id, method: 'bitcoin' }, 'method');
  await bad(`${D}/payments`, { member_id: m.member_id, proxy_name: 'x'.repeat(500) }, 'proxy_name');
  await bad(`${D}/reductions`, { member_id: m.member_id, from_month: '2026-13', to_month: '2026-12', monthly_fen: 0, reason: '困难', decision: '同意', decided_on: '2026-01-01' }, 'from_month');
  await bad(`${D}/reductions`, { member_id: m.member_id, from_month: m.next_due, to_month: m.next_due, monthly_fen: 0, reason: '\u0001', decision: '同意', decided_on: '2026-01-01' }, 'reason');
  await bad(`${D}/bases`, { member_id: m.member_id, kind: 'wage', base_fen: -1 }, 'base_fen');
  await bad(`${D}/bases`, { member_id: 99999999, kind: 'wage', base_fen: 100 }, null, 404);
  const raw = await branch.req('POST', `${D}/payments`, '{"member_id": ', { raw: true, headers: { 'content-type': 'application/json' } });
  assertError(assert, raw, 400);
  for (const q of [`org_id=${branchOrg}&month=2026-13`, `org_id=${branchOrg}&month=abc`, `org_id=${branchOrg}&format=pdf`,
    'org_id=abc', 'org_id=0']) {
    assertError(assert, await branch.get(`${D}/sheet?${q}`), 400);
  }
  assertError(assert, await branch.get(`${D}/sheet`), 400);
  assertError(assert, await branch.get(`${D}/arrears?org_id=${branchOrg}&min_months=-1`), 400);
});
