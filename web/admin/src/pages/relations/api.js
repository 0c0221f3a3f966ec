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
