// A tiny HTTP client for the API tests: keeps a session cookie and CSRF token per login.
import { spawn } from 'node:child_process';

export const BASE = process.env.JICENG_URL ?? 'http://127.0.0.1:8080';

export class Client {
  constructor(base = BASE) { this.base = base; this.cookie = null; this.csrf = null; this.account = null; }

  async login(username, password = 'jiceng-demo') {
    const r = await this.req('POST', '/api/v1/session', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    this.csrf = r.json.csrf_token;
    this.account = r.json.account;
    return this;
  }

  async req(method, path, body, { headers = {}, raw = false, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      if (raw) payload = body;
      else { payload = JSON.stringify(body); h['content-type'] ??= 'application/json'; }
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const buf = Buffer.from(await res.arrayBuffer());
    const text = buf.toString('utf8');
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, text, json, buf };
  }
  get(p, o) { return this.req('GET', p, undefined, o); }
  post(p, b, o) { return this.req('POST', p, b, o); }
  patch(p, b, o) { return this.req('PATCH', p, b, o); }
}

export async function as(username) { return new Client().login(username); }

// The main test server's clock, which tests move with POST /api/v1/_test/clock.
export const serverNow = async () => (await new Client().post('/api/v1/_test/clock', { advance_seconds: 0 })).json.now;

// A second server on the same database with its own clock and settings, so a test can move time by
// days or set tight limits without touching the main test server's accounts, sessions and limits.
export async function sideServer(extra = []) {
  const args = ['serve', '--db', process.env.JICENG_DB, '--key-file', process.env.JICENG_KEY, '--listen', '127.0.0.1:0',
    '--web', '/nonexistent', '--test-clock', '--sweep-seconds', '0', '--deliver-seconds', '0', ...extra];
  const proc = spawn(process.env.JICENG_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    proc.stderr.on('data', (d) => {
      log += d;
      const m = log.match(/serving (http:\/\/[0-9.]+:\d+)/);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`side server exited ${code}: ${log}`)));
  });
  const clock = async (s) => (await new Client(url).post('/api/v1/_test/clock', { advance_seconds: s })).json.now;
  // Start level with the main server, whose clock earlier tests have moved on.
  await clock((await serverNow()) - (await clock(0)));
  return { url, clock, stop: () => proc.kill('SIGTERM'), log: () => log };
}

// A valid GB 11643 ID number for a birth date and a sequence number (odd: male).
export function idNumber(birth = '19900307', seq = 123, region = '370102') {
  const body = region + birth + String(seq).padStart(3, '0');
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i];
  return body + '10X98765432'[sum % 11];
}

export function badCheckDigit(id) {
  const last = id[17] === '0' ? '1' : '0';
  return id.slice(0, 17) + last;
}

// Every error the API gives has this shape.
export function assertError(assert, r, status, code) {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text}`);
  assert.ok(r.json && r.json.error, `error body should be JSON: ${r.text}`);
  assert.equal(typeof r.json.error.message, 'string');
  assert.ok(r.json.error.message.length > 0);
  if (code) assert.equal(r.json.error.code, code);
}
