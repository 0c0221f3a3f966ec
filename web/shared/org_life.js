// Organisation life words both front ends show (docs/api-org_life.md).
export const MEETING_STATUS = { planned: '待通知', announced: '已通知', held: '已召开', cancelled: '已取消' }

/** a roll entry: expected (on the roll), leave_requested (asked), leave (granted), present, absent */
export const ATTENDANCE = {
  expected: '应到',
  leave_requested: '请假待批',
  leave: '请假',
  present: '出席',
  absent: '缺席',
}

/** a compliance cell: done, due (period under way), late (just ended, may still be recorded), missing */
export const CELL_STATE = { done: '已完成', due: '进行中', late: '待补录', missing: '未完成' }
export const CELL_COLOR = { done: '#2ba471', due: '#c0c4cc', late: '#e6a23c', missing: '#d54941' }

export const PERIOD = { month: '每月', quarter: '每季度', year: '每年' }
export const ORG_LEVEL = {
  committee: '党委',
  working_committee: '党工委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
}

/** 民主评议党员: the branch's rating and a peer's grade share these words */
export const RATING = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' }
/** ratings that need a written reason (《不合格党员组织处置办法》) */
export const RATING_NEEDS_REASON = ['basic', 'unqualified']
export const CAMPAIGN_STATUS = { open: '评议中', closed: '已结束' }
/** 谈心谈话: committee members with each other, a committee member with a member */
export const TALK_KIND = { committee: '支委之间', committee_member: '支委与党员' }
