// Browser tests of the relations pages (issue 16; web/admin/src/pages/relations/, web/h5/src/pages/
// relations/) against a running jiceng server with the demo county (started with --test-clock,
// which these tests read but do not move):
//   流动党员: the branch secretary registers an out-flow in the console and records a contact; a
//     second registration of the same member is refused with the server's words in the dialog.
//   不合格党员处置: a 失联 case is opened by the branch; 除名 is refused with its rule, 停止党籍 waits
//     for approval with its source; the county approves and the member's membership is stopped.
//   设置: the county dates a new letter validity; the version in force shows it ends that day.
//   组织关系 (phone): the branch secretary refuses without a reason (refused, naming the rule), then
//     confirms a transfer from another community, and records a contact with a mobile member.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/relations-pages.test.mjs
// Screenshots: tests/e2e/screenshots/relations-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const STAMP = Date.now().toString(36).slice(-5)
const CHINA = 8 * 3600
const DAY = 86400
const R = '/api/v1/relations'

mkdirSync(SHOTS, { recursive: true })

let browser, secretary, orgId, today
let seq = parseInt(STAMP, 36)

before(async () => {
  browser = await launchBrowser()
  secretary = await new Api('branch').login()
  orgId = secretary.account.roles.find((r) => r.role === 'branch_secretary').scope_id
  today = dayOf(await serverNow())
})

after(async () => {
  if (browser) await browser.close()
})

async function serverNow() {
  const res = await fetch(`${BASE}/api/v1/_test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance_seconds: 0 }),
  })
  assert.equal(res.status, 200, 'the server runs with --test-clock')
  return (await res.json()).now
}
const dayOf = (t) => new Date((t + CHINA) * 1000).toISOString().slice(0, 10)
const daysBefore = (day, n) => dayOf(Date.parse(`${day}T12:00:00+08:00`) / 1000 - n * DAY)

async function newPage(viewport) {
  const ctx = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
  const p = await ctx.newPage()
  p.on('pageerror', (e) => console.error('pageerror', e.message))
  return p
}
const phone = () => newPage({ width: 390, height: 844 })
const desktop = () => newPage({ width: 1440, height: 900 })
const shot = (p, name) => p.screenshot({ path: join(SHOTS, `relations-${name}.png`), fullPage: true })
/** The open dialog's element (Element Plus keeps closed ones in the page, hidden). */
const dialog = (p) => p.locator('.el-dialog:visible')

async function consoleLogin(p, username) {
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(PASSWORD)
  await p.locator('.login-btn').click()
  await p.locator('.user-name').waitFor()
}

async function phoneLogin(p, username, redirect) {
  await p.goto(`${BASE}/m/#/login?redirect=${encodeURIComponent(redirect)}`)
  await p.locator('input[name="username"]').fill(username)
  await p.locator('input[name="password"]').fill(PASSWORD)
  await p.locator('.btn-login').click()
}

/** Picks an option of a remote select by typing part of its name. */
async function pick(p, selector, text) {
  await p.locator(`${selector} input`).click()
  await p.locator(`${selector} input`).fill(text)
  await p.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

/** Chooses an option of a plain el-select by its text. */
async function choose(p, selector, text) {
  await p.locator(`${selector} .el-select__wrapper`).first().click()
  await p.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: text }).first().click()
}

/** Types a day into a date picker and closes its panel. */
async function pickDay(p, selector, day) {
  const input = p.locator(`${selector} input`)
  await input.fill(day)
  await input.press('Enter')
}

