// Appeals: public intake and tracking, dispatch to the grid, the closed loop, escalation by the clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const pub = new Client();
// Grid cells tile the county from lon 99.50, lat 39.20 in 0.06° squares; cell 0 is the grid account's.
const GRID1 = { lon: 99.53, lat: 39.23 };
const GRID2 = { lon: 99.59, lat: 39.23 };

async function leaf(urgency = 'general') {
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const parents = new Set(cats.map((c) => c.parent_id));
  return cats.find((c) => c.level === 3 && c.urgency === urgency && !parents.has(c.id));
}

async function fileAt(point, extra = {}) {
  const cat = await leaf(extra.urgency);
  const r = await pub.post('/api/v1/public/appeals', {
    type: 'complaint', category_id: cat.id, description: '楼道里堆满了杂物，影响通行', ...point,
    phone: '13912345678', reporter_name: '张阿姨', anonymous: false, ...extra.body,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function advance(seconds) {
  const r = await pub.post('/api/v1/_test/clock', { advance_seconds: seconds });
  assert.equal(r.status, 200);
}

test('categories are a three-level tree with urgency; grids are public GeoJSON', async () => {
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const tops = cats.filter((c) => c.level === 1).map((c) => c.name);
  for (const name of ['环境卫生', '物业服务', '停车管理', '飞线充电', '安全隐患', '矛盾纠纷', '市政设施', '水电气暖', '政策咨询', '企业诉求']) {
    assert.ok(tops.includes(name), name);
  }
  assert.ok(cats.some((c) => c.level === 3 && c.is_dispute));
  const grids = await pub.get('/api/v1/public/grids');
  assert.equal(grids.json.type, 'FeatureCollection');
  assert.equal(grids.json.features.length, 60);
  assert.ok(!JSON.stringify(grids.json).includes('staff'));
  const communities = (await pub.get('/api/v1/public/communities')).json.items;
  assert.ok(communities.length > 0 && communities.every((c) => c.id && c.name && c.street_name), 'each with its street');
  const byId = new Map(communities.map((c) => [c.id, c.name]));
  for (const g of grids.json.features) {
    assert.equal(byId.get(g.properties.community_id), g.properties.community, 'each grid names its community by id');
  }
});

test('a resident files by tapping the map: it lands in that grid with a 7-working-day limit', async () => {
  const a = await fileAt(GRID1);
  assert.match(a.code, /^[2-9A-HJ-NP-Z]{10}$/);
  assert.equal(a.status, 'submitted');
  assert.ok(a.grid_name.includes('第1网格'));
  const days = (a.deadline_at - a.created_at) / 86400;
  assert.ok(days >= 7 && days <= 12, `7 working days is 7–12 calendar days, got ${days}`);
  const back = await pub.get(`/api/v1/public/appeals/${a.code}`);
  assert.equal(back.status, 200);
  assert.equal(back.json.timeline[0].label, '提交诉求');
  assert.ok(!back.text.includes('13912345678') && !back.text.includes('139****5678'), 'no phone in the public view');
  assert.equal((await pub.get(`/api/v1/public/appeals/${a.code.toLowerCase()}`)).status, 200);
});

test('only the grid it landed in sees it; the community above sees it too', async () => {
  const a = await fileAt(GRID1);
  const grid = await as('grid');
  const queue = await grid.get('/api/v1/appeals?queue=pending&limit=100');
  assert.equal(queue.status, 200);
  const mine = queue.json.items.find((x) => x.code === a.code);
  assert.ok(mine, 'in the grid worker queue');
  assert.equal(mine.level, 1);
  assert.equal(mine.phone, '139****5678');
  const other = await fileAt(GRID2);
  assert.ok(!(await grid.get('/api/v1/appeals?limit=100')).json.items.some((x) => x.code === other.code));
  const detail = await grid.get(`/api/v1/appeals/${(await (await as('admin')).get(`/api/v1/appeals?q=${other.code}`)).json.items[0].id}`);
  assertError(assert, detail, 404);
  const community = await as('community');
  assert.ok((await community.get('/api/v1/appeals?limit=100')).json.items.some((x) => x.code === a.code));
  assertError(assert, await (await as('community2')).get(`/api/v1/appeals/${mine.id}`), 404);
  assertError(assert, await (await as('member')).get('/api/v1/appeals'), 403);
});

test('the closed loop: accept, start, resolve, the resident rates, it closes', async () => {
  const a = await fileAt(GRID1);
  const grid = await as('grid');
  const id = (await grid.get(`/api/v1/appeals?q=${a.code}`)).json.items[0].id;
  let d = (await grid.get(`/api/v1/appeals/${id}`)).json;
  assert.deepEqual(d.actions, ['accept', 'escalate', 'note']);
  assertError(assert, await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'resolve', note: '已清理' }), 409, 'bad_state');
  assertError(assert, await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'reject', reason: '不归我管' }), 403);
  for (const action of ['accept', 'start']) {
    const r = await grid.post(`/api/v1/appeals/${id}/actions`, { action });
    assert.equal(r.status, 200, r.text);
  }
  assertError(assert, await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'resolve' }), 400, 'required');
  d = (await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'resolve', note: '已协调物业清理楼道' })).json;
  assert.equal(d.status, 'resolved');
  const view = (await pub.get(`/api/v1/public/appeals/${a.code}`)).json;
  assert.equal(view.can_rate, true);
  assert.ok(view.timeline.some((e) => e.note === '已协调物业清理楼道'));
  assertError(assert, await pub.post(`/api/v1/public/appeals/${a.code}/rating`, { satisfaction: 'great' }), 400);
  const rated = await pub.post(`/api/v1/public/appeals/${a.code}/rating`, { satisfaction: 'satisfied', comment: '很及时' });
  assert.equal(rated.status, 200, rated.text);
  assert.equal(rated.json.status, 'closed');
  assert.equal(rated.json.can_rate, false);
  assertError(assert, await pub.post(`/api/v1/public/appeals/${a.code}/rating`, { satisfaction: 'satisfied' }), 409);
  const trail = (await grid.get(`/api/v1/appeals/${id}`)).json.timeline.map((e) => e.action);
  assert.deepEqual(trail, ['submit', 'dispatch', 'accept', 'start', 'resolve', 'rate']);
});

