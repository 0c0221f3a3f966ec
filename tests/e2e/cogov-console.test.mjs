// Browser tests of the co-governance console pages (docs/api-cogov.md) against a running jiceng
// server with the demo county:
//   JICENG_URL=http://127.0.0.1:8191 node --test tests/e2e/cogov-console.test.mjs
// (a) the three lists loop: the community registers a need, a unit claims it, the community
//     accepts, the unit serves it, the community confirms with a rating, and the unit is on the
//     honour roll of the month; (b) the monthly dual-reporting notice of the county.
// Screenshots go to tests/e2e/screenshots/cogov-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const TAG = Date.now().toString(36).slice(-5)
const NEED_TITLE = `独居老人助餐服务${TAG}`

mkdirSync(SHOTS, { recursive: true })

let browser
const sessions = {} // username -> { ctx, p }

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

async function shot(p, name) {
  await p.waitForTimeout(400) // let transitions settle
  await p.screenshot({ path: join(SHOTS, `cogov-${name}.png`), fullPage: false })
}

/** A signed-in page for `username` (one browser context each, kept for the whole file). */
async function as(username) {
  if (sessions[username]) return sessions[username].p
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error(`[page error ${username}]`, e.message))
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(PASSWORD)
  await p.locator('.login-btn').click()
  await p.waitForURL((u) => !u.hash.startsWith('#/login'))
  await p.locator('.user-name').waitFor()
  sessions[username] = { ctx, p }
  return p
}

async function apiGet(p, path) {
  return p.evaluate(async (url) => {
    const r = await fetch(url, { headers: { Accept: 'application/json' } })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, path)
}

async function openMenu(p, menu) {
  const item = p.locator(`.el-menu-item[data-menu="${menu}"]`)
  // a page inside a closed submenu (共建共治): expand the submenu first
  if (!(await item.isVisible())) {
    await p.locator(`.el-sub-menu:has(.el-menu-item[data-menu="${menu}"]) > .el-sub-menu__title`).click()
    await item.waitFor({ state: 'visible' })
  }
  await item.click()
  await p.waitForURL(new RegExp(`#/${menu}(\\?.*)?$`))
}

/** Pick an option of an el-select inside `scope` by its visible text. */
async function pickOption(p, scope, text) {
  await scope.locator('.el-select__wrapper').first().click()
  await p.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: text }).first().click()
}

/** Open the order of NEED_TITLE in the orders page and return the drawer. */
async function openOrder(p) {
  await openMenu(p, 'orders')
  const row = p.locator('.orders-table .el-table__body-wrapper .el-table__row').filter({ hasText: NEED_TITLE })
  await row.first().waitFor()
  await row.first().click()
  const drawer = p.locator('.order-drawer')
  await drawer.locator('.order-status').waitFor()
  await drawer.getByText(NEED_TITLE).first().waitFor()
  return drawer
}

async function orderAction(p, drawer, action) {
  const done = p.waitForResponse((r) => /\/api\/v1\/orders\/\d+\/actions$/.test(r.url()) && r.request().method() === 'POST')
  await drawer.locator(`.btn-action-${action}`).click()
  const res = await done
  assert.equal(res.status(), 200, `${action}: HTTP ${res.status()} ${await res.text()}`)
}

async function closeDrawer(p, drawer) {
  await p.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
}

// -------------------------------------------------------------------------------------------

