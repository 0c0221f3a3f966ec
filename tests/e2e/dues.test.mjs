// Browser test of dues (issue 16, web/admin/src/pages/dues/, web/h5/src/pages/dues/) against a
// running jiceng server with the demo county:
//   in the console the demo branch's secretary (`branch`) opens 党费收缴, exports the month's
//   collection sheet as XLSX, fills in two members' payments with one amount wrong and imports it:
//   the error names row 3 and the amount column and nothing is written; corrected, both rows go in
//   and show as paid. On the phone the secretary marks a third member paid (本月党费) and the demo
//   member reads 我的党费.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/dues.test.mjs
// Screenshots: tests/e2e/screenshots/dues-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'
import { readXlsx, writeXlsx } from '../api/xlsx.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const TMP = mkdtempSync(join(tmpdir(), 'dues-e2e-'))
const STAMP = Date.now() % 900

mkdirSync(SHOTS, { recursive: true })

let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

async function newPage(viewport) {
  const ctx = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
  const p = await ctx.newPage()
  p.on('pageerror', (e) => console.error('pageerror', e.message))
  return p
}

const shot = (p, name) => p.screenshot({ path: join(SHOTS, `dues-${name}.png`), fullPage: true })

/** A member new to the demo branch, assessed by the branch secretary. */
async function newMember(admin, branch, org, name, kind, baseYuan, seq) {
  const id = idNumber(seq)
  const m = await admin.ok('POST', '/api/v1/members', { name, id_number: id, org_id: org, gender: 'female' })
  return branch.ok('POST', '/api/v1/dues/bases', { member_id: m.id, kind, base_fen: baseYuan * 100 })
}

function idNumber(seq) {
  const body = `620102198${(STAMP % 9) + 1}0909${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]
  return body + '10X98765432'[sum % 11]
}

test('a dues sheet exported and a payments XLSX with one bad row imported', async () => {
  const admin = await new Api('admin').login()
  const branch = await new Api('branch').login()
  const org = branch.account.roles[0].scope_id
  const a = await newMember(admin, branch, org, `党费甲${STAMP}`, 'wage', 4200, 1)
  const b = await newMember(admin, branch, org, `党费乙${STAMP}`, 'retired', 6000, 2)
  const c = await newMember(admin, branch, org, `党费丙${STAMP}`, 'wage', 2800, 3)

  const p = await newPage({ width: 1440, height: 900 })
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill('branch')
  await p.getByPlaceholder('请输入密码').fill(PASSWORD)
  await p.locator('.login-btn').click()
  await p.locator('.user-name').waitFor()
  await p.goto(`${BASE}/#/dues`)
  await p.locator('[data-loaded="1"]').waitFor()
  await p.locator('.sheet-table', { hasText: a.name }).waitFor()
  await shot(p, 'console-sheet')

  const [download] = await Promise.all([p.waitForEvent('download'), p.locator('.btn-sheet-xlsx').click()])
  assert.match(download.suggestedFilename(), /^dues-\d{4}-\d{2}\.xlsx$/)
  const exported = join(TMP, 'sheet.xlsx')
  await download.saveAs(exported)
  const rows = readXlsx(readFileSync(exported))
  const head = rows[0]
  const col = (h) => head.indexOf(h)
  const rowOf = (m) => rows.find((r) => r[col('党员编号')] === String(m.member_id))
  assert.equal(rowOf(a)[col('月应交(元)')], '42.00')
  assert.equal(rowOf(b)[col('月应交(元)')], '60.00')
  const filled = [head, rowOf(a).slice(), rowOf(b).slice()]
  filled[1][col('实交金额(元)')] = '42.00'
  filled[1][col('交纳方式')] = '微信'
  filled[2][col('实交金额(元)')] = '6.00' // wrong: 60.00 is due
  filled[2][col('代交人')] = '党费乙之女'
  const bad = join(TMP, 'bad.xlsx')
  writeFileSync(bad, writeXlsx(filled))

  await p.locator('.file-input').setInputFiles(bad)
  await p.locator('.btn-import').click()
  const refused = p.locator('.import-result[data-ok="0"]')
  await refused.waitFor()
  const errorRow = refused.locator('.error-table .el-table__row').first()
  assert.equal((await errorRow.locator('td').nth(0).innerText()).trim(), '3')
  assert.equal((await errorRow.locator('td').nth(1).innerText()).trim(), '实交金额(元)')
  assert.match(await errorRow.locator('td').nth(2).innerText(), /60\.00/)
  await shot(p, 'console-import-refused')
  const untouched = await branch.ok('GET', `/api/v1/dues/members/${a.member_id}`)
  assert.equal(untouched.payments.length, 0, 'the good row was not written either')

  filled[2][col('实交金额(元)')] = '60.00'
  const good = join(TMP, 'good.xlsx')
  writeFileSync(good, writeXlsx(filled))
  await p.locator('.file-input').setInputFiles(good)
  await p.locator('.btn-import').click()
  await p.locator('.import-result[data-ok="1"]', { hasText: '已导入 2 行' }).waitFor()
  await p.locator(`.paid-cell[data-member="${a.member_id}"]`, { hasText: '42.00' }).waitFor()
  await p.locator(`.paid-cell[data-member="${b.member_id}"]`, { hasText: '60.00' }).waitFor()
  const paidB = await branch.ok('GET', `/api/v1/dues/members/${b.member_id}`)
  assert.equal(paidB.payments[0].proxy_name, '党费乙之女')
  await shot(p, 'console-imported')

  // On the phone the secretary marks 党费丙 paid; the demo member reads their own dues.
  const m = await newPage({ width: 390, height: 844 })
  await m.goto(`${BASE}/m/#/login?redirect=${encodeURIComponent('/dues')}`)
  await m.locator('input[name="username"]').fill('branch')
  await m.locator('input[name="password"]').fill(PASSWORD)
  await m.locator('.btn-login').click()
  await m.locator('.dues-sheet[data-ready="1"]').waitFor()
  const rowC = m.locator(`.member-row[data-member="${c.member_id}"]`)
  await rowC.locator('.btn-mark-paid').click()
  await m.locator('.pay-popup .btn-send-pay').click()
  await m.locator('.tab-paid').click()
  await m.locator(`.member-row[data-member="${c.member_id}"] .paid-amount`, { hasText: '14.00' }).waitFor()
  await shot(m, 'phone-sheet')
  const paidC = await branch.ok('GET', `/api/v1/dues/members/${c.member_id}`)
  assert.equal(paidC.payments[0].amount_fen, 1400)

  const mp = await newPage({ width: 390, height: 844 })
  await mp.goto(`${BASE}/m/#/login?redirect=${encodeURIComponent('/my/dues')}`)
  await mp.locator('input[name="username"]').fill('member')
  await mp.locator('input[name="password"]').fill(PASSWORD)
  await mp.locator('.btn-login').click()
  await mp.locator('.dues-mine[data-ready="1"]').waitFor()
  await mp.locator('[data-field="owed"]').waitFor()
  assert.ok((await mp.locator('.month').count()) >= 1)
  await shot(mp, 'phone-mine')
})
