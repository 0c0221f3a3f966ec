// Browser tests of the 等保 level-3 account controls in the console, against a running jiceng server
// with the demo county, started with --test-clock:
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/security.test.mjs
// (1) the audit administrator reads and verifies the audit log (the organisation department no
//     longer sees it); (2) the system administrator creates an account, the security administrator
//     grants it a role, and its holder must change the initial password first; (3) five wrong
//     passwords lock an account (423); (4) a user enrols a TOTP second factor and signs in with it.
// Screenshots go to tests/e2e/screenshots/ (numbered after console.test.mjs's).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const TAG = Date.now().toString(36).slice(-5)
const INITIAL = 'Initial#2026'
const STRONG = 'Jiceng#2026x'

mkdirSync(SHOTS, { recursive: true })

let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

async function newPage() {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error('[page error]', e.message))
  return { ctx, p }
}

async function shot(p, name) {
  await p.waitForTimeout(400) // let transitions settle
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false })
}

/** Fill in the login form and submit it (the caller waits for what should follow). */
async function fillLogin(p, username, password) {
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(password)
  await p.locator('.login-btn').click()
}

/** A signed-in console page for `username` in a fresh browser context. */
async function signedIn(username, password = PASSWORD) {
  const { ctx, p } = await newPage()
  await fillLogin(p, username, password)
  await p.waitForURL((u) => !u.hash.startsWith('#/login'))
  await p.locator('.user-name').waitFor()
  return { ctx, p }
}

async function openMenu(p, menu) {
  await p.locator(`.el-menu-item[data-menu="${menu}"]`).click()
  await p.waitForURL(new RegExp(`#/${menu}(\\?.*)?$`))
}

/** The data-menu keys of the left menu. */
async function menuKeys(p) {
  return p.locator('.el-menu-item[data-menu]').evaluateAll((els) => els.map((e) => e.dataset.menu))
}

/** Pick an option of an el-select inside `scope` by its visible text. */
async function pickOption(p, scope, text) {
  await scope.locator('.el-select__wrapper').first().click()
  await p.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: text }).first().click()
}

// --- accounts set up through the API (./api.mjs) ---

/** A grid worker account made by the county's organisation department (initial password INITIAL). */
async function makeAccount(prefix, { changePassword = false } = {}) {
  const admin = await new Api('admin').login()
  const area = admin.account.roles.find((r) => r.scope_type === 'area')
  const username = `${prefix}${TAG}`
  const made = await admin.ok('POST', '/api/v1/accounts', {
    username,
    display_name: `测试${prefix}`,
    password: INITIAL,
    roles: [{ role: 'grid_staff', scope_id: area.scope_id }],
  })
  if (changePassword) {
    const me = await new Api(username, INITIAL).login()
    await me.ok('PUT', '/api/v1/session/password', { current_password: INITIAL, new_password: STRONG })
  }
  return { id: made.id, username }
}

