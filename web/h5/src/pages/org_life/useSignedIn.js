// For an organisation-life page's setup: `await ensure(test, refusal)` answers the signed-in account
// when `test(account)` holds; a stranger is sent to sign in (and back), another account home with
// `refusal` said.
import { useRoute, useRouter } from 'vue-router'
import { showToast } from 'vant'
import { loadSession } from '../../session.js'

export function useSignedIn() {
  const router = useRouter()
  const route = useRoute()
  async function ensure(test, refusal) {
    let account = null
    try {
      account = await loadSession()
    } catch {
      /* treated as signed out */
    }
    if (!account) {
      router.replace({ name: 'cogov-login', query: { redirect: route.fullPath } })
      return null
    }
    if (!test(account)) {
      showToast(refusal)
      router.replace('/')
      return null
    }
    return account
  }
  return { ensure }
}