/** A valid ID number (GB 11643) for a member the test registers. */
function idNumber() {
  seq += 1
  const body = `620702198${seq % 10}0315${String(100 + (seq % 899)).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]
  return body + '10X98765432'[sum % 11]
}

async function newMember(api, org, name) {
  return api.ok('POST', '/api/v1/members', {
    name,
    id_number: idNumber(),
    org_id: org,
    joined_on: '2008-07-01',
    full_on: '2009-07-01',
  })
}

test('流动党员: the branch registers an out-flow and records a contact; a second one is refused', async () => {
  const name = `流出${STAMP}`
  await newMember(secretary, orgId, name)
  const since = daysBefore(today, 40)

  const p = await desktop()
  await consoleLogin(p, 'branch')
  await p.goto(`${BASE}/#/relations-flows`)
  await p.locator('.rel-flows-page').waitFor()
  await p.locator('.btn-new-flow').click()
  const d = dialog(p)
  await pick(p, '.flow-form .pick-member', name)
  await d.locator('.destination input').fill('浙江省杭州市萧山区某电子厂')
  await pickDay(p, '.flow-form .since', since)
  await d.locator('.contact input').fill('13900001111')
  await shot(p, '01-new-flow')
  await d.locator('.btn-save').click()
  await d.waitFor({ state: 'hidden' })

  const row = p.locator('.flows-table tr', { hasText: name })
  await row.locator('.flow-state', { hasText: '流动中' }).waitFor()
  assert.match(await row.innerText(), /浙江省杭州市萧山区某电子厂/)
  assert.match(await row.innerText(), new RegExp(since))
  assert.equal((await row.locator('.last-contact').innerText()).trim(), '—', 'no contact recorded yet')
  await shot(p, '02-flow-listed')

  // 登记联系: today by default.
  await row.locator('.btn-contact').click()
  const box = p.locator('.el-message-box:visible')
  assert.match(await box.locator('input').inputValue(), /^\d{4}-\d{2}-\d{2}$/, 'a day is offered')
  await box.locator('input').fill(today)
  await box.locator('.el-button--primary').click()
  await p.locator('.el-message--success', { hasText: '已登记联系' }).waitFor()
  await row.locator('.last-contact', { hasText: today }).waitFor()
  await shot(p, '03-contact-recorded')

  // The same member again: the server's refusal stays in the dialog beside the member.
  await p.locator('.btn-new-flow').click()
  await pick(p, '.flow-form .pick-member', name)
  await d.locator('.destination input').fill('江苏省苏州市')
  await d.locator('.contact input').fill('13900001111')
  await d.locator('.btn-save').click()
  await d.locator('.el-form-item__error', { hasText: '已有流动登记' }).waitFor()
  await shot(p, '04-flow-refused')
  await d.locator('.el-button', { hasText: '取消' }).click()
})

test('流入登记: the secretary of another community finds the member by the ID number shown and registers the in-flow', async () => {
  const name = `流入${STAMP}`
  const idn = idNumber()
  await secretary.ok('POST', '/api/v1/members', { name, id_number: idn, org_id: orgId, joined_on: '2008-07-01', full_on: '2009-07-01' })
  const host = await new Api('community2').login()
  const hostOrg = (await host.ok('GET', '/api/v1/orgs?limit=50')).items.find((o) => o.level === 'branch')

  const p = await desktop()
  await consoleLogin(p, 'community2')
  await p.goto(`${BASE}/#/relations-flows`)
  await p.locator('.rel-flows-page').waitFor()
  await p.locator('.btn-new-flow').click()
  const d = dialog(p)
  await d.locator('.pick-side .el-radio', { hasText: '流入登记' }).click()
  // A number that is no member's: the server's words beside the field.
  await d.locator('.lookup-id-number input').fill('11010519491231002X')
  await d.locator('.btn-lookup').click()
  await d.locator('.el-form-item__error', { hasText: '没有登记该身份证号的党员' }).waitFor()
  await d.locator('.lookup-id-number input').fill(idn)
  await d.locator('.btn-lookup').click()
  const found = d.locator('.found-member')
  await found.waitFor()
  assert.match(await found.innerText(), new RegExp(name))
  await d.locator('.destination input').fill('光明路社区（务工）')
  await d.locator('.contact input').fill('13900003333')
  await pick(p, '.flow-form .pick-host', hostOrg.name.slice(0, 4))
  await shot(p, '04b-inflow-found')
  await d.locator('.btn-save').click()
  await d.waitFor({ state: 'hidden' })
  const row = p.locator('.flows-table tr', { hasText: name })
  await row.locator('.flow-state', { hasText: '流动中' }).waitFor()
  assert.match(await row.innerText(), /流入/)
})

