// Hash routes inside /m/: 首页, 反映问题, 提交成功, 查询进度.
import { createRouter, createWebHashHistory } from 'vue-router'
import HomePage from './pages/HomePage.vue'

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomePage, meta: { title: '请您反映' } },
    { path: '/report', name: 'report', component: () => import('./pages/ReportPage.vue'), meta: { title: '反映问题' } },
    { path: '/done/:code', name: 'done', component: () => import('./pages/DonePage.vue'), meta: { title: '提交成功' } },
    { path: '/track/:code?', name: 'track', component: () => import('./pages/TrackPage.vue'), meta: { title: '查询进度' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
  scrollBehavior: () => ({ top: 0 }),
})

router.afterEach((to) => {
  document.title = `${to.meta.title || '请您反映'} · 基层治理`
})

export default router
