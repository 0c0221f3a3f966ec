// Organisation life words on the phone (the shared ones are in web/shared/org_life.js).
export { MEETING_STATUS, ATTENDANCE } from '@shared/org_life.js'
export const STATUS_TAG = { planned: 'default', announced: 'primary', held: 'success', cancelled: 'default' }

/** what the secretary ticks when holding a meeting */
export const MARKS = [
  { value: 'present', label: '出席' },
  { value: 'absent', label: '缺席' },
  { value: 'leave', label: '请假' },
]

const pad = (n) => String(n).padStart(2, '0')

/** unix seconds → 'YYYY-MM-DD HH:mm' (the phone's local time) */
export function when(t) {
  if (!t) return ''
  const d = new Date(t * 1000)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** unix seconds → the value of an <input type="datetime-local"> */
export function toLocalInput(t) {
  return when(t).replace(' ', 'T')
}

/** an <input type="datetime-local"> value → unix seconds (NaN when empty) */
export function fromLocalInput(v) {
  return v ? Math.floor(new Date(v).getTime() / 1000) : NaN
}

/** how a member's place on a meeting's roll is tagged */
export const ATTENDANCE_TAG = {
  present: 'success',
  absent: 'danger',
  leave: 'warning',
  leave_requested: 'warning',
  expected: 'primary',
}

/** a resolution's vote, as its line under the resolution: 赞成 …，反对 …，弃权 …，通过 */
export function votes(r) {
  if (r.ayes == null) return ''
  const result = r.passed == null ? '' : r.passed ? '，通过' : '，未通过'
  return `赞成 ${r.ayes}，反对 ${r.noes ?? 0}，弃权 ${r.abstentions ?? 0}${result}`
}
