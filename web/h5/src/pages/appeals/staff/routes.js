// The staff workbench's hash routes inside /m/ (issue 13): 工作台, 诉求详情, 巡查上报. Each page checks
// the session itself (useStaff in ./api.js). meta.up: where the nav bar's back arrow leads when
// there is no history (false: no arrow, the workbench is the staff's home).
export default [
  {
    path: '/staff',
    name: 'staff',
    component: () => import('./WorkbenchPage.vue'),
    meta: { title: '工作台', up: false },
  },
  {
    path: '/staff/appeals/:id(\\d+)',
    name: 'staff-appeal',
    component: () => import('./AppealPage.vue'),
    meta: { title: '诉求详情', up: '/staff' },
  },
  {
    path: '/staff/patrol',
    name: 'staff-patrol',
    component: () => import('./PatrolPage.vue'),
    meta: { title: '巡查上报', up: '/staff' },
  },
]