/** The server's clock (moved by POST /api/v1/_test/clock under --test-clock). */
async function advanceClock(seconds) {
  const res = await fetch(`${BASE}/api/v1/_test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance_seconds: seconds }),
  })
  assert.equal(res.status, 200, 'the server runs with --test-clock')
  return (await res.json()).now
}

// --- RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) from the base32 secret ---

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0
  let value = 0
  const out = []
  for (const ch of s.replace(/[\s=]+/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch)
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

function totp(secret, unixSeconds) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)))
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest()
  const o = mac[mac.length - 1] & 15
  const n = ((mac[o] & 127) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3]
  return String(n % 1e6).padStart(6, '0')
}

// -------------------------------------------------------------------------------------------

test('(1) the audit administrator lists the audit log and verifies its hash chain; admin has no audit menu', async () => {
  const { ctx, p } = await signedIn('auditor')
  try {
    assert.deepEqual(await menuKeys(p), ['audit'], 'the audit administrator has the audit log alone')
    await openMenu(p, 'audit')
    const rows = p.locator('.audit-table .el-table__body-wrapper .el-table__row')
    await rows.first().waitFor()
    assert.ok((await rows.count()) > 0, 'the log has entries')

    // filters go to the server as exact matches
    await p.locator('.filter-actor input').fill('auditor')
    await pickOption(p, p.locator('.filter-action'), '登录')
    const filtered = p.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('actor=auditor'))
    await p.locator('.btn-search').click()
    const res = await filtered
    assert.match(res.url(), /action=login(&|$)/)
    await rows.first().waitFor()
    for (const text of await rows.allInnerTexts()) {
      assert.ok(text.includes('auditor') && text.includes('登录'), `a filtered row: ${text}`)
    }
    await p.locator('.btn-reset').click()
    await p.waitForFunction(() => !document.querySelector('.filter-actor input').value)

    // loading the demo left a summary in its `after` value, shown in the expanded row
    await pickOption(p, p.locator('.filter-action'), '载入演示数据')
    await pickOption(p, p.locator('.filter-object-type'), '数据库')
    const changed = p.locator('.audit-table .el-table__row.has-change').first()
    await changed.waitFor()
    await changed.locator('.el-table__expand-icon').click()
    await p.locator('.change-after').first().waitFor()
    assert.match(await p.locator('.change-after').first().innerText(), /demo county/)

    // back to the whole log; the SM3 chain is whole
    await p.locator('.btn-reset').click()
    await p.waitForFunction(() => document.querySelectorAll('.audit-table .el-table__body-wrapper .el-table__row').length >= 2)
    await p.locator('.btn-verify').click()
    const ok = p.locator('.verify-ok')
    await ok.waitFor()
    assert.match(await ok.innerText(), /完整（\d+ 条）/)
    await shot(p, '12-audit-verified')
  } finally {
    await ctx.close()
  }

  // the organisation department keeps its registers but no longer reads the audit log
  const admin = await signedIn('admin')
  try {
    await admin.p.locator('.el-menu-item[data-menu="members"]').waitFor()
    const keys = await menuKeys(admin.p)
    assert.ok(!keys.includes('audit'), `admin's menu has no audit log: ${keys}`)
    assert.ok(keys.includes('accounts'), 'admin keeps accounts in its county')
    await admin.p.goto(`${BASE}/#/audit`)
    await admin.p.waitForURL((u) => u.hash === '#/')
  } finally {
    await admin.ctx.close()
  }
})

