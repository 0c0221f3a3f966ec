// Open311 GeoReport v2 as a client that works with other cities would use it, in JSON and XML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from './client.mjs';

const V2 = `${BASE}/open311/v2`;
const KEY = 'demo-open311-key';

const get = async (path) => {
  const r = await fetch(V2 + path);
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};
const post = async (path, form) => {
  const r = await fetch(V2 + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};

test('discovery and services, JSON and XML', async () => {
  const d = await get('/discovery.json');
  assert.equal(d.status, 200);
  const disc = JSON.parse(d.text);
  assert.equal(disc.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.ok(disc.endpoints[0].formats.includes('text/xml'));
  const dx = await get('/discovery.xml');
  assert.match(dx.type, /text\/xml/);
  assert.match(dx.text, /<discovery>.*<endpoint><specification>http:\/\/wiki.open311.org\/GeoReport_v2<\/specification>/s);
  const s = JSON.parse((await get('/services.json')).text);
  assert.ok(s.length > 30);
  const svc = s.find((x) => x.service_name === '井盖缺失');
  assert.deepEqual(Object.keys(svc), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
  assert.equal(svc.metadata, false);
  assert.equal(svc.group, '市政设施');
  const sx = await get('/services.xml');
  assert.match(sx.text, new RegExp(`<service><service_code>${svc.service_code}</service_code><service_name>井盖缺失</service_name>`));
  const def = JSON.parse((await get(`/services/${svc.service_code}.json`)).text);
  assert.deepEqual(def, { service_code: svc.service_code, attributes: [] });
  assert.equal((await get('/nothing.json')).status, 404, 'unknown Open311 paths are not pages');
  const missing = await get('/services/99999.xml');
  assert.equal(missing.status, 404);
  assert.match(missing.text, /<errors><error><code>404<\/code><description>/);
});

test('POST requests needs a valid api_key and a service_code and a place; errors as the spec says', async () => {
  const svc = JSON.parse((await get('/services.json')).text)[0];
  const noKey = await post('/requests.json', { service_code: svc.service_code, lat: '39.23', long: '99.53' });
  assert.equal(noKey.status, 403);
  const err = JSON.parse(noKey.text);
  assert.equal(err[0].code, 403);
  assert.ok(err[0].description.length > 0);
  assert.equal((await post('/requests.json', { api_key: 'wrong', service_code: svc.service_code, lat: '39.23', long: '99.53' })).status, 403);
  assert.equal((await post('/requests.json', { api_key: KEY, lat: '39.23', long: '99.53' })).status, 400);
  assert.equal((await post('/requests.json', { api_key: KEY, service_code: '999999', lat: '39.23', long: '99.53' })).status, 400);
  assert.equal((await post('/requests.json', { api_key: KEY, service_code: svc.service_code })).status, 400);
  assert.equal((await post('/requests.json', { api_key: KEY, service_code: svc.service_code, lat: 'north', long: '99.53' })).status, 400);
  const x = await post('/requests.xml', { api_key: KEY, service_code: svc.service_code });
  assert.equal(x.status, 400);
  assert.match(x.text, /^<\?xml[^>]*>\n<errors><error><code>400<\/code>/);
});

test('a report filed through Open311 lands in the grid, and reads back by id, list, token and updates', async () => {
  const svc = JSON.parse((await get('/services.json')).text).find((x) => x.service_name === '路灯不亮');
  const started = new Date(Date.now() - 60000).toISOString();
  const r = await post('/requests.json', {
    api_key: KEY, jurisdiction_id: 'jinhe', service_code: svc.service_code, lat: '39.23', long: '99.53',
    description: '小区门口路灯不亮已经一周', first_name: '明', last_name: '王', phone: '13700001111', email: 'w@example.com',
  });
  assert.equal(r.status, 200, r.text);
  const [created] = JSON.parse(r.text);
  assert.match(created.service_request_id, /^[2-9A-HJ-NP-Z]{10}$/);
  const one = JSON.parse((await get(`/requests/${created.service_request_id}.json`)).text)[0];
  assert.equal(one.status, 'open');
  assert.equal(one.service_code, svc.service_code);
  assert.equal(one.description, '小区门口路灯不亮已经一周');
  assert.equal(one.lat, 39.23);
  assert.equal(one.long, 99.53);
  assert.match(one.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.ok(!JSON.stringify(one).includes('13700001111'), 'no reporter data');
  const oneXml = await get(`/requests/${created.service_request_id}.xml`);
  assert.match(oneXml.text, new RegExp(`<service_requests><request><service_request_id>${created.service_request_id}</service_request_id><status>open</status>`));
  const list = JSON.parse((await get(`/requests.json?service_code=${svc.service_code}&status=open&start_date=${encodeURIComponent(started)}`)).text);
  assert.ok(list.some((x) => x.service_request_id === created.service_request_id));
  // status_notes carries the latest timeline note: here, where the request was dispatched.
  assert.match(one.status_notes, /^网格：/);
  assert.equal(list.find((x) => x.service_request_id === created.service_request_id).status_notes, one.status_notes);
  const closedOnly = JSON.parse((await get(`/requests.json?status=closed&service_code=${svc.service_code}`)).text);
  assert.ok(!closedOnly.some((x) => x.service_request_id === created.service_request_id));
  const byIds = JSON.parse((await get(`/requests.json?service_request_id=${created.service_request_id},AAAAAAAAAA`)).text);
  assert.equal(byIds.length, 1);
  const token = JSON.parse((await get(`/tokens/${created.service_request_id}.json`)).text);
  assert.deepEqual(token, [{ service_request_id: created.service_request_id, token: created.service_request_id }]);
  assert.equal((await get('/requests/NOSUCHCODE.json')).status, 404);
  assert.equal((await get('/requests.json?start_date=yesterday')).status, 400);
  assert.equal((await get('/requests.json?status=pending')).status, 400);
  // Reports of wrongdoing (举报) are never published through the public Open311 lists.
  const pub = await fetch(`${BASE}/api/v1/public/appeals`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'report', category_id: Number(svc.service_code), description: '举报有人私搭乱建', lat: 39.23, lon: 99.53, anonymous: true }) });
  const hidden = (await pub.json()).code;
  assert.equal((await get(`/requests/${hidden}.json`)).status, 404);
  assert.ok(!(await get('/requests.json')).text.includes(hidden));
  const updates = JSON.parse((await get(`/servicerequestupdates.json?start_date=${encodeURIComponent(started)}`)).text);
  assert.ok(Array.isArray(updates));
  const ux = await get('/servicerequestupdates.xml');
  assert.match(ux.text, /<service_request_updates>/);
});
