// The member pipeline's hash routes inside /m/ (issue 16): the branch secretary's 发展党员 (what
// falls due in the branch) and one person's file, where a step is recorded.
export default [
  {
    path: '/pipeline',
    name: 'pl-branch',
    component: () => import('./BranchPage.vue'),
    meta: { title: '发展党员', up: '/' },
  },
  {
    path: '/pipeline/people/:id(\\d+)',
    name: 'pl-person',
    component: () => import('./PersonPage.vue'),
    meta: { title: '发展档案', up: '/pipeline' },
  },
]
