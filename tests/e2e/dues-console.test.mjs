// Browser test of the console's dues screens (issue 16, web/admin/src/pages/dues/) against a running
// jiceng server with the demo county:
//   (a) 党费基数导入: the demo branch's secretary (`branch`) picks a unit's payroll XLSX from the
//       menu's 党费管理 group; the dry run names row 3's 姓名 and nothing is assessed; corrected,
//       the dry run passes and the import assesses both members.
//   (b) 党费减免: the branch proposes a reduction above the assessed amount (the server's refusal
//       shown in the dialog), then two good ones; the branch is offered no approval; the community
//       secretary (`community`, the higher committee) approves one and refuses the other, which
//       needs a reason.
//   (c) 党费上缴: the branch hands up the month's collection, the amount the server's tally; a
//       second 上缴 shows the server's 409.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/dues-console.test.mjs
// Screenshots: tests/e2e/screenshots/dues-console-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser, signInConsole } from './browser.mjs'
import { Api } from './api.mjs'
import { writeXlsx } from '../api/xlsx.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const TMP = mkdtempSync(join(tmpdir(), 'dues-console-e2e-'))
const STAMP = Date.now() % 900
const D = '/api/v1/dues'

mkdirSync(SHOTS, { recursive: true })

let browser
// what (a) leaves for (b) and (c): two members of the demo branch, assessed by the import
const state = {}

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

const signIn = (username) => signInConsole(browser, BASE, username, PASSWORD)

