// The member's own record on the phone (docs/api-people.md, "GET /api/v1/members/{id}/record"):
// the member id is the scope of the account's member binding.
import { hasRole, request } from '../../session.js'

export const isMember = (account) => hasRole(account, 'member')
/** the member the account is bound to (its member-scope binding), or null */
export function memberIdOf(account) {
  const r = ((account && account.roles) || []).find((x) => x.role === 'member' && x.scope_type === 'member')
  return r ? r.scope_id : null
}
export const memberRecord = (id) => request('GET', `/api/v1/members/${id}/record`)
/** the members register's fields, for their Chinese names and choices */
export const memberSchema = () => request('GET', '/api/v1/registers/members/schema')
