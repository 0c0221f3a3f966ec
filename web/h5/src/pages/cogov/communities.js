// Communities a phone user may pick. The public grid list names each grid's community; when the
// server also gives its id (`community_id`), the pages offer a community picker. Loaded once.
import { getPublicGrids } from './api.js'

let pending = null

/** Resolves to [{value: '12', text: '红星路社区'}] sorted by name; [] when the ids are not known. */
export function loadCommunities() {
  if (!pending) {
    pending = getPublicGrids()
      .then((fc) => {
        const seen = new Map()
        for (const f of (fc && fc.features) || []) {
          const p = f.properties || {}
          if (p.community_id && p.community && !seen.has(String(p.community_id))) {
            seen.set(String(p.community_id), { value: String(p.community_id), text: String(p.community) })
          }
        }
        return [...seen.values()].sort((a, b) => a.text.localeCompare(b.text, 'zh-CN'))
      })
      .catch(() => {
        pending = null
        return []
      })
  }
  return pending
}
