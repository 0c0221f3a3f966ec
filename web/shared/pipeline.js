// Member pipeline words both front ends show (docs/api-pipeline.md).

/** a person's stage on the way to full membership (src/pipeline) */
export const STAGE = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
  cancelled: '已取消预备党员资格',
}
