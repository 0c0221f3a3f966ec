// A console list read whole (the server returns up to the page's limit, no cursor): its rows, the
// table's v-loading, load() with the page's own filters, and act() for a row's button — the change,
// its success message, then the list read again; a refusal is shown as the server words it.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'

/** `fetch()` reads the list with the page's filters: `{items}`. */
export function useRowList(fetch) {
  const items = ref([])
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      items.value = (await fetch()).items || []
    } finally {
      loading.value = false
    }
  }

  async function act(change, done) {
    try {
      await change()
      ElMessage.success(done)
      await load()
    } catch (e) {
      ElMessage.error(e.message)
    }
  }

  return { items, loading, load, act }
}
