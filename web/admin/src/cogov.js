// Co-governance console helpers (docs/api-cogov.md): API calls, role checks, tag colours, times.
import { api, buildQuery } from './api.js'
import { session } from './session.js'

const V1 = '/api/v1'

// ---- the three lists ----
export const reviewItem = (register, id, approve, note) =>
  api.post(`${V1}/${register}/${id}/review`, note ? { approve, note } : { approve })
export const withdrawResource = (id) => api.post(`${V1}/resources/${id}/withdraw`)
export const needSuggestions = (id, limit = 10) => api.get(`${V1}/needs/${id}/suggestions`, { limit })
export const claimItem = (register, id, body) => api.post(`${V1}/${register}/${id}/claim`, body)
export const dispatchNeed = (id, body) => api.post(`${V1}/needs/${id}/dispatch`, body)
export const listOrders = (params, opts) => api.get(`${V1}/orders`, params, opts)
export const getOrder = (id) => api.get(`${V1}/orders/${id}`)
export const orderAction = (id, body) => api.post(`${V1}/orders/${id}/actions`, body)
export const honourRoll = (params) => api.get(`${V1}/honour-roll`, params)

// ---- dual reporting ----
export const createDualReport = (body) => api.post(`${V1}/dual-reports`, body)
export const endDualReport = (id) => api.post(`${V1}/dual-reports/${id}/end`)
export const activitySignups = (id) => api.get(`${V1}/activities/${id}/signups`)
export const activityCheckinCode = (id) => api.get(`${V1}/activities/${id}/checkin-code`)
export const activityQrUrl = (id) => `${V1}/activities/${id}/qr.svg`
export const dualNotice = (params) => api.get(`${V1}/dual-reports/notice`, { ...params, format: 'json' })
export const dualNoticeUrl = (params, format) => `${V1}/dual-reports/notice${buildQuery({ ...params, format })}`
export const dualInactive = (params) => api.get(`${V1}/dual-reports/inactive`, params)

// ---- pairings and volunteers ----
export const addParty = (id, body) => api.post(`${V1}/pairings/${id}/parties`, body)
export const removeParty = (id, partyId) => api.del(`${V1}/pairings/${id}/parties/${partyId}`)
export const addHelp = (id, body) => api.post(`${V1}/pairings/${id}/help`, body)
export const addVolunteer = (id, body) => api.post(`${V1}/volunteer-teams/${id}/volunteers`, body)
export const logHours = (id, body) => api.post(`${V1}/volunteer-teams/${id}/hours`, body)

// ---- deliberation ----
export const advanceDeliberation = (id, body) => api.post(`${V1}/deliberations/${id}/advance`, body)
export const closeVote = (id) => api.post(`${V1}/deliberations/${id}/close-vote`)
export const addDeliberationNote = (id, body) => api.post(`${V1}/deliberations/${id}/notes`, body)
export const castBallot = (id, body) => api.post(`${V1}/deliberations/${id}/ballots`, body)
export const rateDeliberation = (id, body) => api.post(`${V1}/deliberations/${id}/rating`, body)

// ---- roles (the server decides; these only hide buttons a role can never use) ----
const STAFF = ['org_dept', 'street_officer', 'community_secretary']

function roles() {
  return ((session.account && session.account.roles) || []).map((r) => r.role)
}
export const isStaff = () => roles().some((r) => STAFF.includes(r))
export const isGridStaff = () => roles().includes('grid_staff')
export const isUnitAdmin = () => roles().includes('unit_admin')
export const isMember = () => roles().includes('member')
export const isResident = () => roles().includes('resident')
/** may claim needs and projects (unit admins and members) */
export const mayClaim = () => isUnitAdmin() || isMember()

/** the caller's first area scope, as a default area for pickers */
export function defaultArea() {
  const r = ((session.account && session.account.roles) || []).find((x) => x.scope_type === 'area')
  return r ? { id: r.scope_id, name: r.scope_name } : null
}

// ---- tag colours ----
export const STATUS_TAG = {
  pending: 'warning',
  published: 'success',
  rejected: 'danger',
  withdrawn: 'info',
  ordered: 'primary',
  done: 'info',
  closed: 'info',
  full: 'primary',
  claimed: 'warning',
  dispatched: 'warning',
  accepted: 'primary',
  in_progress: 'primary',
  completed: 'warning',
  confirmed: 'success',
  cancelled: 'info',
  active: 'success',
  ended: 'info',
  open: 'success',
}