test('dissatisfied reopens; a staff callback records satisfaction; rejection needs a reason', async () => {
  const a = await fileAt(GRID1);
  const grid = await as('grid');
  const community = await as('community');
  const id = (await grid.get(`/api/v1/appeals?q=${a.code}`)).json.items[0].id;
  await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'accept' });
  await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'resolve', note: '已处理' });
  const unhappy = await pub.post(`/api/v1/public/appeals/${a.code}/rating`, { satisfaction: 'dissatisfied', comment: '没有解决' });
  assert.equal(unhappy.json.status, 'reopened');
  assert.ok((await grid.get('/api/v1/appeals?queue=pending&limit=100')).json.items.some((x) => x.id === id));
  await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'start' });
  await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'resolve', note: '再次处理' });
  assertError(assert, await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'callback', satisfaction: 'basic' }), 403);
  assertError(assert, await community.post(`/api/v1/appeals/${id}/actions`, { action: 'callback' }), 400, 'required');
  const cb = await community.post(`/api/v1/appeals/${id}/actions`, { action: 'callback', satisfaction: 'basic', note: '电话回访' });
  assert.equal(cb.json.status, 'called_back');
  assert.equal(cb.json.satisfaction, 'basic');
  assert.equal((await community.post(`/api/v1/appeals/${id}/actions`, { action: 'close' })).json.status, 'closed');
  const b = await fileAt(GRID1);
  const bid = (await community.get(`/api/v1/appeals?q=${b.code}`)).json.items[0].id;
  assertError(assert, await community.post(`/api/v1/appeals/${bid}/actions`, { action: 'reject' }), 400, 'required');
  const rej = await community.post(`/api/v1/appeals/${bid}/actions`, { action: 'reject', reason: '属于司法诉讼范围，请依法起诉' });
  assert.equal(rej.json.status, 'rejected');
  const seen = (await pub.get(`/api/v1/public/appeals/${b.code}`)).json;
  assert.ok(seen.timeline.some((e) => e.note === '属于司法诉讼范围，请依法起诉'), 'the reporter sees the reason');
});

