// Appeals (诉求) words shared by the resident H5 (/m/) and the console (docs/api-appeals.md).
// No framework imports here: both front ends use it.

export const APPEAL_TYPE = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
}

export const APPEAL_CHANNEL = {
  h5: '居民端',
  hotline: '热线',
  walk_in: '来访',
  patrol: '网格员巡查',
  enterprise: '企业诉求',
  open311: 'Open311',
}

/** channels a staff member may choose when registering an appeal */
export const INTAKE_CHANNELS = ['hotline', 'walk_in', 'patrol', 'enterprise']

export const URGENCY = {
  emergency: '紧急',
  utilities: '水电气暖',
  general: '一般',
  complex: '复杂',
  dispute: '矛盾纠纷（四级七天）',
}

export const URGENCY_LIMIT = {
  emergency: '2 小时内办理',
  utilities: '24 小时内办理',
  general: '7 个工作日内办理',
  complex: '15 个工作日内办理',
  dispute: '7 日内逐级调解化解（网格、社区、镇街、县）',
}

export const APPEAL_LEVEL = {
  1: '网格',
  2: '社区（村）',
  3: '街道（镇）',
  4: '县（区）及部门',
}

export const APPEAL_STATUS = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  called_back: '已回访',
  closed: '已关闭',
  rejected: '不予受理',
  merged: '已合并',
  reopened: '重新办理',
}

/** statuses after which the clock no longer runs */
export const FINISHED_STATUS = new Set(['resolved', 'called_back', 'closed', 'rejected', 'merged'])

export const SATISFACTION = {
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
}

export const APPEAL_ACTION = {
  accept: '受理',
  start: '开始办理',
  resolve: '办结',
  reject: '不予受理',
  escalate: '上报',
  callback: '回访',
  close: '关闭',
  reopen: '重新办理',
  merge: '合并',
  dispatch: '派单',
  whistle: '吹哨',
  checkin: '报到',
  note: '记录进展',
  supervise: '督办',
}

export const APPEAL_QUEUES = [
  { key: 'pending', label: '待受理' },
  { key: 'working', label: '办理中' },
  { key: 'due_soon', label: '即将超时' },
  { key: 'overdue', label: '已超时' },
  { key: 'closed', label: '已办结' },
  { key: 'all', label: '全部' },
]

/**
 * Where an appeal sits, for residents: "红星路社区 · 第1网格". Grid names usually already start with
 * their community's name, so the community is only prefixed when it adds something.
 */
export function placeName(grid, community) {
  const g = String(grid || '')
  const c = String(community || '')
  if (!g) return c
  if (!c || g === c || g.startsWith(c)) return g
  return `${c} · ${g}`
}

/** timeline entries newest first (by `at(entry)`, its time; for equal times, later entries first) */
export function newestFirst(timeline, at = (t) => t.at) {
  return (timeline || [])
    .map((t, i) => [t, i])
    .sort((a, b) => (Number(at(b[0])) || 0) - (Number(at(a[0])) || 0) || b[1] - a[1])
    .map(([t]) => t)
}

export function word(map, value) {
  if (value === undefined || value === null || value === '') return ''
  return map[value] ?? String(value)
}

/** 11-digit mainland mobile number */
export function isMobile(value) {
  return /^1[3-9]\d{9}$/.test(String(value || '').trim())
}

// Time limits are days in China Standard Time, whatever zone the browser is set to.
const CST_OFFSET_MS = 8 * 3600 * 1000

/** unix seconds (or ISO text) -> "2026-11-22 09:05" in China Standard Time */
export function formatTime(t) {
  if (t === undefined || t === null || t === '') return ''
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t)
  if (Number.isNaN(d.getTime())) return String(t)
  const c = new Date(d.getTime() + CST_OFFSET_MS)
  const p = (n) => String(n).padStart(2, '0')
  return `${c.getUTCFullYear()}-${p(c.getUTCMonth() + 1)}-${p(c.getUTCDate())} ${p(c.getUTCHours())}:${p(c.getUTCMinutes())}`
}

