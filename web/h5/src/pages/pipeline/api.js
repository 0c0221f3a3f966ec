// The member pipeline on the phone (docs/api-pipeline.md): the branch secretary's 发展党员 — what
// falls due, each person's file, and moving a person a step. Writes are `silent` so the page shows a
// refusal (the rule's words and source) where it belongs.
import { request } from '../../session.js'

const BASE = '/api/v1/pipeline'

export { isSecretary, secretaryOrgs } from '../../session.js'

export const getBranch = (orgId) => request('GET', `${BASE}/orgs/${orgId}`)
export const getPerson = (id) => request('GET', `${BASE}/people/${id}`)
/** body: {step, on, decided_by?, contacts?, introducers?, training_days?, training_hours?, publicity_to?, ayes?, …} */
export const recordStep = (id, body) => request('POST', `${BASE}/people/${id}/steps`, { body, silent: true })
/** a step's document: the raw bytes (PDF, Word, JPEG, PNG, WebP; ≤ 8 MB) → {hash, mime, url}; never toasts */
export const uploadDocument = (file) =>
  request('POST', `${BASE}/files`, { body: file, contentType: file.type || 'application/octet-stream', silent: true })
/** the branch's full members, who may be contacts and introducers */
export const fullMembers = async (orgId) =>
  ((await request('GET', '/api/v1/members', { params: { org_id: orgId, limit: 200 } })).items || []).filter(
    (m) => m.status === 'full' && m.org_id === orgId,
  )
