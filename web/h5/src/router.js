// Hash routes inside /m/: 首页, 反映问题, 提交成功, 查询进度, 我的诉求 (a signed-in resident); and the
// 共建共治 pages (pages/lists, deliberation, dual_report, auth): 三张清单 and 议事 (public), 我要提议 (民提, resident), 登录, 我的双报到
// (member), 我的认领 (member or unit admin: the orders of their claims), 活动签到 (the URL in an
// activity's QR code); the staff workbench (pages/appeals/staff/routes.js); organisation life
// (pages/org_life/routes.js: the branch secretary's meetings, the member's 我的会议); dues
// (pages/dues/routes.js: the member's 我的党费, the secretary's 本月党费); relations
// (pages/relations/routes.js: the secretary's 组织关系 — transfers to confirm, mobile members); the
// member's 我的档案 (pages/people/routes.js).
import { createRouter, createWebHashHistory } from 'vue-router'
import HomePage from './pages/HomePage.vue'
import staffRoutes from './pages/appeals/staff/routes.js'
import orgLifeRoutes from './pages/org_life/routes.js'
import pipelineRoutes from './pages/pipeline/routes.js'
import duesRoutes from './pages/dues/routes.js'
import relationsRoutes from './pages/relations/routes.js'
import peopleRoutes from './pages/people/routes.js'

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomePage, meta: { title: '请您反映' } },
    {
      path: '/report',
      name: 'report',
      component: () => import('./pages/appeals/ReportPage.vue'),
      meta: { title: '反映问题' },
    },
    {
      path: '/done/:code',
      name: 'done',
      component: () => import('./pages/appeals/DonePage.vue'),
      meta: { title: '提交成功' },
    },
    {
      path: '/track/:code?',
      name: 'track',
      component: () => import('./pages/appeals/TrackPage.vue'),
      meta: { title: '查询进度' },
    },
    {
      path: '/my/appeals',
      name: 'my-appeals',
      component: () => import('./pages/appeals/MyAppealsPage.vue'),
      meta: { title: '我的诉求' },
    },
    {
      path: '/lists',
      name: 'cogov-lists',
      component: () => import('./pages/lists/ListsPage.vue'),
      meta: { title: '三张清单' },
    },
    {
      path: '/deliberations',
      name: 'cogov-deliberations',
      component: () => import('./pages/deliberation/DeliberationsPage.vue'),
      meta: { title: '民主议事' },
    },
    {
      path: '/deliberations/propose',
      name: 'cogov-propose',
      component: () => import('./pages/deliberation/ProposePage.vue'),
      meta: { title: '我要提议' },
    },
    {
      path: '/deliberations/:id(\\d+)',
      name: 'cogov-deliberation',
      component: () => import('./pages/deliberation/DeliberationPage.vue'),
      meta: { title: '议事详情' },
    },
    {
      path: '/login',
      name: 'cogov-login',
      component: () => import('./pages/auth/LoginPage.vue'),
      meta: { title: '登录' },
    },
    {
      path: '/my',
      name: 'cogov-my',
      component: () => import('./pages/dual_report/MyReportPage.vue'),
      meta: { title: '我的双报到' },
    },
    {
      path: '/my/orders',
      name: 'cogov-orders',
      component: () => import('./pages/lists/MyOrdersPage.vue'),
      meta: { title: '我的认领' },
    },
    {
      path: '/checkin/:id(\\d+)',
      name: 'cogov-checkin',
      component: () => import('./pages/dual_report/CheckinPage.vue'),
      meta: { title: '活动签到' },
    },
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
