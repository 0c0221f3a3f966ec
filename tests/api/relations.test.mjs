// Organisation-relation transfers (issue 16, docs/api-relations.md): within the county the sender
// starts and the receiver confirms — until then the member shows "in transfer" and stays with the
// sender —; refusals name their rule; an outward transfer gets a numbered, printable letter and is
// closed by its receipt; a member arriving from outside is recorded by the receiver. Scope: each
// side sees the transfer, nobody else does. Bad and hostile input gets a 4xx naming the field.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, idNumber, serverNow } from './client.mjs';

const T = '/api/v1/relations/transfers';
let community, community2, branch, street, admin, resident;
let fromOrg, toOrg;
const field = async (r, status, f) => { assertError(assert, r, status); assert.equal(r.json.error.field, f, r.text); };

// A new member of an organisation, registered by `who` (so the demo's own members stay put), with
// an ID number no earlier run on the same store used.
const pad = (n) => String(n).padStart(2, '0');
async function newMember(who, orgId, name) {
  const rnd = (n) => Math.floor(Math.random() * n);
  const birth = `${1960 + rnd(35)}${pad(1 + rnd(12))}${pad(1 + rnd(28))}`;
  const r = await who.post('/api/v1/members', {
    name, id_number: idNumber(birth, 100 + rnd(899), '620702'), org_id: orgId, joined_on: '2005-07-01', full_on: '2006-07-01',
  });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function branchOf(who) {
  const r = await who.get('/api/v1/orgs?limit=50');
  assert.equal(r.status, 200, r.text);
  const b = r.json.items.find((o) => o.level === 'branch');
  assert.ok(b, 'the community has a branch');
  return b.id;
}

before(async () => {
  [community, community2, branch, street, admin, resident] =
    await Promise.all(['community', 'community2', 'branch', 'street', 'admin', 'resident'].map(as));
  fromOrg = branch.account.roles[0].scope_id;  // a branch of the first community
  toOrg = await branchOf(community2);
});

test('a transfer between two communities: the member shows in transfer with the sender until the receiver confirms', async () => {
  const id = await newMember(community, fromOrg, '转接甲');
  const started = await community.post(T, { member_id: id, kind: 'within', to_org_id: toOrg, reason: '工作调动到光明路社区' });
  assert.equal(started.status, 201, started.text);
  const t = started.json;
  assert.equal(t.state, 'pending');
  assert.equal(t.responsible, 'sender');
  assert.match(t.rule, /党员教育管理工作条例/);

  // Both sides see the member in transfer; the register still has them with the sender.
  for (const who of [community, community2, branch]) {
    const rec = await who.get(`/api/v1/relations/members/${id}`);
    assert.equal(rec.status, 200, rec.text);
    assert.equal(rec.json.in_transfer, true);
    assert.equal(rec.json.org_id, fromOrg);
  }
  assert.equal((await community.get(`/api/v1/members/${id}`)).json.org_id, fromOrg);
  assert.ok((await community2.get(`${T}?state=pending`)).json.items.some((i) => i.id === t.id && i.can_confirm));

  // Only the receiver confirms; only the sender cancels.
  assertError(assert, await community.post(`${T}/${t.id}/confirm`, {}), 403);
  assertError(assert, await branch.post(`${T}/${t.id}/confirm`, {}), 403);
  assertError(assert, await community2.post(`${T}/${t.id}/cancel`, {}), 403);

  const confirmed = await community2.post(`${T}/${t.id}/confirm`, {});
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.json.state, 'confirmed');
  assert.equal(confirmed.json.responsible, 'receiver');
  const after = await community2.get(`/api/v1/relations/members/${id}`);
  assert.equal(after.json.in_transfer, false);
  assert.equal(after.json.org_id, toOrg);
  assert.equal((await community2.get(`/api/v1/members/${id}`)).json.org_id, toOrg, 'the register follows');
  assertError(assert, await community.get(`/api/v1/members/${id}`), 404);
  // The sender keeps the history of what left it.
  assert.equal((await community.get(`${T}/${t.id}`)).json.state, 'confirmed');
  assertError(assert, await community2.post(`${T}/${t.id}/confirm`, {}), 409);
});

