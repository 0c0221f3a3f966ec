// The member pipeline (issue 16, docs/api-pipeline.md): a person moved from applicant to full member
// by the branch, with every refusal a rule gives in its words and source, a county rule overridden
// with a reason, and scope: the branch sees its own, the street its subtree, another community none.
// Steps are dated in the past (the API accepts any day up to today), so the shared clock stays put.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, badCheckDigit, idNumber, serverNow } from './client.mjs';

const P = '/api/v1/pipeline';
let branch, street, admin, community2, member;
let org, full = [];
let today;

const day = (offset) => new Date(Date.parse(today) + offset * 86400000).toISOString().slice(0, 10);
// The same day `n` months later, as the server counts months (the 31st becomes the month's end).
function addMonths(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
let seq = 700 + (process.pid % 200);
const newId = (birth = '19960612') => idNumber(birth, seq++);

before(async () => {
  [branch, street, admin, community2, member] = await Promise.all(['branch', 'street', 'admin', 'community2', 'member'].map(as));
  org = branch.account.roles[0].scope_id;
  today = new Date(((await serverNow()) + 8 * 3600) * 1000).toISOString().slice(0, 10);
  const ms = await branch.get(`/api/v1/members?org_id=${org}&limit=200`);
  assert.equal(ms.status, 200, ms.text);
  full = ms.json.items.filter((m) => m.status === 'full' && m.org_id === org).map((m) => m.id);
  assert.ok(full.length >= 4, 'the demo branch has full members to be contacts and introducers');
});

async function applicant(appliedOn, birth) {
  const r = await branch.post(`${P}/people`, { org_id: org, name: '测试申请人', id_number: newId(birth), applied_on: appliedOn });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
const step = (id, body, who = branch) => who.post(`${P}/people/${id}/steps`, body);
async function ok(r) { assert.equal(r.status, 201, r.text); return r.json; }

test('a person goes from applicant to full member, each step kept with its rule, its source and its documents', async () => {
  const applied = day(-900);
  const p = await applicant(applied);
  assert.equal(p.stage, 'applicant');
  assert.equal(p.deadlines[0].code, 'talk_one_month');
  assert.equal(p.deadlines[0].alert, 'missed', 'a talk a month after an application 900 days ago is overdue');
  assert.match(p.id_number, /^\d{4}\*+\d{3}[\dX]$/, 'the ID number is masked');

  const letter = await branch.req('POST', `${P}/files`, Buffer.from('%PDF-1.7\n入党申请书'), { raw: true, headers: { 'content-type': 'application/pdf' } });
  assert.equal(letter.status, 201, letter.text);
  await ok(await step(p.id, { step: 'talk', on: day(-890), documents: [{ hash: letter.json.hash, name: '谈话记录.pdf' }] }));
  const activistOn = day(-880);
  const a = await ok(await step(p.id, { step: 'activist', on: activistOn, decided_by: '支委会', contacts: full.slice(0, 2) }));
  assert.equal(a.stage, 'activist');
  assert.equal(a.steps[1].documents[0].hash, letter.json.hash);
  const file = await branch.get(letter.json.url);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');

  // Eleven months as an activist is refused with the rule and its source; twelve is allowed.
  const eleven = await step(p.id, { step: 'candidate', on: addMonths(activistOn, 11), decided_by: '支委会' });
  assertError(assert, eleven, 422, 'rule_refused');
  assert.match(eleven.json.error.message, /仅11个月/);
  assert.match(eleven.json.error.message, /依据：《中国共产党发展党员工作细则》/);
  await ok(await step(p.id, { step: 'review', on: addMonths(activistOn, 6) }));
  const c = await ok(await step(p.id, { step: 'candidate', on: addMonths(activistOn, 12), decided_by: '支委会' }));
  assert.equal(c.stage, 'candidate');
  const base = addMonths(activistOn, 12);
  const after = (n) => new Date(Date.parse(base) + n * 86400000).toISOString().slice(0, 10);
  await ok(await step(p.id, { step: 'filing', on: after(3), decided_by: '报街道党工委备案' }));
  await ok(await step(p.id, { step: 'political_review', on: after(10) }));
  await ok(await step(p.id, { step: 'training', on: after(20), training_days: 3 }));
  await ok(await step(p.id, { step: 'introducers', on: after(21), introducers: full.slice(2, 4) }));
  await ok(await step(p.id, { step: 'publicity', on: after(22), publicity_to: after(30) }));

  // The county's joint review, then the branch's vote against the roll the server counts.
  const rv = await admin.post(`${P}/reviews`, { title: '测试批次', person_ids: [p.id] });
  assert.equal(rv.status, 201, rv.text);
  const decided = await admin.post(`${P}/reviews/${rv.json.id}/decisions`, { decisions: [{ person_id: p.id, approved: true }] });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.json.status, 'closed');
  const due = full.length;
  const short = await step(p.id, { step: 'vote', on: after(40), ayes: Math.floor(due / 2) });
  assertError(assert, short, 422, 'rule_refused');
  assert.match(short.json.error.message, new RegExp(`应到会有表决权的正式党员${due}名`));
  const v = await ok(await step(p.id, { step: 'vote', on: after(40), ayes: Math.floor(due / 2) + 1 }));
  assert.deepEqual([v.vote.due, v.vote.passed], [due, true]);

  assertError(assert, await step(p.id, { step: 'approval', on: after(60) }), 403);
  // The higher committee's talk is dated: after the vote and not after the approval.
  const early = await step(p.id, { step: 'approval', on: after(60), talked_on: after(30) }, street);
  assertError(assert, early, 400);
  assert.equal(early.json.error.field, 'talked_on');
  const lateTalk = await step(p.id, { step: 'approval', on: after(60), talked_on: after(61) }, street);
  assert.equal(lateTalk.json.error.field, 'talked_on');
  const ap = await ok(await step(p.id, { step: 'approval', on: after(60), talked_on: after(55), talked_by: '街道党工委组织委员' }, street));
  assert.equal(ap.stage, 'probationary');
  const approved = ap.steps.find((x) => x.step === 'approval');
  assert.deepEqual([approved.details.talked_on, approved.details.talked_by], [after(55), '街道党工委组织委员']);
  assert.equal(ap.probation_ends_on, addMonths(after(40), 12));
  const m = await admin.get(`/api/v1/members/${ap.member_id}`);
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.status, 'probationary');
  assert.equal(m.json.joined_on, after(40), 'membership counts from the branch meeting');

  const fullStep = await ok(await step(p.id, { step: 'full', on: addMonths(after(40), 12) }));
  assert.equal(fullStep.stage, 'full');
  assert.equal((await admin.get(`/api/v1/members/${ap.member_id}`)).json.status, 'full');
  for (const s of fullStep.steps) {
    assert.ok(s.rules.length > 0 && s.rules.every((r) => r.source.length > 0), `${s.step} names its rule`);
  }
});