test('four levels in seven days: each slice running out moves it up, out of the grid\'s hands', async () => {
  const a = await fileAt(GRID1);
  const id = (await (await as('grid')).get(`/api/v1/appeals?q=${a.code}`)).json.items[0].id;
  // Four calendar days always hold the grid's one working day, whatever day the test runs.
  await advance(4 * 86400);
  const sweep = await pub.post('/api/v1/_test/sweep', {});
  assert.ok(sweep.json.escalated >= 1);
  // Sessions lapse with the clock moved days ahead: log in again.
  const grid = await as('grid');
  let street = await as('street');
  let d = (await street.get(`/api/v1/appeals/${id}`)).json;
  assert.ok(d.level >= 2, `escalated, level ${d.level}`);
  assert.ok(d.timeline.some((e) => e.action === 'escalate' && e.actor === 'system'));
  const fromGrid = await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'accept' });
  assertError(assert, fromGrid, 403);
  await advance(14 * 86400);
  for (let i = 0; i < 3; i++) await pub.post('/api/v1/_test/sweep', {});
  street = await as('street');
  d = (await street.get(`/api/v1/appeals/${id}`)).json;
  assert.equal(d.level, 4);
  assert.equal(d.overdue, true);
  assert.ok((await (await as('admin')).get('/api/v1/appeals?queue=overdue&limit=100')).json.items.some((x) => x.id === id));
  assert.ok(d.timeline.some((e) => e.action === 'warn'));
  assertError(assert, await street.post(`/api/v1/appeals/${id}/actions`, { action: 'accept' }), 403);
  const admin = await as('admin');
  const done = await admin.post(`/api/v1/appeals/${id}/actions`, { action: 'accept' });
  assert.equal(done.status, 200);
  assert.ok(!done.json.actions.includes('escalate'), 'nowhere above the county');
});

test('staff intake by hotline; manual escalation; address-only goes to the community or the county desk', async () => {
  const grid = await as('grid');
  const cat = await leaf();
  const own = await grid.post('/api/v1/appeals', { type: 'report', category_id: cat.id, description: '巡查发现井盖松动', channel: 'patrol', ...GRID1 });
  assert.equal(own.status, 201, own.text);
  assert.equal(own.json.channel, 'patrol');
  const far = await grid.post('/api/v1/appeals', { type: 'report', category_id: cat.id, description: '巡查发现井盖松动', channel: 'patrol', ...GRID2 });
  assertError(assert, far, 400);
  const up = await grid.post(`/api/v1/appeals/${own.json.id}/actions`, { action: 'escalate', note: '需要社区协调' });
  assert.equal(up.json.level, 2);
  const admin = await as('admin');
  const community = (await admin.get('/api/v1/areas?kind=community&limit=1')).json.items[0];
  const byAddress = await admin.post('/api/v1/appeals', { type: 'help', category_id: cat.id, description: '独居老人需要帮助', channel: 'hotline', address: `${community.name}3号楼` });
  assert.equal(byAddress.json.level, 2);
  assert.equal(byAddress.json.area_name, community.name);
  const desk = await admin.post('/api/v1/appeals', { type: 'help', category_id: cat.id, description: '不知道在哪里的问题', channel: 'walk_in', address: '某某路' });
  assert.equal(desk.json.level, 4);
  assert.equal(desk.json.area_name, '金河县');
});

test('hostile and malformed appeals get clear 4xx', async () => {
  const cat = await leaf();
  const parent = (await pub.get('/api/v1/public/categories')).json.items.find((c) => c.level === 1);
  const base = { type: 'complaint', category_id: cat.id, description: '问题描述足够长', ...GRID1, phone: '13912345678' };
  for (const [patch, field] of [
    [{ type: 'praise' }, 'type'], [{ category_id: 999999 }, 'category_id'], [{ category_id: parent.id }, 'category_id'],
    [{ category_id: null }, 'category_id'], [{ description: '短' }, 'description'], [{ description: 'x'.repeat(1001) }, 'description'],
    [{ lon: 200 }, 'lon'], [{ lat: 'north' }, 'lat'], [{ lat: null, lon: 99.5 }, 'lat'], [{ lon: null, lat: null }, 'address'],
    [{ phone: null }, 'phone'], [{ phone: 'abc' }, 'phone'], [{ reporter_name: 'x'.repeat(31) }, 'reporter_name'],
  ]) {
    const r = await pub.post('/api/v1/public/appeals', { ...base, ...patch });
    assertError(assert, r, 400);
    assert.equal(r.json.error.field, field, JSON.stringify(patch));
  }
  const anon = await pub.post('/api/v1/public/appeals', { ...base, phone: null, anonymous: true });
  assert.equal(anon.status, 201);
  for (const code of ['short', 'AAAAAAAAAA1', '../../etc', 'IIIIIIIIII', '%27OR1%3D1']) {
    assertError(assert, await pub.get(`/api/v1/public/appeals/${code}`), 404);
  }
  assertError(assert, await pub.req('POST', '/api/v1/public/appeals', '{"type":', { raw: true }), 400);
  const grid = await as('grid');
  for (const qs of ['queue=everything', 'limit=0', 'limit=1000', 'after=x', 'category_id=-3', 'q=' + 'x'.repeat(60)]) {
    assertError(assert, await grid.get(`/api/v1/appeals?${qs}`), 400);
  }
  const id = (await grid.get('/api/v1/appeals?limit=1')).json.items[0].id;
  assertError(assert, await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'teleport' }), 400);
  assertError(assert, await grid.post(`/api/v1/appeals/${id}/actions`, {}), 400);
  assertError(assert, await grid.post('/api/v1/appeals/99999999/actions', { action: 'accept' }), 404);
  assertError(assert, await pub.post(`/api/v1/appeals/${id}/actions`, { action: 'accept' }), 401);
});