test('不合格党员处置: a 失联 case opened, 停止党籍 decided with its rule, approved by the county', async () => {
  const name = `失联${STAMP}`
  const m = await newMember(secretary, orgId, name)
  const flow = await secretary.ok('POST', `${R}/flows`, {
    member_id: m.id,
    side: 'out',
    destination: '广东省深圳市',
    since: daysBefore(today, 400),
    contact: '13700002222',
  })
  await secretary.ok('POST', `${R}/flows/${flow.id}/untraceable`, { since: daysBefore(today, 230) })

  const p = await desktop()
  await consoleLogin(p, 'branch')
  await p.goto(`${BASE}/#/relations-cases`)
  await p.locator('.rel-cases-page').waitFor()
  await p.locator('.btn-new-case').click()
  const d = dialog(p)
  await pick(p, '.case-form .pick-member', name)
  await d.locator('.pick-kind .el-radio', { hasText: '失联党员' }).click()
  await d.locator('.reason textarea').fill('外出务工失去联系超过6个月，多方查找未果')
  await d.locator('.btn-save').click()
  await d.waitFor({ state: 'hidden' })
  const row = p.locator('.cases-table tr', { hasText: name })
  await row.locator('.case-state', { hasText: '待支部决定' }).waitFor()
  assert.match(await row.innerText(), /失联党员处置/)
  await shot(p, '05-case-opened')

  // 除名 is for two years after stopping: refused, naming the regulation.
  await row.locator('.btn-decide').click()
  await choose(p, '.decision-form .pick-outcome', '除名')
  await pickDay(p, '.decision-form .decided-on', today)
  await d.locator('.resolution textarea').fill('经支部党员大会讨论，予以除名')
  await d.locator('.btn-save').click()
  const refusal = d.locator('.el-form-item__error, .decision-error')
  await refusal.filter({ hasText: '停止党籍满2年' }).first().waitFor()
  assert.match(await refusal.first().innerText(), /党员教育管理工作条例/)
  await shot(p, '06-removal-refused')

  await choose(p, '.decision-form .pick-outcome', '停止党籍')
  await d.locator('.resolution textarea').fill('经支部党员大会讨论，停止其党籍，报上级党组织批准')
  await d.locator('.btn-save').click()
  await d.waitFor({ state: 'hidden' })
  await row.locator('.case-state', { hasText: '待上级批准' }).waitFor()
  assert.match(await row.locator('.case-outcome').innerText(), /停止党籍/)
  assert.match(await row.locator('.case-source').innerText(), /党员教育管理工作条例/)
  assert.equal(await row.locator('.btn-approve').count(), 0, 'the branch does not approve its own decision')
  await shot(p, '07-awaiting-approval')

  // The county approves.
  const c = await desktop()
  await consoleLogin(c, 'admin')
  await c.goto(`${BASE}/#/relations-cases`)
  const theirs = c.locator('.cases-table tr', { hasText: name })
  await theirs.locator('.btn-approve').click()
  const a = dialog(c)
  assert.match(await a.innerText(), /停止党籍/)
  await pickDay(c, '.approval-form .approved-on', today)
  await a.locator('.note input').fill('同意')
  await a.locator('.btn-save').click()
  await a.waitFor({ state: 'hidden' })
  await theirs.locator('.case-state', { hasText: '已办结' }).waitFor()
  await shot(c, '08-approved')
  const record = await secretary.ok('GET', `${R}/members/${m.id}`)
  assert.equal(record.status, 'stopped', 'the approval stopped the membership')
})

