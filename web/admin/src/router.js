import { createRouter, createWebHashHistory } from 'vue-router'
import { session, ensureSession, clearSession, hasRole, reloadSession } from './session.js'
import { setUnauthorizedHandler, setPasswordChangeHandler } from './api.js'
import LoginPage from './pages/auth/LoginPage.vue'
import { MENU_ROUTES } from './menus.js'

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginPage, meta: { public: true, title: '登录' } },
    // A first login or an expired password: this page alone until the password is changed.
    {
      path: '/password-required',
      name: 'password-required',
      component: () => import('./pages/auth/ForcedPasswordPage.vue'),
      meta: { title: '修改密码' },
    },
    {
      path: '/',
      // lazy like the pages in it: the login page does not load the menu, header and their components
      component: () => import('./components/AppLayout.vue'),
      children: [
        { path: '', name: 'overview', component: () => import('./pages/OverviewPage.vue') },
        // the user menu in the header
        {
          path: 'password',
          name: 'password',
          component: () => import('./pages/auth/PasswordPage.vue'),
          meta: { title: '修改密码' },
        },
        {
          path: 'security',
          name: 'security',
          component: () => import('./pages/auth/SecurityPage.vue'),
          meta: { title: '账号安全' },
        },
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
  if (account.password_change) return to.name === 'password-required' ? true : { name: 'password-required' }
  if (to.name === 'password-required') return { name: 'overview' }
  if (to.meta.menu && !(account.menus || []).includes(to.meta.menu)) return { name: 'overview' }
  if (to.meta.role && ![].concat(to.meta.role).some(hasRole)) return { name: 'overview' }
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

// Any API call answered 403 `password_change_required` (say the password expired while signed in):
// reload the account, whose password_change then says why, and show the password page alone.
setPasswordChangeHandler(async () => {
  try {
    await reloadSession()
  } catch {
    /* a 401 has already sent the user to the login page */
    return
  }
  if (router.currentRoute.value.name !== 'password-required') router.push({ name: 'password-required' })
})

export default router
