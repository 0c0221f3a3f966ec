// A drawer's record, read again whenever it opens or its id changes: only the latest read lands
// (a slow answer for the previous id never overwrites the current one).
import { ref } from 'vue'

/** fetch(id) -> the record; loaded(record) runs when the latest read lands. */
export function useLatestRecord(fetch, loaded = () => {}) {
  const record = ref(null)
  const loading = ref(false)
  let seq = 0
  async function load(id) {
    if (id == null) return
    const mine = ++seq
    loading.value = true
    try {
      const x = await fetch(id)
      if (mine === seq) {
        record.value = x
        loaded(x)
      }
    } catch {
      if (mine === seq) record.value = null
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  return { record, loading, load }
}
