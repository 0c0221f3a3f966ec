// Hash routes inside /m/: 首页, 反映问题, 提交成功, 查询进度, 我的诉求 (a signed-in resident); and the
// 共建共治 pages (pages/lists, deliberation — its own routes.js —, dual_report, auth): 三张清单 and 议事 (public), 我要提议 (民提, resident), 登录, 我的双报到
// (member), 我的认领 (member or unit admin: the orders of their claims), 活动签到 (the URL in an
// activity's QR code); the staff workbench (pages/appeals/staff/routes.js); organisation life
// (pages/org_life/routes.js: the branch secretary's meetings, the member's 我的会议); dues
// (pages/dues/routes.js: the member's 我的党费, the secretary's 本月党费); relations
// (pages/relations/routes.js: the secretary's 组织关系 — transfers to confirm, mobile members); the
// member's 我的档案 (pages/people/routes.js).
import { createRouter, createWebHashHistory } from 'vue-router'
import HomePage from './pages/HomePage.vue'
import { page } from './route.js'
import staffRoutes from './pages/appeals/staff/routes.js'
import deliberationRoutes from './pages/deliberation/routes.js'
import orgLifeRoutes from './pages/org_life/routes.js'
import pipelineRoutes from './pages/pipeline/routes.js'
import duesRoutes from './pages/dues/routes.js'
import relationsRoutes from './pages/relations/routes.js'
import peopleRoutes from './pages/people/routes.js'

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomePage, meta: { title: '请您反映' } },
    page('/report', 'report', () => import('./pages/appeals/ReportPage.vue'), '反映问题'),
    page('/done/:code', 'done', () => import('./pages/appeals/DonePage.vue'), '提交成功'),
    page('/track/:code?', 'track', () => import('./pages/appeals/TrackPage.vue'), '查询进度'),
    page('/my/appeals', 'my-appeals', () => import('./pages/appeals/MyAppealsPage.vue'), '我的诉求'),
    page('/lists', 'cogov-lists', () => import('./pages/lists/ListsPage.vue'), '三张清单'),
    ...deliberationRoutes,
    page('/login', 'cogov-login', () => import('./pages/auth/LoginPage.vue'), '登录'),
    page('/my', 'cogov-my', () => import('./pages/dual_report/MyReportPage.vue'), '我的双报到'),
    page('/my/orders', 'cogov-orders', () => import('./pages/lists/MyOrdersPage.vue'), '我的认领'),
    page('/checkin/:id(\\d+)', 'cogov-checkin', () => import('./pages/dual_report/CheckinPage.vue'), '活动签到'),
    ...staffRoutes,
    ...orgLifeRoutes,
    ...pipelineRoutes,
    ...duesRoutes,
    ...relationsRoutes,
    ...peopleRoutes,
    { path: '/:rest(.*)*', redirect: '/' },
  ],
  // a new page starts at the top; a query change on the same page (a tab, a community) keeps the place
  scrollBehavior: (to, from) => (from && to.path === from.path && from.matched.length ? false : { top: 0 }),
})

router.afterEach((to) => {
  document.title = `${to.meta.title || '请您反映'} · 基层治理`
})

export default router
