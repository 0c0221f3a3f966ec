// The API from node for the browser tests' set-up: a cookie session, X-CSRF-Token on writes.
import assert from 'node:assert/strict'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'

export class Api {
  constructor(username, password = PASSWORD) {
    this.username = username
    this.password = password
    this.cookie = ''
    this.csrf = ''
    this.account = null
  }

  async login() {
    const res = await fetch(`${BASE}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: this.username, password: this.password }),
    })
    const body = await res.json().catch(() => null)
    assert.equal(res.status, 200, `${this.username} signs in: ${JSON.stringify(body)}`)
    const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')]
    this.cookie = cookies
      .filter(Boolean)
      .map((c) => c.split(';')[0])
      .join('; ')
    this.csrf = body.csrf_token
    this.account = body.account
    return this
  }

  /** The area the account is bound to (its first area-scoped role). */
  areaId() {
    const r = (this.account.roles || []).find((x) => x.scope_type === 'area')
    return r ? r.scope_id : null
  }

  async call(method, path, body) {
    const headers = { Accept: 'application/json', Cookie: this.cookie }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf
    const res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    let data = null
    try {
      data = text ? JSON.parse(text) : null
    } catch {
      data = { raw: text }
    }
    return { status: res.status, body: data }
  }

  /** A call that must succeed (2xx); answers the body. */
  async ok(method, path, body) {
    const r = await this.call(method, path, body)
    assert.ok(r.status >= 200 && r.status < 300, `${this.username} ${method} ${path} -> ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }

  get(path) {
    return this.ok('GET', path)
  }

  post(path, body = {}) {
    return this.ok('POST', path, body)
  }
}
