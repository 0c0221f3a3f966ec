// The member's 我的档案 (issue 16) inside /m/: their own record with its data-quality findings.
export default [
  {
    path: '/my/file',
    name: 'my-file',
    component: () => import('./MyFilePage.vue'),
    meta: { title: '我的档案', up: '/' },
  },
]
