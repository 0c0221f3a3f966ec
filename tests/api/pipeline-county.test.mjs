// The county's side of the member pipeline (issue 16, docs/api-pipeline.md): dated settings for the
// [local] rules, yearly quotas and their moves (指标单列, 动态调剂), the joint review of candidates
// (县级联审) the branch's vote waits for, sampling re-checks drawn from a recorded seed (提级抽查复核),
// and the sweep's warnings, each in scope, with bad input refused naming the field.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError, serverNow, sideServer } from './client.mjs';

const P = '/api/v1/pipeline';
let admin, street, branch, community2, member;
let org, year, today;

before(async () => {
  [admin, street, branch, community2, member] = await Promise.all(['admin', 'street', 'branch', 'community2', 'member'].map(as));
  org = branch.account.roles[0].scope_id;
  today = new Date(((await serverNow()) + 8 * 3600) * 1000).toISOString().slice(0, 10);
  year = Number(today.slice(0, 4));
});

const field = async (r, status, f) => { assertError(assert, r, status); assert.equal(r.json.error.field, f, r.text); };

test('the county dates a new value of a local rule; nobody else may, and the past keeps the old one', async () => {
  const before = await branch.get(`${P}/settings`);
  assert.equal(before.status, 200);
  const publicity = before.json.items.filter((s) => s.key === 'publicity_working_days');
  assert.equal(publicity.at(-1).value, 5, 'the default 公示 is five working days');
  assert.match(publicity.at(-1).source, /县委组织部/);
  const next = new Date(Date.parse(today) + 30 * 86400000).toISOString().slice(0, 10);
  const body = { key: 'publicity_working_days', value: 7, source: '县委组织部通知（测试）', effective_from: next };
  assertError(assert, await street.post(`${P}/settings`, body), 403);
  assertError(assert, await branch.post(`${P}/settings`, body), 403);
  await field(await admin.post(`${P}/settings`, { ...body, effective_from: '2020-01-01' }), 400, 'effective_from');
  await field(await admin.post(`${P}/settings`, { ...body, key: 'vote_majority' }), 400, 'key');
  await field(await admin.post(`${P}/settings`, { ...body, value: 99 }), 400, 'value');
  await field(await admin.post(`${P}/settings`, { ...body, source: '' }), 400, 'source');
  const changed = await admin.post(`${P}/settings`, body);
  assert.equal(changed.status, 201, changed.text);
  const rows = changed.json.items.filter((s) => s.key === 'publicity_working_days');
  assert.equal(rows.at(-2).effective_to, next, 'the old version closes the day the new one starts');
  assert.equal(rows.at(-1).value, 7);
  const rules = await branch.get(`${P}/rules`);
  assert.ok(rules.json.items.some((r) => r.code === 'vote_majority' && r.central && /第十一条/.test(r.source)));
  assert.ok(rules.json.items.some((r) => r.code === 'publicity' && !r.central));
});

test('quotas: the county sets one per organisation, moves what is unused, and a street reads its own', async () => {
  const orgs = (await admin.get('/api/v1/orgs?limit=200')).json.items;
  const other = orgs.find((o) => o.id !== org && o.level === 'branch');
  assert.ok(other, 'another branch');
  assertError(assert, await branch.req('PUT', `${P}/quotas`, { year, org_id: org, quota: 3 }), 403);
  const probe = await admin.req('PUT', `${P}/quotas`, { year, org_id: other.id, quota: 0 });
  assert.equal(probe.status, 200, probe.text);
  const used = probe.json.items.find((i) => i.org_id === other.id).used;  // admissions already voted this year
  const set = await admin.req('PUT', `${P}/quotas`, { year, org_id: other.id, quota: used + 4 });
  assert.equal(set.json.items.find((i) => i.org_id === other.id).left, 4);
  const mine = await admin.req('PUT', `${P}/quotas`, { year, org_id: org, quota: 20 });
  assert.equal(mine.status, 200, mine.text);
  const over = await admin.post(`${P}/quotas/moves`, { year, from_org_id: other.id, to_org_id: org, amount: 5, reason: '调剂' });
  assertError(assert, over, 409);
  const moved = await admin.post(`${P}/quotas/moves`, { year, from_org_id: other.id, to_org_id: org, amount: 2, reason: '本支部发展对象较多' });
  assert.equal(moved.status, 201, moved.text);
  const line = moved.json.items.find((i) => i.org_id === other.id);
  assert.equal(line.quota, used + 2);
  assert.ok(moved.json.moves.some((m) => m.amount === 2 && m.to_org_id === org));
  const byStreet = await street.get(`${P}/quotas?year=${year}`);
  assert.equal(byStreet.status, 200, byStreet.text);
  assert.ok(byStreet.json.moves.some((m) => m.amount === 2 && m.to_org_id === org), 'the street sees a move into its branch');
  // A move between two branches of another street is not the street's to see.
  const streetOrgs = new Set((await street.get('/api/v1/orgs?limit=200')).json.items.map((o) => o.id));
  const [x, y] = orgs.filter((o) => o.level === 'branch' && !streetOrgs.has(o.id) && o.id !== other.id);
  assert.ok(x && y, 'two branches outside the street');
  await admin.req('PUT', `${P}/quotas`, { year, org_id: x.id, quota: 50 });
  const away = await admin.post(`${P}/quotas/moves`, { year, from_org_id: x.id, to_org_id: y.id, amount: 1, reason: '另一街道调剂' });
  assert.equal(away.status, 201, away.text);
  const again = (await street.get(`${P}/quotas?year=${year}`)).json;
  const awayId = away.json.moves.find((m) => m.from_org_id === x.id && m.to_org_id === y.id).id;
  assert.ok(!again.moves.some((m) => m.id === awayId), 'another street\'s move is hidden');
  assert.ok(!again.items.some((i) => i.org_id === x.id), 'and so is its quota');
  assertError(assert, await branch.get(`${P}/quotas?year=${year}`), 403);
  await field(await admin.req('PUT', `${P}/quotas`, { year: 1800, org_id: org, quota: 1 }), 400, 'year');
  await field(await admin.req('PUT', `${P}/quotas`, { year, org_id: org, quota: -1 }), 400, 'quota');
  await field(await admin.post(`${P}/quotas/moves`, { year, from_org_id: org, to_org_id: org, amount: 1, reason: 'x' }), 400, 'to_org_id');
  await field(await admin.post(`${P}/quotas/moves`, { year, from_org_id: org, to_org_id: other.id, amount: 1 }), 400, 'reason');
});

