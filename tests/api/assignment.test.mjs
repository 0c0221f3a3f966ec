// 首接负责 and 分解交办: every appeal has a named person; the community breaks the work down to its grids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const pub = new Client();
const GRID1 = { lon: 99.53, lat: 39.23 };  // the demo grid worker's grid (cell 0)

async function leaf(urgency = 'general') {
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const parents = new Set(cats.map((c) => c.parent_id));
  return cats.find((c) => c.level === 3 && c.urgency === urgency && !parents.has(c.id));
}
async function fileAt(point, urgency = 'general', description = '楼道里堆满了杂物，影响通行') {
  const cat = await leaf(urgency);
  const r = await pub.post('/api/v1/public/appeals', { type: 'complaint', category_id: cat.id, description, ...point,
    phone: '13912345678', reporter_name: '张阿姨' });
  assert.equal(r.status, 201, r.text);
  const admin = await as('admin');
  return (await admin.get(`/api/v1/appeals?q=${r.json.code}`)).json.items[0];
}

test('a new appeal in a grid is the grid full-time worker\'s, in "mine" and in "my grid"', async () => {
  const grid = await as('grid');
  const a = await fileAt(GRID1);
  assert.equal(a.assignee?.id, grid.account.id, 'the demo grid worker is the grid\'s full-time worker');
  assert.equal(a.holder.level, 1);
  assert.equal(a.holder.level_label, '网格');
  assert.equal(a.holder.name, a.grid_name);
  const mine = (await grid.get('/api/v1/appeals?queue=mine&order=due&limit=100')).json.items;
  assert.ok(mine.some((x) => x.id === a.id));
  assert.ok(mine.every((x) => x.assignee?.id === grid.account.id));
  const open = (await grid.get('/api/v1/appeals?queue=open&limit=100')).json.items;
  assert.ok(open.some((x) => x.id === a.id));
  assert.ok((await (await as('community')).get('/api/v1/appeals?queue=mine')).json.items.every((x) => x.id !== a.id));
});

test('"mine" in due order: overdue first, then what falls due soonest, paged without loss', async () => {
  const grid = await as('grid');
  await fileAt(GRID1, 'general');
  await fileAt(GRID1, 'emergency', '燃气管道漏气，闻到很重的气味');
  await fileAt(GRID1, 'complex');
  const all = [];
  let url = '/api/v1/appeals?queue=mine&order=due&limit=2';
  for (let page = 0; url && page < 100; page++) {
    const r = await grid.get(url);
    assert.equal(r.status, 200, r.text);
    all.push(...r.json.items);
    url = r.json.next_cursor ? `/api/v1/appeals?queue=mine&order=due&limit=2&after=${r.json.next_cursor}` : null;
  }
  assert.ok(all.length >= 3);
  assert.equal(new Set(all.map((x) => x.id)).size, all.length, 'an appeal came twice');
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].deadline_at <= all[i].deadline_at, 'not in due order');
  const emergency = all.findIndex((x) => x.urgency === 'emergency');
  const complex = all.findIndex((x) => x.urgency === 'complex');
  assert.ok(emergency < complex, 'a 2-hour item comes before a 15-day one');
  assertError(assert, await grid.get('/api/v1/appeals?queue=mine&order=due&after=nonsense'), 400);
  assertError(assert, await grid.get('/api/v1/appeals?order=sideways'), 400);
  assertError(assert, await grid.get('/api/v1/appeals?queue=everything'), 400);
});

