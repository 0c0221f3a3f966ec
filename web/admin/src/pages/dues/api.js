// The console's dues calls (docs/api-dues.md) over the one client (../../api.js). Money is fen.
import { ApiError, buildQuery, request } from '../../api.js'

export { thisMonth, today } from '../../cogov.js'

const BASE = '/api/v1/dues'
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const getSheet = (orgId, month) => request('GET', `${BASE}/sheet`, { query: { org_id: orgId, month } })
export const getTotals = (orgId, month) => request('GET', `${BASE}/totals`, { query: { org_id: orgId, month } })
/** the sheet as XLSX or as the printable page, for a plain link (the session cookie goes along) */
// The payroll template: the organisation's members with the bases in force (GET /bases/template).
export const basesTemplateHref = (orgId) => `${BASE}/bases/template${buildQuery({ org_id: orgId })}`
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

export const listReductions = (orgId) => request('GET', `${BASE}/reductions`, { query: { org_id: orgId } })
/** body: {member_id, from_month, to_month, monthly_fen, reason, decision, decided_on} → the reduction, `proposed` */
export const proposeReduction = (body) => request('POST', `${BASE}/reductions`, { body, silent: true })
/** approve: {approval?}; refuse: {reason} */
export const decideReduction = (id, approve, body) =>
  request('POST', `${BASE}/reductions/${id}/${approve ? 'approve' : 'refuse'}`, { body, silent: true })
/** the organisation's collection for the month handed up; a second time → 409 */
export const remit = (orgId, month) =>
  request('POST', `${BASE}/remittances`, { body: { org_id: orgId, month }, silent: true })

export const REDUCTION_STATE = { proposed: '待上级批准', approved: '已批准', refused: '未批准' }
export const REDUCTION_TAG = { proposed: 'warning', approved: 'success', refused: 'info' }
/** the kinds a payroll's 交纳类别 may name (by these words or their codes), src/dues/rules.cpp */
export const KIND_LABELS = [
  '在职（按月工资）',
  '年薪制',
  '个体经营等不按月取得收入',
  '离退休',
  '农民',
  '学生',
  '下岗失业',
  '领取最低生活保障金或依靠抚恤、救济生活',
]

/** 4200 → '42.00' */
export const yuan = (fen) => (fen == null ? '' : (fen / 100).toFixed(2))
