// Relations' hash routes inside /m/ (issue 16): the branch secretary's 组织关系 — transfers waiting
// for the branch to confirm and the branch's mobile members. The page checks the session itself.
export default [
  {
    path: '/relations',
    name: 'rel-branch',
    component: () => import('./BranchPage.vue'),
    meta: { title: '组织关系', up: '/' },
  },
]
