// Relations on the phone (docs/api-relations.md): a branch secretary's 组织关系 — the transfers
// waiting for the branch to confirm (confirm, or refuse with a reason) and the branch's mobile
// members, with a contact recorded. Writes are `silent` so the page shows a refusal where it belongs.
import { request } from '../../session.js'

const BASE = '/api/v1/relations'

export { isSecretary, secretaryOrgs } from '../../session.js'

/** the branch's pending transfers, both sides (can_confirm: this branch receives) */
export const pendingTransfers = (orgId) =>
  request('GET', `${BASE}/transfers`, { params: { org_id: orgId, state: 'pending', limit: 200 } })
export const confirmTransfer = (id) => request('POST', `${BASE}/transfers/${id}/confirm`, { body: {}, silent: true })
export const refuseTransfer = (id, reason) =>
  request('POST', `${BASE}/transfers/${id}/refuse`, { body: { reason }, silent: true })
/** the branch's active flows, out and in */
export const activeFlows = (orgId) =>
  request('GET', `${BASE}/flows`, { params: { org_id: orgId, state: 'active', limit: 200 } })
export const recordContact = (id, on) => request('POST', `${BASE}/flows/${id}/contact`, { body: { on }, silent: true })

/** today as 'YYYY-MM-DD' in the phone's zone */
export function today() {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