test('the county approves a batch of candidates in a joint review, and only then may the branch vote', async () => {
  const list = await branch.get(`${P}/people?org_id=${org}&stage=candidate&limit=200`);
  assert.equal(list.status, 200, list.text);
  let waiting = null;
  for (const item of list.json.items) {
    const p = (await branch.get(`${P}/people/${item.id}`)).json;
    if (!p.joint_review_passed && !p.vote) { waiting = p; break; }
  }
  assert.ok(waiting, 'the demo branch has a candidate waiting for the joint review');
  const roll = (await branch.get(`/api/v1/members?org_id=${org}&limit=200`)).json.items.filter((m) => m.status === 'full' && m.org_id === org);
  const ayes = Math.floor(roll.length / 2) + 1;
  const blocked = await branch.post(`${P}/people/${waiting.id}/steps`, { step: 'vote', on: today, ayes });
  assertError(assert, blocked, 422, 'local_rule');
  assert.match(blocked.json.error.message, /县级联审/);

  assertError(assert, await street.post(`${P}/reviews`, { title: '街道', person_ids: [waiting.id] }), 403);
  await field(await admin.post(`${P}/reviews`, { title: '空批次', person_ids: [] }), 400, 'person_ids');
  await field(await admin.post(`${P}/reviews`, { title: '重复', person_ids: [waiting.id, waiting.id] }), 400, 'person_ids');
  const applicantId = (await branch.get(`${P}/people?org_id=${org}&stage=applicant&limit=1`)).json.items[0].id;
  await field(await admin.post(`${P}/reviews`, { title: '申请人', person_ids: [applicantId] }), 409, 'person_ids');
  const rv = await admin.post(`${P}/reviews`, { title: `${year}年第二批发展对象联审`, person_ids: [waiting.id] });
  assert.equal(rv.status, 201, rv.text);
  assert.equal(rv.json.items[0].person_id, waiting.id);
  assert.equal((await street.get(`${P}/reviews/${rv.json.id}`)).json.items.length, 1, 'the street sees its own');
  assertError(assert, await branch.get(`${P}/reviews/${rv.json.id}`), 403);
  await field(await admin.post(`${P}/reviews/${rv.json.id}/decisions`, { decisions: [{ person_id: waiting.id, approved: false }] }), 400, 'decisions');
  const ok = await admin.post(`${P}/reviews/${rv.json.id}/decisions`, { decisions: [{ person_id: waiting.id, approved: true, note: '材料齐全' }] });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.items[0].decision, 'approved');
  assertError(assert, await admin.post(`${P}/reviews/${rv.json.id}/decisions`, { decisions: [{ person_id: waiting.id, approved: true }] }), 409);

  const listed = (await street.get(`${P}/reviews`)).json.items.find((r) => r.id === rv.json.id);
  assert.ok(listed, 'the street lists the batch with its candidate');
  assert.deepEqual([listed.people, listed.decided], [1, 1]);
  const streetOrgs = new Set((await street.get('/api/v1/orgs?limit=200')).json.items.map((o) => o.id));
  const elsewhere = (await admin.get(`${P}/people?stage=candidate&limit=200`)).json.items.find((p) => !streetOrgs.has(p.org_id));
  assert.ok(elsewhere, 'the demo county has a candidate in another street');
  const theirs = await admin.post(`${P}/reviews`, { title: '另一街道发展对象联审', person_ids: [elsewhere.id] });
  assert.equal(theirs.status, 201, theirs.text);
  assert.ok((await admin.get(`${P}/reviews`)).json.items.some((r) => r.id === theirs.json.id), 'the county lists every batch');
  const streetList = (await street.get(`${P}/reviews`)).json.items;
  assert.ok(!streetList.some((r) => r.id === theirs.json.id), 'a street does not see another street\'s batch, nor its title');
  assert.equal((await street.get(`${P}/reviews/${theirs.json.id}`)).json.items.length, 0);

  const voted = await branch.post(`${P}/people/${waiting.id}/steps`, { step: 'vote', on: today, ayes });
  assert.equal(voted.status, 201, voted.text);
  assert.equal(voted.json.vote.due, roll.length, 'the server counts the roll');
  assert.equal(voted.json.deadlines[0].code, 'approval_three_months');
});