/** A full-page screenshot once no dialog is fading out, unless it is of the open dialog. */
async function shot(p, name, { dialog = false } = {}) {
  if (!dialog) {
    await p.waitForFunction(() =>
      [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none'),
    )
  }
  await p.screenshot({ path: join(SHOTS, `dues-console-${name}.png`), fullPage: true })
}

/** Opens a page of the 党费管理 group from the left menu. */
async function openMenu(p, name) {
  const item = p.locator(`.el-menu-item[data-menu="${name}"]`)
  if (!(await item.isVisible())) await p.locator('.el-sub-menu[data-group="dues"] > .el-sub-menu__title').click()
  await item.click()
}

/** The text of each cell of each body row of a table. */
const rowsOf = (p, table) =>
  p
    .locator(`${table} .el-table__body tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())))

function idNumber(seq) {
  const body = `620102197${(STAMP % 9) + 1}0505${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]
  return body + '10X98765432'[sum % 11]
}

const yuan = (fen) => (fen / 100).toFixed(2)

test('(a) a payroll XLSX with a wrong name is refused row by row in the dry run, then imported', async () => {
  const admin = await new Api('admin').login()
  const branch = await new Api('branch').login()
  const org = branch.account.roles[0].scope_id
  const a = await admin.post('/api/v1/members', {
    name: `基数甲${STAMP}`,
    id_number: idNumber(1),
    org_id: org,
    gender: 'male',
  })
  const b = await admin.post('/api/v1/members', {
    name: `基数乙${STAMP}`,
    id_number: idNumber(2),
    org_id: org,
    gender: 'female',
  })
  const head = ['党员编号', '姓名', '交纳类别', '计算基数(元)']
  const sheet = (nameB) => [
    head,
    [String(a.id), a.name, '在职（按月工资）', '4200.00'],
    [String(b.id), nameB, '离退休', '6000.00'],
  ]
  const bad = join(TMP, 'payroll-bad.xlsx')
  const good = join(TMP, 'payroll.xlsx')
  writeFileSync(bad, writeXlsx(sheet('张冠李戴')))
  writeFileSync(good, writeXlsx(sheet(b.name)))

  const { ctx, p } = await signIn('branch')
  try {
    await openMenu(p, 'dues-bases')
    await p.locator('.dues-bases-page').waitFor()
    assert.ok(await p.locator('.btn-import').isDisabled(), 'nothing to import before a dry run passes')
    // the branch's own template, from the link the page offers, lists the branch's members
    const href = await p.locator('.btn-template').getAttribute('href')
    assert.equal(href, `/api/v1/dues/bases/template?org_id=${org}`)
    const template = await p.request.get(new URL(href, p.url()).href)
    assert.equal(template.status(), 200)
    assert.match(template.headers()['content-type'], /spreadsheetml/)

    // picking the file checks it at once: row 3's name is not member b's
    await p.locator('.file-input').setInputFiles(bad)
    const refused = p.locator('.import-result[data-ok="0"][data-dry-run="1"]')
    await refused.waitFor()
    assert.match(await refused.locator('.el-alert').innerText(), /第3行起/)
    const rows = await rowsOf(p, '.error-table')
    assert.equal(rows.length, 1, JSON.stringify(rows))
    assert.deepEqual(rows[0].slice(0, 2), ['3', '姓名'])
    assert.ok(rows[0][2].includes(b.name), `the reason names who the number is: ${rows[0][2]}`)
    assert.ok(await p.locator('.btn-import').isDisabled(), 'a refused sheet is not imported')
    await shot(p, 'a1-bases-refused')
    for (const m of [a, b]) {
      const r = await branch.call('GET', `${D}/members/${m.id}`)
      assert.ok(
        r.status === 404 || r.body.assessed === false || !r.body.kind,
        `${m.name} is not assessed: ${JSON.stringify(r.body)}`,
      )
    }

    await p.locator('.file-input').setInputFiles(good)
    await p.locator('.import-result[data-ok="1"][data-dry-run="1"]', { hasText: '2 行可导入' }).waitFor()
    await p.locator('.btn-import:not([disabled])').click()
    await p.locator('.import-result[data-ok="1"][data-dry-run="0"]', { hasText: '已导入 2 名党员' }).waitFor()
    await shot(p, 'a2-bases-imported')
    const da = await branch.get(`${D}/members/${a.id}`)
    const db = await branch.get(`${D}/members/${b.id}`)
    assert.deepEqual([da.kind, da.base_fen, da.monthly_fen], ['wage', 420000, 4200])
    assert.deepEqual([db.kind, db.base_fen, db.monthly_fen], ['retired', 600000, 6000])
    Object.assign(state, { org, a: { ...a, dues: da }, b: { ...b, dues: db } })
  } finally {
    await ctx.close()
  }
})

/** Picks a member in the reduction form's remote select. */
async function pickMember(p, name) {
  const input = p.locator('.reduction-form .pick-member input')
  await input.click()
  await input.fill(name)
  await p.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click()
}

async function propose(p, { name, monthly, reason }) {
  await p.locator('.btn-new-reduction').click()
  await p.locator('.reduction-form').waitFor()
  await pickMember(p, name)
  const amount = p.locator('.reduction-form .monthly input')
  await amount.fill(monthly)
  await amount.press('Tab')
  await p.locator('.reduction-form .reason textarea').fill(reason)
  await p.locator('.reduction-form .decision textarea').fill(`经支委会研究，同意${name}每月交纳党费${monthly}元`)
  await p.locator('.btn-save').click()
}

test('(b) the branch proposes reductions, the server refuses one above the due; the community approves one and refuses the other', async () => {
  assert.ok(state.a, '(a) assessed the members')
  const { a, b, org } = state
  const branch = await new Api('branch').login()
  const { ctx, p } = await signIn('branch')
  try {
    await openMenu(p, 'dues-reductions')
    await p.locator('.reductions-table[data-loaded="1"]').waitFor()

    // not less than the assessed 42.00: the server's words, in the dialog
    await propose(p, { name: a.name, monthly: '50.00', reason: `家庭遭遇变故 ${STAMP}` })
    const refusal = p.locator('.reduction-form .error-text, .reduction-form .el-form-item__error').first()
    await refusal.waitFor()
    const words = await refusal.innerText()
    assert.match(words, /42\.00/, words)
    await shot(p, 'b1-reduction-refused', { dialog: true })
    assert.equal(
      (await branch.get(`${D}/reductions?org_id=${org}`)).items.filter((r) => r.member_id === a.id).length,
      0,
    )

    const amount = p.locator('.reduction-form .monthly input')
    await amount.fill('10.00')
    await amount.press('Tab')
    await p.locator('.btn-save').click()
    await p.locator('.el-message--success', { hasText: '已报上级党委批准' }).waitFor()
    await propose(p, { name: b.name, monthly: '0', reason: `长期患病住院 ${STAMP}` })
    await p.locator('.el-message--success', { hasText: '已报上级党委批准' }).last().waitFor()
    const listed = (await branch.get(`${D}/reductions?org_id=${org}`)).items
    const ra = listed.find((r) => r.member_id === a.id)
    const rb = listed.find((r) => r.member_id === b.id)
    assert.deepEqual([ra.state, ra.monthly_fen, rb.state, rb.monthly_fen], ['proposed', 1000, 'proposed', 0])
    const rowA = p.locator('.reductions-table .el-table__row', { hasText: a.name })
    const rowB = p.locator('.reductions-table .el-table__row', { hasText: b.name })
    await rowA.locator('.reduction-state', { hasText: '待上级批准' }).waitFor()
    await rowB.locator('td', { hasText: '免交' }).waitFor()
    assert.equal(await p.locator('.btn-approve, .btn-refuse').count(), 0, 'the branch does not approve its own')
    await shot(p, 'b2-proposed')
  } finally {
    await ctx.close()
  }

  // the community, above the branch, decides
  const { ctx: cctx, p: c } = await signIn('community')
  try {
    await c.goto(`${BASE}/#/dues-reductions?org_id=${org}`)
    await c.locator('.reductions-table[data-loaded="1"]').waitFor()
    const rowA = c.locator('.reductions-table .el-table__row', { hasText: a.name })
    const rowB = c.locator('.reductions-table .el-table__row', { hasText: b.name })
    await rowA.locator('.btn-approve').click()
    await c.locator('.decision-words textarea').fill('同意，自本月起每月交纳10.00元')
    await c.locator('.btn-send-decision').click()
    await c.locator('.el-message--success', { hasText: '已批准' }).waitFor()
    await rowA.locator('.reduction-state', { hasText: '已批准' }).waitFor()

    await rowB.locator('.btn-refuse').click()
    await c.locator('.btn-send-decision').click()
    const need = c.locator('.decision-form .error-text')
    await need.waitFor()
    assert.match(await need.innerText(), /不批准的理由/)
    await c.locator('.decision-words textarea').fill('该同志有固定收入，不符合免交条件')
    await c.locator('.btn-send-decision').click()
    await c.locator('.el-message--success', { hasText: '已不予批准' }).waitFor()
    await rowB.locator('.reduction-state', { hasText: '未批准' }).waitFor()
    await shot(c, 'b3-decided')
    const after = (await branch.get(`${D}/reductions?org_id=${org}`)).items
    assert.equal(after.find((r) => r.member_id === a.id).state, 'approved')
    assert.equal(after.find((r) => r.member_id === b.id).state, 'refused')
  } finally {
    await cctx.close()
  }
})

test('(c) the branch hands up the month’s collection; a second 上缴 shows the server’s refusal', async () => {
  assert.ok(state.a, '(a) assessed the members')
  const { a, org } = state
  const branch = await new Api('branch').login()
  // something collected this month whatever the demo holds: member a pays the month
  await branch.post(`${D}/payments`, { member_id: a.id, months: 1, method: 'wechat' })
  const month = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7) // the page's month (China time)
  const before = await branch.get(`${D}/totals?org_id=${org}&month=${month}`)
  assert.ok(before.total.collected_fen > 0)
  assert.equal(before.total.remitted_fen, 0, 'the demo branch has not handed this month up')

  const { ctx, p } = await signIn('branch')
  try {
    await openMenu(p, 'dues-remittances')
    await p.locator('[data-loaded="1"]').waitFor()
    await p.locator('.org-name', { hasText: before.month }).waitFor()
    assert.equal(await p.locator('.stat-collected .el-statistic__number').innerText(), yuan(before.total.collected_fen))
    assert.equal(await p.locator('.stat-remitted .el-statistic__number').innerText(), '0.00')
    await p.locator('.remit-state[data-state="pending"]').waitFor()
    const kids = await rowsOf(p, '.children-table')
    assert.deepEqual(
      kids.map((r) => r[0]),
      before.children.map((c) => c.org_name),
    )
    await shot(p, 'c1-before')

    await p.locator('.btn-remit').click()
    const confirm = p.locator('.el-message-box')
    assert.ok(
      (await confirm.innerText()).includes(yuan(before.total.collected_fen)),
      'the confirmation names the amount',
    )
    await confirm.locator('.el-button--primary').click()
    await p.locator('.el-message--success', { hasText: `已上缴 ${yuan(before.total.collected_fen)} 元` }).waitFor()
    await p.locator('.remit-state[data-state="remitted"]').waitFor()
    assert.equal(await p.locator('.stat-remitted .el-statistic__number').innerText(), yuan(before.total.collected_fen))
    const after = await branch.get(`${D}/totals?org_id=${org}&month=${before.month}`)
    assert.equal(after.total.remitted_fen, before.total.collected_fen)
    await shot(p, 'c2-remitted')

    // again: the server's 409, in its words
    await p.locator('.btn-remit').click()
    await p.locator('.el-message-box .el-button--primary').click()
    const refusal = p.locator('.remit-error')
    await refusal.waitFor()
    assert.match(await refusal.innerText(), new RegExp(`${before.month}的党费已登记上缴`))
    await shot(p, 'c3-second-refused')
    const again = await branch.get(`${D}/totals?org_id=${org}&month=${before.month}`)
    assert.equal(again.total.remitted_fen, before.total.collected_fen, 'handed up once')
  } finally {
    await ctx.close()
  }
})
