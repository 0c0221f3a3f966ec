// A read that may be asked again before the previous answer lands (a drawer's record as it opens or
// its id changes, a figures page as its filters change): only the latest read lands (a slow answer
// to an earlier one never overwrites it); a failed one leaves null.
import { ref } from 'vue'

/** fetch(...args) -> the data; landed(data) runs (and is waited for) when the latest read lands. */
export function useLatest(fetch, landed = () => {}) {
  const data = ref(null)
  const loading = ref(false)
  let seq = 0
  async function load(...args) {
    const mine = ++seq
    loading.value = true
    try {
      const x = await fetch(...args)
      if (mine === seq) {
        data.value = x
        await landed(x)
      }
    } catch {
      if (mine === seq) data.value = null
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  return { data, loading, load }
}

/** A drawer's record: fetch(id) -> the record; loaded(record) runs when the latest read lands. */
export function useLatestRecord(fetch, loaded = () => {}) {
  const { data: record, loading, load } = useLatest(fetch, loaded)
  return { record, loading, load: (id) => (id == null ? undefined : load(id)) }
}