test('the grid or community hands an appeal to another of its staff, on the timeline by name', async () => {
  const community = await as('community');
  const grid = await as('grid');
  const a = await fileAt(GRID1);
  const who = await community.get(`/api/v1/appeals/${a.id}/assignees`);
  assert.equal(who.status, 200, who.text);
  const names = who.json.items.map((p) => p.id);
  assert.ok(names.includes(grid.account.id) && names.includes(community.account.id));
  const r = await community.post(`/api/v1/appeals/${a.id}/assign`, { account_id: community.account.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.assignee.id, community.account.id);
  const line = r.json.timeline.find((e) => e.action === 'assign');
  assert.ok(line && line.note.includes('转派给'), JSON.stringify(r.json.timeline));
  assert.equal(line.actor_name, community.account.display_name, 'the timeline names the person, not the login');
  assert.ok(line.actor_unit.length > 0, 'and where they work');
  assert.ok(!(await grid.get('/api/v1/appeals?queue=mine&limit=100')).json.items.some((x) => x.id === a.id));
  // Outside the community, to nobody, and by roles that do not handle appeals: refused, nothing changes.
  const other = await as('community2');
  assertError(assert, await community.post(`/api/v1/appeals/${a.id}/assign`, { account_id: other.account.id }), 400);
  assertError(assert, await community.post(`/api/v1/appeals/${a.id}/assign`, {}), 400);
  assertError(assert, await community.post(`/api/v1/appeals/${a.id}/assign`, { account_id: 'me' }), 400);
  assertError(assert, await other.post(`/api/v1/appeals/${a.id}/assign`, { account_id: other.account.id }), 404);
  assertError(assert, await (await as('member')).post(`/api/v1/appeals/${a.id}/assign`, { account_id: 1 }), 403);
  assertError(assert, await (await as('resident')).get(`/api/v1/appeals/${a.id}/assignees`), 403);
  assert.equal((await community.get(`/api/v1/appeals/${a.id}`)).json.assignee.id, community.account.id);
});

test('分解交办: the community dispatches to its grid; sent back down after going up, it is not first-line', async () => {
  const community = await as('community');
  const street = await as('street');
  const grid = await as('grid');
  const range = 'from=2020-01-01&to=2100-12-31';
  const gridArea = (await grid.get('/api/v1/areas?parent_id=0')).json.items[0];
  const a = await fileAt(GRID1);
  const up1 = await grid.post(`/api/v1/appeals/${a.id}/actions`, { action: 'escalate', note: '需社区协调' });
  assert.equal(up1.status, 200, up1.text);
  const up2 = await community.post(`/api/v1/appeals/${a.id}/actions`, { action: 'escalate', note: '需街道协调' });
  assert.equal(up2.json.level, 3);
  assert.equal(up2.json.holder.level_label, '街道（镇）');
  // The street sends it to the community, which breaks it down to its grid.
  const community_area = (await community.get('/api/v1/areas?parent_id=0')).json.items[0];
  const down1 = await street.post(`/api/v1/appeals/${a.id}/actions`, { action: 'dispatch', area_id: community_area.id });
  assert.equal(down1.status, 200, down1.text);
  assert.equal(down1.json.level, 2);
  const down2 = await community.post(`/api/v1/appeals/${a.id}/actions`, { action: 'dispatch', area_id: gridArea.id });
  assert.equal(down2.status, 200, down2.text);
  assert.equal(down2.json.level, 1);
  assert.equal(down2.json.assignee?.id, grid.account.id, 'back at the grid, its full-time worker answers for it');
  const before = (await community.get(`/api/v1/appeals/figures?${range}`)).json;
  await grid.post(`/api/v1/appeals/${a.id}/actions`, { action: 'accept' });
  await grid.post(`/api/v1/appeals/${a.id}/actions`, { action: 'resolve', note: '已清理' });
  const after = (await community.get(`/api/v1/appeals/figures?${range}`)).json;
  assert.equal(after.resolved, before.resolved + 1);
  assert.equal(after.first_line, before.first_line, 'an appeal that went up to the street is not first-line');
});

test('first-line share: of every appeal received, grid and community apart, with the seeds\' 95% target', async () => {
  const community = await as('community');
  const grid = await as('grid');
  const range = 'from=2020-01-01&to=2100-12-31';
  const before = (await community.get(`/api/v1/appeals/figures?${range}`)).json;
  const atGrid = await fileAt(GRID1);
  await grid.post(`/api/v1/appeals/${atGrid.id}/actions`, { action: 'accept' });
  await grid.post(`/api/v1/appeals/${atGrid.id}/actions`, { action: 'resolve', note: '已清理' });
  const atCommunity = await fileAt(GRID1);
  await grid.post(`/api/v1/appeals/${atCommunity.id}/actions`, { action: 'escalate', note: '需社区协调' });
  await community.post(`/api/v1/appeals/${atCommunity.id}/actions`, { action: 'accept' });
  await community.post(`/api/v1/appeals/${atCommunity.id}/actions`, { action: 'resolve', note: '已协调物业' });
  await fileAt(GRID1);  // still open: it counts in the whole, not in the share
  const after = (await community.get(`/api/v1/appeals/figures?${range}`)).json;
  assert.equal(after.received - before.received, 3);
  assert.equal(after.first_line_grid - before.first_line_grid, 1);
  assert.equal(after.first_line_community - before.first_line_community, 1);
  assert.equal(after.first_line, after.first_line_grid + after.first_line_community);
  const near = (a, b) => Math.abs(a - b) < 1e-9;
  assert.ok(near(after.first_line_rate, after.first_line / after.received), 'the share is of everything received');
  assert.ok(near(after.first_line_grid_rate + after.first_line_community_rate, after.first_line_rate));
  assert.equal(after.first_line_target, 0.95);
  for (const child of after.children ?? []) {
    assert.ok(child.first_line_rate <= 1 && child.first_line_grid <= child.first_line);
  }
});