test('the county desk dispatches an address-only appeal down to a grid, where the grid worker sees it', async () => {
  const admin = await as('admin');
  const cat = await leaf();
  const desk = await admin.post('/api/v1/appeals', { type: 'help', category_id: cat.id, description: '地址不详的求助', channel: 'hotline', address: '不知道哪里' });
  assert.equal(desk.json.level, 4);
  assert.ok(desk.json.actions.includes('dispatch'));
  const grid = await as('grid');
  const gridArea = (await grid.get('/api/v1/areas?parent_id=0')).json.items[0];
  assertError(assert, await admin.post(`/api/v1/appeals/${desk.json.id}/actions`, { action: 'dispatch' }), 400, 'required');
  const county = (await admin.get('/api/v1/areas?parent_id=0')).json.items[0];
  const wrong = await admin.post(`/api/v1/appeals/${desk.json.id}/actions`, { action: 'dispatch', area_id: county.id });
  assertError(assert, wrong, 400);
  const sent = await admin.post(`/api/v1/appeals/${desk.json.id}/actions`, { action: 'dispatch', area_id: gridArea.id });
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.json.level, 1);
  assert.equal(sent.json.grid_id, gridArea.id);
  assert.ok((await grid.get('/api/v1/appeals?queue=pending&limit=100')).json.items.some((x) => x.id === desk.json.id));
  // A grid has nobody below it to dispatch to; a community dispatches to its own grids only.
  assertError(assert, await grid.post(`/api/v1/appeals/${desk.json.id}/actions`, { action: 'dispatch', area_id: gridArea.id }), 403);
  const away = (await (await as('community2')).get('/api/v1/areas?parent_id=0')).json.items[0];
  assertError(assert, await (await as('community')).post(`/api/v1/appeals/${desk.json.id}/actions`, { action: 'dispatch', area_id: away.id }), 400);
});

test('figures come from the rollup and match the appeals themselves', async () => {
  const range = 'from=2020-01-01&to=2100-12-31';
  const community = await as('community');
  const before = (await community.get(`/api/v1/appeals/figures?${range}`)).json;
  const a = await fileAt(GRID1);
  const b = await fileAt(GRID1);
  const grid = await as('grid');
  const aid = (await grid.get(`/api/v1/appeals?q=${a.code}`)).json.items[0].id;
  await grid.post(`/api/v1/appeals/${aid}/actions`, { action: 'accept' });
  await grid.post(`/api/v1/appeals/${aid}/actions`, { action: 'resolve', note: '已解决' });
  await pub.post(`/api/v1/public/appeals/${a.code}/rating`, { satisfaction: 'satisfied' });
  const after = (await community.get(`/api/v1/appeals/figures?${range}`)).json;
  assert.equal(after.received - before.received, 2);
  assert.equal(after.responded - before.responded, 1);
  assert.equal(after.resolved - before.resolved, 1);
  assert.equal(after.first_line - before.first_line, 1);
  assert.equal(after.rated - before.rated, 1);
  assert.equal(after.satisfied - before.satisfied, 1);
  assert.equal(after.open - before.open, 1);
  assert.ok(after.response_rate > 0 && after.response_rate <= 1);
  assert.ok(after.children.length >= 4, 'the community\'s grids, ranked');
  assert.deepEqual(after.children.map((c) => c.rank), after.children.map((_, i) => i + 1));
  const first = after.children.find((c) => c.name.includes('第1网格'));
  assert.ok(first.received >= 2);
  const admin = await as('admin');
  const county = (await admin.get(`/api/v1/appeals/figures?${range}`)).json;
  const all = (await admin.get('/api/v1/appeals?queue=all&limit=1')).json.total;
  assert.equal(county.received, all, 'the rollup counts every appeal once');
  assert.equal(county.children.length, 10, 'streets, towns and the park ranked');
  assert.ok(county.overdue_open >= 1, 'the escalated appeal is overdue');
  assertError(assert, await (await as('community2')).get(`/api/v1/appeals/figures?area_id=${first.area_id}`), 404);
  for (const qs of ['from=2026-13-01', 'to=yesterday', 'from=2026-02-01&to=2026-01-01', 'area_id=abc', 'category_id=x']) {
    assertError(assert, await admin.get(`/api/v1/appeals/figures?${qs}`), 400);
  }
  const byCat = (await admin.get(`/api/v1/appeals/figures?${range}&category_id=${(await leaf()).id}`)).json;
  assert.ok(byCat.received >= 2 && byCat.received <= county.received);
});