test('a re-check sample is drawn with a recorded seed, drawn again the same, and checked by the county', async () => {
  const last = year - 1;
  const a = await admin.post(`${P}/rechecks`, { year: last, size: 2, seed: '20261206' });
  if (a.status === 409) return assert.match(a.json.error.message, /没有已接收/);  // no admissions that year
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.seed, '20261206');
  const b = await admin.post(`${P}/rechecks`, { year: last, size: 2, seed: '20261206' });
  assert.deepEqual(b.json.items.map((i) => i.person_id), a.json.items.map((i) => i.person_id), 'the same seed, the same sample');
  const drawn = await admin.post(`${P}/rechecks`, { year: last, size: 1 });
  assert.match(drawn.json.seed, /^\d+$/, 'the server records the seed it chose');
  const pid = a.json.items[0].person_id;
  await field(await admin.post(`${P}/rechecks/${a.json.id}/items/${pid}`, { result: 'problem' }), 400, 'note');
  await field(await admin.post(`${P}/rechecks/${a.json.id}/items/${pid}`, { result: 'maybe' }), 400, 'result');
  const checked = await admin.post(`${P}/rechecks/${a.json.id}/items/${pid}`, { result: 'problem', note: '政审材料缺少函调证明' });
  assert.equal(checked.status, 200, checked.text);
  assert.equal(checked.json.items.find((i) => i.person_id === pid).result, 'problem');
  const list = await admin.get(`${P}/rechecks?year=${last}`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items.map((r) => r.id).slice(0, 3), [drawn.json.id, b.json.id, a.json.id], 'newest first');
  const first = list.json.items.find((r) => r.id === a.json.id);
  assert.deepEqual([first.size, first.checked, first.problems, first.seed], [2, 1, 1, '20261206']);
  assert.equal((await admin.get(`${P}/rechecks?year=${last - 5}`)).json.items.length, 0, 'another year has none');
  await field(await admin.get(`${P}/rechecks?year=abc`), 400, 'year');
  assertError(assert, await street.get(`${P}/rechecks?year=${last}`), 403);
  assertError(assert, await street.post(`${P}/rechecks`, { year: last, size: 1 }), 403);
  assertError(assert, await street.get(`${P}/rechecks/${a.json.id}`), 403);
  await field(await admin.post(`${P}/rechecks`, { year: last, size: 1, seed: '-1' }), 400, 'seed');
  await field(await admin.post(`${P}/rechecks`, { year: last, size: 1000 }), 400, 'size');
});

test('the sweep warns about deadlines near and missed, once each, with their source, in scope', async () => {
  const side = await sideServer();
  try {
    const first = await new Client(side.url).post('/api/v1/_test/sweep', {});
    assert.equal(first.status, 200, first.text);
    const again = await new Client(side.url).post('/api/v1/_test/sweep', {});
    assert.equal(again.json.pipeline_warned ?? 0, 0, 'nothing twice');
  } finally {
    side.stop();
  }
  const mine = await branch.get(`${P}/warnings?org_id=${org}&limit=200`);
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.json.items.some((w) => w.level === 'missed'), 'the demo branch has a deadline missed');
  for (const w of mine.json.items) {
    assert.ok(['ahead', 'close', 'missed'].includes(w.level));
    assert.match(w.message, /^【(即将到期|已逾期)】/);
    assert.ok(w.message.includes(`依据：${w.source}`), w.message);
  }
  const keys = mine.json.items.map((w) => `${w.person_id}|${w.rule}|${w.due_on}|${w.level}`);
  assert.equal(new Set(keys).size, keys.length, 'once per deadline and level');
  const others = await community2.get(`${P}/warnings?limit=200`);
  assert.ok(others.json.items.every((w) => w.org_id !== org));
  assert.equal((await member.get(`${P}/warnings`)).json.items.length, 0);
  await field(await branch.get(`${P}/warnings?level=late`), 400, 'level');
  assertError(assert, await community2.get(`${P}/warnings?org_id=${org}`), 404);
});
