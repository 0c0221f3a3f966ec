// Dues' hash routes inside /m/ (issue 16): the member's 我的党费 and the branch secretary's 本月党费
// (this month's sheet: who paid, mark paid). Each page checks the session itself.
export default [
  {
    path: '/my/dues',
    name: 'dues-mine',
    component: () => import('./MyDuesPage.vue'),
    meta: { title: '我的党费', up: '/' },
  },
  {
    path: '/dues',
    name: 'dues-sheet',
    component: () => import('./DuesSheetPage.vue'),
    meta: { title: '本月党费', up: '/' },
  },
]