test('设置: the county dates a new letter validity ahead; the one in force ends that day', async () => {
  const c = await desktop()
  await consoleLogin(c, 'admin')
  await c.goto(`${BASE}/#/relations-settings`)
  const row = c.locator('.settings-table tr', { hasText: '介绍信有效期' })
  await row.locator('.setting-value').waitFor()
  const before = (await row.locator('.setting-value').innerText()).trim()
  await row.locator('.btn-edit-setting').click()
  const d = dialog(c)
  const from = dayOf((await serverNow()) + 30 * DAY)
  await d.locator('.value input').fill('120')
  await d.locator('.value input').press('Tab')
  await d.locator('.source input').fill('县委组织部关于规范组织关系转接的通知（2026）')
  await pickDay(c, '.setting-form .effective-from', from)
  await d.locator('.btn-save').click()
  await d.waitFor({ state: 'hidden' })
  const next = c.locator('.settings-table tr', { hasText: '120 天' })
  await next.locator('.setting-phase', { hasText: '待生效' }).waitFor()
  // Until that day the version it closes is still in force, and still listed.
  const current = c.locator('.settings-table tr', { hasText: before }).filter({ hasText: '介绍信有效期' })
  assert.equal((await current.locator('.setting-phase').innerText()).trim(), '执行中')
  assert.match(await current.innerText(), new RegExp(`至 ${from}`), 'the version in force ends where the new begins')
  await shot(c, '09-settings')
})

test('组织关系 (phone): the branch secretary confirms a transfer and records a contact', async () => {
  // Another community sends one of its members to the branch.
  let sender, fromOrg
  for (const who of ['community2', 'community']) {
    const api = await new Api(who).login()
    const org = (await api.ok('GET', '/api/v1/orgs?limit=50')).items.find((o) => o.level === 'branch' && o.id !== orgId)
    if (org) {
      sender = api
      fromOrg = org
      break
    }
  }
  assert.ok(sender, 'a community with another branch')
  const name = `转入${STAMP}`
  const m = await newMember(sender, fromOrg.id, name)
  await sender.ok('POST', `${R}/transfers`, {
    member_id: m.id,
    kind: 'within',
    to_org_id: orgId,
    reason: '迁居到本社区',
  })

  const p = await phone()
  await phoneLogin(p, 'branch', '/')
  await p.locator('.cogov-tile[data-action="relations"]').click()
  await p.locator('.rel-branch[data-ready="1"]').waitFor()
  const card = p.locator('.transfer-card', { hasText: name })
  await card.locator('.transfer-state', { hasText: '待我确认' }).waitFor()
  assert.match(await card.innerText(), new RegExp(fromOrg.name))
  await shot(p, '10-phone-pending')

  // Refusing without a reason is refused, naming the regulation.
  await card.locator('.btn-refuse').click()
  await p.locator('.rel-popup .btn-send').click()
  await p.locator('.rel-popup .error', { hasText: '党员教育管理工作条例' }).waitFor()
  await shot(p, '11-phone-refuse-needs-reason')
  await p.locator('.van-overlay').click({ position: { x: 10, y: 10 } })
  await p.locator('.rel-popup').waitFor({ state: 'hidden' })

  await card.locator('.btn-confirm').click()
  await p.locator('.van-toast', { hasText: '已确认接收' }).waitFor()
  await card.waitFor({ state: 'detached' })
  const after = await secretary.ok('GET', `${R}/members/${m.id}`)
  assert.equal(after.org_id, orgId, 'the member now belongs to the branch')
  assert.equal(after.in_transfer, false)

  // The branch's mobile members: a contact recorded on the phone.
  await p.locator('.tab-flows').click()
  const flow = p.locator('.flow-card', { hasText: `流出${STAMP}` })
  await flow.waitFor()
  await flow.locator('.btn-contact').click()
  await p.locator('.rel-popup .contact-day').fill(today)
  await p.locator('.rel-popup .btn-send').click()
  await p.locator('.van-toast', { hasText: '已登记联系' }).waitFor()
  await flow.locator('.last-contact', { hasText: today }).waitFor()
  await shot(p, '12-phone-flows')
})
