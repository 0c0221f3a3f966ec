// Dues on the phone (docs/api-dues.md): a member's own dues (我的党费) and a branch secretary's
// month (本月党费: who paid, mark paid). Money is integer fen; `yuan` shows it.
import { hasRole, request } from '../../session.js'

const BASE = '/api/v1/dues'

export const isMember = (account) => hasRole(account, 'member')
export { isSecretary, secretaryOrgs } from '../../session.js'

export const myDues = () => request('GET', `${BASE}/my`)
export const getSheet = (orgId, month) => request('GET', `${BASE}/sheet`, { params: { org_id: orgId, month } })
/** body: {member_id, months, amount_fen, method, proxy_name?} */
export const pay = (body) => request('POST', `${BASE}/payments`, { body, silent: true })

/** 4200 → '42.00' */
export const yuan = (fen) => (fen == null ? '' : (fen / 100).toFixed(2))

export const METHODS = [
  { value: 'cash', label: '现金' },
  { value: 'wechat', label: '微信' },
  { value: 'alipay', label: '支付宝' },
  { value: 'transfer', label: '银行转账' },
  { value: 'payroll', label: '工资代扣' },
  { value: 'other', label: '其他' },
]

export const MONTH_STATE = { paid: '已交', prepaid: '已预交', owed: '欠交', due: '本月待交', before: '—' }
