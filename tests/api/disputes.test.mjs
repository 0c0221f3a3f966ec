// 四级七天 (seed 002): a dispute (矛盾纠纷) moves grid → community → street or town → county and is
// settled within seven calendar days in all; ordinary appeals keep their limits by urgency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, as, assertError } from './client.mjs';

const pub = new Client();
const GRID1 = { lon: 99.53, lat: 39.23 };
const DAY = 24 * 3600;

async function leafWhere(pred) {
  const cats = (await pub.get('/api/v1/public/categories')).json.items;
  const parents = new Set(cats.map((c) => c.parent_id));
  return cats.find((c) => c.level === 3 && !parents.has(c.id) && pred(c));
}

test('a dispute is due seven calendar days after intake; its first slice is the grid\'s day', async () => {
  const dispute = await leafWhere((c) => c.is_dispute && c.urgency !== 'emergency');
  const plain = await leafWhere((c) => !c.is_dispute && c.urgency === 'general');
  const d = await pub.post('/api/v1/public/appeals', { type: 'help', category_id: dispute.id, description: '邻里因占用楼道发生纠纷', ...GRID1, phone: '13911113333' });
  assert.equal(d.status, 201, d.text);
  assert.equal(d.json.deadline_at - d.json.created_at, 7 * DAY, 'seven days, weekends included');
  const admin = await as('admin');
  const row = (await admin.get(`/api/v1/appeals?q=${d.json.code}`)).json.items[0];
  assert.equal(row.urgency, 'dispute');
  assert.equal(row.level_deadline_at - row.created_at, DAY, 'the grid has the first day');
  // An ordinary appeal keeps its limit of working days.
  const p = await pub.post('/api/v1/public/appeals', { type: 'complaint', category_id: plain.id, description: '垃圾桶满了没人清', ...GRID1, phone: '13911114444' });
  const prow = (await admin.get(`/api/v1/appeals?q=${p.json.code}`)).json.items[0];
  assert.equal(prow.urgency, 'general');
  assert.ok(p.json.deadline_at - p.json.created_at >= 7 * DAY, 'seven working days are at least seven days');
});

test('the dispute rule is listed with its source, and the county may change it, dated', async () => {
  const admin = await as('admin');
  const limits = (await admin.get('/api/v1/appeal-limits')).json.items;
  const rule = limits.find((l) => l.urgency === 'dispute');
  assert.deepEqual([rule.unit, rule.total, rule.slices], ['calendar_days', 7, [1, 2, 2, 2]]);
  assert.match(rule.source, /四级七天/);
  assert.equal(rule.changed_on, null);
  assertError(assert, await admin.req('PUT', '/api/v1/appeal-limits', { urgency: 'dispute', unit: 'calendar_days', total: 7, slices: [1, 1, 1, 1] }), 400);
  assertError(assert, await admin.req('PUT', '/api/v1/appeal-limits', { urgency: 'dispute', unit: 'weeks', total: 1, slices: [1, 0, 0, 0] }), 400);
  const set = await admin.req('PUT', '/api/v1/appeal-limits', { urgency: 'dispute', unit: 'working_days', total: 7, slices: [1, 2, 2, 2] });
  assert.equal(set.status, 200, set.text);
  const changed = set.json.items.find((l) => l.urgency === 'dispute');
  assert.equal(changed.unit, 'working_days');
  assert.match(changed.changed_on, /^\d{4}-\d\d-\d\d$/);
  assert.match(changed.source, /县级设置/);
  const back = await admin.req('PUT', '/api/v1/appeal-limits', { urgency: 'dispute', unit: 'calendar_days', total: 7, slices: [1, 2, 2, 2] });
  assert.equal(back.status, 200, back.text);
});
