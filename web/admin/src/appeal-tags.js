// Element Plus tag colours for appeal statuses, levels and actions.
import { STATUS_TAG as PHONE_STATUS_TAG } from '@shared/appeals.js'

export const STATUS_TAG = Object.fromEntries(
  Object.entries(PHONE_STATUS_TAG).map(([status, tag]) => [status, tag === 'default' ? 'info' : tag]),
)

export const LEVEL_TAG = { 1: 'success', 2: 'primary', 3: 'warning', 4: 'danger' }

export const ACTION_BUTTON = {
  accept: 'primary',
  start: 'primary',
  resolve: 'success',
  reject: 'danger',
  escalate: 'warning',
  callback: 'primary',
  close: 'info',
  reopen: 'warning',
  merge: 'info',
  dispatch: 'primary',
  whistle: 'danger',
  checkin: 'success',
  note: 'info',
  supervise: 'warning',
}
