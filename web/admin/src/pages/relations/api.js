// The console's relations calls (docs/api-relations.md) over the one client (../../api.js).
import { request } from '../../api.js'

const BASE = '/api/v1/relations'

export const listTransfers = (query) => request('GET', `${BASE}/transfers`, { query })
export const startTransfer = (body) => request('POST', `${BASE}/transfers`, { body, silent: true })
export const confirmTransfer = (id) => request('POST', `${BASE}/transfers/${id}/confirm`, { body: {}, silent: true })
export const refuseTransfer = (id, reason) =>
  request('POST', `${BASE}/transfers/${id}/refuse`, { body: { reason }, silent: true })
export const cancelTransfer = (id, reason) =>
  request('POST', `${BASE}/transfers/${id}/cancel`, { body: { reason }, silent: true })
export const recordReceipt = (id, returnedOn) =>
  request('POST', `${BASE}/transfers/${id}/receipt`, { body: { returned_on: returnedOn }, silent: true })
export const findReceivers = (q) => request('GET', `${BASE}/receivers`, { query: { q } })
export const letterUrl = (id) => `${BASE}/transfers/${id}/letter`

export const checkSummary = (areaId) =>
  request('GET', `${BASE}/checks/summary`, { query: { area_id: areaId || undefined } })
export const listChecks = (query) => request('GET', `${BASE}/checks`, { query })

export const TRANSFER_STATE = { pending: '待接收', confirmed: '已办结', refused: '已拒绝', cancelled: '已撤销' }
export const TRANSFER_KIND = { within: '县内转接', out: '转出本县', in: '外地转入' }

/** today as 'YYYY-MM-DD' in the browser's zone */
export function today() {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

export const listFlows = (query) => request('GET', `${BASE}/flows`, { query })
/** body: {member_id, side, destination, since, contact, host_org_id?, host_outside?, fixed_place?} */
// An in-flow's member, found anywhere in the county by the exact ID number the member shows.
export const lookupMember = (idNumber) =>
  request('POST', `${BASE}/member-lookup`, { body: { id_number: idNumber }, silent: true })
export const registerFlow = (body) => request('POST', `${BASE}/flows`, { body, silent: true })
export const flowContact = (id, on) => request('POST', `${BASE}/flows/${id}/contact`, { body: { on }, silent: true })
export const flowUntraceable = (id, since) =>
  request('POST', `${BASE}/flows/${id}/untraceable`, { body: { since }, silent: true })
export const endFlow = (id, on) => request('POST', `${BASE}/flows/${id}/end`, { body: { on }, silent: true })

export const listCases = (query) => request('GET', `${BASE}/cases`, { query })
export const evaluationCases = () => request('GET', `${BASE}/cases/from-evaluations`)
/** body: {org_life_case_id} or {member_id, kind, reason} */
export const openCase = (body) => request('POST', `${BASE}/cases`, { body, silent: true })
/** body: {outcome, decided_on, resolution} */
export const decideCase = (id, body) => request('POST', `${BASE}/cases/${id}/decision`, { body, silent: true })
/** body: {approved_on, note?} */
export const approveCase = (id, body) => request('POST', `${BASE}/cases/${id}/approval`, { body, silent: true })

export const getSettings = () => request('GET', `${BASE}/settings`)
/** body: {key, value, source, effective_from} */
export const changeSetting = (body) => request('POST', `${BASE}/settings`, { body, silent: true })

export const FLOW_SIDE = { out: '流出', in: '流入' }
export const FLOW_STATE = { active: '流动中', ended: '已结束' }
export const CASE_KIND = { unqualified: '不合格党员', untraceable: '失联党员' }
export const CASE_STATE = { correcting: '限期改正', awaiting_approval: '待上级批准', closed: '已办结' }
export const OUTCOME = { corrected: '已改正', advised_leave: '劝退', removed: '除名', stopped: '停止党籍' }
// the county settings the server keeps (docs/api-relations.md, "County settings")
export const SETTING = {
  transfer_confirm_days: { label: '转接确认期限', unit: '天', min: 1, max: 3650 },
  correct_months: { label: '不合格党员限期改正', unit: '个月', min: 1, max: 3650 },
  letter_valid_days: { label: '介绍信有效期', unit: '天', min: 1, max: 3650 },
}