test('吹哨报到: the street whistles departments in; they see it, check in and report; late ones are named', async () => {
  const a = await fileAt(GRID1);
  const street = await as('street');
  const id = (await street.get(`/api/v1/appeals?q=${a.code}`)).json.items[0].id;
  const dept = await as('dept');
  assert.ok(!(await dept.get('/api/v1/appeals?limit=100')).json.items.some((x) => x.id === id), 'not before the whistle');
  assertError(assert, await dept.get(`/api/v1/appeals/${id}`), 404);
  const units = (await street.get('/api/v1/units?kind=organ&limit=200')).json.items;
  let zhujian = units.find((u) => u.name.endsWith('住建局'));
  let chengguan = units.find((u) => u.name.endsWith('城管局'));
  const admin = await as('admin');
  if (!zhujian || !chengguan) {  // departments may sit outside the street: the county can see them all
    const all = (await admin.get('/api/v1/units?kind=organ&limit=200')).json.items;
    zhujian = all.find((u) => u.name.endsWith('住建局'));
    chengguan = all.find((u) => u.name.endsWith('城管局'));
  }
  const grid = await as('grid');
  assertError(assert, await grid.post(`/api/v1/appeals/${id}/whistles`, { unit_ids: [zhujian.id] }), 403);
  const company = (await admin.get('/api/v1/units?kind=enterprise&limit=1')).json.items[0];
  assertError(assert, await street.post(`/api/v1/appeals/${id}/whistles`, { unit_ids: [company.id] }), 400);
  assertError(assert, await street.post(`/api/v1/appeals/${id}/whistles`, { unit_ids: [] }), 400, 'required');
  assertError(assert, await street.post(`/api/v1/appeals/${id}/whistles`, { unit_ids: 'all' }), 400);
  const w = await street.post(`/api/v1/appeals/${id}/whistles`, { unit_ids: [zhujian.id, chengguan.id], note: '请联合处置' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json.whistles.length, 2);
  const seen = await dept.get(`/api/v1/appeals/${id}`);
  assert.equal(seen.status, 200);
  assert.ok(seen.json.actions.includes('checkin'));
  assert.ok(!seen.json.actions.includes('resolve'), 'departments work it jointly; the holder resolves');
  const checked = await dept.post(`/api/v1/appeals/${id}/checkin`, { note: '已派人到场' });
  assert.equal(checked.status, 200, checked.text);
  assert.ok(checked.json.whistles.find((x) => x.unit_id === zhujian.id).checked_in_at);
  assertError(assert, await dept.post(`/api/v1/appeals/${id}/checkin`, {}), 409);
  const progress = await dept.post(`/api/v1/appeals/${id}/notes`, { note: '已完成管线排查' });
  assert.equal(progress.status, 200);
  assertError(assert, await grid.post(`/api/v1/appeals/${id}/notes`, { kind: 'supervise', note: '快办' }), 403);
  assert.equal((await street.post(`/api/v1/appeals/${id}/notes`, { kind: 'supervise', note: '请于周五前办结' })).status, 200);
  assertError(assert, await street.post(`/api/v1/appeals/${id}/notes`, { note: '' }), 400, 'required');
  await advance(2 * 86400);
  const sw = await pub.post('/api/v1/_test/sweep', {});
  assert.ok(sw.json.late_checkins >= 1);
  const trail = (await (await as('street')).get(`/api/v1/appeals/${id}`)).json;
  const labels = trail.timeline.map((e) => e.action);
  for (const x of ['whistle', 'checkin', 'progress', 'supervise', 'checkin_overdue']) assert.ok(labels.includes(x), x);
  assert.ok(trail.whistles.find((x) => x.unit_id === chengguan.id).late);
  assert.ok(!trail.whistles.find((x) => x.unit_id === zhujian.id).late);
});

test('likely duplicates are suggested; merging keeps the second reporter informed', async () => {
  const first = await fileAt({ lon: 99.5301, lat: 39.2301 }, { body: { description: '5号楼东侧下水道井盖缺失，非常危险' } });
  const second = await fileAt({ lon: 99.5303, lat: 39.2302 }, { body: { description: '5号楼东边的下水道井盖缺失了，很危险' } });
  const unrelated = await fileAt({ lon: 99.5302, lat: 39.2302 }, { body: { description: '广场舞音响太吵，晚上十点还不停' } });
  const community = await as('community');
  const id = (code) => community.get(`/api/v1/appeals?q=${code}`).then((r) => r.json.items[0].id);
  const [firstId, secondId] = [await id(first.code), await id(second.code)];
  const d = (await community.get(`/api/v1/appeals/${secondId}`)).json;
  assert.ok(d.duplicates.length >= 1, JSON.stringify(d.duplicates));
  assert.equal(d.duplicates[0].code, first.code);
  assert.ok(d.duplicates[0].distance_m < 100);
  assert.ok(!d.duplicates.some((x) => x.code === unrelated.code), 'different text is not a duplicate');
  const merged = await community.post(`/api/v1/appeals/${secondId}/actions`, { action: 'merge', merge_into: firstId });
  assert.equal(merged.json.status, 'merged');
  const grid = await as('grid');
  await grid.post(`/api/v1/appeals/${firstId}/actions`, { action: 'accept' });
  await grid.post(`/api/v1/appeals/${firstId}/actions`, { action: 'resolve', note: '已补装井盖' });
  const view = (await pub.get(`/api/v1/public/appeals/${second.code}`)).json;
  assert.equal(view.merged_into.code, first.code);
  assert.equal(view.status, 'resolved');
  assert.ok(view.timeline.some((e) => e.note === '已补装井盖'), 'the survivor\'s progress reaches the merged reporter');
  assert.equal(view.can_rate, false);
  assertError(assert, await community.post(`/api/v1/appeals/${secondId}/actions`, { action: 'merge', merge_into: secondId }), 409);
});

// A 1×1 PNG, a tiny JPEG header and a GIF: real bytes, not names, decide.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(200, 7), Buffer.from('ffd9', 'hex')]);

test('photos: recognised by content, stored once by hash, shown on the appeal and its timeline', async () => {
  const up = await pub.req('POST', '/api/v1/public/photos', PNG, { raw: true, headers: { 'content-type': 'image/png' } });
  assert.equal(up.status, 201, up.text);
  assert.match(up.json.photo, /^[0-9a-f]{64}$/);
  const again = await pub.req('POST', '/api/v1/public/photos', PNG, { raw: true, headers: { 'content-type': 'image/jpeg' } });
  assert.equal(again.json.photo, up.json.photo, 'the same bytes are one photo');
  const fake = await pub.req('POST', '/api/v1/public/photos', Buffer.from('GIF89a......'), { raw: true, headers: { 'content-type': 'image/png' } });
  assertError(assert, fake, 415, 'unsupported_media');
  const svg = await pub.req('POST', '/api/v1/public/photos', Buffer.from('<svg onload="alert(1)"/>'), { raw: true, headers: { 'content-type': 'image/jpeg' } });
  assertError(assert, svg, 415);
  const big = await pub.req('POST', '/api/v1/public/photos', Buffer.concat([JPEG, Buffer.alloc(6 * 1024 * 1024)]), { raw: true });
  assertError(assert, big, 413);
  assertError(assert, await pub.req('POST', '/api/v1/public/photos', Buffer.alloc(0), { raw: true }), 400);
  const a = await fileAt(GRID1, { body: { photos: [up.json.photo] } });
  assert.deepEqual(a.photos, [`/api/v1/photos/${up.json.photo}`]);
  const img = await fetch(`${(await import('./client.mjs')).BASE}${a.photos[0]}`);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), PNG);
  assertError(assert, await pub.get('/api/v1/photos/' + 'a'.repeat(64)), 404);
  assertError(assert, await pub.get('/api/v1/photos/..%2F..%2Fetc%2Fpasswd'), 404);
  const cat = await leaf();
  const tooMany = await pub.post('/api/v1/public/appeals', { type: 'help', category_id: cat.id, description: '照片太多了', ...GRID1, anonymous: true, photos: Array(10).fill(up.json.photo) });
  assertError(assert, tooMany, 400);
  const unknown = await pub.post('/api/v1/public/appeals', { type: 'help', category_id: cat.id, description: '照片不存在', ...GRID1, anonymous: true, photos: ['b'.repeat(64)] });
  assertError(assert, unknown, 400);
  assert.equal(unknown.json.error.field, 'photos');
  const after = await pub.req('POST', '/api/v1/public/photos', JPEG, { raw: true });
  const grid = await as('grid');
  const id = (await grid.get(`/api/v1/appeals?q=${a.code}`)).json.items[0].id;
  await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'accept' });
  const done = await grid.post(`/api/v1/appeals/${id}/actions`, { action: 'resolve', note: '已清理，附现场照片', photos: [after.json.photo] });
  assert.equal(done.status, 200, done.text);
  const resolved = done.json.timeline.find((e) => e.action === 'resolve');
  assert.deepEqual(resolved.photos, [`/api/v1/photos/${after.json.photo}`]);
  assert.equal(done.json.photos.length, 2);
});

