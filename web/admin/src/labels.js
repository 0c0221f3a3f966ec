// Chinese labels for the API's enum values that no register schema gives (a register's own choices
// come from GET /api/v1/registers/{name}/schema: composables/useRegisterSchema.js). Unknown values are
// shown as they come.

export { ORDER_ACTION, ORDER_STATUS } from '@shared/words.js'

export const ROLE = {
  org_dept: '组织部',
  street_officer: '街道干部',
  community_secretary: '社区书记',
  grid_staff: '网格员',
  branch_secretary: '支部书记',
  member: '党员',
  unit_admin: '单位',
  resident: '居民',
  department: '职能部门',
  admin: '系统管理员',
  sys_admin: '系统管理员',
  sec_admin: '安全管理员',
  audit_admin: '审计管理员',
}

// Roles an account administrator may grant in the console, with the kind of scope each is bound to
// (the three administrators' roles are given only with `jiceng user` on the server).
export const GRANT_ROLE = {
  org_dept: { label: '组织部', scope: 'area' },
  street_officer: { label: '街道（镇、园区）干部', scope: 'area' },
  community_secretary: { label: '社区（村）书记', scope: 'area' },
  grid_staff: { label: '网格员', scope: 'area' },
  branch_secretary: { label: '党支部书记', scope: 'org' },
  member: { label: '党员', scope: 'member' },
  unit_admin: { label: '单位管理员', scope: 'unit' },
  resident: { label: '居民', scope: 'area' },
  department: { label: '职能部门', scope: 'unit' },
}

export const ADMIN_ROLES = ['sys_admin', 'sec_admin', 'audit_admin']

export const SCOPE_TYPE = {
  area: '区域',
  org: '党组织',
  unit: '单位',
  member: '党员',
}

export const MENU = {
  areas: '行政区划',
  orgs: '党组织',
  units: '单位',
  members: '党员',
  venues: '阵地',
  people: '人员',
  grids: '网格地图',
  import: '导入',
  audit: '审计日志',
  accounts: '账号管理',
  appeals: '诉求办理',
  lists: '三张清单',
  dual_report: '双报到',
  pairings: '结对共建',
  deliberations: '四民议事',
  outbox: '消息推送',
  dual_notice: '每月通报',
  dual_inactive: '未参与名单',
  activities: '报到活动',
  org_life: '组织生活',
  pipeline: '发展党员',
  dues: '党费收缴',
  relations: '组织关系',
}

export const REGISTER = {
  areas: '行政区划',
  orgs: '党组织',
  units: '单位',
  members: '党员',
  venues: '阵地',
  people: '人员',
  resources: '资源清单',
  needs: '需求清单',
  projects: '项目清单',
  activities: '报到活动',
  'dual-reports': '双报到登记',
  pairings: '结对',
  'volunteer-teams': '志愿服务队',
  households: '户',
  deliberations: '四民议事',
}

export function label(map, value) {
  if (value === undefined || value === null || value === '') return ''
  return map[value] ?? String(value)
}

/** What a table cell or a detail row shows for column `c` ({ prop, map, format }) of `row`. */
export function cellText(c, row) {
  const v = row[c.prop]
  if (c.format) return c.format(v, row)
  if (Array.isArray(v)) return v.join('、')
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (c.map) return label(c.map, v)
  return v === null || v === undefined || v === '' ? '—' : v
}

/** el-select options from a label map */
export function options(map) {
  const seen = new Set()
  const out = []
  for (const [value, text] of Object.entries(map)) {
    if (seen.has(text)) continue
    seen.add(text)
    out.push({ value, label: text })
  }
  return out
}

export const TAG_TYPE = {
  province: 'danger',
  city: 'danger',
  county: 'danger',
  street: 'warning',
  town: 'warning',
  park: 'warning',
  community: 'success',
  village: 'success',
  grid: 'primary',
  compound: 'info',
  building: 'info',
  committee: 'danger',
  working_committee: 'danger',
  general_branch: 'warning',
  branch: 'success',
  group: 'info',
}

// ---- co-governance (docs/api-cogov.md) ----

export const OWNER_KIND = { unit: '单位', member: '党员' }

export const ORDER_VIA = { claim: '认领', dispatch: '派单' }

export const PAIRING_KIND = {
  one_one: '1+1 结对',
  n_one: 'N+1 结对',
  one_n: '1+N 结对',
  enterprise_village: '企村结对',
}

export const PAIRING_RULE = {
  one_one: '1 名党员帮扶 1 户',
  n_one: '多名党员帮扶 1 户',
  one_n: '1 个社区（村）联系多家单位',
  enterprise_village: '1 家企业结对 1 个村',
}

export const PARTY_SIDE = { helper: '帮扶方', helped: '受助方' }

export const PARTY_KIND = { member: '党员', unit: '单位', household: '户', area: '社区（村）' }

export const NOTE_KIND = { comment: '意见', meeting: '议事记录', progress: '进展' }

export const BALLOT_CHOICE = { yes: '同意', no: '反对', abstain: '弃权' }
