// The console's dues calls (docs/api-dues.md) over the one client (../../api.js). Money is fen.
import { ApiError, buildQuery, request } from '../../api.js'

const BASE = '/api/v1/dues'
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const getSheet = (orgId, month) => request('GET', `${BASE}/sheet`, { query: { org_id: orgId, month } })
export const getTotals = (orgId, month) => request('GET', `${BASE}/totals`, { query: { org_id: orgId, month } })
/** the sheet as XLSX or as the printable page, for a plain link (the session cookie goes along) */
export const sheetHref = (orgId, month, format) => `${BASE}/sheet${buildQuery({ org_id: orgId, month, format })}`

/** what: 'payments' or 'bases'; a bad sheet answers 422 with every row's error, returned as the body */
export async function importSheet(what, file, dryRun) {
  const path = `${BASE}/${what}/import${dryRun ? '?dry_run=1' : ''}`
  try {
    return await request('POST', path, { body: await file.arrayBuffer(), contentType: XLSX_MIME, silent: true })
  } catch (e) {
    if (e instanceof ApiError && e.status === 422 && e.body && e.body.errors) return e.body
    throw e
  }
}

/** 4200 → '42.00' */
export const yuan = (fen) => (fen == null ? '' : (fen / 100).toFixed(2))
