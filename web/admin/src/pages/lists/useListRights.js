// Who may do what to a row of one of the three lists (resources, needs, projects): the list's
// buttons and the detail drawer's ask the same questions.
import { computed } from 'vue'
import { isGridStaff, isMember, isStaff, isUnitAdmin, mayClaim } from '../../cogov.js'

const FINISHED = ['done', 'closed', 'withdrawn']

export function useListRights(register) {
  const staff = isStaff()
  const gridOnly = isGridStaff() && !staff
  const claimer = mayClaim()
  const canCreate = computed(() => {
    if (staff) return true
    if (register === 'needs') return isGridStaff()
    if (register === 'resources') return isUnitAdmin() || isMember()
    return false
  })
  return {
    staff,
    gridOnly,
    canCreate,
    editable: (row) => !FINISHED.includes(row.status) && (staff || canCreate.value),
    mayReview: (row) => row.status === 'pending' && staff,
    maySuggest: (row) => register === 'needs' && row.status === 'published' && staff,
    mayClaimRow: (row) => register !== 'resources' && row.status === 'published' && claimer,
    mayWithdraw: (row) => register === 'resources' && ['pending', 'published'].includes(row.status) && !gridOnly,
  }
}