test('every refusal names its rule: under 18, one introducer, probation not over, a second extension', async () => {
  const young = await branch.post(`${P}/people`, { org_id: org, name: '少年', id_number: newId(`${Number(today.slice(0, 4)) - 17}0101`), applied_on: today });
  assertError(assert, young, 422, 'rule_refused');
  assert.match(young.json.error.message, /年满十八岁/);

  const p = await applicant(day(-800));
  assertError(assert, await step(p.id, { step: 'activist', on: day(-790), decided_by: '支委会', contacts: full.slice(0, 1) }), 422);
  await ok(await step(p.id, { step: 'talk', on: day(-795) }));
  const three = await step(p.id, { step: 'activist', on: day(-790), decided_by: '支委会', contacts: full.slice(0, 3) });
  assertError(assert, three, 422, 'rule_refused');
  assert.match(three.json.error.message, /一至两名正式党员/);
  assertError(assert, await step(p.id, { step: 'vote', on: day(-1), ayes: 1 }), 409);
  await ok(await step(p.id, { step: 'activist', on: day(-790), decided_by: '支委会', contacts: full.slice(0, 1) }));
  await ok(await step(p.id, { step: 'candidate', on: day(-420), decided_by: '支委会' }));
  const one = await step(p.id, { step: 'introducers', on: day(-419), introducers: full.slice(0, 1) });
  assertError(assert, one, 422, 'rule_refused');
  assert.match(one.json.error.message, /两名正式党员作入党介绍人/);
  const short = await step(p.id, { step: 'training', on: day(-418), training_days: 2, training_hours: 16 });
  assertError(assert, short, 422);
  assert.match(short.json.error.message, /不少于3天（或不少于24个学时）/);
  // Not filed, not reviewed: the vote is refused before it is counted.
  const early = await step(p.id, { step: 'vote', on: day(-400), ayes: full.length });
  assertError(assert, early, 422, 'rule_refused');
  assert.match(early.json.error.message, /备案/);
  const got = (await branch.get(`${P}/people/${p.id}`)).json;
  assert.equal(got.steps.length, 4, 'nothing refused was recorded');
});

