// Which organisation an organisation-life page shows: `?org_id=` when given, else a branch
// secretary's own; the staff above pick one (pages/org_life/OrgToolbar's picker).
import { ref } from 'vue'
import { useRoute } from 'vue-router'
import { session } from '../session.js'

export function useOrgChoice() {
  const route = useRoute()
  const own = ((session.account && session.account.roles) || []).find((r) => r.role === 'branch_secretary')
  const orgId = ref(Number(route.query.org_id) || (own ? own.scope_id : null))
  const year = ref(Number(route.query.year) || new Date().getFullYear())
  return { orgId, year, pickOrg: !own }
}
