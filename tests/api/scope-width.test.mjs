// The scope proof's second oracle: how wide each role's lists and exports may be, said here and not
// read from the server. The first proof (scope.test.mjs) takes a role's own list as its scope and
// shows nothing outside it can be reached; a list that is itself too wide passes that proof. This one
// fails it: every item a role lists must be one this table lets the role see, and its export must
// hold no more rows than its list.
//  - Roles bound to an area or organisation see only their binding's subtree.
//  - The narrow roles (resident, member, unit, department, the three administrators) see only what
//    is named for them below; a kind not named must list nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as } from './client.mjs';

const KINDS = ['areas', 'orgs', 'units', 'members', 'venues', 'people', 'activities', 'deliberations',
  'dual-reports', 'households', 'needs', 'pairings', 'projects', 'resources', 'volunteer-teams'];
const CALLERS = ['admin', 'street', 'community', 'community2', 'grid', 'branch', 'member', 'unit', 'resident', 'dept',
  'sysadmin', 'secadmin', 'auditor'];
const MAX_PAGES = 10;

async function itemsOf(c, path) {
  const items = [];
  for (let url = path, page = 0; url && page < MAX_PAGES; page++) {
    const r = await c.get(url);
    if (r.status !== 200 || !r.json) return { status: r.status, items: [], whole: true };
    items.push(...(r.json.items ?? []));
    url = r.json.next_cursor ? `${path}&after=${encodeURIComponent(r.json.next_cursor)}` : null;
    if (url && page === MAX_PAGES - 1) return { status: 200, items, whole: false };
  }
  return { status: 200, items, whole: true };
}

// CSV records, minding quoted fields with commas and line breaks; the header is not counted.
function csvRecords(text) {
  let records = 0, quoted = false, any = false;
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    if (ch === '\n' && !quoted) { if (any) records++; any = false; } else if (ch !== '\r') any = true;
  }
  if (any) records++;
  return Math.max(0, records - 1);
}

test('scope width: no role lists or exports more than the table of who may see what allows', async () => {
  const admin = await as('admin');
  const cache = new Map();
  const read = async (path) => {
    if (!cache.has(path)) cache.set(path, (await admin.get(path)).json);
    return cache.get(path);
  };
  const areaPath = async (id) => (id == null ? null : (await read(`/api/v1/areas/${id}`))?.path ?? null);
  const org = async (id) => (id == null ? null : read(`/api/v1/orgs/${id}`));
  const within = (path, root) => !!path && !!root && path.startsWith(root);

  // Where an item sits, for the roles bound to a subtree.
  const areaOf = async (kind, i) => {
    if (kind === 'areas') return i.path ?? areaPath(i.id);
    if (kind === 'members') return areaPath((await org(i.org_id))?.area_id);
    return areaPath(i.area_id);
  };
  const orgPathOf = async (kind, i) => {
    if (kind === 'orgs') return i.path;
    if (kind === 'members') return (await org(i.org_id))?.path;
    if (kind === 'dual-reports') {
      if (i.party_org_id) return (await org(i.party_org_id))?.path;
      return (await org((await read(`/api/v1/members/${i.member_id}`))?.org_id))?.path;
    }
    return null;
  };

  const callers = {};
  for (const name of CALLERS) callers[name] = await as(name);
  // What the narrow roles are, from their own session (their binding) and their own orders.
  const ordersOf = async (c) => (await itemsOf(c, '/api/v1/orders?limit=100')).items;
  const party = async (pairing, kind, id) =>
    ((await read(`/api/v1/pairings/${pairing.id}`))?.parties ?? []).some((p) => p.party_kind === kind && p.ref_id === id);

  async function narrowRules(name, c) {
    const role = c.account.roles[0];
    const me = role.scope_id;
    if (name === 'member' || name === 'unit') {
      const key = name === 'member' ? 'member_id' : 'unit_id';
      const orders = await ordersOf(c);
      const reports = (await itemsOf(admin, `/api/v1/dual-reports?limit=200&${name === 'member' ? 'member_id' : 'unit_id'}=${me}`)).items;
      const reportAreas = new Set(reports.filter((r) => r[key] === me && r.status === 'active').map((r) => r.area_id));
      const claimed = (field, i) => orders.some((o) => o[field] === i.id);
      return {
        ...(name === 'member' ? { members: (i) => i.id === me } : { units: (i) => i.id === me }),
        'dual-reports': (i) => i[key] === me,
        resources: (i) => i[key] === me,
        needs: (i) => i.status === 'published' || claimed('need_id', i),
        projects: (i) => i.status === 'published' || claimed('project_id', i),
        activities: (i) => reportAreas.has(i.area_id),
        pairings: (i) => party(i, name, me),
      };
    }
    if (name === 'resident') {
      const home = await areaPath(me);
      return {
        // A household is a family's name, address and size: the resident's own, and only that one.
        households: async (i, all) => all.length <= 1 && within(await areaPath(i.area_id), home),
        deliberations: async (i) => within(await areaPath(i.area_id), home),
      };
    }
    if (name === 'dept') return { units: (i) => i.id === me };
    if (name === 'sysadmin' || name === 'auditor') return {};
    return null;  // bound to a subtree
  }

  const problems = [];
  let checked = 0, exports = 0;
  for (const [name, c] of Object.entries(callers)) {
    const role = c.account.roles[0];
    const rules = await narrowRules(name, c);
    const root = role.scope_type === 'area' ? await areaPath(role.scope_id)
      : role.scope_type === 'org' ? (await org(role.scope_id))?.path : null;
    for (const kind of KINDS) {
      const list = await itemsOf(c, `/api/v1/${kind}?limit=200`);
      if (list.status >= 500) problems.push(`${name} GET /api/v1/${kind}: ${list.status}`);
      for (const i of list.items) {
        checked++;
        let fits;
        if (rules) fits = rules[kind] ? await rules[kind](i, list.items) : false;
        else if (role.scope_type === 'org') {
          const p = await orgPathOf(kind, i);
          fits = p === null ? false : within(p, root);
        } else fits = within(await areaOf(kind, i), root);
        if (!fits) problems.push(`${name} lists ${kind} ${i.id} (${i.name ?? i.title ?? i.head_name ?? ''}): wider than the role may see`);
      }
      // The export is the same rows as the list, never more.
      const ex = await c.get(`/api/v1/export/${kind}?format=csv`);
      if (ex.status >= 500) problems.push(`${name} GET /api/v1/export/${kind}: ${ex.status}`);
      if (ex.status === 200 && list.whole) {
        exports++;
        const rows = csvRecords(ex.text);
        if (rows > list.items.length) problems.push(`${name} exports ${rows} ${kind} but lists ${list.items.length}`);
      }
    }
  }
  console.log(`scope width: ${CALLERS.length} callers × ${KINDS.length} kinds, ${checked} listed items and ${exports} exports checked, ${problems.length} problems`);
  assert.ok(checked > 1000, `the proof must look at many items: ${checked}`);
  assert.deepEqual(problems, []);
});

