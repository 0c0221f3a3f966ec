// The scope proof. Every route the router holds is called as every account (and anonymously), on
// objects inside and outside that account's scope. An account's scope for a kind of object is what
// its own list of that kind shows it. Outside it, nothing is returned: a 4xx, with none of the
// object's text. Nothing is changed either: not a 2xx, and the object reads the same to the county
// administrator before and after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, serverNow } from './client.mjs';

const ACCOUNTS = ['admin', 'street', 'community', 'community2', 'grid', 'branch', 'member', 'unit', 'resident', 'dept',
  'sysadmin', 'secadmin', 'auditor'];
const TAG = `越界${process.pid % 100000}`;
// Kinds of object by the path segment after /api/v1/, and how a list of them is read.
const LISTS = {
  accounts: (o) => `/api/v1/accounts?q=${encodeURIComponent(o.username)}`,
  appeals: (o) => `/api/v1/appeals?queue=all&q=${encodeURIComponent(o.code)}`,
  orders: () => '/api/v1/orders?limit=100',
  outbox: () => '/api/v1/outbox?limit=200',
};
const REGISTERS = ['areas', 'orgs', 'units', 'members', 'venues', 'people', 'activities', 'deliberations',
  'dual-reports', 'households', 'needs', 'pairings', 'projects', 'resources', 'volunteer-teams'];
for (const k of REGISTERS) LISTS[k] = (o) => `/api/v1/${k}?limit=200&area_id=${o.area_id}`;
LISTS.areas = (o) => `/api/v1/areas?limit=200&parent_id=${o.parent_id ?? 0}`;
LISTS.members = (o) => `/api/v1/members?limit=200&org_id=${o.org_id}`;
const DETAIL = { accounts: null, outbox: null };  // no detail route: compared through their list
const label = (o) => o.username ?? o.title ?? o.name ?? o.code ?? String(o.id);
const ok = (s) => s >= 200 && s < 300;

async function itemsOf(c, path) {
  const items = [];
  for (let url = path, page = 0; url && page < 10; page++) {
    const r = await c.get(url);
    if (r.status !== 200 || !r.json) return null;
    items.push(...(r.json.items ?? r.json.orders ?? []));
    url = r.json.next_cursor ? `${path}&after=${encodeURIComponent(r.json.next_cursor)}` : null;
  }
  return items;
}

// The objects the proof walks: per kind, some in the second community (outside every account bound
// inside the first), some in the first; made here when the demo county has none.
async function candidates(admin, c2, home, away) {
  const awayArea = (await admin.get(`/api/v1/areas/${away}`)).json;
  const make = async (who, path, body) => {
    const r = await who.post(path, body);
    assert.ok(ok(r.status), `${path}: ${r.status} ${r.text}`);
    return r.json;
  };
  const t = await serverNow();
  await make(c2, '/api/v1/needs', { title: `${TAG}需求`, kind: 'service', area_id: away, description: '范围测试' });
  await make(c2, '/api/v1/projects', { title: `${TAG}项目`, places: 2, area_id: away });
  await make(await as('unit'), '/api/v1/resources', { title: `${TAG}资源`, kind: 'volunteers', area_id: away, capacity: 2 });
  await make(c2, '/api/v1/deliberations', { title: `${TAG}议事`, body: '范围测试', area_id: away, proposer: '社区' });
  await make(c2, '/api/v1/volunteer-teams', { name: `${TAG}服务队`, area_id: away });
  await make(c2, '/api/v1/pairings', { kind: 'one_one', title: `${TAG}结对`, area_id: away });
  await make(c2, '/api/v1/households', { address: `${TAG}1号楼101`, head_name: '户主', area_id: away });
  await make(c2, '/api/v1/activities', { title: `${TAG}活动`, area_id: away, place: '服务站', starts_at: t + 86400, ends_at: t + 90000, places: 5 });
  await make(c2, '/api/v1/venues', { name: `${TAG}活动室`, kind: 'other', area_id: away });
  const cats = (await (await fetch(`${admin.base}/api/v1/public/categories`)).json()).items;
  const parents = new Set(cats.map((c) => c.parent_id));
  const cat = cats.find((c) => c.level === 3 && !parents.has(c.id));
  const filed = await make(new Client(), '/api/v1/public/appeals', { type: 'complaint', category_id: cat.id,
    description: `${TAG}诉求：路灯不亮`, address: `${awayArea.name}3号楼`, phone: '13800000001' });
  const need = (await admin.get(`/api/v1/needs?limit=5&area_id=${away}&q=${encodeURIComponent(TAG)}`)).json.items[0];
  await make(await as('unit'), `/api/v1/needs/${need.id}/claim`, { note: '范围测试' });
  await make(c2, '/api/v1/accounts', { username: `scope${process.pid}`, display_name: `${TAG}网格员`, password: 'Initial#2026', roles: [{ role: 'grid_staff', scope_id: away }] });

  const out = {};
  for (const kind of REGISTERS) {
    const inB = (await itemsOf(admin, `/api/v1/${kind}?limit=200&area_id=${away}`)) ?? [];
    const inA = (await itemsOf(admin, `/api/v1/${kind}?limit=200&area_id=${home}`)) ?? [];
    out[kind] = [...inB.slice(0, 2).map((o) => ({ ...o, away: true })), ...inA.slice(0, 1)];
  }
  out.areas = [{ ...awayArea, away: true }, (await admin.get(`/api/v1/areas/${home}`)).json];
  const appeal = (await admin.get(`/api/v1/appeals?queue=all&q=${filed.code}`)).json.items[0];
  out.appeals = [{ ...appeal, away: true }];
  out.orders = ((await itemsOf(admin, '/api/v1/orders?limit=100')) ?? []).filter((o) => JSON.stringify(o).includes(TAG)).map((o) => ({ ...o, away: true }));
  out.accounts = ((await admin.get(`/api/v1/accounts?q=scope${process.pid}`)).json.items).map((o) => ({ ...o, away: true }));
  out.outbox = ((await itemsOf(admin, '/api/v1/outbox?limit=200')) ?? []).slice(0, 1);
  return out;
}

