// Organisation life (issue 15, docs/api-org_life.md): a branch secretary plans, announces and holds a
// meeting; a member asks leave from the phone; a street observer assesses; the county sees the
// compliance matrix and keeps the dated rules. Scope: a branch sees its own, a street its subtree.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const pub = new Client();
let branch, member, street, admin, community2;
let branchOrg; // the demo branch the secretary is bound to

before(async () => {
  [branch, member, street, admin, community2] = await Promise.all(['branch', 'member', 'street', 'admin', 'community2'].map(as));
  branchOrg = branch.account.roles[0].scope_id;
});

const now = async () => (await pub.post('/api/v1/_test/clock', { advance_seconds: 0 })).json.now;
// Moving the clock past the idle limit ends sessions; everyone signs in again.
async function advance(seconds) {
  await pub.post('/api/v1/_test/clock', { advance_seconds: seconds });
  await Promise.all([branch, member, street, admin, community2].map((c) => c.login(c.account.username)));
}
const put = (who, path, body) => who.req('PUT', path, body);
const M = '/api/v1/org-life/meetings';

async function plan(kind = 'theme_day', startsIn = 3600, extra = {}) {
  const r = await branch.post(M, { org_id: branchOrg, kind, topic: '主题党日：学习贯彻全会精神', place: '社区党群服务中心',
    presider: '支部书记', agenda: '1. 传达学习 2. 交流发言', starts_at: (await now()) + startsIn, ...extra });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('a secretary plans and announces a theme day, a member asks leave, the secretary grants it and records the meeting', async () => {
  const m = await plan('theme_day', 2 * 3600);
  assert.equal(m.status, 'planned');
  assert.equal(m.kind_label, '主题党日');
  assert.ok(m.attendance.length > 0, 'the branch members are on the roll');
  const me = member.account.roles[0].scope_id;
  assert.ok(m.attendance.some((a) => a.member_id === me && a.status === 'expected'));

  // Before it is announced a member cannot ask leave; afterwards they can, from the phone.
  assertError(assert, await member.post(`${M}/${m.id}/leave`, { reason: '外出务工' }), 409);
  assert.equal((await branch.post(`${M}/${m.id}/announce`, {})).json.status, 'announced');
  assertError(assert, await branch.post(`${M}/${m.id}/announce`, {}), 409);
  const mine = await member.get('/api/v1/org-life/my/meetings');
  assert.equal(mine.status, 200, mine.text);
  assert.ok(mine.json.items.some((i) => i.id === m.id && i.attendance === 'expected'));
  const asked = await member.post(`${M}/${m.id}/leave`, { reason: '外出务工' });
  assert.equal(asked.status, 200, asked.text);
  assertError(assert, await member.post(`${M}/${m.id}/leave/${me}`, { grant: true }), 403);
  const granted = await branch.post(`${M}/${m.id}/leave/${me}`, { grant: true });
  assert.equal(granted.json.attendance.find((a) => a.member_id === me).status, 'leave');

  // The street sends an observer (巡学旁听); the observer writes an assessment once it has begun.
  assertError(assert, await branch.post(`${M}/${m.id}/observers`, { username: 'admin' }), 403);
  const observed = await street.post(`${M}/${m.id}/observers`, { username: 'admin' });
  assert.equal(observed.status, 200, observed.text);
  assertError(assert, await put(admin, `${M}/${m.id}/assessment`, { assessment: '准备充分' }), 409);

  await advance(3 * 3600);
  const others = m.attendance.filter((a) => a.member_id !== me).map((a) => a.member_id);
  const present = others.map((id) => ({ member_id: id, status: 'present' }));
  const held = await branch.post(`${M}/${m.id}/hold`, { attendance: present, minutes: '书记传达全会精神，党员逐一发言。' });
  assert.equal(held.status, 200, held.text);
  assert.equal(held.json.status, 'held');
  assert.equal(held.json.valid, true);
  assert.equal(held.json.attendance.find((a) => a.member_id === me).status, 'leave', 'granted leave stays leave');
  const minutes = await put(branch, `${M}/${m.id}/minutes`, { minutes: '会议记录（修订）' });
  assert.equal(minutes.json.minutes, '会议记录（修订）');

  const assessed = await put(admin, `${M}/${m.id}/assessment`, { assessment: '会前准备充分，发言踊跃，建议结合村务实际。' });
  assert.equal(assessed.status, 200, assessed.text);
  const seen = await branch.get(`${M}/${m.id}`);
  assert.equal(seen.json.observers[0].assessment, '会前准备充分，发言踊跃，建议结合村务实际。', 'the branch reads the assessment');

  // The month's theme-day cell is green for the branch.
  const year = Number(new Date(((await now()) + 8 * 3600) * 1000).toISOString().slice(0, 4));
  const matrix = await branch.get(`/api/v1/org-life/compliance/orgs/${branchOrg}?year=${year}`);
  assert.equal(matrix.status, 200, matrix.text);
  const theme = matrix.json.duties.find((d) => d.duty === 'theme_day.monthly');
  const month = new Date(((await now()) + 8 * 3600) * 1000).toISOString().slice(0, 7);
  const cell = theme.cells.find((c) => c.period === month);
  assert.equal(cell.state, 'done', JSON.stringify(cell));
  assert.match(cell.reason, /^主题党日：本月已召开\d+次；依据：《中国共产党支部工作条例（试行）》/);
});

test('a general meeting below quorum is recorded but counts for nothing, and a vote needs ayes over half of those due', async () => {
  const m = await plan('general_meeting', -3600);
  const voters = m.attendance.filter((a) => a.full_member && !a.guest);
  assert.ok(voters.length >= 2, 'the demo branch has full members');
  const one = [{ member_id: voters[0].member_id, status: 'present' }];
  const below = await branch.post(`${M}/${m.id}/hold`, { attendance: one, resolutions: [{ body: '通过年度计划', ayes: 1 }] });
  assert.equal(below.status, 200, below.text);
  assert.equal(below.json.due, voters.length);
  assert.equal(below.json.valid, voters.length <= 2);
  assert.equal(below.json.resolutions[0].passed, false);
  const all = voters.map((v) => ({ member_id: v.member_id, status: 'present' }));
  const half = Math.floor(voters.length / 2);
  const full = await branch.post(`${M}/${m.id}/hold`, { attendance: all, resolutions: [{ body: '通过年度计划', ayes: half }, { body: '表彰优秀党员', ayes: half + 1 }] });
  assert.equal(full.json.valid, true);
  assert.deepEqual(full.json.resolutions.map((r) => r.passed), [false, true]);
});

test('a branch sees only its own meetings, a street its subtree, a member only those on their roll', async () => {
  const m = await plan('party_lecture', 86400);
  assertError(assert, await community2.get(`${M}/${m.id}`), 404);
  assert.equal((await street.get(`${M}/${m.id}`)).status, 200);
  const list = await branch.get(`${M}?limit=200`);
  assert.ok(list.json.items.length > 0);
  assert.ok(list.json.items.every((i) => i.org_id === branchOrg || i.org_name.includes('小组')), 'only its own (and its groups)');
  // Another organisation's meeting, as the county sees it, is out of the branch's reach.
  const county = await admin.get(`${M}?limit=200&status=held`);
  const elsewhere = county.json.items.find((i) => i.org_id !== branchOrg);
  assert.ok(elsewhere, 'the county sees meetings across the county');
  assertError(assert, await branch.get(`${M}/${elsewhere.id}`), 404);
  assertError(assert, await branch.post(`${M}/${elsewhere.id}/announce`, {}), 404);
  // A member neither plans meetings nor asks the county's matrix.
  assertError(assert, await member.post(M, { org_id: branchOrg, kind: 'theme_day', topic: 'x', starts_at: await now() }), 404);
  assertError(assert, await member.get('/api/v1/org-life/compliance/areas'), 403);
  assertError(assert, await branch.get('/api/v1/org-life/compliance/areas'), 403);
  assertError(assert, await community2.get(`/api/v1/org-life/compliance/orgs/${branchOrg}`), 404);
  assertError(assert, await pub.get(M), 401);
});

test('the county sees the share of compliant organisations by street and month, with red among them, and drills to the cell', async () => {
  const year = Number(new Date(((await now()) + 8 * 3600) * 1000).toISOString().slice(0, 4));
  const r = await admin.get(`/api/v1/org-life/compliance/areas?year=${year}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.rows.length >= 3, 'one row per street or town');
  const shares = r.json.rows.flatMap((row) => row.months.filter(Boolean).map((m) => m.share));
  assert.ok(shares.length > 0);
  assert.ok(shares.some((s) => s < 1), 'the demo county has gaps');
  assert.ok(shares.some((s) => s > 0.5), 'most organisations keep to the rules');
  const streetRow = r.json.rows[0];
  const cells = await admin.get(`/api/v1/org-life/compliance/cells?area_id=${streetRow.area_id}&month=${year}-03`);
  assert.equal(cells.status, 200, cells.text);
  const states = cells.json.orgs.flatMap((o) => o.cells.map((c) => c.state));
  assert.ok(states.includes('done') && states.includes('missing'), `states: ${[...new Set(states)]}`);
  const missing = cells.json.orgs.flatMap((o) => o.cells).find((c) => c.state === 'missing');
  assert.match(missing.reason, /依据：/);
  // The street's own view covers only its subtree.
  const mine = await street.get(`/api/v1/org-life/compliance/areas?year=${year}`);
  assert.equal(mine.status, 200, mine.text);
  assert.notEqual(mine.json.area_id, r.json.area_id);
  assertError(assert, await street.get(`/api/v1/org-life/compliance/areas?area_id=${r.json.area_id}`), 404);
});

test('the rules are data with their sources; the county dates a change to its own settings, central rules stay', async () => {
  const duties = await branch.get('/api/v1/org-life/duties');
  const committee = duties.json.items.find((d) => d.key === 'committee_meeting.monthly');
  assert.equal(committee.source, '《中国共产党支部工作条例（试行）》第十二条');
  assert.equal(committee.central, true);
  const t = new Date(((await now()) + 8 * 3600 + 40 * 86400) * 1000).toISOString().slice(0, 10);
  const change = { key: 'party_lecture.quarterly', kind: 'party_lecture', period: 'quarter', count: 2, applies_to: ['branch'], source: '县委组织部通知', effective_from: t };
  assertError(assert, await street.post('/api/v1/org-life/duties', change), 403);
  const made = await admin.post('/api/v1/org-life/duties', change);
  assert.equal(made.status, 201, made.text);
  const versions = made.json.items.filter((d) => d.key === 'party_lecture.quarterly');
  assert.equal(versions.length, 2);
  assert.equal(versions[0].effective_to, t, 'the old version ends where the new begins');
  assertError(assert, await admin.post('/api/v1/org-life/duties', { ...change, key: 'committee_meeting.monthly', kind: 'committee_meeting' }), 409);
  const past = await admin.post('/api/v1/org-life/duties', { ...change, key: 'theme_day.county', effective_from: '2020-01-01' });
  assertError(assert, past, 400);
  assert.equal(past.json.error.field, 'effective_from');
  const kind = await admin.post('/api/v1/org-life/kinds', { code: 'study_session', label: '集中学习' });
  assert.equal(kind.status, 201, kind.text);
  assertError(assert, await admin.post('/api/v1/org-life/kinds', { code: 'study_session', label: '重复' }), 409);
  assertError(assert, await branch.post('/api/v1/org-life/kinds', { code: 'other_kind', label: '其他' }), 403);
});

test('a meeting held at a venue of the register takes its name as the place; an unknown venue is refused', async () => {
  const venues = await admin.get('/api/v1/venues?limit=1');
  assert.equal(venues.status, 200, venues.text);
  const venue = venues.json.items[0];
  const m = await plan('theme_day', 3600, { place: '', venue_id: venue.id });
  assert.equal(m.venue_id, venue.id);
  assert.equal(m.place, venue.name);
  const r = await branch.post(M, { org_id: branchOrg, kind: 'theme_day', topic: '主题党日', starts_at: (await now()) + 3600,
    venue_id: 999999999 });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'venue_id');
});

test('bad, oversized and hostile input gets a 4xx naming the field, never a 5xx', async () => {
  const base = { org_id: branchOrg, kind: 'theme_day', topic: '学习', starts_at: await now() };
  const field = async (r, status, f) => { assertError(assert, r, status); assert.equal(r.json.error.field, f, r.text); };
  assertError(assert, await branch.req('POST', M, '{not json', { raw: true, headers: { 'content-type': 'application/json' } }), 400);
  await field(await branch.post(M, { ...base, topic: '' }), 400, 'topic');
  await field(await branch.post(M, { ...base, topic: '长'.repeat(101) }), 400, 'topic');
  await field(await branch.post(M, { ...base, kind: 'no_such_kind' }), 400, 'kind');
  await field(await branch.post(M, { ...base, starts_at: 'tomorrow' }), 400, 'starts_at');
  await field(await branch.post(M, { ...base, starts_at: 1e13 }), 400, 'starts_at');
  await field(await branch.post(M, { ...base, org_id: -1 }), 400, 'org_id');
  assertError(assert, await branch.post(M, { ...base, org_id: 999999999 }), 404);
  const hostile = await branch.post(M, { ...base, topic: "'; DROP TABLE meeting; --<script>" });
  assert.equal(hostile.status, 201, hostile.text);
  assert.equal(hostile.json.topic, "'; DROP TABLE meeting; --<script>");
  const id = hostile.json.id;
  await field(await branch.post(`${M}/${id}/hold`, { attendance: 'all' }), 400, 'attendance');
  await field(await branch.post(`${M}/${id}/hold`, { attendance: [{ member_id: 1, status: 'sleeping' }] }), 400, 'attendance');
  await field(await branch.post(`${M}/${id}/hold`, { attendance: [{ member_id: 999999999, status: 'present' }] }), 400, 'attendance');
  await field(await branch.post(`${M}/${id}/hold`, { resolutions: [{ body: '决议', ayes: -1 }] }), 400, 'ayes');
  await field(await branch.post(`${M}/${id}/cancel`, {}), 400, 'reason');
  assertError(assert, await branch.get(`${M}/abc`), 404);
  await field(await branch.get(`${M}?status=done`), 400, 'status');
  await field(await branch.get(`${M}?limit=100000`), 400, 'limit');
  await field(await admin.get('/api/v1/org-life/compliance/areas?year=abc'), 400, 'year');
  await field(await admin.get('/api/v1/org-life/compliance/cells?month=2026-13'), 400, 'month');
  await field(await put(branch, `/api/v1/org-life/orgs/${branchOrg}/term`, { committee_size: 12 }), 400, 'committee_size');
  await field(await put(branch, `/api/v1/org-life/orgs/${branchOrg}/term`, { committee_size: 3, elected_on: '2021-02-30' }), 400, 'elected_on');
  await field(await admin.post('/api/v1/org-life/kinds', { code: 'Bad Code', label: 'x' }), 400, 'code');
});

test('attachments are kept by hash with their type read from the bytes', async () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const up = await branch.req('POST', '/api/v1/org-life/files', pdf, { raw: true, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.mime, 'application/pdf');
  const html = await branch.req('POST', '/api/v1/org-life/files', Buffer.from('<html><script>alert(1)</script></html>'), { raw: true, headers: { 'content-type': 'application/pdf' } });
  assertError(assert, html, 415);
  const big = await branch.req('POST', '/api/v1/org-life/files', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(8 * 1024 * 1024 - 512)]), { raw: true });
  assert.ok(big.status === 413, `oversized: ${big.status}`);
  assertError(assert, await member.req('POST', '/api/v1/org-life/files', pdf, { raw: true }), 403);
  const m = await plan('party_lecture', 7200);
  const att = await branch.post(`${M}/${m.id}/attachments`, { hash: up.json.hash, name: '党课讲稿.pdf' });
  assert.equal(att.status, 200, att.text);
  assert.equal(att.json.attachments[0].mime, 'application/pdf');
  assertError(assert, await branch.post(`${M}/${m.id}/attachments`, { hash: 'nothex', name: 'x.pdf' }), 400);
  const file = await branch.get(`/api/v1/org-life/files/${up.json.hash}`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.ok(file.buf.equals(pdf));
  assertError(assert, await community2.get(`/api/v1/org-life/files/${up.json.hash}`), 404);
});

test('the shares each meeting kept in its own transaction equal those the sweep works out again from every tally', async () => {
  const year = Number(new Date(((await now()) + 8 * 3600) * 1000).toISOString().slice(0, 4));
  const kept = await admin.get(`/api/v1/org-life/compliance/areas?year=${year}`);
  assert.equal(kept.status, 200, kept.text);
  // A theme day held now moves this month's share at once, before any sweep.
  const m = await plan('theme_day', -60);
  const held = await branch.post(`${M}/${m.id}/hold`, { minutes: '传达学习', attendance: m.attendance.map((a) => ({ member_id: a.member_id, status: 'present' })) });
  assert.equal(held.status, 200, held.text);
  assert.equal(held.json.valid, true);
  const after = await admin.get(`/api/v1/org-life/compliance/areas?year=${year}`);
  const sweep = await pub.post('/api/v1/_test/sweep', {});
  assert.equal(sweep.status, 200, sweep.text);
  const rebuilt = await admin.get(`/api/v1/org-life/compliance/areas?year=${year}`);
  assert.deepEqual(rebuilt.json, after.json, 'the sweep found the rollup as the meetings left it');
  assert.ok(kept.json.rows.some((r) => r.orgs > 0));
});
