// The staff workbench's hash routes inside /m/ (issue 13): 工作台, 诉求详情, 巡查上报. Each page checks
// the session itself (useStaff in ./api.js). meta.up: where the nav bar's back arrow leads when
// there is no history (false: no arrow, the workbench is the staff's home).
import { page } from '../../../route.js'

export default [
  page('/staff', 'staff', () => import('./WorkbenchPage.vue'), '工作台', false),
  page('/staff/appeals/:id(\\d+)', 'staff-appeal', () => import('./AppealPage.vue'), '诉求详情', '/staff'),
  page('/staff/patrol', 'staff-patrol', () => import('./PatrolPage.vue'), '巡查上报', '/staff'),
]