test('a resident reads its own household and no one else\'s, in the list, the detail and the export', async () => {
  const admin = await as('admin');
  const resident = await as('resident');
  const community = resident.account.roles[0].scope_id;
  const all = (await admin.get(`/api/v1/households?limit=200&area_id=${community}`)).json.items;
  assert.ok(all.length > 1, 'the demo community has several households');
  const own = (await resident.get('/api/v1/households?limit=200')).json.items;
  assert.ok(own.length <= 1, `a resident lists ${own.length} households`);
  for (const h of all) {
    if (own.some((o) => o.id === h.id)) continue;
    const r = await resident.get(`/api/v1/households/${h.id}`);
    assert.equal(r.status, 404, `household ${h.id} opens for the resident`);
    assert.ok(!r.text.includes(h.head_name), 'the refusal names the head of household');
  }
  const ex = await resident.get('/api/v1/export/households?format=csv');
  assert.equal(ex.status, 200);
  for (const h of all) {
    if (!own.some((o) => o.id === h.id)) assert.ok(!ex.text.includes(h.address), `the export holds ${h.address}`);
  }
  assert.ok(!resident.account.menus.includes('households'), 'the console offers the resident a households page');
});

test('a published need shows the unit and member what is needed, not who asked', async () => {
  const admin = await as('admin');
  const unit = await as('unit');
  const needs = (await admin.get('/api/v1/needs?limit=200&status=published')).json.items.filter((n) => n.requester_name);
  assert.ok(needs.length > 0, 'the demo has published needs with a requester');
  const n = needs[0];
  const seen = await unit.get(`/api/v1/needs/${n.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.title, n.title);
  assert.equal(seen.json.requester_name, null);
  const ex = await unit.get('/api/v1/export/needs?format=csv');
  assert.ok(!ex.text.includes(n.requester_name), 'the export names the requester');
  const staff = await (await as('community')).get(`/api/v1/needs/${n.id}`);
  if (staff.status === 200) assert.equal(staff.json.requester_name, n.requester_name);
});
