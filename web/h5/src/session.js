// The co-governance phone pages (docs/api-cogov.md). Unlike the appeal pages (../../api.js, no
// cookie at all), these may sign in: the session cookie goes along (same origin) and every write
// carries the X-CSRF-Token the session answered with. The public routes work without a session.
// Errors become ApiError (error.message from the server); unless `silent`, it is shown in a toast.
import { reactive } from 'vue'
import { showFailToast, showToast } from 'vant'
import { ApiError } from './api.js'

export { ApiError }

const CSRF_KEY = 'jiceng_h5_csrf'

/** The signed-in account as the server last told it (null = not signed in; undefined = not asked yet). */
export const session = reactive({ account: undefined, csrf: readCsrf() })

function readCsrf() {
  try {
    return sessionStorage.getItem(CSRF_KEY) || ''
  } catch {
    return ''
  }
}

function setSession(data) {
  session.account = (data && data.account) || null
  session.csrf = (data && data.csrf_token) || ''
  try {
    if (session.csrf) sessionStorage.setItem(CSRF_KEY, session.csrf)
    else sessionStorage.removeItem(CSRF_KEY)
  } catch {
    /* private mode */
  }
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

function query(params) {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue
    qs.append(k, String(v))
  }
  const s = qs.toString()
  return s ? `?${s}` : ''
}

export async function request(method, path, { body, params, silent = false } = {}) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (WRITES.has(method) && session.csrf) headers['X-CSRF-Token'] = session.csrf
  let res
  try {
    res = await fetch(path + query(params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
  } catch {
    const err = new ApiError(0, { error: { code: 'network', message: '网络错误，请检查网络后重试' } })
    if (!silent) showFailToast(err.message)
    throw err
  }
  let data = null
  const text = res.status === 204 ? '' : await res.text()
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data)
    if (res.status === 401 && path !== '/api/v1/session') session.account = null
    if (!silent) showFailToast(err.message)
    throw err
  }
  return data
}

// ---- session ----
/** Ask the server who is signed in (once; `force` asks again). Resolves to the account or null. */
export async function loadSession(force = false) {
  if (session.account !== undefined && !force) return session.account
  try {
    setSession(await request('GET', '/api/v1/session', { silent: true }))
  } catch (e) {
    if (e.status === 401 || e.status === 403) setSession(null)
    else throw e
  }
  return session.account
}

export async function login(username, password) {
  const data = await request('POST', '/api/v1/session', { body: { username, password }, silent: true })
  setSession(data)
  return session.account
}

export async function logout() {
  try {
    await request('DELETE', '/api/v1/session', { silent: true })
  } catch {
    /* signed out either way */
  }
  setSession(null)
}

export function hasRole(account, role) {
  return !!account && (account.roles || []).some((r) => r.role === role)
}

/**
 * For a page only residents use: the signed-in resident's account, or null once a stranger is sent
 * to sign in (and back to `here`) or another account to `elsewhere` with `refusal` said.
 */
export async function residentOrAway(router, { here, refusal, elsewhere }) {
  let who = null
  try {
    who = await loadSession()
  } catch {
    /* treated as signed out */
  }
  if (!who) {
    router.replace({ name: 'cogov-login', query: { role: 'resident', redirect: here } })
    return null
  }
  if (!hasRole(who, 'resident')) {
    showToast(refusal)
    router.replace(elsewhere)
    return null
  }
  return who
}

// ---- public (no login) ----
export const getPublicLists = (areaId) => request('GET', '/api/v1/public/lists', { params: { area_id: areaId } })
export const getPublicCommunities = () => request('GET', '/api/v1/public/communities', { silent: true })
export const getPublicDeliberations = (areaId) =>
  request('GET', '/api/v1/public/deliberations', { params: { area_id: areaId } })
export const getPublicDeliberation = (id, opts) => request('GET', `/api/v1/public/deliberations/${id}`, opts)

// ---- resident ----
/** 我的诉求: {contact: {name, phone}, items, next_before} */
export const getMyAppeals = (params, opts) => request('GET', '/api/v1/my/appeals', { params, ...opts })
/** file an appeal as the signed-in resident (listed in 我的诉求); resolves to the public view */
export const fileMyAppeal = (body) => request('POST', '/api/v1/my/appeals', { body })
/** 民提: put a matter forward in the resident's own community */
export const proposeDeliberation = (body) => request('POST', '/api/v1/deliberations/proposals', { body, silent: true })
export const getDeliberation = (id, opts) => request('GET', `/api/v1/deliberations/${id}`, opts)
export const castBallot = (id, choice) =>
  request('POST', `/api/v1/deliberations/${id}/ballots`, { body: { choice }, silent: true })
export const rateDeliberation = (id, body) =>
  request('POST', `/api/v1/deliberations/${id}/rating`, { body, silent: true })
export const commentDeliberation = (id, body) =>
  request('POST', `/api/v1/deliberations/${id}/notes`, { body: { kind: 'comment', body }, silent: true })

// ---- claims (member or unit admin): the three lists' needs and projects, and the orders they make ----
/** register: 'needs' | 'projects'; resolves to the Order */
export const claim = (register, id, note) =>
  request('POST', `/api/v1/${register}/${id}/claim`, { body: note ? { note } : {}, silent: true })
/** the caller's own orders (the server limits a member or unit admin to theirs) */
export const getMyOrders = (params, opts) =>
  request('GET', '/api/v1/orders', { params: { limit: 20, ...params }, ...opts })
export const getOrder = (id, opts) => request('GET', `/api/v1/orders/${id}`, opts)
export const orderAction = (id, action, note) =>
  request('POST', `/api/v1/orders/${id}/actions`, { body: note ? { action, note } : { action }, silent: true })

/** may claim needs and projects */
export const mayClaim = (account) => hasRole(account, 'member') || hasRole(account, 'unit_admin')

// ---- member ----
export const getMyDualReport = (opts) => request('GET', '/api/v1/my/dual-report', opts)
export const reportMyself = (body) =>
  request('POST', '/api/v1/dual-reports', { body: { kind: 'member', ...body }, silent: true })
export const signUp = (id) => request('POST', `/api/v1/activities/${id}/signup`, { silent: true })
export const checkIn = (id, code) =>
  request('POST', `/api/v1/activities/${id}/checkin`, { body: { code }, silent: true })