test('refusals name their rule: no refusal without a cause, one transfer at a time, not to itself or a committee', async () => {
  const id = await newMember(community, fromOrg, '转接乙');
  await field(await community.post(T, { member_id: id, kind: 'within', to_org_id: fromOrg, reason: '调动' }), 400, 'to_org_id');
  const committees = (await admin.get('/api/v1/orgs?limit=50')).json.items.filter((o) => o.level === 'committee');
  if (committees.length) {
    await field(await community.post(T, { member_id: id, kind: 'within', to_org_id: committees[0].id, reason: '调动' }), 400, 'to_org_id');
  }
  await field(await community.post(T, { member_id: id, kind: 'within', reason: '调动' }), 400, 'to_org_id');
  await field(await community.post(T, { member_id: id, kind: 'out', reason: '调动' }), 400, 'to_outside');
  const t = (await community.post(T, { member_id: id, kind: 'within', to_org_id: toOrg, reason: '调动' })).json;
  await field(await community.post(T, { member_id: id, kind: 'within', to_org_id: toOrg, reason: '再次' }), 409, 'member_id');

  const bare = await community2.post(`${T}/${t.id}/refuse`, {});
  await field(bare, 400, 'reason');
  assert.match(bare.json.error.message, /无正当理由不得拒绝接收.*党员教育管理工作条例/);
  const refused = await community2.post(`${T}/${t.id}/refuse`, { reason: '本人实际居住在红星路社区，不在本社区' });
  assert.equal(refused.status, 200, refused.text);
  assert.equal(refused.json.state, 'refused');
  assert.equal(refused.json.refused_reason, '本人实际居住在红星路社区，不在本社区');
  assert.equal((await community.get(`/api/v1/relations/members/${id}`)).json.org_id, fromOrg, 'a refusal moves nobody');
  assertError(assert, await community2.post(`${T}/${t.id}/confirm`, {}), 409);

  // After a refusal the sender may start again, and may cancel its own.
  const again = await community.post(T, { member_id: id, kind: 'within', to_org_id: toOrg, reason: '调动' });
  assert.equal(again.status, 201, again.text);
  const cancelled = await community.post(`${T}/${again.json.id}/cancel`, { reason: '本人暂不调动' });
  assert.equal(cancelled.json.state, 'cancelled');
  assert.equal((await community.get(`/api/v1/relations/members/${id}`)).json.in_transfer, false);
});

