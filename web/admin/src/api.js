// The console's side of the HTTP client (web/shared/http.js): the session cookie, X-CSRF-Token on
// every write, errors shown with ElMessage (error.message) unless `silent`, a 401 back to the login
// page (unless `noAuthRedirect`) and a 403 `password_change_required` to the password page.
import { ElMessage } from 'element-plus'
import { ApiError, buildQuery, createClient } from '@shared/http.js'

export { ApiError, buildQuery }

const CSRF_KEY = 'jiceng_csrf'
let csrfToken = sessionStorage.getItem(CSRF_KEY) || ''
let onUnauthorized = () => {}
let onPasswordChangeRequired = () => {}

export function setCsrfToken(token) {
  csrfToken = token || ''
  if (csrfToken) sessionStorage.setItem(CSRF_KEY, csrfToken)
  else sessionStorage.removeItem(CSRF_KEY)
}

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

/** Called when the server answers 403 `password_change_required` (the account must change its password first). */
export function setPasswordChangeHandler(fn) {
  onPasswordChangeRequired = fn
}

function onError(err, _path, { silent = false, noAuthRedirect = false }) {
  if (err.status === 401 && !noAuthRedirect) {
    onUnauthorized()
    if (!silent) ElMessage.warning(err.body?.error?.message || '登录已过期，请重新登录')
  } else if (err.status === 403 && err.code === 'password_change_required') {
    onPasswordChangeRequired()
    if (!silent) ElMessage.warning(err.message)
  } else if (!silent) {
    ElMessage.error(err.message)
  }
}

/**
 * request('GET', '/api/v1/members', { query: { q: '张' } })
 * options: query, body (object -> JSON; string/Blob/ArrayBuffer sent as is), contentType,
 *          silent (no ElMessage), noAuthRedirect (do not jump to login on 401)
 * Returns the parsed JSON (or null for 204). Throws ApiError.
 */
export const api = createClient({ csrf: () => csrfToken, networkMessage: '网络错误，无法连接服务器', onError })
export const request = api.request

// ---- session ----
export const login = (username, password, totp) =>
  request('POST', '/api/v1/session', {
    body: totp ? { username, password, totp } : { username, password },
    silent: true,
    noAuthRedirect: true,
  })
export const fetchSession = () => request('GET', '/api/v1/session', { silent: true, noAuthRedirect: true })
export const logout = () => request('DELETE', '/api/v1/session', { silent: true, noAuthRedirect: true })
/** Errors are not shown here: the form puts them under the field the server names. */
export const changePassword = (currentPassword, newPassword) =>
  request('PUT', '/api/v1/session/password', {
    body: { current_password: currentPassword, new_password: newPassword },
    silent: true,
  })
export const beginTotp = () => api.post('/api/v1/session/totp')
export const confirmTotp = (code) => request('POST', '/api/v1/session/totp/confirm', { body: { code }, silent: true })
export const disableTotp = (password) => api.post('/api/v1/session/totp/disable', { password })

// ---- account administration (等保: system administrator keeps accounts, security administrator grants) ----
export const listAccounts = (params) => api.get('/api/v1/accounts', params)
export const createAccount = (body) => request('POST', '/api/v1/accounts', { body, silent: true })
/** action: disable | enable | unlock | totp-reset */
export const accountAction = (id, action) => api.post(`/api/v1/accounts/${id}/${action}`)
export const resetAccountPassword = (id, password) => api.post(`/api/v1/accounts/${id}/password`, { password })
export const grantRole = (id, body) => api.post(`/api/v1/accounts/${id}/roles`, body)

// ---- registers ----
export const listRegister = (register, params, opts) => api.get(`/api/v1/${register}`, params, opts)
export const getItem = (register, id) => api.get(`/api/v1/${register}/${id}`)
export const createItem = (register, body) => api.post(`/api/v1/${register}`, body)
export const updateItem = (register, id, body) => api.patch(`/api/v1/${register}/${id}`, body)

/** Fetch every page of a list (used for tree children; stops after `max` items). */
export async function listAll(register, params, max = 2000, opts) {
  const items = []
  let after
  for (;;) {
    const page = await listRegister(register, { ...params, limit: 200, after }, opts)
    items.push(...(page.items || []))
    if (!page.next_cursor || items.length >= max) break
    after = page.next_cursor
  }
  return items
}