export const STAGE_TAG = {
  proposed: 'info',
  discussing: 'primary',
  voting: 'warning',
  decided: 'success',
  rejected: 'danger',
  carrying_out: 'primary',
  evaluated: 'success',
}

// ---- times (China Standard Time, whatever zone the browser is in) ----
const CST = 8 * 3600 * 1000
const pad = (n) => String(n).padStart(2, '0')

/** "YYYY-MM" of the current month (CST) */
export function thisMonth() {
  const c = new Date(Date.now() + CST)
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}`
}
/** "YYYY-MM" of the previous month (CST) */
export function lastMonth() {
  const c = new Date(Date.now() + CST)
  c.setUTCDate(1)
  c.setUTCMonth(c.getUTCMonth() - 1)
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}`
}
export function thisYear() {
  return String(new Date(Date.now() + CST).getUTCFullYear())
}
export function today() {
  const c = new Date(Date.now() + CST)
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}`
}
/** Date | number(ms) -> unix seconds, or null */
export function toUnix(v) {
  if (v === null || v === undefined || v === '') return null
  const ms = v instanceof Date ? v.getTime() : Number(v)
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null
}
/** "2026-11" -> "2026年11月", "2026" -> "2026年" */
export function periodText(p) {
  if (!p) return ''
  const m = /^(\d{4})-(\d{2})$/.exec(p)
  if (m) return `${m[1]}年${Number(m[2])}月`
  return /^\d{4}$/.test(p) ? `${p}年` : p
}

export function percent(v, digits = 1) {
  if (v === null || v === undefined || v === '' || !Number.isFinite(Number(v))) return '—'
  return `${(Number(v) * 100).toFixed(digits)}%`
}

export function rating(v) {
  if (v === null || v === undefined || v === '' || !Number(v)) return '—'
  return Number(v).toFixed(1)
}

export function dash(v) {
  return v === null || v === undefined || v === '' ? '—' : v
}

/**
 * Sends a form's data: `form.sending` (its button spins) while `send()` runs; a field the server
 * names in its error gets the message in `form.errors` (for el-form-item :error), any other error
 * is already shown by api.js.
 */
export async function sendForm(form, send) {
  form.sending = true
  try {
    await send()
  } catch (e) {
    if (e && e.field) form.errors = { [e.field]: e.message }
  } finally {
    form.sending = false
  }
}

/** An inline row's one message (its fields turn red, the row is too narrow for a message under each). */
export function firstError(errors) {
  return Object.values(errors || {}).find(Boolean) || ''
}

/** The form field (components/RecordForm.vue) of a record's 所在社区: a community or village. */
export const COMMUNITY_FIELD = {
  prop: 'area_id',
  label: '所在社区',
  type: 'area',
  required: true,
  nameProp: 'area_name',
  placeholder: '社区（村）',
}

// Roles without the area register (unit admins, members) cannot browse the area tree (403), so
// their area pickers offer the areas they can see: their unit's area and those of the needs and
// projects in their scope.
let candidates = null
export function areaCandidates() {
  if (!candidates) {
    candidates = (async () => {
      const seen = new Map()
      const add = (id, name) => {
        if (id != null && name && !seen.has(id)) seen.set(id, name)
      }
      const roles = (session.account && session.account.roles) || []
      for (const r of roles) {
        if (r.scope_type === 'area') add(r.scope_id, r.scope_name)
        if (r.scope_type === 'unit') {
          try {
            const u = await api.get(`${V1}/units/${r.scope_id}`, undefined, { silent: true })
            add(u.area_id, u.area_name)
          } catch {
            /* not visible */
          }
        }
      }
      for (const reg of ['needs', 'projects', 'resources']) {
        try {
          const page = await api.get(`${V1}/${reg}`, { limit: 200 }, { silent: true })
          for (const it of page.items || []) add(it.area_id, it.area_name)
        } catch {
          /* not visible */
        }
      }
      return [...seen].map(([id, name]) => ({ id, name }))
    })().catch(() => {
      candidates = null
      return []
    })
  }
  return candidates
}
