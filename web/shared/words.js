// Chinese words for co-governance values that both front ends show and no register schema gives
// the phone's public pages (docs/api-cogov.md): an order's status and actions, a matter's stage, a dual report's
// status and whose vote counts. The console's registers take theirs from
// GET /api/v1/registers/{name}/schema.

// an order made by claiming a need or a project (docs/api-cogov.md, "orders")
export const ORDER_STATUS = {
  claimed: '已认领',
  dispatched: '已派单',
  accepted: '已接单',
  in_progress: '服务中',
  completed: '待确认',
  confirmed: '已确认',
  cancelled: '已取消',
}

// what was done to an order (its timeline) or may be done now (its actions)
export const ORDER_ACTION = {
  claim: '认领',
  dispatch: '派单',
  accept: '接单',
  start: '开始服务',
  complete: '服务完成',
  confirm: '确认并评价',
  cancel: '取消',
  create: '创建',
  note: '备注',
}

// a matter's stage in 四民工作法
export const DELIB_STAGE = {
  proposed: '民提',
  discussing: '民议',
  voting: '民决（投票中）',
  decided: '民决（通过）',
  rejected: '民决（未通过）',
  carrying_out: '实施中',
  evaluated: '民评',
}

export const DUAL_STATUS = { active: '在册', ended: '已结束' }

export const VOTER_BASE = { households: '户代表', representatives: '居民代表' }