test('(2) sysadmin creates an account, secadmin grants a grid worker\'s role on a street, the new user must change the password first', async () => {
  const username = `ui${TAG}`
  const communities = await (await fetch(`${BASE}/api/v1/public/communities`)).json()
  const street = { id: communities.items[0].street_id, name: communities.items[0].street_name }

  // --- the system administrator creates the account, without roles ---
  const sys = await signedIn('sysadmin')
  try {
    assert.deepEqual(await menuKeys(sys.p), ['accounts'], 'the system administrator keeps accounts alone')
    await openMenu(sys.p, 'accounts')
    await sys.p.locator('.accounts-table .el-table__row').first().waitFor()
    await sys.p.locator('.btn-create').click()
    const dialog = sys.p.locator('.account-dialog')
    await dialog.waitFor()
    assert.equal(await dialog.locator('.field-roles').count(), 0, 'no roles for the system administrator to grant')
    await dialog.locator('.field-username input').fill(username)
    await dialog.locator('.field-display_name input').fill('界面测试网格员')
    // the password rule is checked as it is typed
    await dialog.locator('.field-password input').fill('weakpass')
    await dialog.locator('.field-display_name input').click()
    await dialog.locator('.field-password .el-form-item__error').waitFor()
    assert.match(await dialog.locator('.field-password .el-form-item__error').innerText(), /至少三类/)
    await dialog.locator('.field-password input').fill(INITIAL)
    await dialog.locator('.field-display_name input').click()
    await dialog.locator('.field-password .el-form-item__error').waitFor({ state: 'detached' })
    await shot(sys.p, '13-account-create')
    const created = sys.p.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST')
    await dialog.locator('.btn-save').click()
    assert.equal((await created).status(), 201)
    await dialog.waitFor({ state: 'hidden' })
    await sys.p.locator('.search-input input').fill(username)
    await sys.p.locator('.search-input input').press('Enter')
    const row = sys.p.locator('.accounts-table .el-table__body-wrapper .el-table__row').filter({ hasText: username })
    await row.first().waitFor()
    assert.ok((await row.first().innerText()).includes('待改密'), 'a new account must change its password')
    assert.ok((await row.first().innerText()).includes('未授予角色'))
    assert.equal(await row.first().locator('.btn-grant').count(), 0, 'granting is the security administrator\'s')
    assert.equal(await row.first().locator('.btn-reset-password').count(), 1)
    await shot(sys.p, '14-accounts-sysadmin')
  } finally {
    await sys.ctx.close()
  }

  // --- the security administrator grants it a grid worker's role on a street ---
  const sec = await signedIn('secadmin')
  try {
    await openMenu(sec.p, 'accounts')
    assert.equal(await sec.p.locator('.btn-create').count(), 0, 'the security administrator creates no account')
    await sec.p.locator('.search-input input').fill(username)
    await sec.p.locator('.search-input input').press('Enter')
    const row = sec.p.locator('.accounts-table .el-table__body-wrapper .el-table__row').filter({ hasText: username })
    await row.first().waitFor()
    assert.equal(await row.first().locator('.btn-disable').count(), 0, 'disabling is the system administrator\'s')
    await row.first().locator('.btn-grant').click()
    const dialog = sec.p.locator('.grant-dialog')
    await dialog.waitFor()
    await pickOption(sec.p, dialog.locator('.field-role'), '网格员')
    // the area tree: the security administrator reads the structure (not people) to pick where
    await dialog.locator('.field-scope .el-select__wrapper').click()
    const root = sec.p.locator('.el-select-dropdown:visible .el-tree-node').first()
    await root.waitFor()
    await root.locator('.el-tree-node__expand-icon').first().click()
    const node = sec.p.locator('.el-select-dropdown:visible .el-tree-node__content').filter({ hasText: street.name })
    await node.first().click()
    await dialog.locator('.field-scope .el-select__selected-item').filter({ hasText: street.name }).first().waitFor()
    await shot(sec.p, '15-grant-role')
    const granted = sec.p.waitForResponse((r) => /\/api\/v1\/accounts\/\d+\/roles$/.test(r.url()))
    await dialog.locator('.btn-save').click()
    const gr = await granted
    assert.equal(gr.status(), 201, await gr.text())
    await dialog.waitFor({ state: 'hidden' })
    await sec.p.waitForFunction(
      ([name, text]) =>
        [...document.querySelectorAll('.accounts-table .el-table__body-wrapper .el-table__row')].some(
          (r) => r.innerText.includes(name) && r.innerText.includes(text),
        ),
      [username, `网格员 · ${street.name}`],
    )
  } finally {
    await sec.ctx.close()
  }

  // --- the new user: the password page alone, then the console ---
  const { ctx, p } = await newPage()
  try {
    await fillLogin(p, username, INITIAL)
    await p.waitForURL(/#\/password-required$/)
    const page = p.locator('.forced-password')
    await page.getByText('首次登录请先修改初始密码').waitFor()
    assert.equal(await p.locator('.el-menu-item').count(), 0, 'no menu until the password is changed')
    // nothing else opens meanwhile
    await p.goto(`${BASE}/#/areas`)
    await p.waitForURL(/#\/password-required$/)
    await page.getByText('首次登录请先修改初始密码').waitFor()
    await shot(p, '16-password-required')

    await page.locator('.field-current input').fill(INITIAL)
    await page.locator('.field-new input').fill('abcdefgh')
    await page.locator('.field-confirm input').fill('abcdefgh')
    await page.locator('.btn-change-password').click()
    const err = page.locator('.field-new .el-form-item__error')
    await err.waitFor()
    assert.match(await err.innerText(), /至少三类/)
    await page.locator('.field-new input').fill(`Ab1-${username}`)
    await page.locator('.field-confirm input').fill(`Ab1-${username}`)
    await page.locator('.btn-change-password').click()
    await page.locator('.field-new .el-form-item__error').filter({ hasText: '用户名' }).waitFor()
    await shot(p, '17-password-weak')

    // the server's answer goes under the field it names: a wrong current password
    await page.locator('.field-current input').fill('Wrong#2026x')
    await page.locator('.field-new input').fill(STRONG)
    await page.locator('.field-confirm input').fill(STRONG)
    const refused = p.waitForResponse((r) => r.url().endsWith('/api/v1/session/password'))
    await page.locator('.btn-change-password').click()
    assert.equal((await refused).status(), 400)
    await page.locator('.field-current .el-form-item__error').waitFor()

    await page.locator('.field-current input').fill(INITIAL)
    const changed = p.waitForResponse((r) => r.url().endsWith('/api/v1/session/password'))
    await page.locator('.btn-change-password').click()
    assert.equal((await changed).status(), 204)
    await p.waitForURL((u) => u.hash === '#/')
    await p.locator('.el-menu-item[data-menu="areas"]').waitFor()
    await p.locator('.user-name').getByText('界面测试网格员').waitFor()
    await p.locator('.role').filter({ hasText: street.name }).first().waitFor()
    await shot(p, '18-password-changed')
  } finally {
    await ctx.close()
  }
})

test('(2b) the county\'s organisation department creates an account with a role in one step', async () => {
  const username = `orgui${TAG}`
  const { ctx, p } = await signedIn('admin')
  try {
    const county = (await p.evaluate(async () => (await fetch('/api/v1/session')).json())).account.roles[0].scope_name
    await openMenu(p, 'accounts')
    await p.locator('.btn-create').click()
    const dialog = p.locator('.account-dialog')
    await dialog.waitFor()
    await dialog.locator('.field-username input').fill(username)
    await dialog.locator('.field-display_name input').fill('县级网格员')
    await dialog.locator('.btn-generate').click() // a random password that passes the rule
    assert.equal(await dialog.locator('.field-password .el-form-item__error').count(), 0)
    const role = dialog.locator('.role-row').first()
    await pickOption(p, role.locator('.role-select'), '网格员')
    await role.locator('.role-scope .el-select__wrapper').click()
    await p.locator('.el-select-dropdown:visible .el-tree-node__content').filter({ hasText: county }).first().click()
    await role.locator('.el-select__selected-item').filter({ hasText: county }).first().waitFor()
    await shot(p, '19-account-create-with-role')
    const created = p.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST')
    await dialog.locator('.btn-save').click()
    const res = await created
    assert.equal(res.status(), 201, await res.text())
    assert.deepEqual(JSON.parse(res.request().postData()).roles.map((r) => r.role), ['grid_staff'])
    await dialog.waitFor({ state: 'hidden' })
    await p.locator('.search-input input').fill(username)
    await p.locator('.search-input input').press('Enter')
    const row = p.locator('.accounts-table .el-table__body-wrapper .el-table__row').filter({ hasText: username }).first()
    await row.getByText(`网格员 · ${county}`).waitFor()
    // both halves of account administration, in its own county
    for (const cls of ['.btn-disable', '.btn-reset-password', '.btn-grant']) assert.equal(await row.locator(cls).count(), 1, cls)
  } finally {
    await ctx.close()
  }
})

test('(3) five wrong passwords lock the account: the login form says so; the security administrator unlocks', async () => {
  const { username } = await makeAccount('lock')
  const { ctx, p } = await newPage()
  try {
    await p.goto(`${BASE}/#/login`)
    await p.getByPlaceholder('请输入用户名').fill(username)
    for (let i = 1; i <= 5; i++) {
      await p.getByPlaceholder('请输入密码').fill(`Wrong#000${i}`)
      const answered = p.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST')
      await p.locator('.login-btn').click()
      const res = await answered
      assert.equal(res.status(), i < 5 ? 401 : 423, `attempt ${i}`)
    }
    const alert = p.locator('.login-error.login-locked')
    await alert.waitFor()
    const text = await alert.innerText()
    assert.match(text, /锁定/)
    assert.match(text, /\d+ 分钟/)
    assert.match(p.url(), /#\/login/)
    await shot(p, '20-login-locked')
  } finally {
    await ctx.close()
  }

  // the security administrator sees the lock and lifts it
  const sec = await signedIn('secadmin')
  try {
    await openMenu(sec.p, 'accounts')
    await sec.p.locator('.search-input input').fill(username)
    await sec.p.locator('.search-input input').press('Enter')
    const row = sec.p.locator('.accounts-table .el-table__body-wrapper .el-table__row').filter({ hasText: username }).first()
    await row.locator('.st-locked').waitFor()
    await row.locator('.btn-unlock').click()
    await row.locator('.st-locked').waitFor({ state: 'detached' })
  } finally {
    await sec.ctx.close()
  }
  await new Api(username, INITIAL).login() // the right password works again
})

test('(4) 账号安全: enrol a TOTP second factor, then the login form asks for the code and accepts it', async () => {
  const { username } = await makeAccount('totp', { changePassword: true })
  const { ctx, p } = await signedIn(username, STRONG)
  try {
    await p.locator('.user-trigger').click()
    await p.locator('.menu-security').click()
    await p.waitForURL(/#\/security$/)
    const card = p.locator('.totp-card')
    await card.locator('.totp-status').getByText('未开启').waitFor()
    await card.locator('.btn-totp-begin').click()
    const secretEl = card.locator('.totp-secret')
    await secretEl.waitFor()
    const shown = (await secretEl.innerText()).trim()
    assert.match(shown, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, `the secret in groups of 4: ${shown}`)
    const secret = shown.replace(/\s+/g, '')
    assert.match(await card.locator('.totp-uri').innerText(), /^otpauth:\/\/totp\//)
    await card.locator('img.qr').waitFor()
    // a wrong code is refused in place
    await card.locator('.totp-code input').fill('000000')
    await card.locator('.btn-totp-confirm').click()
    await card.locator('.el-form-item__error').waitFor()
    const now = await advanceClock(0)
    await card.locator('.totp-code input').fill(totp(secret, now))
    await shot(p, '21-totp-enrol')
    await card.locator('.btn-totp-confirm').click()
    await card.locator('.totp-status').getByText('已开启').waitFor()
    await card.locator('.btn-totp-disable').waitFor()
    await shot(p, '22-totp-enabled')

    // sign out and in again: the password alone is not enough now
    await p.locator('.logout').click()
    await p.waitForURL(/#\/login/)
    await p.getByPlaceholder('请输入用户名').fill(username)
    await p.getByPlaceholder('请输入密码').fill(STRONG)
    await p.locator('.login-btn').click()
    const codeInput = p.getByPlaceholder('请输入 6 位动态码')
    await codeInput.waitFor()
    await p.getByText('动态码', { exact: true }).waitFor()
    assert.match(p.url(), /#\/login/)
    await shot(p, '23-login-totp')
    // a code is accepted once: take the next 30-second step's
    const later = await advanceClock(30)
    await codeInput.fill(totp(secret, later))
    await p.locator('.login-btn').click()
    await p.waitForURL((u) => !u.hash.startsWith('#/login'))
    await p.locator('.user-name').waitFor()
    const s = await p.evaluate(async () => (await fetch('/api/v1/session')).json())
    assert.equal(s.account.username, username)
    assert.equal(s.account.totp_enabled, true)

    // 修改密码 is in the same user menu, any time
    await p.locator('.user-trigger').click()
    await p.locator('.menu-password').click()
    await p.waitForURL(/#\/password$/)
    await p.locator('.password-page .field-current input').waitFor()
    await shot(p, '24-password-page')
  } finally {
    await ctx.close()
  }
})
