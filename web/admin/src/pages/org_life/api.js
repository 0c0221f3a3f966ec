// The console's organisation-life calls (docs/api-org_life.md) over the one client (../../api.js).
import { request } from '../../api.js'

const BASE = '/api/v1/org-life'

export const getKinds = () => request('GET', `${BASE}/kinds`)
export const addKind = (code, label) => request('POST', `${BASE}/kinds`, { body: { code, label }, silent: true })
export const listMeetings = (query) => request('GET', `${BASE}/meetings`, { query })
export const getMeeting = (id) => request('GET', `${BASE}/meetings/${id}`)
export const assignObserver = (id, username) =>
  request('POST', `${BASE}/meetings/${id}/observers`, { body: { username }, silent: true })
export const saveAssessment = (id, assessment) =>
  request('PUT', `${BASE}/meetings/${id}/assessment`, { body: { assessment }, silent: true })
export const uploadFile = (file) =>
  request('POST', `${BASE}/files`, { body: file, contentType: file.type || 'application/octet-stream', silent: true })
export const attachFile = (id, hash, name) =>
  request('POST', `${BASE}/meetings/${id}/attachments`, { body: { hash, name }, silent: true })

export const getDuties = () => request('GET', `${BASE}/duties`)
export const addDuty = (body) => request('POST', `${BASE}/duties`, { body, silent: true })

export const orgYear = (orgId, year) => request('GET', `${BASE}/compliance/orgs/${orgId}`, { query: { year } })
export const areaMonths = (areaId, year) =>
  request('GET', `${BASE}/compliance/areas`, { query: { area_id: areaId || undefined, year } })
export const areaCells = (areaId, month) =>
  request('GET', `${BASE}/compliance/cells`, { query: { area_id: areaId, month } })

const pad = (n) => String(n).padStart(2, '0')
/** unix seconds → 'YYYY-MM-DD HH:mm' */
export function when(t) {
  if (!t) return ''
  const d = new Date(t * 1000)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
/** 'YYYY-MM' → [from, to) unix seconds of that month (the browser's zone) */
export function monthRange(month) {
  const [y, m] = month.split('-').map(Number)
  return [new Date(y, m - 1, 1).getTime() / 1000, new Date(y, m, 1).getTime() / 1000 - 1]
}
