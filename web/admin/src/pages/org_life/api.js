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

// ---- 民主评议党员, 谈心谈话, 组织生活会, the committee ----
export const listCampaigns = (orgId) => request('GET', `${BASE}/evaluations`, { query: { org_id: orgId } })
export const openCampaign = (orgId, year) =>
  request('POST', `${BASE}/evaluations`, { body: { org_id: orgId, year }, silent: true })
export const getCampaign = (id) => request('GET', `${BASE}/evaluations/${id}`)
export const closeCampaign = (id) => request('POST', `${BASE}/evaluations/${id}/close`, { silent: true })
export const rateMember = (id, memberId, rating, reason) =>
  request('PUT', `${BASE}/evaluations/${id}/ratings/${memberId}`, { body: { rating, reason }, silent: true })

export const getTalks = (orgId, year) => request('GET', `${BASE}/talks`, { query: { org_id: orgId, year } })
export const recordTalk = (body) => request('POST', `${BASE}/talks`, { body, silent: true })

export const getLife = (meetingId) => request('GET', `${BASE}/meetings/${meetingId}/life`)
export const addCriticism = (meetingId, body) =>
  request('POST', `${BASE}/meetings/${meetingId}/criticisms`, { body, silent: true })
export const addRectification = (meetingId, body) =>
  request('POST', `${BASE}/meetings/${meetingId}/rectifications`, { body, silent: true })
export const rectificationDone = (id, doneOn) =>
  request('PUT', `${BASE}/rectifications/${id}`, { body: { done_on: doneOn }, silent: true })

export const getCommittee = (orgId) => request('GET', `${BASE}/orgs/${orgId}/committee`)
export const setCommittee = (orgId, memberIds) =>
  request('PUT', `${BASE}/orgs/${orgId}/committee`, { body: { member_ids: memberIds }, silent: true })
export const setTerm = (orgId, body) => request('PUT', `${BASE}/orgs/${orgId}/term`, { body, silent: true })

/** the XLSX of the compliance cells of an area's organisations in a month (a plain link: the cookie goes) */
export const cellsXlsxUrl = (areaId, month) =>
  `${BASE}/compliance/cells?${new URLSearchParams({ area_id: areaId, month, format: 'xlsx' })}`

/** today in the browser's zone, 'YYYY-MM-DD' */
export function today() {
  const d = new Date()
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
