// Organisation life on the phone (docs/api-org_life.md): the branch secretary plans, announces and
// holds a meeting; a member sees 我的会议 and asks leave. Every call is signed in (session.js);
// writes are `silent` so a page shows the error where it belongs.
import { hasRole, request } from '../../session.js'

const BASE = '/api/v1/org-life'

export { isSecretary, secretaryOrgs } from '../../session.js'
export const isMember = (account) => hasRole(account, 'member')

export const getKinds = () => request('GET', `${BASE}/kinds`)
export const listMeetings = (params) => request('GET', `${BASE}/meetings`, { params })
export const getMeeting = (id, opts) => request('GET', `${BASE}/meetings/${id}`, opts)
export const createMeeting = (body) => request('POST', `${BASE}/meetings`, { body, silent: true })
export const updateMeeting = (id, body) => request('PUT', `${BASE}/meetings/${id}`, { body, silent: true })
export const announce = (id) => request('POST', `${BASE}/meetings/${id}/announce`, { silent: true })
export const cancelMeeting = (id, reason) =>
  request('POST', `${BASE}/meetings/${id}/cancel`, { body: { reason }, silent: true })
/** body: {attendance:[{member_id, status}], minutes, resolutions:[{body, ayes?, noes?, abstentions?}]} */
export const holdMeeting = (id, body) => request('POST', `${BASE}/meetings/${id}/hold`, { body, silent: true })
export const saveMinutes = (id, minutes) =>
  request('PUT', `${BASE}/meetings/${id}/minutes`, { body: { minutes }, silent: true })
export const addGuest = (id, memberId) =>
  request('POST', `${BASE}/meetings/${id}/attendees`, { body: { member_id: memberId }, silent: true })
export const decideLeave = (id, memberId, grant) =>
  request('POST', `${BASE}/meetings/${id}/leave/${memberId}`, { body: { grant }, silent: true })

// ---- the member ----
export const myMeetings = () => request('GET', `${BASE}/my/meetings`)
export const askLeave = (id, reason) =>
  request('POST', `${BASE}/meetings/${id}/leave`, { body: { reason }, silent: true })
export const myEvaluations = () => request('GET', `${BASE}/my/evaluations`)
export const saveSelf = (id, text) =>
  request('PUT', `${BASE}/evaluations/${id}/self`, { body: { self_assessment: text }, silent: true })
export const assessPeer = (id, memberId, grade, comment) =>
  request('PUT', `${BASE}/evaluations/${id}/peers/${memberId}`, { body: { grade, comment }, silent: true })

// ---- lookups for the secretary's pages ----
/** members to add as guests: by the beginning of a name or a member number */
export const lookupMembers = (id, q) =>
  request('GET', `${BASE}/meetings/${id}/member-lookup`, { params: { q }, silent: true })
/** the organisation's named committee and its term */
export const getCommittee = (orgId) => request('GET', `${BASE}/orgs/${orgId}/committee`)
