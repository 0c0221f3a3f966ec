// Client-side checks (the server validates again; these just give early feedback).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643-1999 citizen ID number: 17 digits + check digit (0-9 or X). */
export function isValidIdNumber(value) {
  const s = String(value || '').trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]
  if (ID_CHECK[sum % 11] !== s[17]) return false
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

export function isValidPhone(value) {
  return /^1[3-9]\d{9}$/.test(String(value || '').trim())
}

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 32100-2015 unified social credit code (18 chars, mod-31 check). */
export function isValidCreditCode(value) {
  const s = String(value || '').trim().toUpperCase()
  if (s.length !== 18) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CC_CHARS.indexOf(s[i])
    if (v < 0) return false
    sum += v * CC_WEIGHTS[i]
  }
  const c = (31 - (sum % 31)) % 31
  return CC_CHARS[c] === s[17]
}

/** element-plus form rule factories */
export const rules = {
  required: (label) => ({ required: true, message: `请输入${label}`, trigger: ['blur', 'change'] }),
  requiredSelect: (label) => ({ required: true, message: `请选择${label}`, trigger: 'change' }),
  maxLen: (n) => ({ max: n, message: `不能超过 ${n} 个字符`, trigger: 'blur' }),
  idNumber: () => ({
    trigger: 'blur',
    validator: (_r, v, cb) => (!v || isValidIdNumber(v) ? cb() : cb(new Error('身份证号格式或校验位错误'))),
  }),
  phone: () => ({
    trigger: 'blur',
    validator: (_r, v, cb) => (!v || isValidPhone(v) ? cb() : cb(new Error('手机号格式不正确'))),
  }),
  creditCode: () => ({
    trigger: 'blur',
    validator: (_r, v, cb) =>
      !v || isValidCreditCode(v) ? cb() : cb(new Error('统一社会信用代码格式或校验位错误')),
  }),
  nonNegative: () => ({
    trigger: 'blur',
    validator: (_r, v, cb) =>
      v === null || v === undefined || v === '' || Number(v) >= 0 ? cb() : cb(new Error('不能为负数')),
  }),
}
