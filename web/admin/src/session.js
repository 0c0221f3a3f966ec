// The signed-in account, shared by the layout, the router guard and the pages.
import { reactive } from 'vue'
import { fetchSession, logout, setCsrfToken } from './api.js'

export const session = reactive({
  account: null,
  checked: false,
})

export function setSession(data) {
  session.account = data ? data.account : null
  setCsrfToken(data ? data.csrf_token : '')
  session.checked = true
}

export function clearSession() {
  session.account = null
  setCsrfToken('')
  session.checked = true
}

/** End the session on the server, and here even when the server cannot be reached. */
export async function signOut() {
  try {
    await logout()
  } catch {
    /* the session is dropped locally anyway */
  }
  clearSession()
}

/** Load the session once (after a page reload the cookie may still be valid). */
export async function ensureSession() {
  if (session.account) return session.account
  if (session.checked) return null
  try {
    setSession(await fetchSession())
  } catch {
    clearSession()
  }
  return session.account
}

/** Reload the account from the server (after a password change or enrolling TOTP). */
export async function reloadSession() {
  setSession(await fetchSession())
  return session.account
}

/** null, or why the password must be changed before anything else: 'first_login' | 'expired'. */
export function passwordChangeReason() {
  return (session.account && session.account.password_change) || null
}

export function hasMenu(key) {
  return !!session.account && (session.account.menus || []).includes(key)
}

/** Whether some role may write the register (account.writes); a server without the list: yes. */
export function mayWrite(register) {
  const writes = session.account && session.account.writes
  return !Array.isArray(writes) || writes.includes(register)
}

export function hasRole(role) {
  return !!session.account && (session.account.roles || []).some((r) => r.role === role)
}

/** The first role's scope (used as the default area for maps and overview). */
export function primaryScope() {
  const roles = (session.account && session.account.roles) || []
  return roles[0] || null
}