test('a county rule is set aside only with a reason, which the step keeps and the audit log records', async () => {
  const p = await applicant(day(-800));
  await ok(await step(p.id, { step: 'talk', on: day(-795) }));
  await ok(await step(p.id, { step: 'activist', on: day(-790), decided_by: '支委会', contacts: full.slice(0, 2) }));
  await ok(await step(p.id, { step: 'candidate', on: day(-420), decided_by: '支委会' }));
  for (const s of ['filing', 'political_review']) await ok(await step(p.id, { step: s, on: day(-410) }));
  await ok(await step(p.id, { step: 'training', on: day(-405), training_hours: 24 }));
  await ok(await step(p.id, { step: 'introducers', on: day(-404), introducers: full.slice(0, 2) }));
  const local = await step(p.id, { step: 'vote', on: day(-400), ayes: full.length });
  assertError(assert, local, 422, 'local_rule');
  assert.equal(local.json.error.field, 'override_reason');
  assert.match(local.json.error.message, /县委组织部设定/);
  const reason = '经县委组织部同意先行表决（测试）';
  const v = await ok(await step(p.id, { step: 'vote', on: day(-400), ayes: full.length, override_reason: reason }));
  const last = v.steps.at(-1);
  assert.equal(last.override_reason, reason);
  assert.deepEqual(last.overridden.map((r) => r.code).sort(), ['joint_review', 'publicity']);
  const audit = await (await as('auditor')).get('/api/v1/audit?limit=50');
  assert.ok(audit.json.items.some((a) => a.action === 'pipeline_override' && a.object_id === String(p.id)), 'audited');
  // Past three months the higher committee must state its special case; past six it may not approve.
  const late = await step(p.id, { step: 'approval', on: addMonths(day(-400), 4) }, admin);
  assertError(assert, late, 422);
  assert.match(late.json.error.message, /超过三个月/);
  assertError(assert, await step(p.id, { step: 'approval', on: addMonths(day(-400), 7), special_reason: '外出' }, admin), 422);
  const ap = await ok(await step(p.id, { step: 'approval', on: addMonths(day(-400), 4), special_reason: '本人在外地集中培训' }, admin));
  assert.equal(ap.stage, 'probationary');
  assertError(assert, await step(p.id, { step: 'extend', on: today, months: 5, note: '考察' }), 422);
  await ok(await step(p.id, { step: 'extend', on: today, months: 6, note: '组织观念有待加强' }));
  assertError(assert, await step(p.id, { step: 'extend', on: today, months: 6, note: '再延' }), 422);
});

test('scope: the branch and its street see the file, another community and a member do not', async () => {
  const p = await applicant(day(-5));
  assert.equal((await street.get(`${P}/people/${p.id}`)).status, 200);
  assertError(assert, await community2.get(`${P}/people/${p.id}`), 404);
  assertError(assert, await community2.post(`${P}/people/${p.id}/steps`, { step: 'talk', on: today }), 404);
  assertError(assert, await member.get(`${P}/people/${p.id}`), 404);
  const others = await community2.get(`${P}/people?limit=200`);
  assert.equal(others.status, 200);
  assert.ok(others.json.items.every((i) => i.org_id !== org));
  assertError(assert, await community2.get(`${P}/orgs/${org}`), 404);
  assertError(assert, await community2.post(`${P}/people`, { org_id: org, name: '越界', id_number: newId(), applied_on: today }), 404);
  const mine = await branch.get(`${P}/people?limit=200`);
  assert.ok(mine.json.items.length > 0 && mine.json.items.every((i) => i.org_id === org));
});

