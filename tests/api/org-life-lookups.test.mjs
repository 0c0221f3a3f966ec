// The lookups organisation life's pages need (docs/api-org_life.md): a meeting's guest found by name
// or member number across the organisations of the area the secretary works in (not beyond it);
// a branch's committee and term read back as named; observers shown by their display name.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, serverNow } from './client.mjs';

const O = '/api/v1/org-life';
const M = `${O}/meetings`;
let branch, member, admin, community, community2;
let branchOrg;

before(async () => {
  [branch, member, admin, community, community2] = await Promise.all(
    ['branch', 'member', 'admin', 'community', 'community2'].map(as));
  branchOrg = branch.account.roles[0].scope_id;
});

const put = (who, path, body) => who.req('PUT', path, body);
const field = async (r, status, f) => { assertError(assert, r, status); assert.equal(r.json.error.field, f, r.text); };

async function plan(startsIn = 2 * 3600) {
  const r = await branch.post(M, { org_id: branchOrg, kind: 'theme_day', topic: '主题党日：查找列席党员', starts_at: (await serverNow()) + startsIn });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

/** Members of the registers a community secretary reads, outside `orgId`. */
async function membersElsewhere(who, orgId) {
  const r = await who.get('/api/v1/members?limit=200');
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter((m) => m.org_id !== orgId);
}

test('a secretary finds a guest by name or number among the members of their community, not beyond it', async () => {
  const m = await plan();
  const own = m.attendance[0];
  const byName = await branch.get(`${M}/${m.id}/member-lookup?q=${encodeURIComponent(own.name.slice(0, 2))}`);
  assert.equal(byName.status, 200, byName.text);
  const hit = byName.json.items.find((i) => i.member_id === own.member_id);
  assert.ok(hit, `${own.name} is found by the beginning of the name`);
  assert.equal(hit.on_roll, true, 'a member already on the roll is marked');
  assert.equal(hit.guest, false);
  assert.ok(byName.json.items.every((i) => i.name.startsWith(own.name.slice(0, 2))), 'only names that begin so');

  // A member of another organisation in the branch's community: a guest, found by number and name.
  const others = await membersElsewhere(community, branchOrg);
  assert.ok(others.length > 0, 'the demo community has other organisations with members');
  const g = others[0];
  const byNumber = await branch.get(`${M}/${m.id}/member-lookup?q=${g.id}`);
  assert.equal(byNumber.status, 200, byNumber.text);
  assert.deepEqual(byNumber.json.items.map((i) => i.member_id), [g.id]);
  assert.equal(byNumber.json.items[0].guest, true);
  assert.equal(byNumber.json.items[0].on_roll, false);
  assert.ok(byNumber.json.items[0].org_name, 'the guest\'s organisation is named');
  const added = await branch.post(`${M}/${m.id}/attendees`, { member_id: g.id });
  assert.equal(added.status, 200, added.text);
  const again = await branch.get(`${M}/${m.id}/member-lookup?q=${encodeURIComponent(g.name)}`);
  assert.equal(again.json.items.find((i) => i.member_id === g.id).on_roll, true);

  // Another community's member is beyond the branch: not found by number or by name.
  const far = (await membersElsewhere(community2, branchOrg))[0];
  assert.ok(far, 'the other community has members');
  assert.deepEqual((await branch.get(`${M}/${m.id}/member-lookup?q=${far.id}`)).json.items, []);
  const farByName = await branch.get(`${M}/${m.id}/member-lookup?q=${encodeURIComponent(far.name)}`);
  assert.ok(!farByName.json.items.some((i) => i.member_id === far.id));
  // The county reaches every community.
  const county = await admin.get(`${M}/${m.id}/member-lookup?q=${far.id}`);
  assert.deepEqual(county.json.items.map((i) => i.member_id), [far.id]);
});

test('the member lookup refuses bad, oversized, hostile and out-of-scope requests with a 4xx', async () => {
  const m = await plan();
  await field(await branch.get(`${M}/${m.id}/member-lookup`), 400, 'q');
  await field(await branch.get(`${M}/${m.id}/member-lookup?q=`), 400, 'q');
  await field(await branch.get(`${M}/${m.id}/member-lookup?q=${encodeURIComponent('长'.repeat(21))}`), 400, 'q');
  await field(await branch.get(`${M}/${m.id}/member-lookup?q=%01ab`), 400, 'q');
  for (const q of ["%' OR 1=1 --", '%', '_', '\\', '99999999999999999999']) {
    const r = await branch.get(`${M}/${m.id}/member-lookup?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, `${q}: ${r.text}`);
    assert.deepEqual(r.json.items, [], `${q} matches nobody`);
  }
  assertError(assert, await branch.get(`${M}/abc/member-lookup?q=a`), 404);
  assertError(assert, await branch.get(`${M}/999999999/member-lookup?q=a`), 404);
  assertError(assert, await community2.get(`${M}/${m.id}/member-lookup?q=a`), 404);
  // A member on the roll reads the meeting but does not look members up.
  assertError(assert, await member.get(`${M}/${m.id}/member-lookup?q=a`), 403);
});

test('a branch reads back the committee it named and its term; a 支委会 is held once the committee is sized', async () => {
  const C = `${O}/orgs/${branchOrg}/committee`;
  const before = await branch.get(C);
  assert.equal(before.status, 200, before.text);
  assert.equal(before.json.can_write, true);
  assert.ok(before.json.members.length >= 3, 'the branch\'s members to name the committee from');
  const picked = before.json.members.slice(0, 3).map((x) => x.member_id);
  const termBefore = { committee_size: before.json.committee_size, elected_on: before.json.elected_on, term_years: before.json.term_years };
  // No committee on record: a 支委会 that began an hour ago cannot be recorded yet.
  assert.equal((await put(branch, `${O}/orgs/${branchOrg}/term`, { committee_size: 0 })).status, 200);
  const cm = await branch.post(M, { org_id: branchOrg, kind: 'committee_meeting', topic: '支委会：研究发展党员', starts_at: (await serverNow()) - 3600 });
  assert.equal(cm.status, 201, cm.text);
  const attendance = picked.map((member_id) => ({ member_id, status: 'present' }));
  await field(await branch.post(`${M}/${cm.json.id}/hold`, { attendance }), 409, 'attendance');
  assert.equal((await put(branch, C, { member_ids: picked })).status, 200);
  const t = await put(branch, `${O}/orgs/${branchOrg}/term`, { committee_size: 3, elected_on: '2024-03-15', term_years: 3 });
  assert.equal(t.status, 200, t.text);
  const after = await branch.get(C);
  assert.deepEqual(after.json.committee.map((x) => x.member_id), [...picked].sort((a, b) => a - b));
  assert.ok(after.json.committee.every((x) => x.name), 'each committee member is named');
  assert.equal(after.json.committee_size, 3);
  assert.equal(after.json.elected_on, '2024-03-15');
  assert.equal(after.json.term_years, 3);
  const held = await branch.post(`${M}/${cm.json.id}/hold`, { attendance });
  assert.equal(held.status, 200, held.text);
  assert.equal(held.json.due, 3);
  assert.equal(held.json.valid, true, 'the three named came: quorum');
  // A member of the branch reads nothing of it; another community neither.
  assertError(assert, await community2.get(C), 404);
  assertError(assert, await member.get(C), 404);
  assertError(assert, await branch.get(`${O}/orgs/abc/committee`), 404);
  assertError(assert, await branch.get(`${O}/orgs/999999999/committee`), 404);
  // The community above reads it, not as the branch's own page but may write too.
  assert.equal((await community.get(C)).json.can_write, true);

  // put back what the other tests found
  await put(branch, C, { member_ids: before.json.committee.map((x) => x.member_id) });
  await put(branch, `${O}/orgs/${branchOrg}/term`, Object.fromEntries(Object.entries(termBefore).filter(([, v]) => v !== null)));
});

test('an observer is shown by the account\'s display name, the username beside it', async () => {
  const m = await plan();
  const r = await admin.post(`${M}/${m.id}/observers`, { username: 'street' });
  assert.equal(r.status, 200, r.text);
  const o = r.json.observers.find((x) => x.username === 'street');
  assert.ok(o, r.text);
  assert.equal(o.name, '河西街道干部');
  const seen = await branch.get(`${M}/${m.id}`);
  assert.equal(seen.json.observers.find((x) => x.username === 'street').name, '河西街道干部');
});
