// Chinese words for the co-governance API's values (docs/api-cogov.md) and small formatters.
export { formatTime, word } from '@shared/appeals.js'
export { ORDER_STATUS, DELIB_STAGE as STAGE_LABEL, DUAL_STATUS as REPORT_STATUS, VOTER_BASE } from '@shared/words.js'
import { ORDER_ACTION as SHARED_ORDER_ACTION } from '@shared/words.js'

export const KIND = {
  venue: '场地',
  funds: '资金',
  service: '专业服务',
  volunteers: '志愿力量',
  goods: '物资',
}

export const NEED_SOURCE = { resident: '居民', grid: '网格', community: '社区' }

export const LIST_STATUS = {
  pending: '待审核',
  published: '已发布',
  rejected: '未通过',
  withdrawn: '已撤回',
  ordered: '已接单',
  done: '已完成',
  closed: '已关闭',
  full: '已满',
}

/** Vant tag type for an order status */
export function orderTag(status) {
  if (status === 'confirmed') return 'success'
  if (status === 'cancelled') return 'default'
  if (status === 'claimed' || status === 'dispatched' || status === 'completed') return 'warning'
  return 'primary'
}

/** what the claimer is told about the next step, by order status */
export const ORDER_HINT = {
  claimed: '等待社区确认认领',
  dispatched: '社区已派单，请接单',
  accepted: '社区已确认，可以开始服务',
  in_progress: '服务完成后请点击“服务完成”',
  completed: '等待社区确认服务并评价',
  confirmed: '服务已确认，感谢您的参与',
}

// on the phone the claimer is the one who cancels: their claim
export const ORDER_ACTION = { ...SHARED_ORDER_ACTION, cancel: '取消认领' }

/** the five steps of 四民工作法 as the steps bar shows them */
export const STAGE_STEPS = ['民提', '民议', '民决', '实施', '民评']

const STAGE_STEP = { proposed: 0, discussing: 1, voting: 2, decided: 2, rejected: 2, carrying_out: 3, evaluated: 4 }

/** index of the stage in STAGE_STEPS */
export function stageStep(stage) {
  return STAGE_STEP[stage] ?? 0
}

/** Vant tag type for a stage */
export function stageTag(stage) {
  if (stage === 'voting') return 'warning'
  if (stage === 'decided' || stage === 'evaluated') return 'success'
  if (stage === 'rejected') return 'danger'
  return 'primary'
}

export const CHOICE = { yes: '赞成', no: '反对', abstain: '弃权' }

export const NOTE_KIND = { comment: '居民意见', meeting: '议事记录', progress: '进展' }

/** 0.423 -> "42.3%" */
export function percent(x, digits = 0) {
  const n = Number(x)
  if (!Number.isFinite(n)) return '—'
  return `${(n * 100).toFixed(digits).replace(/\.0+$/, '')}%`
}

/** 2.5 -> "2.5", 3 -> "3" */
export function hours(h) {
  const n = Number(h)
  if (!Number.isFinite(n)) return '0'
  return String(Math.round(n * 10) / 10)
}

/** "YYYY-MM" of now in China Standard Time */
export function currentMonth(now = Date.now()) {
  const d = new Date(now + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** "11月22日 09:00–11:00" (same day) or two full times */
export function timeRange(from, to) {
  const p = (n) => String(n).padStart(2, '0')
  const cst = (t) => new Date(t * 1000 + 8 * 3600 * 1000)
  if (!from) return ''
  const a = cst(from)
  const day = `${a.getUTCMonth() + 1}月${a.getUTCDate()}日`
  const start = `${p(a.getUTCHours())}:${p(a.getUTCMinutes())}`
  if (!to) return `${day} ${start}`
  const b = cst(to)
  const sameDay =
    a.getUTCFullYear() === b.getUTCFullYear() &&
    a.getUTCMonth() === b.getUTCMonth() &&
    a.getUTCDate() === b.getUTCDate()
  const end = `${p(b.getUTCHours())}:${p(b.getUTCMinutes())}`
  return sameDay ? `${day} ${start}–${end}` : `${day} ${start} 至 ${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${end}`
}

/** "还剩 2 天 3 小时" until a unix time; '' once past */
export function remaining(t, now = Date.now() / 1000) {
  const s = Math.floor(t - now)
  if (!(s > 0)) return ''
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return `还剩 ${d} 天${h ? ` ${h} 小时` : ''}`
  if (h > 0) return `还剩 ${h} 小时${m ? ` ${m} 分钟` : ''}`
  return `还剩 ${Math.max(m, 1)} 分钟`
}
