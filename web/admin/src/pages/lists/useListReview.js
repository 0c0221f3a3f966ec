// A community's review of a list's row (通过 / 驳回) and a resource's 撤回, each confirmed first;
// `done(saved)` gets the row as the server returns it.
import { ElMessage } from 'element-plus'
import { askText, confirmed } from '../../ask.js'
import { reviewItem, withdrawResource } from '../../cogov.js'

export function useListReview(register, done) {
  async function send(call, message) {
    try {
      done(await call())
      ElMessage.success(message)
      return true
    } catch {
      return false /* shown */
    }
  }

  async function approve(row) {
    const ok = await confirmed(`审核通过并发布“${row.title}”？`, '审核通过', {
      confirmButtonText: '通过',
      cancelButtonText: '取消',
      type: 'success',
    })
    return ok && send(() => reviewItem(register, row.id, true), '已审核通过')
  }

  async function reject(row) {
    const note = await askText('请填写驳回理由（将告知登记人）', `驳回“${row.title}”`, {
      confirmButtonText: '驳回',
      cancelButtonText: '取消',
      inputType: 'textarea',
      inputPlaceholder: '驳回理由',
      inputValidator: (v) => (v && v.trim() ? true : '请填写驳回理由'),
      customClass: 'reject-box',
    })
    return note !== null && send(() => reviewItem(register, row.id, false, note.trim()), '已驳回')
  }

  async function withdraw(row) {
    const ok = await confirmed(`撤回资源“${row.title}”？撤回后不再接受派单。`, '撤回资源', {
      type: 'warning',
      confirmButtonText: '撤回',
      cancelButtonText: '取消',
    })
    return ok && send(() => withdrawResource(row.id), '已撤回')
  }

  return { approve, reject, withdraw }
}
