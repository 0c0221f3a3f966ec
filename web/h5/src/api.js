// The phone pages' API calls, through the one HTTP client (web/shared/http.js). The resident's appeal
// pages call only the public appeals API (docs/api-appeals.md) with `request`: no login, no cookie
// (credentials 'omit', so a staff session in the same browser is never sent). The co-governance
// calls below go through session.js (the signed-in client). Unless `silent`, error.message is shown
// with showFailToast.
import { showFailToast } from 'vant'
import { ApiError, createClient } from '@shared/http.js'
import { hasRole, request as signedIn } from './session.js'

export { ApiError }

const publicClient = createClient({
  credentials: 'omit',
  networkMessage: '网络错误，请检查网络后重试',
  onError(err, _path, { silent = false }) {
    if (!silent) showFailToast(err.message)
  },
})

export const request = (method, path, options) => publicClient.request(method, path, options)

const enc = encodeURIComponent

export const getCategories = () => request('GET', '/api/v1/public/categories')
export const getGrids = () => request('GET', '/api/v1/public/grids')
export const fileAppeal = (body) => request('POST', '/api/v1/public/appeals', { body })
export const getAppeal = (code, opts) => request('GET', `/api/v1/public/appeals/${enc(code)}`, opts)
export const rateAppeal = (code, body) => request('POST', `/api/v1/public/appeals/${enc(code)}/rating`, { body })

/**
 * Upload one photo: the raw image bytes as the body (no multipart). Resolves to {photo, url};
 * the server recognises JPEG, PNG and WebP by their first bytes (≤ 5 MB). Never toasts.
 */
export async function uploadPhoto(file) {
  let data
  try {
    data = await request('POST', '/api/v1/public/photos', {
      body: file,
      contentType: file.type || 'application/octet-stream',
      silent: true,
    })
  } catch (e) {
    if (e.status === 0) throw new ApiError(0, { error: { code: 'network', message: '网络错误，照片上传失败' } })
    throw e
  }
  if (!data || !data.photo) throw new ApiError(200, data)
  return data
}

// ---- signed in (session.js): the co-governance pages ----
// ---- public (no login) ----
export const getPublicLists = (areaId) => signedIn('GET', '/api/v1/public/lists', { params: { area_id: areaId } })
export const getPublicCommunities = () => signedIn('GET', '/api/v1/public/communities', { silent: true })
export const getPublicDeliberations = (areaId) =>
  signedIn('GET', '/api/v1/public/deliberations', { params: { area_id: areaId } })
export const getPublicDeliberation = (id, opts) => signedIn('GET', `/api/v1/public/deliberations/${id}`, opts)

// ---- resident ----
/** 我的诉求: {contact: {name, phone}, items, next_before} */
export const getMyAppeals = (params, opts) => signedIn('GET', '/api/v1/my/appeals', { params, ...opts })
/** file an appeal as the signed-in resident (listed in 我的诉求); resolves to the public view */
export const fileMyAppeal = (body) => signedIn('POST', '/api/v1/my/appeals', { body })
/** 民提: put a matter forward in the resident's own community */
export const proposeDeliberation = (body) => signedIn('POST', '/api/v1/deliberations/proposals', { body, silent: true })
export const getDeliberation = (id, opts) => signedIn('GET', `/api/v1/deliberations/${id}`, opts)
export const castBallot = (id, choice) =>
  signedIn('POST', `/api/v1/deliberations/${id}/ballots`, { body: { choice }, silent: true })
export const rateDeliberation = (id, body) =>
  signedIn('POST', `/api/v1/deliberations/${id}/rating`, { body, silent: true })
export const commentDeliberation = (id, body) =>
  signedIn('POST', `/api/v1/deliberations/${id}/notes`, { body: { kind: 'comment', body }, silent: true })

// ---- claims (member or unit admin): the three lists' needs and projects, and the orders they make ----
/** register: 'needs' | 'projects'; resolves to the Order */
export const claim = (register, id, note) =>
  signedIn('POST', `/api/v1/${register}/${id}/claim`, { body: note ? { note } : {}, silent: true })
/** the caller's own orders (the server limits a member or unit admin to theirs) */
export const getMyOrders = (params, opts) =>
  signedIn('GET', '/api/v1/orders', { params: { limit: 20, ...params }, ...opts })
export const getOrder = (id, opts) => signedIn('GET', `/api/v1/orders/${id}`, opts)
export const orderAction = (id, action, note) =>
  signedIn('POST', `/api/v1/orders/${id}/actions`, { body: note ? { action, note } : { action }, silent: true })

/** may claim needs and projects */
export const mayClaim = (account) => hasRole(account, 'member') || hasRole(account, 'unit_admin')

// ---- member ----
export const getMyDualReport = (opts) => signedIn('GET', '/api/v1/my/dual-report', opts)
export const reportMyself = (body) =>
  signedIn('POST', '/api/v1/dual-reports', { body: { kind: 'member', ...body }, silent: true })
export const signUp = (id) => signedIn('POST', `/api/v1/activities/${id}/signup`, { silent: true })
export const checkIn = (id, code) =>
  signedIn('POST', `/api/v1/activities/${id}/checkin`, { body: { code }, silent: true })
