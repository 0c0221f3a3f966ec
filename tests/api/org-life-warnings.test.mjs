// Organisation life warnings (issue 15, docs/api-org_life.md): the sweep warns a branch's secretary
// once per cell and state, before a duty falls due and when it is missed, naming the duty, the
// period and the rule's source (the outbox side is in src/org_life/service_test.cpp).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError, serverNow } from './client.mjs';

const pub = new Client();
let branch, member, admin, community2;
let branchOrg;
const W = '/api/v1/org-life/warnings';

before(async () => {
  [branch, member, admin, community2] = await Promise.all(['branch', 'member', 'admin', 'community2'].map(as));
  branchOrg = branch.account.roles[0].scope_id;
});

const pad = (n) => String(n).padStart(2, '0');
// The current and the previous period of each length, as the server's local calendar has them.
function periods(now) {
  const day = new Date((now + 8 * 3600) * 1000).toISOString();
  const y = Number(day.slice(0, 4)), m = Number(day.slice(5, 7)), q = Math.ceil(m / 3);
  return {
    year: y,
    current: new Set([`${y}-${pad(m)}`, `${y}-Q${q}`, `${y}`]),
    previous: new Set([m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`, q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`, `${y - 1}`]),
  };
}

test('the sweep warns the secretary once for each duty in its last days or missed, as the matrix has it, with its source', async () => {
  const first = await pub.post('/api/v1/_test/sweep', {});
  assert.equal(first.status, 200, first.text);
  const again = await pub.post('/api/v1/_test/sweep', {});
  assert.equal(again.json.org_life_warned ?? 0, 0, 'a second sweep warns nothing new');

  // Across the county the demo's weak branches have missed something.
  const county = await admin.get(`${W}?limit=200`);
  assert.equal(county.status, 200, county.text);
  assert.ok(county.json.items.length > 0, 'the demo county has warnings');
  for (const w of county.json.items) {
    assert.ok(['due', 'missing'].includes(w.state));
    assert.ok(w.message.includes(`依据：${w.source}`), w.message);
    assert.match(w.message, /^【(即将到期|未完成)】/);
    assert.ok(!w.message.includes('本月') && !w.message.includes('本季度'), 'the period is spelled out');
  }

  // The branch's warnings are exactly what its matrix shows as warned or missed, once each.
  const p = periods(await serverNow());
  const expected = new Set();
  for (const year of [p.year - 1, p.year]) {
    const m = await branch.get(`/api/v1/org-life/compliance/orgs/${branchOrg}?year=${year}`);
    assert.equal(m.status, 200, m.text);
    for (const d of m.json.duties) {
      for (const c of d.cells) {
        if (p.current.has(c.period) && c.warn) expected.add(`${d.duty}|${c.period}|due`);
        if (p.previous.has(c.period) && c.state === 'missing') expected.add(`${d.duty}|${c.period}|missing`);
      }
    }
  }
  const mine = await branch.get(`${W}?org_id=${branchOrg}&limit=200`);
  assert.equal(mine.status, 200, mine.text);
  const got = mine.json.items.filter((w) => w.org_id === branchOrg).map((w) => `${w.duty}|${w.period}|${w.state}`);
  assert.equal(new Set(got).size, got.length, 'once per cell and state');
  for (const e of expected) assert.ok(got.includes(e), `missing warning ${e}; got ${got}`);
});

test('warnings stay in scope and bad queries get a 4xx naming the field', async () => {
  const field = async (r, status, f) => { assertError(assert, r, status); assert.equal(r.json.error.field, f, r.text); };
  const others = await community2.get(`${W}?limit=200`);
  assert.equal(others.status, 200, others.text);
  assert.ok(others.json.items.every((w) => w.org_id !== branchOrg), 'another community sees none of the branch');
  assertError(assert, await community2.get(`${W}?org_id=${branchOrg}`), 404);
  const phone = await member.get(W);
  assert.equal(phone.status, 200);
  assert.equal(phone.json.items.length, 0, 'a member has no secretary warnings');
  await field(await branch.get(`${W}?state=late`), 400, 'state');
  await field(await branch.get(`${W}?state=${encodeURIComponent("'; DROP TABLE org_life_warning; --")}`), 400, 'state');
  await field(await branch.get(`${W}?limit=100000`), 400, 'limit');
  await field(await branch.get(`${W}?offset=-1`), 400, 'offset');
  await field(await branch.get(`${W}?org_id=abc`), 400, 'org_id');
  assertError(assert, await branch.get(`${W}?org_id=999999999`), 404);
  assertError(assert, await pub.get(W), 401);
});

test('the compliance matrix exports to XLSX for the county and for a branch; an unknown format is refused', async () => {
  const month = new Date(((await serverNow()) + 8 * 3600) * 1000).toISOString().slice(0, 7);
  const county = await admin.get(`/api/v1/org-life/compliance/cells?month=${month}&format=xlsx`);
  assert.equal(county.status, 200, county.text);
  assert.match(county.headers.get('content-type'), /spreadsheetml/);
  assert.equal(county.buf.subarray(0, 2).toString(), 'PK');
  assert.match(county.headers.get('content-disposition'), /org-life-\d{4}-\d{2}\.xlsx/);
  const own = await branch.get(`/api/v1/org-life/compliance/orgs/${branchOrg}?format=xlsx`);
  assert.equal(own.status, 200, own.text);
  assert.equal(own.buf.subarray(0, 2).toString(), 'PK');
  const field = async (r, f) => { assertError(assert, r, 400); assert.equal(r.json.error.field, f, r.text); };
  await field(await admin.get(`/api/v1/org-life/compliance/cells?month=${month}&format=pdf`), 'format');
  await field(await branch.get(`/api/v1/org-life/compliance/orgs/${branchOrg}?format=${encodeURIComponent('<script>')}`), 'format');
  assertError(assert, await community2.get(`/api/v1/org-life/compliance/orgs/${branchOrg}?format=xlsx`), 404);
});