/** "11-22 09:05" (this year) or "2025-11-22" (another year), for tables */
export function formatShortTime(t) {
  const full = formatTime(t)
  if (!full || !/^\d{4}-/.test(full)) return full
  return full.slice(0, 4) === String(new Date().getFullYear()) ? full.slice(5) : full.slice(0, 10)
}

/** seconds -> "2天3小时" / "5小时12分" / "45分钟" */
export function formatSpan(seconds) {
  let s = Math.max(0, Math.floor(Math.abs(seconds)))
  const d = Math.floor(s / 86400)
  s -= d * 86400
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  if (d) return `${d}天${h ? h + '小时' : ''}`
  if (h) return `${h}小时${m ? m + '分' : ''}`
  return `${Math.max(m, 1)}分钟`
}

/** deadline text relative to now (unix seconds) */
export function countdown(deadline, now = Date.now() / 1000) {
  if (!deadline) return ''
  const left = deadline - now
  return left >= 0 ? `剩余 ${formatSpan(left)}` : `超时 ${formatSpan(left)}`
}

/**
 * Flat category list (GET /api/v1/public/categories) -> tree.
 * Returns { roots, byId }; each node = { ...category, children: [] }. A node is selectable when it
 * is a level-3 leaf or a level-2 node without children.
 */
export function categoryTree(items) {
  const byId = new Map()
  for (const c of items || []) byId.set(c.id, { ...c, children: [] })
  const roots = []
  for (const node of byId.values()) {
    const parent = node.parent_id != null ? byId.get(node.parent_id) : null
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return { roots, byId }
}

export function isSelectableCategory(node) {
  if (!node) return false
  const level = Number(node.level)
  return level === 3 || (level === 2 && !(node.children && node.children.length))
}

/** "城市管理 / 市容环境 / 占道经营" for a category id */
export function categoryPath(byId, id) {
  const names = []
  let node = byId.get(id)
  let guard = 0
  while (node && guard++ < 5) {
    names.unshift(node.name)
    node = node.parent_id != null ? byId.get(node.parent_id) : null
  }
  return names.join(' / ')
}

// ---- grids (GeoJSON) ----

function ringContains(ring, x, y) {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function polygonContains(rings, x, y) {
  if (!rings || !rings.length || !ringContains(rings[0], x, y)) return false
  for (let k = 1; k < rings.length; k++) if (ringContains(rings[k], x, y)) return false
  return true
}

/** the feature of a FeatureCollection that contains [lon, lat], or null */
export function featureAt(fc, lon, lat) {
  for (const f of (fc && fc.features) || []) {
    const g = f && f.geometry
    if (!g) continue
    if (g.type === 'Polygon' && polygonContains(g.coordinates, lon, lat)) return f
    if (g.type === 'MultiPolygon' && g.coordinates.some((poly) => polygonContains(poly, lon, lat))) return f
  }
  return null
}

// ---- photos (docs/api-appeals.md, second round) ----
/** what the server recognises (by the first bytes) */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp']
export const PHOTO_ACCEPT = PHOTO_TYPES.join(',')
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const PHOTO_MAX_COUNT = 9

/** a Chinese reason a file cannot be sent as a photo, or '' */
export function photoProblem(file) {
  if (!file) return '请选择照片'
  if (file.type && !PHOTO_TYPES.includes(file.type)) return '只能上传 JPEG、PNG 或 WebP 格式的照片'
  if (!file.type && !/\.(jpe?g|png|webp)$/i.test(file.name || '')) return '只能上传 JPEG、PNG 或 WebP 格式的照片'
  if (file.size > PHOTO_MAX_BYTES) return '照片不能超过 5 MB'
  return ''
}

// Tag colours for appeal statuses, in Vant's names (the console says 'info' for 'default').
export const STATUS_TAG = {
  submitted: 'warning',
  accepted: 'primary',
  in_progress: 'primary',
  reopened: 'warning',
  resolved: 'success',
  called_back: 'success',
  closed: 'default',
  rejected: 'danger',
  merged: 'default',
}
