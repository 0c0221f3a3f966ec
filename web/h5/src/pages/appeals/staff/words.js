// Words and small rules of the staff workbench pages: time left and its colour, the actions a phone
// offers and what each asks for.
import { APPEAL_LEVEL, FINISHED_STATUS, formatSpan, word } from '@shared/appeals.js'

/**
 * How pressing an appeal is: 'overdue' (red), 'soon' (orange: past its warning time), 'ok' (green),
 * or 'done' (finished: the clock no longer runs). `now` is the server's time.
 */
export function deadlineTone(a, now) {
  if (!a || FINISHED_STATUS.has(a.status)) return 'done'
  const deadline = Number(a.deadline_at)
  if (a.overdue || (deadline && now >= deadline)) return 'overdue'
  const warn = Number(a.warn_at)
  if (a.due_soon || (warn && now >= warn)) return 'soon'
  return 'ok'
}

/** "剩 1小时20分" / "超时 3小时" / "已办结" */
export function timeLeft(a, now) {
  if (!a) return ''
  if (FINISHED_STATUS.has(a.status)) return word(STATUS_SHORT, a.status) || '已结束'
  const deadline = Number(a.deadline_at)
  if (!deadline) return ''
  const left = deadline - now
  return left > 0 ? `剩 ${formatSpan(left)}` : `超时 ${formatSpan(left)}`
}

const STATUS_SHORT = {
  resolved: '已办结',
  called_back: '已回访',
  closed: '已关闭',
  rejected: '不予受理',
  merged: '已合并',
}

/**
 * Who holds it now: "社区（村）· 红星路社区" — the server's holder; without one, the level, named
 * when the appeal's own grid or community is that level.
 */
export function holderText(a) {
  if (!a) return ''
  const h = a.holder
  if (h && typeof h === 'object') {
    const level = h.level_label || word(APPEAL_LEVEL, h.level)
    return [level, h.name].filter(Boolean).join(' · ')
  }
  const level = Number(a.level)
  const name = level === 1 ? a.grid_name : level === 2 ? a.community_name : ''
  return [word(APPEAL_LEVEL, level), name].filter(Boolean).join(' · ')
}

export const URGENCY_SHORT = { emergency: '紧急 2小时', utilities: '24小时', general: '', complex: '' }

// The actions the phone offers, in the order of the action bar. The rest (merge, dispatch, whistle,
// supervise) need the console's pickers.
//   move: POST /actions (may carry photos); note: POST /notes; checkin: POST /checkin
//   need: the text is required; text: its label and placeholder; primary: a filled button
export const PHONE_ACTIONS = {
  accept: { label: '受理', kind: 'move', primary: true, text: ['受理意见', '选填'], done: '已受理' },
  start: { label: '开始办理', kind: 'move', primary: true, text: ['办理安排', '选填'], done: '已开始办理' },
  resolve: {
    label: '办结',
    kind: 'move',
    primary: true,
    need: true,
    text: ['办理结果', '办理经过和结果（必填，反映人可以看到）'],
    done: '已办结',
  },
  checkin: { label: '报到', kind: 'checkin', primary: true, text: ['报到说明', '选填'], done: '已报到' },
  note: {
    label: '记录进展',
    kind: 'note',
    need: true,
    text: ['办理进展', '今天做了什么、下一步怎么办（必填）'],
    done: '已记录',
  },
  escalate: { label: '上报', kind: 'move', text: ['上报说明', '需要上级协调的原因（选填）'], done: '已上报上级' },
  reject: {
    label: '不予受理',
    kind: 'move',
    need: true,
    reason: true,
    text: ['理由', '不予受理的理由（必填，将告知反映人）'],
    done: '已不予受理',
  },
  callback: { label: '回访', kind: 'move', satisfaction: true, text: ['回访记录', '回访情况（选填）'], done: '已回访' },
  close: { label: '关闭', kind: 'move', text: ['说明', '选填'], done: '已关闭' },
  reopen: { label: '重新办理', kind: 'move', text: ['说明', '重新办理的原因（选填）'], done: '已重新办理' },
}

/** the detail's `actions` the phone can do, in PHONE_ACTIONS order */
export function phoneActions(actions) {
  const have = new Set(actions || [])
  return Object.keys(PHONE_ACTIONS).filter((a) => have.has(a))
}

/** the detail's `actions` left to the console */
export function consoleOnly(actions) {
  return (actions || []).filter((a) => !PHONE_ACTIONS[a])
}
