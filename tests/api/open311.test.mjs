// Open311 GeoReport v2 as a client that works with other cities would use it, in JSON and XML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, as, serverNow } from './client.mjs';

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
  // An unknown service_code is 404, as the specification lists it.
  const unknown = await post('/requests.json', { api_key: KEY, service_code: '999999', lat: '39.23', long: '99.53' });
  assert.equal(unknown.status, 404);
  assert.equal(JSON.parse(unknown.text)[0].code, 404);
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
  assert.equal((await staffDetail(created.service_request_id)).reporter_name, '王明', 'a Chinese name reads family name first');
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

// ---- Open311 as real clients send it: one test per conformance item ----

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');
const service = async (name) => JSON.parse((await get('/services.json')).text).find((x) => x.service_name === name);
const file = async (fields) => {
  const r = await post('/requests.json', { api_key: KEY, lat: '39.23', long: '99.53', ...fields });
  assert.equal(r.status, 200, r.text);
  return JSON.parse(r.text)[0].service_request_id;
};
const postMultipart = async (path, fields, files = []) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.name, new Blob([f.bytes], { type: f.type }), f.filename);
  const r = await fetch(V2 + path, { method: 'POST', body: form });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};
let adminClient;
const admin = async () => (adminClient ??= await as('admin'));
const staffId = async (code) => (await (await admin()).get(`/api/v1/appeals?q=${code}`)).json.items[0].id;
const staffDetail = async (code) => (await (await admin()).get(`/api/v1/appeals/${await staffId(code)}`)).json;
const act = async (code, body) => {
  const r = await (await admin()).post(`/api/v1/appeals/${await staffId(code)}/actions`, body);
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const since = async () => encodeURIComponent(new Date((await serverNow() - 60) * 1000).toISOString());

test('description: up to the specification\'s 4,000 characters, not one more', async () => {
  const svc = await service('路灯不亮');
  const long = '路灯'.repeat(2000);
  const code = await file({ service_code: svc.service_code, description: long });
  assert.equal(JSON.parse((await get(`/requests/${code}.json`)).text)[0].description, long);
  const over = await post('/requests.xml', { api_key: KEY, service_code: svc.service_code, lat: '39.23', long: '99.53', description: `${long}多` });
  assert.equal(over.status, 400);
  assert.match(over.text, /<errors><error><code>400<\/code><description>description 最多 4000 个字符<\/description>/);
});

test('more than 100 service_request_id values in one GET are all answered, in the order asked', async () => {
  const svc = await service('路面破损');
  const codes = [];
  for (let i = 0; i < 105; i++) codes.push(await file({ service_code: svc.service_code, description: `路面破损第 ${i} 处` }));
  const asked = [...codes].reverse();
  const all = JSON.parse((await get(`/requests.json?service_request_id=${asked.join(',')}`)).text);
  assert.equal(all.length, 105);
  assert.deepEqual(all.map((x) => x.service_request_id), asked);
  const xml = await get(`/requests.xml?service_request_id=${asked.join(',')}`);
  assert.equal(xml.text.match(/<request>/g).length, 105);
});

test('POST servicerequestupdates: a client\'s update lands on the appeal\'s timeline, once however often it is retried', async () => {
  const svc = await service('井盖缺失');
  const code = await file({ service_code: svc.service_code, description: '路口井盖缺失，夜里危险' });
  const start = await since();
  const update = { api_key: KEY, service_request_id: code, update_id: `fms-${code}`, status: 'OPEN', updated_datetime: new Date().toISOString(),
    description: '井盖还是没有补上，又有人差点踩空', first_name: 'Jane', last_name: 'Smith', email: 'jane@example.com', phone: '13700002222',
    media_url: 'https://photos.example.com/u/9.jpg' };
  const r = await post('/servicerequestupdates.xml', update);
  assert.equal(r.status, 200, r.text);
  const updateId = r.text.match(/<service_request_updates><request_update><update_id>(\d+)<\/update_id><\/request_update><\/service_request_updates>/)[1];
  const again = JSON.parse((await post('/servicerequestupdates.json', update)).text);
  assert.deepEqual(again, [{ update_id: updateId }], 'a retried post gets the same update back');

  const detail = await staffDetail(code);
  const lines = detail.timeline.filter((t) => t.action === 'resident_update');
  assert.equal(lines.length, 1);
  assert.equal(lines[0].label, '群众补充');
  assert.equal(lines[0].note, '井盖还是没有补上，又有人差点踩空');
  assert.equal(lines[0].actor, '居民（演示客户端）');
  assert.equal(detail.status, 'submitted', 'a resident\'s update does not move the appeal');
  assert.deepEqual(detail.open311.updates.map((u) => [u.first_name, u.last_name, u.email, u.phone, u.status, u.media_urls]),
    [['Jane', 'Smith', 'j***@example.com', '137****2222', 'OPEN', ['https://photos.example.com/u/9.jpg']]]);
  const pub = await (await fetch(`${BASE}/api/v1/public/appeals/${code}`)).json();
  assert.ok(pub.timeline.some((t) => t.label === '群众补充' && t.note === update.description), 'the resident sees it too');
  const listed = JSON.parse((await get(`/servicerequestupdates.json?start_date=${start}`)).text).find((u) => u.update_id === updateId);
  assert.equal(listed.service_request_id, code);
  assert.equal(listed.description, update.description);
  assert.equal(listed.media_url, 'https://photos.example.com/u/9.jpg');
  assert.ok(!JSON.stringify(listed).includes('jane@example.com'));

  assert.equal((await post('/servicerequestupdates.json', { ...update, update_id: 'other', api_key: 'wrong' })).status, 403);
  assert.equal((await post('/servicerequestupdates.json', { ...update, update_id: 'other', service_request_id: 'AAAAAAAAAA' })).status, 404);
  const noText = await post('/servicerequestupdates.json', { ...update, update_id: 'other', description: ' ' });
  assert.equal(noText.status, 400);
  assert.match(JSON.parse(noText.text)[0].description, /description/);
  assert.equal((await post('/servicerequestupdates.json', { ...update, update_id: 'other', status: 'PAINTED' })).status, 400);
  // A resident who says it is fixed, on an appeal still open: staff read that on the line.
  await post('/servicerequestupdates.json', { ...update, update_id: 'fixed-1', status: 'FIXED', description: '今天已经补好了' });
  assert.ok((await staffDetail(code)).timeline.some((t) => t.note === '今天已经补好了（反映人表示问题已解决）'));
  // Reports of wrongdoing take no updates through Open311: they are not there at all.
  const hidden = (await (await fetch(`${BASE}/api/v1/public/appeals`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'report', category_id: Number(svc.service_code), description: '举报有人偷井盖卖废品', lat: 39.23, lon: 99.53, anonymous: true }) })).json()).code;
  assert.equal((await post('/servicerequestupdates.json', { ...update, update_id: 'hidden', service_request_id: hidden })).status, 404);
});