test('(a) need → claim → accept → serve → confirm with a rating → honour roll', async () => {
  // --- the community secretary registers a need ---
  const c = await as('community')
  const scope = (await apiGet(c, '/api/v1/session')).body.account.roles[0]
  await openMenu(c, 'lists')
  const needs = c.locator('.list-needs')
  await needs.locator('.list-table').waitFor()
  await needs.locator('.btn-create').click()
  const form = c.locator('.cg-form-dialog.form-needs')
  await form.waitFor()
  await form.locator('.field-title input').fill(NEED_TITLE)
  await pickOption(c, form.locator('.field-kind'), '专业服务')
  // the area tree starts at the secretary's own community
  await form.locator('.field-area_id .el-select__wrapper').click()
  await c.locator('.el-tree-select__popper:visible .el-tree-node__content').filter({ hasText: scope.scope_name }).first().click()
  await form.locator('.field-requester_name input').fill('王大娘')
  await form.locator('.field-description textarea').fill('独居老人，行动不便，需要每天中午送餐上门。')
  await shot(c, '01-need-form')
  const created = c.waitForResponse((r) => r.url().endsWith('/api/v1/needs') && r.request().method() === 'POST')
  await form.locator('.btn-save').click()
  const res = await created
  assert.equal(res.status(), 201, `create need: ${await res.text()}`)
  const need = await res.json()
  await form.waitFor({ state: 'hidden' })

  const row = needs.locator('.list-table .el-table__body-wrapper .el-table__row').filter({ hasText: NEED_TITLE })
  await row.first().waitFor()
  // staff needs are published at once; if the server keeps it pending, approve it
  if (need.status === 'pending') {
    await row.first().locator('.btn-approve').click()
    await c.locator('.el-message-box .el-button--primary').click()
  }
  await row.first().locator('.status-tag[data-status="published"]').waitFor()
  await shot(c, '02-needs-list')

  // --- the unit claims it ---
  const u = await as('unit')
  const unitName = (await apiGet(u, '/api/v1/session')).body.account.roles.find((r) => r.role === 'unit_admin').scope_name
  await openMenu(u, 'lists')
  const uRow = u.locator('.list-needs .list-table .el-table__body-wrapper .el-table__row').filter({ hasText: NEED_TITLE })
  await uRow.first().waitFor()
  await uRow.first().locator('.btn-claim').click()
  const claim = u.locator('.cg-form-dialog.claim-dialog')
  await claim.waitFor()
  await claim.locator('.field-note textarea').fill('我单位安排两名党员志愿者每天送餐。')
  await shot(u, '03-claim')
  const claimed = u.waitForResponse((r) => /\/api\/v1\/needs\/\d+\/claim$/.test(r.url()))
  await claim.locator('.btn-save').click()
  assert.equal((await claimed).status(), 201)
  await claim.waitFor({ state: 'hidden' })

  // --- the community accepts the claim ---
  let drawer = await openOrder(c)
  await drawer.locator('.order-status[data-status="claimed"]').waitFor()
  await shot(c, '04-order-claimed')
  await orderAction(c, drawer, 'accept')
  await drawer.locator('.order-status[data-status="accepted"]').waitFor()
  await closeDrawer(c, drawer)

  // --- the unit starts and completes the service ---
  drawer = await openOrder(u)
  await orderAction(u, drawer, 'start')
  await drawer.locator('.order-status[data-status="in_progress"]').waitFor()
  await orderAction(u, drawer, 'complete')
  await drawer.locator('.order-status[data-status="completed"]').waitFor()
  await closeDrawer(u, drawer)

  // --- the community confirms with a rating ---
  drawer = await openOrder(c)
  await drawer.locator('.order-status[data-status="completed"]').waitFor()
  await drawer.locator('.btn-action-confirm').click()
  const dlg = c.locator('.order-action-dialog')
  await dlg.waitFor()
  // a rating is required
  await dlg.locator('.btn-confirm-action').click()
  await dlg.getByText('请给出 1–5 星评价').waitFor()
  await dlg.locator('.field-rating .el-rate__item').nth(4).click()
  await dlg.getByText('请给出 1–5 星评价').waitFor({ state: 'hidden' })
  await dlg.locator('.field-comment textarea').fill('送餐准时，老人很满意。')
  await shot(c, '05-confirm-rating')
  const confirmed = c.waitForResponse((r) => /\/api\/v1\/orders\/\d+\/actions$/.test(r.url()))
  await dlg.locator('.btn-confirm-action').click()
  assert.equal((await confirmed).status(), 200)
  await dlg.waitFor({ state: 'hidden' })
  await drawer.locator('.order-status[data-status="confirmed"]').waitFor()
  await drawer.locator('.timeline .el-timeline-item').nth(4).waitFor() // claim, accept, start, complete, confirm
  await shot(c, '06-order-confirmed')
  await closeDrawer(c, drawer)

  // --- the unit is on the honour roll of this month ---
  await openMenu(c, 'honour-roll')
  const honour = c.locator('.honour-table .el-table__body-wrapper .el-table__row').filter({ hasText: unitName })
  await honour.first().waitFor()
  const text = await honour.first().innerText()
  assert.ok(/\d/.test(text), 'points are shown')
  await c.locator('.honour-page .chart canvas').waitFor()
  await shot(c, '07-honour-roll')

  // the same from the API: this month (China Standard Time), the unit with points
  const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7)
  const roll = (await apiGet(c, `/api/v1/honour-roll?period=${month}`)).body
  const entry = (roll.items || []).find((x) => x.name === unitName)
  assert.ok(entry && entry.points > 0, `the unit is on the ${month} honour roll with points`)
})

test('(b) the monthly dual-reporting notice shows the county table', async () => {
  const a = await as('admin')
  // Listen before the click that loads the page: reloading after it raced the first request and
  // could leave a response whose body the browser had already dropped.
  const notice = a.waitForResponse((r) => r.url().includes('/api/v1/dual-reports/notice') && r.url().includes('format=json'))
  await openMenu(a, 'dual-notice')
  const res = await notice
  assert.equal(res.status(), 200, `notice: HTTP ${res.status()}`)
  const body = await res.json()
  await a.locator('.notice-table').waitFor()
  await a.locator('.notice-title').filter({ hasText: body.area_name || '金河县' }).waitFor()
  const rows = a.locator('.notice-table .el-table__body-wrapper .el-table__row')
  // the demo county has reported members in several units, so the table is never empty
  assert.ok((body.items || []).length > 0, 'the demo notice has units')
  await rows.first().waitFor()
  assert.equal(await rows.count(), body.items.length, 'one row per unit')
  assert.ok((await rows.first().innerText()).includes(body.items[0].unit_name || '未关联单位'), 'ranked as the server ranks')
  // the downloads point at the same month and area
  const xlsx = await a.locator('.btn-notice-xlsx').getAttribute('href')
  const html = await a.locator('.btn-notice-html').getAttribute('href')
  assert.match(xlsx, /format=xlsx/)
  assert.match(html, /format=html/)
  assert.match(xlsx, new RegExp(`month=${body.month || ''}`))
  const page = await apiGet(a, html)
  assert.equal(page.status, 200, 'the printable notice exists')
  await shot(a, '08-dual-notice')
})
