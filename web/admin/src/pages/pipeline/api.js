// The console's calls for the county's side of the member pipeline (docs/api-pipeline.md:
// quotas, joint reviews, re-checks, settings) over the one client (../../api.js). Writes are
// silent: the page shows the server's refusal beside the field it names.
import { request } from '../../api.js'

const BASE = '/api/v1/pipeline'

export const getQuotas = (year) => request('GET', `${BASE}/quotas`, { query: { year } })
/** body: {year, org_id, quota} */
export const setQuota = (body) => request('PUT', `${BASE}/quotas`, { body, silent: true })
/** body: {year, from_org_id, to_org_id, amount, reason} */
export const moveQuota = (body) => request('POST', `${BASE}/quotas/moves`, { body, silent: true })

export const listReviews = () => request('GET', `${BASE}/reviews`)
export const getReview = (id) => request('GET', `${BASE}/reviews/${id}`)
/** person_ids: the candidates (not yet voted on) of one batch */
export const openReview = (title, personIds) =>
  request('POST', `${BASE}/reviews`, { body: { title, person_ids: personIds }, silent: true })
/** decisions: [{person_id, approved, note?}] */
export const decideReview = (id, decisions) =>
  request('POST', `${BASE}/reviews/${id}/decisions`, { body: { decisions }, silent: true })

/** body: {year, size, seed?} */
export const drawRecheck = (body) => request('POST', `${BASE}/rechecks`, { body, silent: true })
export const getRecheck = (id, opts = {}) => request('GET', `${BASE}/rechecks/${id}`, opts)
/** body: {result: ok|problem, note} */
export const recordRecheck = (id, personId, body) =>
  request('POST', `${BASE}/rechecks/${id}/items/${personId}`, { body, silent: true })

export const getSettings = () => request('GET', `${BASE}/settings`)
/** body: {key, value, source, effective_from} */
export const changeSetting = (body) => request('POST', `${BASE}/settings`, { body, silent: true })

export { STAGE } from '@shared/pipeline.js'
export const REVIEW_STATUS = { open: { label: '审查中', tag: 'warning' }, closed: { label: '已结束', tag: 'info' } }
export const DECISION = { approved: { label: '通过', tag: 'success' }, returned: { label: '退回', tag: 'danger' } }
export const RECHECK_RESULT = { ok: { label: '无问题', tag: 'success' }, problem: { label: '有问题', tag: 'danger' } }
// the county's [local] settings and the range the server accepts for each (src/pipeline/settings.cpp)
export const SETTING = {
  publicity_working_days: { label: '发展对象公示', unit: '个工作日', min: 0, max: 30 },
  political_review_valid_months: { label: '政审结论有效期', unit: '个月', min: 1, max: 36 },
  joint_review_required: { label: '发展对象须经县级联审（1是，0否）', unit: '', min: 0, max: 1 },
  warn_first_days: { label: '第一次提前提醒', unit: '天', min: 1, max: 90 },
  warn_second_days: { label: '第二次提前提醒', unit: '天', min: 1, max: 30 },
}

/** this year and the two before, newest first, for the year pickers */
export function recentYears() {
  const y = new Date().getFullYear()
  return [y, y - 1, y - 2]
}