test('servicerequestupdates states follow the whole loop: a rejected request is never shown as fixed', async () => {
  const svc = await service('生活垃圾未及时清运');
  const codes = [];
  for (const d of ['楼下垃圾三天没人清运', '垃圾桶旁边有人乱倒垃圾', '垃圾桶满了没人收走啊', '垃圾桶满了一直没人收走']) {
    codes.push(await file({ service_code: svc.service_code, description: d }));
  }
  const start = await since();
  const states = async () => {
    const out = {};
    for (const u of JSON.parse((await get(`/servicerequestupdates.json?start_date=${start}`)).text)) {
      if (codes.includes(u.service_request_id)) (out[u.service_request_id] ??= []).push(u.status);
    }
    return out;
  };
  await act(codes[0], { action: 'accept' });
  await act(codes[0], { action: 'start' });
  assert.deepEqual((await states())[codes[0]], ['INVESTIGATING', 'IN_PROGRESS']);
  await act(codes[0], { action: 'resolve', note: '已清运' });
  await act(codes[1], { action: 'reject', reason: '属于物业管理范围，请联系物业' });
  await act(codes[2], { action: 'merge', merge_into: await staffId(codes[3]) });
  const s = await states();
  assert.deepEqual(s[codes[0]], ['INVESTIGATING', 'IN_PROGRESS', 'FIXED']);
  assert.deepEqual(s[codes[1]], ['NOT_COUNCILS_RESPONSIBILITY']);
  assert.deepEqual(s[codes[2]], ['DUPLICATE']);
  const rej = JSON.parse((await get(`/servicerequestupdates.json?start_date=${start}`)).text).find((u) => u.service_request_id === codes[1]);
  assert.match(rej.description, /属于物业管理范围/);
  // GeoReport's own requests keep open/closed.
  assert.equal(JSON.parse((await get(`/requests/${codes[1]}.json`)).text)[0].status, 'closed');
});

