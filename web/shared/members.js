// Member record words both front ends show (docs/api-people.md, "GET /api/v1/members/{id}/record").

/** the kinds of data-quality finding (src/people/record_rules.cpp) */
export const PROBLEM_CODE = {
  missing: '缺项',
  id_invalid: '身份证号无效',
  id_mismatch: '与身份证号不符',
  bad_date: '日期无效',
  future: '日期晚于今天',
  under_age: '入党时未满18岁',
  early: '转正早于预备期满',
  not_yet_full: '预备党员填了转正日期',
}

/** the register's own words for the row's choices when its schema has not arrived */
export const MEMBER_STATUS = { full: '正式党员', probationary: '预备党员' }
export const GENDER = { male: '男', female: '女' }

/** a unix time as 'YYYY-MM-DD HH:mm' in China */
export function stamp(t) {
  if (!t) return ''
  const d = new Date((t + 8 * 3600) * 1000).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`
}
