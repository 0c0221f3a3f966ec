// The console's files go out precompressed (brotli or gzip, written by the build beside each file)
// when the request accepts it, as built otherwise, with Vary: Accept-Encoding either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { BASE } from './client.mjs';

// node:http, not fetch: fetch sets Accept-Encoding itself and unpacks the body.
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(BASE + path, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function largestScript() {
  const html = (await get('/')).body.toString('utf8');
  const scripts = [...html.matchAll(/\/assets\/[^"]+\.js/g)].map((m) => m[0]);
  assert.ok(scripts.length > 0, 'the console page names its scripts');
  return scripts[0];
}

test('a script goes out as brotli, gzip or as built, per Accept-Encoding, each the same file', async () => {
  const path = await largestScript();
  const plain = await get(path);
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: as built');
  assert.equal(plain.headers.vary, 'Accept-Encoding');
  assert.match(plain.headers['content-type'], /javascript/);
  assert.ok(plain.body.length > 1000);

  const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br', 'brotli when both are accepted');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.match(br.headers['content-type'], /javascript/);
  assert.ok(br.body.length < plain.body.length / 2, `brotli ${br.body.length} vs ${plain.body.length}`);
  assert.deepEqual(brotliDecompressSync(br.body), plain.body);

  const gz = await get(path, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers.vary, 'Accept-Encoding');
  assert.deepEqual(gunzipSync(gz.body), plain.body);

  const refused = await get(path, { 'accept-encoding': 'br;q=0, gzip;q=0' });
  assert.equal(refused.headers['content-encoding'], undefined, 'q=0 refuses both');
  assert.deepEqual(refused.body, plain.body);

  // each form has its own validator, and a 304 keeps telling caches it varies
  const tags = new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]);
  assert.equal(tags.size, 3, 'three different ETags');
  const again = await get(path, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.headers.vary, 'Accept-Encoding');
  assert.equal(again.headers['content-encoding'], 'br');
  const other = await get(path, { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag });
  assert.equal(other.status, 200, "the brotli ETag does not validate the gzip body");
  assert.equal(other.headers['content-encoding'], 'gzip');
});

test('the pages themselves (console, phone, a page route) are compressed too', async () => {
  for (const path of ['/', '/m/', '/m/some/route']) {
    const plain = await get(path);
    const gz = await get(path, { 'accept-encoding': 'gzip' });
    assert.equal(gz.status, 200, path);
    assert.equal(gz.headers['content-encoding'], 'gzip', path);
    assert.equal(gz.headers.vary, 'Accept-Encoding', path);
    assert.deepEqual(gunzipSync(gz.body), plain.body, path);
    assert.match(plain.body.toString('utf8'), /<div id="app">/, path);
  }
});

test('the precompressed copies are not files of their own, and API answers are untouched', async () => {
  const path = await largestScript();
  for (const suffix of ['.br', '.gz']) {
    const r = await get(path + suffix, { 'accept-encoding': 'gzip, br' });
    assert.equal(r.status, 404, path + suffix);
  }
  const api = await get('/api/v1/public/categories', { 'accept-encoding': 'gzip, br' });
  assert.equal(api.status, 200);
  assert.equal(api.headers['content-encoding'], undefined);
  JSON.parse(api.body.toString('utf8'));
});
