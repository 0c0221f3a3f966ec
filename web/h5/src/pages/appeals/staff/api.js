// The staff workbench on the phone (docs/api-appeals.md, issue 13): the signed-in fetch wrapper of the
// co-governance pages (session cookie, X-CSRF-Token, error.message in a toast unless `silent`).
//
// Servers before issue 13 know neither queue=mine|open nor order=due, nor the assignee, holder and
// assignees fields and routes: the first 400 on `queue` makes the pages fall back to the pending and
// working queues (together every open appeal in the caller's scope), sorted here by deadline, and
// what is absent is hidden.
import { onBeforeUnmount, reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { showFailToast, showToast } from 'vant'
import { hasRole, request, session, signedInAccount } from '../../../session.js'

/** the roles the workbench is for (org_dept and the three administrators keep the console) */
export const STAFF_ROLES = ['grid_staff', 'community_secretary', 'street_officer', 'department']

export function isStaff(account) {
  return STAFF_ROLES.some((r) => hasRole(account, r))
}

/** the caller's first staff binding: {role, role_label, scope_name…} */
export function staffBinding(account) {
  return ((account && account.roles) || []).find((r) => STAFF_ROLES.includes(r.role)) || null
}

/**
 * For a workbench page's setup: `await ensure()` answers the signed-in staff account, or null after
 * sending the caller to the login page (not signed in) or to the resident pages (not staff). A 401
 * later (the session ended) also leads to the login page, and back here after.
 */
export function useStaff() {
  const router = useRouter()
  const route = useRoute()
  let checked = false
  const toLogin = () => router.replace({ name: 'cogov-login', query: { redirect: route.fullPath, role: 'staff' } })
  watch(
    () => session.account,
    (a) => {
      if (checked && a === null) toLogin()
    },
  )
  async function ensure() {
    const account = await signedInAccount()
    if (!account) {
      toLogin()
      return null
    }
    if (account.password_change) {
      // every call answers 403 until the password is changed: the console's page for that works on a phone
      showToast('请先修改密码')
      window.location.assign('/#/password-required')
      return null
    }
    if (!isStaff(account)) {
      showToast('工作台供网格员、社区和部门工作人员使用')
      router.replace('/')
      return null
    }
    checked = true
    return account
  }
  return { ensure }
}

// What "本网格" is called for each role (the caller's whole scope).
const SCOPE_TAB = {
  grid_staff: '本网格',
  community_secretary: '本社区',
  street_officer: '本街道',
  department: '本部门',
}

export function scopeTabLabel(account) {
  const b = staffBinding(account)
  return (b && SCOPE_TAB[b.role]) || '本网格'
}

// ---- the server's clock (lists carry server_time; the server may run a test clock) ----
export const clock = reactive({ skew: null }) // server minus browser, seconds; null = not known yet

function noteServerTime(page) {
  const t = page && Number(page.server_time)
  if (Number.isFinite(t) && t > 0) clock.skew = t - Date.now() / 1000
}

/** the server's time now, unix seconds */
export function serverNow() {
  return Date.now() / 1000 + (clock.skew || 0)
}

const TICK_MS = 30 * 1000

/**
 * For a page's setup: `now`, the server's time, ticking every 30 seconds from `tick()` on (the
 * countdowns move on; started once the page has read what it shows) until the page is left.
 */
export function useServerNow() {
  const now = ref(serverNow())
  let timer = null
  function tick() {
    now.value = serverNow()
    if (!timer) timer = setInterval(() => (now.value = serverNow()), TICK_MS)
  }
  onBeforeUnmount(() => clearInterval(timer))
  return { now, tick }
}

/** learn the server's clock once (a detail opened directly has no server_time) */
export async function syncClock() {
  if (clock.skew !== null) return
  try {
    noteServerTime(await request('GET', '/api/v1/appeals', { params: { queue: 'all', limit: 1 }, silent: true }))
  } catch {
    /* the browser's clock stands in */
  }
}

// ---- queues ----
export const PAGE_SIZE = 30
const LEGACY_PAGE = 100
/** true: the server has queue=mine|open and order=due; false: it is older; null: not asked yet */
export const support = reactive({ queues: null, assignees: null })

/** open appeals, deadline first (the server's order=due: overdue, then due soonest) */
export function byDue(items) {
  return [...(items || [])].sort(
    (a, b) => (Number(a.deadline_at) || Infinity) - (Number(b.deadline_at) || Infinity) || a.id - b.id,
  )
}

/**
 * One page of a workbench queue: 'mine' (assigned to the caller) or 'open' (every open appeal in the
 * caller's scope). Resolves to {items, next_cursor, total}, or null for 'mine' on an older server.
 */
export async function listQueue(queue, after) {
  if (support.queues !== false) {
    try {
      const page = await request('GET', '/api/v1/appeals', {
        params: { queue, order: 'due', limit: PAGE_SIZE, after },
        silent: true,
      })
      support.queues = true
      noteServerTime(page)
      return { items: page.items || [], next_cursor: page.next_cursor || null, total: page.total ?? null }
    } catch (e) {
      if (!(e.status === 400 && e.field === 'queue')) {
        showFailToast(e.message)
        throw e
      }
      support.queues = false
    }
  }
  if (queue === 'mine') return null
  const pages = await Promise.all(
    ['pending', 'working'].map((q) => request('GET', '/api/v1/appeals', { params: { queue: q, limit: LEGACY_PAGE } })),
  )
  noteServerTime(pages[0])
  const items = byDue(pages.flatMap((p) => p.items || []))
  const total = pages.every((p) => p.total != null) ? pages.reduce((n, p) => n + p.total, 0) : items.length
  return { items, next_cursor: null, total }
}

/** overdue and due-soon counts in the caller's whole scope (the server's totals) */
export async function scopeCounts() {
  const [overdue, dueSoon] = await Promise.all(
    ['overdue', 'due_soon'].map((q) =>
      request('GET', '/api/v1/appeals', { params: { queue: q, limit: 1 }, silent: true }),
    ),
  )
  noteServerTime(overdue)
  return { overdue: overdue.total ?? 0, due_soon: dueSoon.total ?? 0 }
}

// ---- one appeal ----
export const getAppeal = (id, opts) => request('GET', `/api/v1/appeals/${id}`, opts)

/** a state move (accept, start, resolve, escalate, reject, callback, close, reopen) → the detail */
export const actOn = (id, body) => request('POST', `/api/v1/appeals/${id}/actions`, { body, silent: true })
export const addNote = (id, note) =>
  request('POST', `/api/v1/appeals/${id}/notes`, { body: { kind: 'progress', note }, silent: true })
export const checkIn = (id, note) =>
  request('POST', `/api/v1/appeals/${id}/checkin`, { body: note ? { note } : {}, silent: true })

/** people the appeal may be handed to: [{id, name, role_label, area_name}]; [] when none or not offered */
export async function getAssignees(id) {
  if (support.assignees === false) return []
  try {
    const data = await request('GET', `/api/v1/appeals/${id}/assignees`, { silent: true })
    support.assignees = true
    return (data && data.items) || []
  } catch (e) {
    if (e.status === 404 && e.code === 'no_route') support.assignees = false
    return []
  }
}

export const assign = (id, accountId) =>
  request('POST', `/api/v1/appeals/${id}/assign`, { body: { account_id: accountId }, silent: true })

/** staff intake (巡查上报: channel patrol) → 201 the appeal */
export const fileAppeal = (body) => request('POST', '/api/v1/appeals', { body, silent: true })
