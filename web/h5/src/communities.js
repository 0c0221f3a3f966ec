// Communities (and villages) a phone user may pick, with their street: the public community list
// (GET /api/v1/public/communities). Loaded once per page load; a failure is retried next time.
import { getPublicCommunities } from './api.js'

let pending = null

/**
 * Resolves to [{value: '12', text: '河西街道 · 红星路社区', name: '红星路社区'}] sorted by street, then
 * name; [] when the list cannot be had (the pickers are then left out).
 */
export function loadCommunities() {
  if (!pending) {
    pending = getPublicCommunities()
      .then((res) =>
        ((res && res.items) || [])
          .map((c) => ({
            value: String(c.id),
            text: c.street_name ? `${c.street_name} · ${c.name}` : String(c.name),
            name: String(c.name),
            street: c.street_name || '',
          }))
          .sort((a, b) => a.street.localeCompare(b.street, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN')),
      )
      .catch(() => {
        pending = null
        return []
      })
  }
  return pending
}