test('scope proof: every route, every account, objects inside and outside their scope', async () => {
  const routes = (await new Client().get('/api/v1/_test/routes')).json.routes
    .filter((r) => r.pattern.startsWith('/api/v1/') && !r.pattern.startsWith('/api/v1/_test/'));
  const admin = await as('admin');
  const c1 = await as('community');
  const c2 = await as('community2');
  const home = c1.account.roles[0].scope_id;
  const away = c2.account.roles[0].scope_id;
  const objects = await candidates(admin, c2, home, away);
  for (const kind of Object.keys(LISTS)) assert.ok(objects[kind], kind);
  assert.ok(objects.orders.length > 0, 'an order outside exists (the orders list answered)');
  assert.ok(objects.needs.some((o) => o.away) && objects.members.some((o) => o.away), 'objects outside exist');

  const clients = { anonymous: new Client() };
  for (const name of ACCOUNTS) clients[name] = await as(name);
  const scopeCache = new Map();
  async function inScope(name, kind, o) {
    const key = `${name}/${kind}/${o.id}`;
    if (!scopeCache.has(key)) {
      const items = name === 'anonymous' ? null : await itemsOf(clients[name], LISTS[kind](o));
      scopeCache.set(key, !!items && items.some((i) => i.id === o.id));
    }
    return scopeCache.get(key);
  }
  const snapshot = async (kind, o) => {
    if (DETAIL[kind] === null) return JSON.stringify((await itemsOf(admin, LISTS[kind](o)))?.find((i) => i.id === o.id));
    return (await admin.get(`/api/v1/${kind}/${o.id}`)).text;
  };

  let cases = 0, outside = 0, inside = 0;
  const problems = [];
  for (const route of routes) {
    const kind = route.pattern.split('/')[3];
    const idRoute = route.pattern.startsWith(`/api/v1/${kind}/{id}`);
    if (!idRoute || !objects[kind]?.length) continue;
    for (const [name, c] of Object.entries(clients)) {
      for (const o of objects[kind]) {
        const mine = await inScope(name, kind, o);
        const path = route.pattern.replace('{id}', o.id).replace(/\{[a-z_]+\}/g, '1');
        if (mine && route.method !== 'GET') continue;  // in scope, writes may rightly change things
        cases++;
        if (mine) {
          inside++;
          // The other direction: what the caller's list shows, its detail opens.
          if (route.pattern === `/api/v1/${kind}/{id}`) {
            const r = await c.get(path);
            if (r.status !== 200) problems.push(`${name} GET ${path}: listed but answered ${r.status}`);
          }
          continue;
        }
        outside++;
        const before = route.method === 'GET' ? null : await snapshot(kind, o);
        const body = route.method === 'PATCH' || route.method === 'PUT' ? JSON.parse(before ?? '{}') : {};
        const r = await c.req(route.method, path, route.method === 'GET' || route.method === 'DELETE' ? undefined : body);
        const what = `${name} ${route.method} ${path} (${kind} ${label(o)} outside)`;
        if (ok(r.status)) problems.push(`${what}: answered ${r.status}`);
        else if (r.status >= 500) problems.push(`${what}: ${r.status}`);
        else if (o.away && String(label(o)).length >= 4 && r.text.includes(label(o))) problems.push(`${what}: error names the object`);
        if (before !== null && (await snapshot(kind, o)) !== before) problems.push(`${what}: changed it`);
      }
    }
  }
  // Lists and exports of a kind hold nothing of that kind from outside the caller's scope.
  let lists = 0;
  for (const route of routes) {
    const kind = route.pattern.split('/')[3] === 'export' ? route.pattern.split('/')[4] : route.pattern.split('/')[3];
    if (route.method !== 'GET' || route.pattern.includes('{') || !objects[kind]?.length) continue;
    for (const [name, c] of Object.entries(clients)) {
      const r = await c.get(route.pattern + (route.pattern.includes('export') ? '?format=csv' : ''));
      if (!ok(r.status)) continue;
      lists++;
      for (const o of objects[kind]) {
        if (!o.away || (await inScope(name, kind, o))) continue;
        const leaked = (r.json?.items ?? []).some((i) => i.id === o.id) || (String(label(o)).includes(TAG) && r.text.includes(label(o)));
        if (leaked) problems.push(`${name} GET ${route.pattern} shows ${kind} ${label(o)} from outside its scope`);
      }
    }
  }
  console.log(`scope proof: ${routes.length} routes, ${Object.keys(clients).length} callers, ${cases} object cases ` +
    `(${outside} outside scope, ${inside} inside), ${lists} list answers checked, ${problems.length} problems`);
  assert.ok(outside > 500 && inside > 20, `the proof must exercise both sides: ${outside} outside, ${inside} inside`);
  assert.deepEqual(problems, []);
});
