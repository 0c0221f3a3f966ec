// The member pipeline's words on the phone.
export { STAGE } from '@shared/pipeline.js'
export const STEP = {
  talk: '谈话',
  activist: '确定为入党积极分子',
  review: '半年考察',
  candidate: '确定为发展对象',
  filing: '报上级党委备案',
  political_review: '政治审查',
  training: '集中培训',
  introducers: '确定入党介绍人',
  publicity: '公示',
  vote: '支部党员大会表决',
  approval: '上级党委审批',
  full: '转为正式党员',
  extend: '延长预备期',
  cancel: '取消预备党员资格',
}
export const ALERT = { none: '', ahead: '即将到期', close: '临近到期', missed: '已逾期' }
export const ALERT_TAG = { none: 'default', ahead: 'warning', close: 'danger', missed: 'danger' }

/** "还有 5 天" / "逾期 3 天" / "今天到期" */
export function daysWords(n) {
  if (n === 0) return '今天到期'
  return n > 0 ? `还有 ${n} 天` : `逾期 ${-n} 天`
}
