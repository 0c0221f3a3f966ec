// Organisation life's hash routes inside /m/ (issue 15): the branch secretary's 组织生活 (the
// branch's meetings), 新建会议 / 修改会议, 会议详情 (announce, leave, attendance, minutes), and the
// member's 我的会议, 会议详情, 我的评议 (self and peer assessment) and 我的记录. Each page checks the session itself (useSignedIn.js).
import { page } from '../../route.js'

export default [
  page('/org-life', 'ol-meetings', () => import('./MeetingsPage.vue'), '组织生活', '/'),
  page('/org-life/new', 'ol-new', () => import('./MeetingFormPage.vue'), '新建会议', '/org-life'),
  page('/org-life/meetings/:id(\\d+)/edit', 'ol-edit', () => import('./MeetingFormPage.vue'), '修改会议', '/org-life'),
  page('/org-life/meetings/:id(\\d+)', 'ol-meeting', () => import('./MeetingPage.vue'), '会议详情', '/org-life'),
  page('/my/meetings', 'ol-mine', () => import('./MyMeetingsPage.vue'), '我的会议', '/'),
  page('/my/meetings/:id(\\d+)', 'ol-my-meeting', () => import('./MyMeetingPage.vue'), '会议详情', '/my/meetings'),
  page('/my/evaluation', 'ol-my-evaluation', () => import('./MyEvaluationPage.vue'), '我的评议', '/'),
  page('/my/record', 'ol-my-record', () => import('./MyRecordPage.vue'), '我的记录', '/'),
]