test('a dispute is mediated step by step: 情, 理, 法, 诉', async () => {
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const parents = new Set(cats.map((c) => c.parent_id));
  const dispute = cats.find((c) => c.is_dispute && !parents.has(c.id));
  const plain = await fileAt(GRID1);
  const r = await pub.post('/api/v1/public/appeals', { type: 'help', category_id: dispute.id, description: '楼上漏水到我家，协商不成', ...GRID1, phone: '13911112222' });
  const community = await as('community');
  const id = (await community.get(`/api/v1/appeals?q=${r.json.code}`)).json.items[0].id;
  const plainId = (await community.get(`/api/v1/appeals?q=${plain.code}`)).json.items[0].id;
  assert.equal((await community.get(`/api/v1/appeals/${id}/mediation`)).json, null);
  const parties = [{ name: '张某', role: '申请人' }, { name: '李某', role: '被申请人' }];
  assertError(assert, await community.req('PUT', `/api/v1/appeals/${plainId}/mediation`, { step: 'emotion', parties }), 400, 'not_dispute');
  assertError(assert, await community.req('PUT', `/api/v1/appeals/${id}/mediation`, { step: 'emotion' }), 400, 'required');
  assertError(assert, await community.req('PUT', `/api/v1/appeals/${id}/mediation`, { step: 'magic', parties }), 400);
  let m = await community.req('PUT', `/api/v1/appeals/${id}/mediation`, { step: 'emotion', parties, mediators: ['王调解员'], note: '上门做双方思想工作' });
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.step_label, '以情调解');
  m = await community.req('PUT', `/api/v1/appeals/${id}/mediation`, { step: 'law', parties, mediators: ['王调解员', '法律顾问'] });
  assert.equal(m.json.step, 'law');
  assertError(assert, await community.req('PUT', `/api/v1/appeals/${id}/mediation`, { step: 'reason', parties }), 400);
  const noText = await community.req('PUT', `/api/v1/appeals/${id}/mediation`, { step: 'law', parties, outcome: 'agreed' });
  assertError(assert, noText, 400);
  assert.equal(noText.json.error.field, 'agreement');
  m = await community.req('PUT', `/api/v1/appeals/${id}/mediation`, { step: 'law', parties, outcome: 'agreed', agreement: '楼上住户承担维修费用 2000 元' });
  assert.equal(m.json.outcome, 'agreed');
  assertError(assert, await community.req('PUT', `/api/v1/appeals/${id}/mediation`, { step: 'litigation', parties, outcome: 'referred' }), 409, 'bad_state');
  const trail = (await community.get(`/api/v1/appeals/${id}`)).json.timeline.filter((e) => e.action === 'mediate');
  assert.equal(trail.length, 3);
  assertError(assert, await (await as('community2')).get(`/api/v1/appeals/${id}/mediation`), 404);
});

