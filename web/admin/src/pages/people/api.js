// The console's member record and data-quality calls (docs/api-people.md) over the one client.
import { request } from '../../api.js'

export const memberRecord = (id) => request('GET', `/api/v1/members/${id}/record`)
/** query: {org_id?, area_id?, code?, limit?, offset?} */
export const memberProblems = (query) => request('GET', '/api/v1/member-problems', { query })
export const problemOrgs = (query) => request('GET', '/api/v1/member-problems/orgs', { query })
