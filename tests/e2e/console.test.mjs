// Browser tests of the admin console against a running jiceng server with the demo county.
//   JICENG_URL=http://127.0.0.1:8080 npm run test:e2e
// Uses Debian's Chromium through playwright-core. Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const USER = process.env.JICENG_USER || 'admin'
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const TMP = mkdtempSync(join(tmpdir(), 'jiceng-e2e-'))
const MEMBER_HEADER = '姓名,性别,民族,出生日期,身份证号,手机号,学历,入党日期,转正日期,所在党组织,人员类别'

mkdirSync(SHOTS, { recursive: true })

let browser
let context // one signed-in context shared by the tests after login
let page

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

async function newPage() {
  const ctx = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error('[page error]', e.message))
  return { ctx, p }
}

async function shot(p, name) {
  await p.waitForTimeout(300) // let transitions settle
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false })
}

async function login(p, username, password) {
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(password)
  await p.locator('.login-btn').click()
}

/** Call the API from inside the page (same cookie session). */
async function apiGet(p, path) {
  return p.evaluate(async (url) => {
    const r = await fetch(url, { headers: { Accept: 'application/json' } })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, path)
}

async function openMenu(p, menu) {
  await p.locator(`.el-menu-item[data-menu="${menu}"]`).click()
  await p.waitForURL(new RegExp(`#/${menu}$`))
}

// --- ID numbers (GB 11643) for generated members ---
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
function checkDigit(first17) {
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W[i]
  return '10X98765432'[s % 11]
}
function makeIdNumber(birth, female) {
  const seq = String(100 + Math.floor(Math.random() * 800)).padStart(3, '0')
  let s = seq.slice(0, 2)
  const last = Number(seq[2])
  const g = female ? (last % 2 === 0 ? last : (last + 1) % 10) : last % 2 === 1 ? last : (last + 1) % 10
  s += g
  const first17 = '371526' + birth.replaceAll('-', '') + s
  return first17 + checkDigit(first17)
}
function corruptCheckDigit(id) {
  const good = id[17]
  const bad = good === '0' ? '1' : good === 'X' ? '2' : String((Number(good) + 1) % 10)
  return id.slice(0, 17) + bad
}
const randPhone = () => '139' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0')
const csvLine = (cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')

// -------------------------------------------------------------------------------------------

test('a wrong password shows an error and stays on the login page', async () => {
  const { ctx, p } = await newPage()
  try {
    await p.goto(`${BASE}/`)
    await p.waitForURL(/#\/login/)
    assert.equal(await p.title(), '基层治理平台 jiceng')
    await login(p, USER, PASSWORD + '-wrong')
    const alert = p.locator('.login-error')
    await alert.waitFor()
    const text = (await alert.innerText()).trim()
    assert.ok(text.length > 0, 'an error message is shown')
    assert.match(p.url(), /#\/login/)
    await shot(p, '01-login-error')
  } finally {
    await ctx.close()
  }
})

test('admin logs in and sees the overview with the county counts', async () => {
  ;({ ctx: context, p: page } = await newPage())
  await login(page, USER, PASSWORD)
  await page.waitForURL((u) => !u.hash.startsWith('#/login'))
  await page.locator('.user-name').waitFor()
  await page.locator('.el-menu-item[data-menu="members"]').waitFor()
  const members = page.locator('[data-stat="members"] .stat-value')
  await members.waitFor()
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-stat="members"] .stat-value')
    return el && /\d/.test(el.textContent)
  })
  const n = Number((await members.innerText()).replace(/[^\d]/g, ''))
  assert.ok(n > 0, `the county has members (got ${n})`)
  // 等保: the audit log is the audit administrator's alone (security.test.mjs)
  assert.equal(await page.locator('.el-menu-item[data-menu="audit"]').count(), 0, 'admin has no audit menu')
  await shot(page, '02-overview')
})

test('area tree: expand the county and see subtree counts', async () => {
  assert.ok(page, 'logged in')
  await openMenu(page, 'areas')
  const rootNode = page.locator('.tree-areas > .el-tree-node').first()
  await rootNode.waitFor()
  const rootText = await rootNode.locator('> .el-tree-node__content').innerText()
  assert.match(rootText, /党组织 \d+ · 党员 \d+ · 单位 \d+/)
  await rootNode.locator('> .el-tree-node__content .el-tree-node__expand-icon').click()
  const children = rootNode.locator('> .el-tree-node__children > .el-tree-node')
  await children.first().waitFor()
  const count = await children.count()
  assert.ok(count > 0, 'the county has child areas')
  const childText = await children.first().locator('> .el-tree-node__content').innerText()
  assert.match(childText, /党组织 \d+ · 党员 \d+ · 单位 \d+/)
  // select the first child: its detail is shown with an edit form
  const childName = (await children.first().locator('.tree-node .name').innerText()).trim()
  await children.first().locator('> .el-tree-node__content .name').click()
  await page.locator('.el-descriptions').getByText(childName, { exact: true }).first().waitFor()
  await page.waitForTimeout(500) // expand animation
  await shot(page, '03-area-tree')
})

test('party organisation tree loads', async () => {
  await openMenu(page, 'orgs')
  const rootNode = page.locator('.tree-orgs > .el-tree-node').first()
  await rootNode.waitFor()
  assert.match(await rootNode.locator('> .el-tree-node__content').innerText(), /党员 \d+/)
  await rootNode.locator('> .el-tree-node__content .el-tree-node__expand-icon').click()
  await rootNode.locator('> .el-tree-node__children > .el-tree-node').first().waitFor()
  await page.waitForTimeout(500) // expand animation
  await shot(page, '04-org-tree')
})

test('members: find a member by name and reveal the ID number', async () => {
  const { body } = await apiGet(page, '/api/v1/members?limit=50')
  assert.ok(body && body.items && body.items.length, 'the demo has members')
  const target = body.items.find((m) => m.name && m.name.length >= 3) || body.items[0]
  await openMenu(page, 'members')
  await page.locator('.register-table .el-table__row').first().waitFor()
  const search = page.locator('.search-input input')
  await search.fill(target.name)
  const listed = page.waitForResponse((r) => r.url().includes('/api/v1/members?') && r.url().includes('q='))
  await search.press('Enter')
  await listed
  const rows = page.locator('.register-table .el-table__body-wrapper .el-table__row')
  await rows.first().waitFor()
  const n = await rows.count()
  assert.ok(n >= 1, 'the search finds the member')
  for (let i = 0; i < n; i++) assert.ok((await rows.nth(i).innerText()).includes(target.name))
  // masked in the table
  assert.match(await rows.first().innerText(), /\*/)
  // detail drawer, reveal the ID number
  await rows.first().locator('.btn-detail').click()
  const drawer = page.locator('.detail-drawer')
  await drawer.locator('.detail-id_number').waitFor()
  assert.match(await drawer.locator('.detail-id_number').innerText(), /\*/)
  await drawer.locator('.btn-reveal-id_number').click()
  await page.waitForFunction(() => {
    const el = document.querySelector('.detail-drawer .detail-id_number')
    return el && /^\d{17}[\dX]$/.test(el.textContent.trim())
  })
  await shot(page, '05-member-search')
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
})

test('import members: a bad check digit is reported by row, a good file imports', async () => {
  // an organisation whose name is unique in scope, to fill 所在党组织
  const orgs = (await apiGet(page, '/api/v1/orgs?limit=200&level=branch')).body?.items || []
  assert.ok(orgs.length, 'the demo has party branches')
  const counts = new Map()
  for (const o of orgs) counts.set(o.name, (counts.get(o.name) || 0) + 1)
  const org = orgs.find((o) => counts.get(o.name) === 1) || orgs[0]

  const tag = Date.now().toString(36).slice(-4)
  const people = [
    { name: `测试甲${tag}`, birth: '1985-03-12', female: false },
    { name: `测试乙${tag}`, birth: '1990-11-02', female: true },
    { name: `测试丙${tag}`, birth: '1978-07-30', female: false },
  ].map((x) => ({ ...x, id: makeIdNumber(x.birth, x.female), phone: randPhone() }))
  const rowOf = (x, id) =>
    csvLine([x.name, '', '汉族', '', id, x.phone, '大学本科', '2012-07-01', '2013-07-01', org.name, '在职'])
  const goodCsv = [MEMBER_HEADER, ...people.map((x) => rowOf(x, x.id))].join('\r\n') + '\r\n'
  const badCsv =
    [MEMBER_HEADER, ...people.map((x, i) => rowOf(x, i === 1 ? corruptCheckDigit(x.id) : x.id))].join('\r\n') + '\r\n'
  const goodPath = join(TMP, 'members-good.csv')
  const badPath = join(TMP, 'members-bad.csv')
  writeFileSync(goodPath, goodCsv)
  writeFileSync(badPath, badCsv)

  await openMenu(page, 'members')
  await page.locator('.btn-open-import').click()
  const dialog = page.locator('.import-dialog')
  await dialog.waitFor()

  // bad file: dry run lists the row error
  await dialog.locator('input[type=file]').setInputFiles(badPath)
  await dialog.getByText('members-bad.csv').waitFor()
  await dialog.locator('.btn-dry-run').click()
  const errRows = dialog.locator('.error-table .el-table__body-wrapper .el-table__row')
  await errRows.first().waitFor()
  const cells = await errRows.first().locator('td').allInnerTexts()
  const [row, column, reason] = cells.map((c) => c.trim())
  assert.equal(row, '3', 'spreadsheet row of the bad line (header is row 1, 2nd data line is row 3)')
  assert.equal(column, '身份证号')
  assert.ok(reason.length > 0, 'a reason is given')
  await shot(page, '06-import-errors')

  // importing the bad file imports nothing
  await dialog.locator('.btn-import').click()
  await dialog.locator('.error-table').waitFor()
  const none = await apiGet(page, `/api/v1/members?q=${encodeURIComponent(people[0].name)}`)
  assert.equal((none.body?.items || []).filter((m) => m.name === people[0].name).length, 0)

  // good file: dry run passes, import imports all rows
  await dialog.locator('input[type=file]').setInputFiles(goodPath)
  await dialog.getByText('members-good.csv').waitFor()
  await dialog.locator('.btn-dry-run').click()
  await dialog.getByText(`预检通过：共 ${people.length} 行`).waitFor()
  await dialog.locator('.btn-import').click()
  await dialog.getByText(`已导入 ${people.length} 行`).waitFor()
  await shot(page, '07-import-ok')
  await dialog.locator('.el-dialog__footer button').click()
  await dialog.waitFor({ state: 'hidden' })

  // the new member can be found, with gender and birth date derived from the ID number
  const search = page.locator('.search-input input')
  await search.fill(people[1].name)
  await search.press('Enter')
  const row1 = page.locator('.register-table .el-table__body-wrapper .el-table__row').filter({ hasText: people[1].name })
  await row1.first().waitFor()
  const text = await row1.first().innerText()
  assert.ok(text.includes('女'), 'gender derived from the ID number')
  assert.ok(text.includes('1990-11-02'), 'birth date derived from the ID number')
  assert.ok(text.includes(org.name), 'placed in the named organisation')
})

test('export members as CSV with the Chinese header row (and XLSX)', async () => {
  await openMenu(page, 'members')
  await page.locator('.register-table .el-table__row').first().waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.btn-export-csv').click()])
  const file = join(TMP, 'export.csv')
  await download.saveAs(file)
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  const header = text.split(/\r?\n/)[0]
  // the documented headings come first, in order (the server may add more after them)
  const expected = MEMBER_HEADER.split(',')
  assert.deepEqual(header.split(',').slice(0, expected.length), expected, `CSV header: ${header}`)
  assert.ok(text.split(/\r?\n/).filter(Boolean).length > 1, 'the export has data rows')

  const [xdl] = await Promise.all([page.waitForEvent('download'), page.locator('.btn-export-xlsx').click()])
  const xfile = join(TMP, 'export.xlsx')
  await xdl.saveAs(xfile)
  const bytes = readFileSync(xfile)
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'XLSX is a zip')
})

test('other registers list their records', async () => {
  for (const [menu, shotName] of [
    ['units', '08-units'],
    ['venues', '09-venues'],
    ['people', '10-people'],
  ]) {
    await openMenu(page, menu)
    await page.locator('.register-table .el-table__row').first().waitFor()
    assert.match(await page.locator('.list-total').innerText(), /共 \d+ 条/)
    await shot(page, shotName)
  }
})

test('grid map draws the grids from GeoJSON', async () => {
  await openMenu(page, 'grids')
  await page.locator('.map-box canvas').waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.el-table__body-wrapper .el-table__row').length > 0)
  await page.waitForTimeout(800) // let the chart animation finish
  // hovering a grid shows its name and staff count
  const box = await page.locator('.map-box canvas').first().boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.getByText(/网格员：\d+ 人/).first().waitFor()
  await shot(page, '11-grid-map')
})

test('logout returns to the login page', async () => {
  await page.locator('.logout').click()
  await page.waitForURL(/#\/login/)
  const s = await apiGet(page, '/api/v1/session')
  assert.equal(s.status, 401)
  await context.close()
})