test('a listed service can be followed: dispute services are not listed, and cannot be filed', async () => {
  const listed = JSON.parse((await get('/services.json')).text);
  for (const name of ['噪音扰民', '漏水纠纷', '赡养纠纷', '拖欠工资']) assert.ok(!listed.some((x) => x.service_name === name), name);
  const cats = (await (await fetch(`${BASE}/api/v1/public/categories`)).json());
  const flat = JSON.stringify(cats);
  assert.ok(flat.includes('噪音扰民'), 'the category itself exists');
  const noise = 34;
  assert.equal((await get(`/services/${noise}.json`)).status, 404);
  const r = await post('/requests.json', { api_key: KEY, service_code: String(noise), lat: '39.23', long: '99.53', description: '楼上半夜装修' });
  assert.equal(r.status, 404);
  // Every listed service's requests read back through the public lists.
  const svc = listed[listed.length - 1];
  const code = await file({ service_code: svc.service_code, description: '最后一个服务也能查到' });
  assert.equal((await get(`/requests/${code}.json`)).status, 200);
});

test('what a client posts is kept: media_url, email, names in order, address_id, attributes, device and account ids', async () => {
  const svc = await service('路灯不亮');
  const r = await post('/requests.json', {
    api_key: KEY, service_code: svc.service_code, address_id: 'UPRN-100023', description: 'Streetlight out at the gate',
    media_url: 'https://photos.example.com/p/123.jpg', email: 'jane.smith@example.com', first_name: 'Jane', last_name: 'Smith',
    device_id: 'ios-5E2C', account_id: 'fms-user-77', 'attribute[size]': 'large', 'attribute[colour][]': 'red',
  });
  assert.equal(r.status, 200, r.text);
  const [created] = JSON.parse(r.text);
  assert.equal(created.account_id, 'fms-user-77');
  const one = JSON.parse((await get(`/requests/${created.service_request_id}.json`)).text)[0];
  assert.equal(one.address_id, 'UPRN-100023');
  assert.equal(one.address, null, 'address_id is its own field, not the address');
  assert.equal(one.media_url, 'https://photos.example.com/p/123.jpg');
  assert.ok(!JSON.stringify(one).includes('jane.smith'), 'no reporter data in the public answer');
  const d = await staffDetail(created.service_request_id);
  assert.equal(d.reporter_name, 'Jane Smith');
  assert.deepEqual(d.open311, {
    client: '演示客户端', first_name: 'Jane', last_name: 'Smith', email: 'j***@example.com', address_id: 'UPRN-100023',
    media_urls: ['https://photos.example.com/p/123.jpg'], device_id: 'ios-5E2C', account_id: 'fms-user-77',
    attributes: { size: 'large', colour: ['red'] }, updates: [],
  });
  // A multivaluelist answer repeats its key; FixMyStreet's `deviceid` is the same field.
  const form = new URLSearchParams([['api_key', KEY], ['service_code', svc.service_code], ['lat', '39.23'], ['long', '99.53'],
    ['attribute[colour][]', 'red'], ['attribute[colour][]', 'blue'], ['deviceid', 'android-1'],
    ['media_url', 'https://photos.example.com/1.jpg'], ['media_url', 'https://photos.example.com/2.jpg']]);
  const multi = await fetch(`${V2}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  const d2 = await staffDetail((await multi.json())[0].service_request_id);
  assert.deepEqual(d2.open311.attributes, { colour: ['red', 'blue'] });
  assert.equal(d2.open311.device_id, 'android-1');
  assert.deepEqual(d2.open311.media_urls, ['https://photos.example.com/1.jpg', 'https://photos.example.com/2.jpg']);
  assert.equal(JSON.parse((await get(`/requests/${d2.code}.json`)).text)[0].media_url, 'https://photos.example.com/1.jpg');
  assert.equal(d2.reporter_name, null);
  assert.equal(d2.anonymous, true);
  const bad = async (fields) => (await post('/requests.json', { api_key: KEY, service_code: svc.service_code, lat: '39.23', long: '99.53', ...fields })).status;
  assert.equal(await bad({ media_url: 'javascript:alert(1)' }), 400, 'staff open the link, so only web links');
  assert.equal(await bad({ email: 'not-an-address' }), 400);
  assert.equal(await bad({ first_name: '名'.repeat(20), last_name: '姓'.repeat(20) }), 400);
  assert.equal(await bad({ 'attribute[]': 'x' }), 400);
});

test('multipart/form-data POSTs are accepted, the photo sent as media attached', async () => {
  const svc = await service('路面破损');
  const r = await postMultipart('/requests.json', { api_key: KEY, service_code: svc.service_code, lat: '39.23', long: '99.53', description: '路面塌了一个大坑' },
    [{ name: 'media', filename: 'hole.png', type: 'image/png', bytes: PNG }]);
  assert.equal(r.status, 200, r.text);
  const code = JSON.parse(r.text)[0].service_request_id;
  const d = await staffDetail(code);
  assert.equal(d.description, '路面塌了一个大坑');
  assert.equal(d.photos.length, 1);
  const one = JSON.parse((await get(`/requests/${code}.json`)).text)[0];
  assert.match(one.media_url, /^http:\/\/.+\/api\/v1\/photos\/[0-9a-f]{64}$/);
  assert.deepEqual(Buffer.from(await (await fetch(one.media_url)).arrayBuffer()), PNG);
  const fake = await postMultipart('/requests.xml', { api_key: KEY, service_code: svc.service_code, lat: '39.23', long: '99.53' },
    [{ name: 'media', filename: 'x.png', type: 'image/png', bytes: Buffer.from('<svg onload="alert(1)"/>') }]);
  assert.equal(fake.status, 400);
  assert.match(fake.text, /<errors><error><code>400<\/code>/);
  const broken = await fetch(`${V2}/requests.json`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: 'nothing like it' });
  assert.equal(broken.status, 400);
  // An update with a photo, as FixMyStreet sends them (photo1…).
  const u = await postMultipart('/servicerequestupdates.json', { api_key: KEY, service_request_id: code, description: '坑越来越大了' },
    [{ name: 'photo1', filename: 'later.png', type: 'image/png', bytes: PNG }]);
  assert.equal(u.status, 200, u.text);
  const line = (await staffDetail(code)).timeline.find((t) => t.action === 'resident_update');
  assert.equal(line.photos.length, 1);
});

test('the fine print: unknown service 404, repeated and spaced lists, XML digits, Open311 errors, tokens of unpublished appeals', async () => {
  const svc = await service('路灯不亮');
  const other = await service('井盖缺失');
  const miss = await post('/requests.xml', { api_key: KEY, service_code: '424242', lat: '39.23', long: '99.53' });
  assert.equal(miss.status, 404);
  assert.match(miss.text, /<errors><error><code>404<\/code><description>service_code 不存在<\/description>/);

  const start = await since();
  const a = await file({ service_code: svc.service_code, lat: '39.2345678', long: '99.5312345', description: '七位小数的位置' });
  const b = await file({ service_code: other.service_code, description: '另一个服务' });
  await act(b, { action: 'reject', reason: '重复反映，已另案处理' });
  // Earlier tests filed under the same services; only these two are looked at.
  const list = async (qs) => JSON.parse((await get(`/requests.json?start_date=${start}&${qs}`)).text)
    .map((x) => x.service_request_id).filter((x) => x === a || x === b).sort();
  const both = [a, b].sort();
  assert.deepEqual(await list(`service_code=${svc.service_code}&service_code=${other.service_code}&status=open&status=closed`), both);
  assert.deepEqual(await list(`service_code=${encodeURIComponent(`${svc.service_code}, ${other.service_code}`)}&status=${encodeURIComponent('open, closed')}`), both);
  assert.deepEqual(await list(`service_code=${svc.service_code},${other.service_code}&status=closed`), [b]);
  const byIds = JSON.parse((await get(`/requests.json?service_request_id=${encodeURIComponent(`${a}, ${b}`)}`)).text);
  assert.deepEqual(byIds.map((x) => x.service_request_id), [a, b]);
  const repeated = JSON.parse((await get(`/requests.json?service_request_id=${a}&service_request_id=${b}`)).text);
  assert.equal(repeated.length, 2);

  const xml = (await get(`/requests/${a}.xml`)).text;
  assert.match(xml, /<lat>39\.2345678<\/lat><long>99\.5312345<\/long>/);
  const json = JSON.parse((await get(`/requests/${a}.json`)).text)[0];
  assert.equal(json.lat, 39.2345678);
  assert.equal(json.long, 99.5312345);

  const nothing = await get('/nothing.xml');
  assert.equal(nothing.status, 404);
  assert.match(nothing.type, /text\/xml/);
  assert.match(nothing.text, /^<\?xml[^>]*>\n<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>$/);
  const nothingJson = await get('/nothing.json');
  assert.equal(JSON.parse(nothingJson.text)[0].code, 404);
  const wrongMethod = await fetch(`${V2}/requests.json`, { method: 'DELETE' });
  assert.equal(wrongMethod.status, 405);
  assert.equal((await wrongMethod.json())[0].code, 405);

  const hidden = (await (await fetch(`${BASE}/api/v1/public/appeals`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'report', category_id: Number(svc.service_code), description: '举报有人私拉电线', lat: 39.23, lon: 99.53, anonymous: true }) })).json()).code;
  const unpublished = await get(`/tokens/${hidden}.json`);
  const unknown = await get('/tokens/AAAAAAAAAA.json');
  assert.equal(unpublished.status, 404);
  assert.equal(unpublished.text, unknown.text, 'an unpublished appeal answers exactly as one that does not exist');
  assert.equal((await get(`/tokens/${a}.json`)).status, 200);
});
