// Organisation life's hash routes inside /m/ (issue 15): the branch secretary's 组织生活 (the
// branch's meetings), 新建会议 / 修改会议, 会议详情 (announce, leave, attendance, minutes), and the
// member's 我的会议, 会议详情, 我的评议 (self and peer assessment) and 我的记录. Each page checks the session itself (useSignedIn.js).
export default [
  {
    path: '/org-life',
    name: 'ol-meetings',
    component: () => import('./MeetingsPage.vue'),
    meta: { title: '组织生活', up: '/' },
  },
  {
    path: '/org-life/new',
    name: 'ol-new',
    component: () => import('./MeetingFormPage.vue'),
    meta: { title: '新建会议', up: '/org-life' },
  },
  {
    path: '/org-life/meetings/:id(\\d+)/edit',
    name: 'ol-edit',
    component: () => import('./MeetingFormPage.vue'),
    meta: { title: '修改会议', up: '/org-life' },
  },
  {
    path: '/org-life/meetings/:id(\\d+)',
    name: 'ol-meeting',
    component: () => import('./MeetingPage.vue'),
    meta: { title: '会议详情', up: '/org-life' },
  },
  {
    path: '/my/meetings',
    name: 'ol-mine',
    component: () => import('./MyMeetingsPage.vue'),
    meta: { title: '我的会议', up: '/' },
  },
  {
    path: '/my/meetings/:id(\\d+)',
    name: 'ol-my-meeting',
    component: () => import('./MyMeetingPage.vue'),
    meta: { title: '会议详情', up: '/my/meetings' },
  },
  {
    path: '/my/evaluation',
    name: 'ol-my-evaluation',
    component: () => import('./MyEvaluationPage.vue'),
    meta: { title: '我的评议', up: '/' },
  },
  {
    path: '/my/record',
    name: 'ol-my-record',
    component: () => import('./MyRecordPage.vue'),
    meta: { title: '我的记录', up: '/' },
  },
]