test('an outward transfer: a numbered letter to print, then the receipt closes it and the member is transferred out', async () => {
  const a = await newMember(community, fromOrg, '转出甲');
  const b = await newMember(community, fromOrg, '转出乙');
  const first = await community.post(T, { member_id: a, kind: 'out', to_outside: '中共兰州市城关区皋兰路街道委员会', reason: '迁居兰州' });
  assert.equal(first.status, 201, first.text);
  const second = await community.post(T, { member_id: b, kind: 'out', to_outside: '<script>alert(1)</script>党委', reason: '迁居' });
  assert.equal(second.status, 201, second.text);
  const num = (t) => Number(t.letter_no.match(/第(\d{4})号/)[1]);
  assert.match(first.json.letter_no, /^（\d{4}）第\d{4}号$/);
  assert.equal(num(second.json), num(first.json) + 1, 'letters are numbered in order');
  assert.ok(first.json.valid_days > 0);

  const page = await community.get(`${T}/${first.json.id}/letter`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  for (const s of ['中国共产党党员组织关系介绍信', '转出甲', first.json.letter_no, '回　执', '中共兰州市城关区皋兰路街道委员会']) {
    assert.ok(page.text.includes(s), `the letter shows ${s}`);
  }
  const hostile = await community.get(`${T}/${second.json.id}/letter`);
  assert.ok(!hostile.text.includes('<script>alert(1)</script>') && hostile.text.includes('&lt;script&gt;'), 'names are escaped');
  assertError(assert, await community2.get(`${T}/${first.json.id}/letter`), 404);

  // Nobody inside the county confirms an outward transfer: its receipt does.
  assertError(assert, await community.post(`${T}/${first.json.id}/confirm`, {}), 409);
  await field(await community.post(`${T}/${first.json.id}/receipt`, { returned_on: '2999-01-01' }), 400, 'returned_on');
  await field(await community.post(`${T}/${first.json.id}/receipt`, { returned_on: '2026-02-30' }), 400, 'returned_on');
  // The server's day (earlier tests move its clock), in China time.
  const day = new Date(((await serverNow()) + 8 * 3600) * 1000).toISOString().slice(0, 10);
  const receipt = await community.post(`${T}/${first.json.id}/receipt`, { returned_on: day, note: '回执已寄回' });
  assert.equal(receipt.status, 200, receipt.text);
  assert.equal(receipt.json.state, 'confirmed');
  assert.equal(receipt.json.receipt_on, day);
  const rec = await community.get(`/api/v1/relations/members/${a}`);
  assert.equal(rec.json.status, 'transferred_out');
  assert.equal(rec.json.in_transfer, false);
  // A member whose relation has left cannot be transferred again.
  await field(await community.post(T, { member_id: a, kind: 'within', to_org_id: toOrg, reason: '调动' }), 409, 'member_id');
});

test('a member arriving from outside is recorded by the receiving organisation with the letter it brought', async () => {
  const id = await newMember(community2, toOrg, '转入甲');
  const r = await community2.post(`${T}/incoming`, { member_id: id, from_outside: '中共张掖市甘州区委组织部', outside_letter_no: '甘组〔2026〕第0123号', reason: '迁居' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind, 'in');
  assert.equal(r.json.state, 'confirmed');
  assert.equal(r.json.from_name, '中共张掖市甘州区委组织部');
  assert.equal(r.json.to_org_id, toOrg);
  assertError(assert, await community.post(`${T}/incoming`, { member_id: id, from_outside: 'x', outside_letter_no: '1' }), 404);
  await field(await community2.post(`${T}/incoming`, { member_id: id, outside_letter_no: '1' }), 400, 'from_outside');
});

test('scope: each side of a transfer sees it, a branch sees its own, others see nothing', async () => {
  const inside = await newMember(community2, toOrg, '转接丙');
  const other = await branchOf(street).then(async () => {
    const all = (await community2.get('/api/v1/orgs?limit=50')).json.items.filter((o) => o.level === 'branch' && o.id !== toOrg);
    return all[0]?.id;
  });
  if (other) {
    const t = (await community2.post(T, { member_id: inside, kind: 'within', to_org_id: other, reason: '调整支部' })).json;
    assert.ok(t.id, JSON.stringify(t));
    assertError(assert, await community.get(`${T}/${t.id}`), 404);
    assertError(assert, await branch.get(`${T}/${t.id}`), 404);
    assert.ok(!(await community.get(`${T}?limit=200`)).json.items.some((i) => i.id === t.id));
    assert.ok((await street.get(`${T}?limit=200`)).json.items.some((i) => i.id === t.id), 'the street sees its subtree');
    assertError(assert, await community.post(`${T}/${t.id}/cancel`, {}), 404);
  }
  // The sender picks a receiver anywhere in the county by name, though it reads nothing else there.
  const toName = (await community2.get(`/api/v1/orgs/${toOrg}`)).json.name;
  const found = await community.get(`/api/v1/relations/receivers?q=${encodeURIComponent(toName.slice(0, 4))}`);
  assert.equal(found.status, 200, found.text);
  assert.ok(found.json.items.some((o) => o.id === toOrg && o.name === toName), found.text);
  assert.ok(found.json.items.every((o) => ['branch', 'general_branch', 'group'].includes(o.level)));
  assertError(assert, await resident.get('/api/v1/relations/receivers?q=x'), 403);
  await field(await community.get(`/api/v1/relations/receivers?q=${'长'.repeat(101)}`), 400, 'q');
  assert.equal((await community.get(`/api/v1/relations/receivers?q=${encodeURIComponent("%' OR 1=1 --")}`)).json.items.length, 0);
  // A branch sees only what touches its own organisation.
  const mine = await branch.get(`${T}?limit=200`);
  assert.equal(mine.status, 200);
  for (const i of mine.json.items) assert.ok(i.from_org_id === fromOrg || i.to_org_id === fromOrg, JSON.stringify(i));
  // A resident and a member read no transfers and start none.
  assert.equal((await resident.get(T)).json.items.length, 0);
  assertError(assert, await resident.post(T, { member_id: inside, kind: 'within', to_org_id: fromOrg, reason: 'x' }), 404);
  assertError(assert, await community.post(T, { member_id: inside, kind: 'within', to_org_id: fromOrg, reason: 'x' }), 404);
  assertError(assert, await community2.get(`${T}?org_id=${fromOrg}`), 404);
});

test('malformed, oversized and hostile input gets a 4xx naming the field', async () => {
  const id = await newMember(community, fromOrg, '转接丁');
  const bad = await community.req('POST', T, '{not json', { raw: true, headers: { 'content-type': 'application/json' } });
  assert.equal(bad.status, 400, bad.text);
  await field(await community.post(T, { member_id: 'abc', kind: 'within', to_org_id: toOrg, reason: 'x' }), 400, 'member_id');
  await field(await community.post(T, { member_id: -5, kind: 'within', to_org_id: toOrg, reason: 'x' }), 400, 'member_id');
  await field(await community.post(T, { member_id: id, kind: 'sideways', to_org_id: toOrg, reason: 'x' }), 400, 'kind');
  await field(await community.post(T, { member_id: id, kind: 'within', to_org_id: toOrg }), 400, 'reason');
  await field(await community.post(T, { member_id: id, kind: 'within', to_org_id: toOrg, reason: '长'.repeat(501) }), 400, 'reason');
  await field(await community.post(T, { member_id: id, kind: 'within', to_org_id: toOrg, reason: 'a\u0000b' }), 400, 'reason');
  await field(await community.post(T, { member_id: id, kind: 'within', to_org_id: 'x', reason: '调动' }), 400, 'to_org_id');
  await field(await community.post(T, { member_id: id, kind: 'within', to_org_id: 999999999, reason: '调动' }), 400, 'to_org_id');
  await field(await community.post(T, { member_id: id, kind: 'out', to_outside: 'x'.repeat(101), reason: '调动' }), 400, 'to_outside');
  assertError(assert, await community.post(T, { member_id: 999999999, kind: 'within', to_org_id: toOrg, reason: 'x' }), 404);
  await field(await community.get(`${T}?state=${encodeURIComponent("pending' OR 1=1 --")}`), 400, 'state');
  await field(await community.get(`${T}?kind=all`), 400, 'kind');
  await field(await community.get(`${T}?limit=100000`), 400, 'limit');
  await field(await community.get(`${T}?offset=-1`), 400, 'offset');
  await field(await community.get(`${T}?org_id=abc`), 400, 'org_id');
  assertError(assert, await community.get(`${T}/abc`), 404);
  assertError(assert, await community.get(`${T}/999999999`), 404);
  const huge = await community.post(T, { member_id: id, kind: 'within', to_org_id: toOrg, reason: 'x'.repeat(200000) });
  assert.ok(huge.status === 400 || huge.status === 413, huge.text.slice(0, 200));
});