test('the county edits the category tree and the holiday calendar; limits follow', async () => {
  const admin = await as('admin');
  const community = await as('community');
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const mid = cats.find((c) => c.level === 2);
  const usedLeaf = await leaf();
  await fileAt(GRID1);  // leaves in use cannot take children
  assertError(assert, await community.post('/api/v1/appeal-categories', { name: '新分类', parent_id: mid.id }), 403);
  const created = await admin.post('/api/v1/appeal-categories', { name: '高空抛物', parent_id: mid.id, urgency: 'emergency', department: '公安局' });
  assert.equal(created.status, 201, created.text);
  assertError(assert, await admin.post('/api/v1/appeal-categories', { name: '高空抛物', parent_id: mid.id }), 409);
  assertError(assert, await admin.post('/api/v1/appeal-categories', { name: '第四级', parent_id: created.json.id }), 400);
  assertError(assert, await admin.post('/api/v1/appeal-categories', { name: '挂在用过的叶子下', parent_id: usedLeaf.id }), 400);
  assertError(assert, await admin.post('/api/v1/appeal-categories', { name: 'x', parent_id: mid.id, urgency: 'whenever' }), 400);
  const filed = await pub.post('/api/v1/public/appeals', { type: 'report', category_id: created.json.id, description: '楼上扔下来花盆', ...GRID1, anonymous: true });
  assert.equal(filed.json.deadline_at - filed.json.created_at, 7200, 'emergency: two hours');
  assert.equal((await admin.patch(`/api/v1/appeal-categories/${created.json.id}`, { urgency: 'general' })).status, 200);
  assertError(assert, await admin.patch('/api/v1/appeal-categories/999999', { urgency: 'general' }), 404);
  assertError(assert, await admin.patch(`/api/v1/appeal-categories/${created.json.id}`, {}), 400);
  // Ten holidays in a row push a seven-working-day limit past them.
  const now = (await pub.post('/api/v1/_test/clock', { advance_seconds: 0 })).json.now;
  const day = (offset) => new Date((now + 8 * 3600 + offset * 86400) * 1000).toISOString().slice(0, 10);
  const plain = await pub.post('/api/v1/public/appeals', { type: 'report', category_id: created.json.id, description: '节前的诉求', ...GRID1, anonymous: true });
  for (let i = 1; i <= 10; i++) assert.equal((await admin.req('PUT', '/api/v1/holidays', { day: day(i), kind: 'holiday' })).status, 200);
  const during = await pub.post('/api/v1/public/appeals', { type: 'report', category_id: created.json.id, description: '假期前的诉求', ...GRID1, anonymous: true });
  assert.ok(during.json.deadline_at - plain.json.deadline_at >= 6 * 86400, 'the holidays do not count');
  const listed = (await admin.get(`/api/v1/holidays?year=${day(1).slice(0, 4)}`)).json.items;
  assert.ok(listed.some((h) => h.day === day(1) && h.kind === 'holiday'));
  for (let i = 1; i <= 10; i++) await admin.req('PUT', '/api/v1/holidays', { day: day(i), kind: 'normal' });
  assertError(assert, await admin.req('PUT', '/api/v1/holidays', { day: '2026-02-30', kind: 'holiday' }), 400);
  assertError(assert, await admin.req('PUT', '/api/v1/holidays', { day: day(1), kind: 'party' }), 400);
  assertError(assert, await community.req('PUT', '/api/v1/holidays', { day: day(1), kind: 'holiday' }), 403);
});