test('the branch view lists what falls due soonest first, and the activist list exports', async () => {
  const v = await branch.get(`${P}/orgs/${org}`);
  assert.equal(v.status, 200, v.text);
  for (const s of ['applicant', 'activist', 'candidate']) assert.ok(v.json.counts[s] > 0, `the demo branch has ${s}s`);
  const dues = v.json.due.map((d) => d.due_on);
  assert.deepEqual(dues, [...dues].sort());
  assert.ok(v.json.due.some((d) => d.alert === 'missed'), 'the demo has a deadline missed');
  assert.ok(v.json.due.every((d) => d.source.length > 0));
  const list = await branch.get(`${P}/orgs/${org}/activists`);
  assert.equal(list.status, 200);
  assert.ok(list.json.items.length > 0);
  for (const a of list.json.items) {
    assert.equal(a.may_be_candidate, a.candidate_from <= today);
    assert.ok(a.contacts.length >= 1 && a.contacts.length <= 2);
  }
  const xlsx = await branch.get(`${P}/orgs/${org}/activists?format=xlsx`);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.buf.subarray(0, 2).toString(), 'PK');
});

test('malformed, oversized and hostile input gets a 4xx naming the field', async () => {
  const field = async (r, status, f) => { assertError(assert, r, status); assert.equal(r.json.error.field, f, r.text); };
  const good = { org_id: org, name: '张', id_number: newId(), applied_on: today };
  await field(await branch.post(`${P}/people`, { ...good, id_number: badCheckDigit(newId()) }), 400, 'id_number');
  await field(await branch.post(`${P}/people`, { ...good, applied_on: '2026-02-30' }), 400, 'applied_on');
  await field(await branch.post(`${P}/people`, { ...good, applied_on: day(3) }), 400, 'applied_on');
  await field(await branch.post(`${P}/people`, { ...good, name: '张'.repeat(31) }), 400, 'name');
  await field(await branch.post(`${P}/people`, { ...good, org_id: 'abc' }), 400, 'org_id');
  await field(await branch.post(`${P}/people`, { ...good, documents: [{ hash: '../../etc/passwd', name: 'x' }] }), 400, 'documents');
  const bad = await branch.req('POST', `${P}/people`, '{"org_id":', { raw: true, headers: { 'content-type': 'application/json' } });
  assertError(assert, bad, 400);
  const p = await applicant(day(-2));
  await field(await step(p.id, { step: "'; DROP TABLE pipeline_person; --", on: today }), 400, 'step');
  await field(await step(p.id, { step: 'talk', on: 'yesterday' }), 400, 'on');
  await field(await step(p.id, { step: 'talk', on: day(1) }), 400, 'on');
  await field(await step(p.id, { step: 'talk', on: day(-30) }), 400, 'on');  // before the application
  await field(await step(p.id, { step: 'activist', on: today, decided_by: '支委会', contacts: 'all' }), 400, 'contacts');
  await field(await step(p.id, { step: 'activist', on: today, decided_by: '支委会', contacts: [999999999, 999999998] }), 400, 'contacts');
  await field(await step(p.id, { step: 'talk', on: today, note: 'x'.repeat(1001) }), 400, 'note');
  assertError(assert, await branch.get(`${P}/people/999999999`), 404);
  const abc = await branch.get(`${P}/people/abc`);
  assert.ok(abc.status === 400 || abc.status === 404, `a non-numeric id: ${abc.status}`);
  await field(await branch.get(`${P}/people?stage=<script>`), 400, 'stage');
  await field(await branch.get(`${P}/people?limit=100000`), 400, 'limit');
  const html = await branch.req('POST', `${P}/files`, Buffer.from('<html><script>alert(1)</script>'), { raw: true });
  assertError(assert, html, 415);
  const big = await branch.req('POST', `${P}/files`, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8 * 1024 * 1024)]), { raw: true });
  assert.ok(big.status === 413, `an oversized upload: ${big.status}`);
  assertError(assert, await member.req('POST', `${P}/files`, Buffer.from('%PDF-1.7\n'), { raw: true }), 403);
  assertError(assert, await branch.get(`${P}/files/${'0'.repeat(64)}`), 404);
});
