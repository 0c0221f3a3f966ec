import { createRouter, createWebHashHistory } from 'vue-router'
import { session, ensureSession, clearSession, hasRole } from './session.js'
import { setUnauthorizedHandler } from './api.js'
import AppLayout from './components/AppLayout.vue'
import LoginPage from './pages/LoginPage.vue'
import { MENU_ROUTES } from './menus.js'


const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginPage, meta: { public: true, title: '登录' } },
    {
      path: '/',
      component: AppLayout,
      children: [
        { path: '', name: 'overview', component: () => import('./pages/OverviewPage.vue') },
        ...MENU_ROUTES.map((r) => ({
          path: r.path,
          name: r.name || r.menu,
          component: r.component,
          meta: { menu: r.menu, role: r.role, title: r.label },
        })),
      ],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const account = await ensureSession()
  if (!account) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (to.meta.menu && !(account.menus || []).includes(to.meta.menu)) return { name: 'overview' }
  if (to.meta.role && !hasRole(to.meta.role)) return { name: 'overview' }
  return true
})

setUnauthorizedHandler(() => {
  const wasSignedIn = !!session.account
  clearSession()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    router.push({ name: 'login', query: wasSignedIn && current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
  }
})

export default router
