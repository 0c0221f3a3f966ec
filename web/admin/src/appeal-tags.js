// Element Plus tag colours for appeal statuses, levels and actions.
export const STATUS_TAG = {
  submitted: 'warning',
  accepted: 'primary',
  in_progress: 'primary',
  reopened: 'warning',
  resolved: 'success',
  called_back: 'success',
  closed: 'info',
  rejected: 'danger',
  merged: 'info',
}

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