test('the county sets its own time limits; slices must add up', async () => {
  const admin = await as('admin');
  const limits = (await admin.get('/api/v1/appeal-limits')).json.items;
  const general = limits.find((l) => l.urgency === 'general');
  const { urgency, unit, total, slices } = general;
  assert.deepEqual({ urgency, unit, total, slices }, { urgency: 'general', unit: 'working_days', total: 7, slices: [1, 2, 2, 2] });
  assert.ok(general.source.length > 0, 'a limit says where it comes from');
  assertError(assert, await admin.req('PUT', '/api/v1/appeal-limits', { urgency: 'general', unit: 'working_days', total: 7, slices: [1, 1, 1, 1] }), 400);
  assertError(assert, await admin.req('PUT', '/api/v1/appeal-limits', { urgency: 'general', unit: 'fortnights', total: 7, slices: [1, 2, 2, 2] }), 400);
  assertError(assert, await (await as('street')).req('PUT', '/api/v1/appeal-limits', { urgency: 'emergency', unit: 'minutes', total: 60, slices: [15, 15, 15, 15] }), 403);
  const set = await admin.req('PUT', '/api/v1/appeal-limits', { urgency: 'emergency', unit: 'minutes', total: 60, slices: [15, 15, 15, 15] });
  assert.equal(set.status, 200, set.text);
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const parents = new Set(cats.map((c) => c.parent_id));
  const urgent = cats.find((c) => c.urgency === 'emergency' && !parents.has(c.id));
  const r = await pub.post('/api/v1/public/appeals', { type: 'report', category_id: urgent.id, description: '电动车在楼道充电', ...GRID1, anonymous: true });
  assert.equal(r.json.deadline_at - r.json.created_at, 3600, 'the new one-hour limit applies at once');
  await admin.req('PUT', '/api/v1/appeal-limits', { urgency: 'emergency', unit: 'minutes', total: 120, slices: [30, 30, 30, 30] });
});
