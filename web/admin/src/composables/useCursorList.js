// A cursor-paged register list (docs/api.md: `?limit=&after=` → {"items","next_cursor","total"}) as
// the console pages show it: the first page on reload(), more rows on loadMore(), and the flags for
// the table's v-loading and the footer (ListFooter.vue).
import { ref } from 'vue'

/**
 * `fetchPage(extra)` asks the server for one page; `extra` is `{limit}` or `{limit, after}`, to be
 * merged with the page's own filters. Errors are already shown by api.js: the list just empties.
 * `first(page)` sees each first page as it lands (null when it failed), for what the page says beside the rows.
 */
export function useCursorList(fetchPage, { limit = 50, first = () => {} } = {}) {
  const items = ref([])
  const total = ref(null)
  const nextCursor = ref(null)
  const loading = ref(false)
  const loadingMore = ref(false)

  // A filter may change while a page is on its way: only the newest request may fill the list, and
  // a "more" page of the old filters must not be appended to the new list.
  let seq = 0

  async function reload() {
    const mine = ++seq
    loading.value = true
    try {
      const page = await fetchPage({ limit })
      if (mine !== seq) return
      items.value = page.items || []
      total.value = page.total ?? null
      nextCursor.value = page.next_cursor || null
      first(page)
    } catch {
      if (mine === seq) {
        items.value = []
        total.value = 0
        nextCursor.value = null
        first(null)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function loadMore() {
    if (!nextCursor.value) return
    const mine = seq
    loadingMore.value = true
    try {
      const page = await fetchPage({ limit, after: nextCursor.value })
      if (mine !== seq) return
      items.value = items.value.concat(page.items || [])
      nextCursor.value = page.next_cursor || null
    } catch {
      /* shown */
    } finally {
      loadingMore.value = false
    }
  }

  /** Merge `fields` into the loaded row with the same id (after an edit); false when not loaded. */
  function patch(id, fields) {
    const i = items.value.findIndex((x) => x.id === id)
    if (i < 0) return false
    items.value[i] = { ...items.value[i], ...fields }
    return true
  }

  return { items, total, nextCursor, loading, loadingMore, reload, loadMore, patch }
}
