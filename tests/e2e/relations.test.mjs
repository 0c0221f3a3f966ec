// Browser test of relations (issue 16, web/admin/src/pages/relations/) against a running jiceng
// server with the demo county: a transfer between two communities confirmed by the receiver. The
// first community's secretary (`community`) starts the transfer of a member of its branch to the
// other community's branch in the console; the member shows 转接中 (pending) with the sender until
// the other secretary (`community2`) confirms on its own list; then the member belongs to the
// receiver. The county's checks page opens with its drill-through table.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/relations.test.mjs
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

mkdirSync(SHOTS, { recursive: true })

let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

async function desktop() {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const p = await ctx.newPage()
  p.on('pageerror', (e) => console.error('pageerror', e.message))
  return p
}

async function consoleLogin(p, username) {
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(PASSWORD)
  await p.locator('.login-btn').click()
  await p.locator('.user-name').waitFor()
}

const shot = (p, name) => p.screenshot({ path: join(SHOTS, `relations-${name}.png`), fullPage: true })

/** Picks an option of a remote select by typing part of its name. */
async function pick(p, selector, text) {
  await p.locator(`${selector} input`).click()
  await p.locator(`${selector} input`).fill(text)
  await p.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

/** A valid ID number (GB 11643) for the member the test registers. */
function idNumber(seq) {
  const body = `620702198${seq % 10}0315${String(100 + (seq % 899)).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]
  return body + '10X98765432'[sum % 11]
}

test('a transfer between two communities confirmed by the receiver', async () => {
  const sender = await new Api('community').login()
  const receiver = await new Api('community2').login()
  const fromOrg = (await sender.ok('GET', '/api/v1/orgs?limit=50')).items.find((o) => o.level === 'branch')
  const toOrg = (await receiver.ok('GET', '/api/v1/orgs?limit=50')).items.find((o) => o.level === 'branch')
  const name = `转接${STAMP}`
  const member = await sender.ok('POST', '/api/v1/members', {
    name,
    id_number: idNumber(parseInt(STAMP, 36)),
    org_id: fromOrg.id,
    joined_on: '2008-07-01',
    full_on: '2009-07-01',
  })

  // --- the sending community starts it in the console ---
  const p = await desktop()
  await consoleLogin(p, 'community')
  await p.goto(`${BASE}/#/relations`)
  await p.locator('.rel-transfers-page').waitFor()
  await p.locator('.btn-new-transfer').click()
  await pick(p, '.pick-member', name)
  await pick(p, '.pick-org', toOrg.name)
  await p.locator('.transfer-form .reason input').fill('工作调动到光明路社区')
  await shot(p, '01-new-transfer')
  await p.locator('.btn-save').click()
  const row = p.locator('.transfers-table tr', { hasText: name })
  await row.locator('.transfer-state', { hasText: '待接收' }).waitFor()
  assert.equal(await row.locator('.btn-confirm').count(), 0, 'the sender cannot confirm')
  await shot(p, '02-pending')

  // Until the receiver confirms the member is in transfer and still the sender's.
  const before = await sender.ok('GET', `/api/v1/relations/members/${member.id}`)
  assert.equal(before.in_transfer, true)
  assert.equal(before.org_id, fromOrg.id)

  // --- the receiving community confirms on its own list ---
  const q = await desktop()
  await consoleLogin(q, 'community2')
  await q.goto(`${BASE}/#/relations`)
  const theirs = q.locator('.transfers-table tr', { hasText: name })
  await theirs.locator('.btn-confirm').waitFor()
  await shot(q, '03-receiver')
  await theirs.locator('.btn-confirm').click()
  await theirs.locator('.transfer-state', { hasText: '已办结' }).waitFor()
  await shot(q, '04-confirmed')

  const after = await receiver.ok('GET', `/api/v1/relations/members/${member.id}`)
  assert.equal(after.in_transfer, false)
  assert.equal(after.org_id, toOrg.id, 'the member now belongs to the receiver')

  // --- the county's checks page drills down from the county ---
  const c = await desktop()
  await consoleLogin(c, 'admin')
  await c.goto(`${BASE}/#/relations-checks`)
  await c.locator('.checks-summary .drill').first().waitFor()
  await shot(c, '05-checks')
})
