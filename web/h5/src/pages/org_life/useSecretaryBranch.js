// For a branch secretary's page over one of their branches (组织生活, 发展党员): the branches they
// keep (`orgs`), the one shown (`orgId`: ?org_id= or the first), and `load()` that runs `fetch(orgId)`
// with `loading` on; `ready` once the first load has run. Another account is turned away with
// `refusal` said.
import { onMounted, ref } from 'vue'
import { useRoute } from 'vue-router'
import { isSecretary, secretaryOrgs } from '../../session.js'
import { useSignedIn } from './useSignedIn.js'

export function useSecretaryBranch(refusal, fetch) {
  const route = useRoute()
  const { ensure } = useSignedIn()
  const orgs = ref([])
  const orgId = ref(null)
  const loading = ref(false)
  const ready = ref(false)

  async function load() {
    loading.value = true
    try {
      await fetch(orgId.value)
    } finally {
      loading.value = false
    }
  }

  onMounted(async () => {
    const account = await ensure(isSecretary, refusal)
    if (!account) return
    orgs.value = secretaryOrgs(account)
    orgId.value = Number(route.query.org_id) || orgs.value[0].id
    await load().catch(() => {})
    ready.value = true
  })

  return { orgs, orgId, loading, ready, load }
}
