// Organisation life words on the phone: a meeting's status, a member's attendance.
export const MEETING_STATUS = { planned: '待通知', announced: '已通知', held: '已召开', cancelled: '已取消' }
export const STATUS_TAG = { planned: 'default', announced: 'primary', held: 'success', cancelled: 'default' }

/** a roll entry's status: expected (on the roll), leave_requested (asked), leave (granted), present, absent */
export const ATTENDANCE = {
  expected: '应到',
  leave_requested: '请假待批',
  leave: '请假',
  present: '出席',
  absent: '缺席',
}

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
