// The phone pages' session (docs/api-cogov.md, the staff workbench): unlike the resident's appeal
// pages (api.js `request`, no cookie at all), these may sign in: the session cookie goes along (same
// origin) and every write carries the X-CSRF-Token the session answered with. Errors are ApiError
// (web/shared/http.js); unless `silent`, error.message is shown in a toast.
import { reactive } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { showFailToast, showToast } from 'vant'
import { ApiError, createClient } from '@shared/http.js'

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

const client = createClient({
  csrf: () => session.csrf,
  networkMessage: '网络错误，请检查网络后重试',
  onError(err, path, { silent = false }) {
    if (err.status === 401 && path !== '/api/v1/session') session.account = null
    if (!silent) showFailToast(err.message)
  },
})

/** request('GET', path, { params, body, silent }) → the JSON, or throws ApiError */
export const request = (method, path, { params, ...options } = {}) =>
  client.request(method, path, { ...options, query: params })

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

/** The signed-in account, or null when no one is (or the server could not be asked). */
export async function signedInAccount() {
  try {
    return await loadSession()
  } catch {
    return null
  }
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

/**
 * For a signed-in page's setup: `toLogin()` goes to 登录 (as `role`: member, resident…) and back
 * here after; `switchAccount()` signs out first. `push` keeps this page in the history.
 */
export function useLoginLink(role, { push = false } = {}) {
  const router = useRouter()
  const route = useRoute()
  const toLogin = () =>
    router[push ? 'push' : 'replace']({ name: 'cogov-login', query: { redirect: route.fullPath, role } })
  async function switchAccount() {
    await logout()
    toLogin()
  }
  return { toLogin, switchAccount }
}

export function hasRole(account, role) {
  return !!account && (account.roles || []).some((r) => r.role === role)
}

export const isSecretary = (account) => hasRole(account, 'branch_secretary')

/** the branches the caller keeps (meetings, dues, the pipeline): their branch_secretary bindings */
export function secretaryOrgs(account) {
  return ((account && account.roles) || [])
    .filter((r) => r.role === 'branch_secretary')
    .map((r) => ({ id: r.scope_id, name: r.scope_name }))
}

/**
 * For a page only residents use: the signed-in resident's account, or null once a stranger is sent
 * to sign in (and back to `here`) or another account to `elsewhere` with `refusal` said.
 */
export async function residentOrAway(router, { here, refusal, elsewhere }) {
  const who = await signedInAccount()
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
