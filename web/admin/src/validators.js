// Client-side checks (the server validates again; these just give early feedback).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643-1999 citizen ID number: 17 digits + check digit (0-9 or X). */
export function isValidIdNumber(value) {
  const s = String(value || '')
    .trim()
    .toUpperCase()
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
  const s = String(value || '')
    .trim()
    .toUpperCase()
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

// ---- passwords (等保 level 3; the server's auth/password_policy.cpp is authoritative) ----
export const PASSWORD_RULE = '至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名'

/** Why a new password would be refused, or '' when it passes (same rule as the server). */
export function passwordProblem(password, username) {
  const s = String(password || '')
  if ([...s].length < 8) return '密码至少 8 个字符'
  if (new TextEncoder().encode(s).length > 128) return '密码不能超过 128 个字节'
  let lower = false
  let upper = false
  let digit = false
  let other = false
  for (const ch of s) {
    const c = ch.codePointAt(0)
    if (c < 0x20 || c === 0x7f) return '密码不能包含控制字符'
    if (ch >= 'a' && ch <= 'z') lower = true
    else if (ch >= 'A' && ch <= 'Z') upper = true
    else if (ch >= '0' && ch <= '9') digit = true
    else other = true
  }
  if (lower + upper + digit + other < 3) return '密码需包含小写字母、大写字母、数字、符号中的至少三类'
  const name = String(username || '').toLowerCase()
  if (name.length >= 3 && s.toLowerCase().includes(name)) return '密码不能包含用户名'
  return ''
}

/** A random password that passes the rule (for initial and reset passwords). */
export function randomPassword(length = 12) {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+-=@_']
  const all = sets.join('')
  const pick = (set) => set[crypto.getRandomValues(new Uint32Array(1))[0] % set.length]
  const chars = sets.map(pick)
  while (chars.length < length) chars.push(pick(all))
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
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
    validator: (_r, v, cb) => (!v || isValidCreditCode(v) ? cb() : cb(new Error('统一社会信用代码格式或校验位错误'))),
  }),
  /** `username` is a string or a function giving it (the form's current value). */
  password: (username) => ({
    trigger: 'blur',
    validator: (_r, v, cb) => {
      const problem = v ? passwordProblem(v, typeof username === 'function' ? username() : username) : ''
      problem ? cb(new Error(problem)) : cb()
    },
  }),
  nonNegative: () => ({
    trigger: 'blur',
    validator: (_r, v, cb) =>
      v === null || v === undefined || v === '' || Number(v) >= 0 ? cb() : cb(new Error('不能为负数')),
  }),
}