export const revealMember = (id, field) => api.post(`/api/v1/members/${id}/reveal`, { field })
export const revealPerson = (id, field) => api.post(`/api/v1/people/${id}/reveal`, { field })
export const areaGeojson = (id) => api.get(`/api/v1/areas/${id}/geojson`)
export const areaCommittee = (id) => api.get(`/api/v1/areas/${id}/committee`)
export const unitCoverage = (areaId) => api.get('/api/v1/units/coverage', { area_id: areaId })
export const listAudit = (params) => api.get('/api/v1/audit', params)
export const verifyAudit = () => api.get('/api/v1/audit/verify')

export const exportUrl = (register, format, filters) =>
  `/api/v1/export/${register}${buildQuery({ ...filters, format })}`

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Upload a CSV/XLSX File for import. Resolves to the 200 body or the 422 body (never throws on 422). */
export async function importFile(register, file, dryRun) {
  const isXlsx = /\.xlsx$/i.test(file.name)
  const body = isXlsx ? await file.arrayBuffer() : await file.text()
  const path = `/api/v1/import/${register}${dryRun ? '?dry_run=1' : ''}`
  try {
    return await request('POST', path, {
      body,
      contentType: isXlsx ? XLSX_MIME : 'text/csv; charset=utf-8',
      silent: true,
    })
  } catch (e) {
    if (e instanceof ApiError && e.status === 422 && e.body) return e.body
    if (!(e instanceof ApiError && e.status === 401)) ElMessage.error(e.message)
    throw e
  }
}

// ---- appeals (docs/api-appeals.md) ----
export const listAppeals = (params, opts) => api.get('/api/v1/appeals', params, opts)
export const getAppeal = (id, opts) => api.get(`/api/v1/appeals/${id}`, undefined, opts)
export const createAppeal = (body) => api.post('/api/v1/appeals', body)
export const appealAction = (id, body) => api.post(`/api/v1/appeals/${id}/actions`, body)
export const appealCategories = (opts) => api.get('/api/v1/public/categories', undefined, opts)
export const whistleAppeal = (id, body) => api.post(`/api/v1/appeals/${id}/whistles`, body)
// 首接负责: the grid's and community's staff an appeal may be handed to, and the hand-over
export const appealAssignees = (id) => api.get(`/api/v1/appeals/${id}/assignees`, undefined, { silent: true })
export const assignAppeal = (id, accountId) => api.post(`/api/v1/appeals/${id}/assign`, { account_id: accountId })
export const checkinAppeal = (id, body) => api.post(`/api/v1/appeals/${id}/checkin`, body)
export const noteAppeal = (id, body) => api.post(`/api/v1/appeals/${id}/notes`, body)
export const appealDepartments = (params) => api.get('/api/v1/appeals/departments', params, { silent: true })
export const appealFigures = (params) => api.get('/api/v1/appeals/figures', params)
// 网格“1+1+1+N”配备 (src/people/grid_staffing.cpp)
export const gridStaffing = (params) => api.get('/api/v1/grid-staffing', params)
export const gridStaffingOf = (id, opts) => api.get(`/api/v1/grid-staffing/${id}`, undefined, opts)
export const setGridContact = (id, personId) =>
  request('PUT', `/api/v1/grid-staffing/${id}/contact`, { body: { person_id: personId ?? null }, silent: true })
export const publicGrids = (opts) => api.get('/api/v1/public/grids', undefined, opts)
export const listOutbox = (state) => api.get('/api/v1/outbox', { state })
export const retryOutbox = (id) => api.post(`/api/v1/outbox/${id}/retry`)

/** Upload one photo (raw bytes, no multipart) → {photo, url}. Errors are not shown here. */
export const uploadPhoto = (file) =>
  request('POST', '/api/v1/public/photos', {
    body: file,
    contentType: file.type || 'application/octet-stream',
    silent: true,
  })

// ---- mediation and settings (docs/api-appeals.md "Photos, mediation, departments", "Settings") ----
export const getArea = (id, opts) => api.get(`/api/v1/areas/${id}`, undefined, opts)
export const getMediation = (id, opts) => api.get(`/api/v1/appeals/${id}/mediation`, undefined, opts)
export const putMediation = (id, body) => api.put(`/api/v1/appeals/${id}/mediation`, body)
export const createCategory = (body) => api.post('/api/v1/appeal-categories', body)
export const updateCategory = (id, body) => api.patch(`/api/v1/appeal-categories/${id}`, body)
export const listLimits = () => api.get('/api/v1/appeal-limits')
export const putLimit = (body) => api.put('/api/v1/appeal-limits', body)
export const listHolidays = (year) => api.get('/api/v1/holidays', { year })
export const putHoliday = (body) => api.put('/api/v1/holidays', body)
