// Browser test of the county's side of the member pipeline in the console (issue 16,
// web/admin/src/pages/pipeline/, docs/api-pipeline.md) against a running jiceng server with the
// demo county:
//   (a) 发展指标: the county (`admin`) sets a branch's quota for the year and moves part of it to
//       another branch with a reason; a move of more than is left is refused with the server's
//       message; the table and the moves show what the API answers; a street (`street`) reads the
//       quotas of its subtree and is offered no change
//   (b) 提级抽查复核: the county draws a sample of the year's admissions, the page shows the seed the
//       server recorded and the sample the API lists; the same seed draws the same people again; a
//       conclusion of 有问题 without a note is refused beside the field, then recorded
//   (c) 发展党员设置: the county dates a new version of a setting from tomorrow; the table shows it
//       beside the version it closes, as the API lists them
//   (d) 县级联审: the county puts two candidates into a batch from 发展档案 and decides it person by
//       person on 县级联审: one approved, one returned (refused without a note, then with one); the
//       batch closes, as the API says
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/pipeline-county.test.mjs
// Screenshots: tests/e2e/screenshots/pipeline-county-*.png. The clock is not moved.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser, signInConsole } from './browser.mjs'
import { Api } from './api.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const P = '/api/v1/pipeline'
const STAMP = Date.now().toString(36)
const AMOUNT = 2 // the quota moved

mkdirSync(SHOTS, { recursive: true })

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  if (browser) await browser.close()
})

const signIn = (username) => signInConsole(browser, BASE, username, PASSWORD)

/**
 * A full-page screenshot once every dialog has finished fading out (a click on 保存 closes it, and
 * the picture would otherwise catch it half transparent over the page); `{ dialog: true }` when the
 * picture is of the open dialog itself.
 */
async function shot(p, name, { dialog = false } = {}) {
  if (!dialog) {
    await p.waitForFunction(() =>
      [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none'),
    )
  }
  await p.screenshot({ path: join(SHOTS, `pipeline-county-${name}.png`), fullPage: true })
}

/** Opens a page of the 发展党员 group from the left menu. */
async function openMenu(p, name) {
  const item = p.locator(`.el-menu-item[data-menu="${name}"]`)
  if (!(await item.isVisible())) {
    await p.locator(`.el-sub-menu[data-group="pipeline"] > .el-sub-menu__title`).click()
  }
  await item.click()
}

/** Picks an option of a remote select by typing its name. */
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

/** Types a number into an el-input-number and leaves it, so the component takes it. */
async function number(p, selector, n) {
  const input = p.locator(`${selector} input`)
  await input.fill(String(n))
  await input.press('Tab')
}

/** The text of each cell of each body row of a table. */
const rowsOf = (p, table) =>
  p
    .locator(`${table} .el-table__body tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())))

/** What the quota table shows: [organisation, quota, used, left] per row. */
async function quotaTable(p) {
  return (await rowsOf(p, '.quota-table')).map((c) => c.slice(0, 4))
}
const quotaLines = (answer) => answer.items.map((q) => [q.org_name, String(q.quota), String(q.used), String(q.left)])

/** The same table when it has caught up with `answer` (the page reloads after a write). */
async function tableShows(p, answer) {
  const want = quotaLines(answer)
  let got
  for (let i = 0; i < 40; i++) {
    got = await quotaTable(p)
    if (JSON.stringify(got) === JSON.stringify(want)) return
    await p.waitForTimeout(250)
  }
  assert.deepEqual(got, want, 'the quota table shows what the API answers')
}

test('(a) the county sets a quota and moves part of it; a street reads the quotas of its subtree', async () => {
  const admin = await new Api('admin').login()
  const year = (await admin.get(`${P}/quotas`)).year
  const before = await admin.get(`${P}/quotas?year=${year}`)
  const held = new Set(before.items.map((q) => q.org_id))
  // two branches with no quota and names of their own (the picker is searched by name): the taker in
  // the street's subtree, so that the street sees what it is given, the giver outside it
  const street = await new Api('street').login()
  const branches = async (api) =>
    (await api.get(`/api/v1/orgs?q=${encodeURIComponent('支部')}&limit=200`)).items.filter(
      (o) => o.level === 'branch' && !held.has(o.id),
    )
  const own = async (o) =>
    (await admin.get(`/api/v1/orgs?q=${encodeURIComponent(o.name)}&limit=5`)).items.length === 1 ? o : null
  const first = async (list) => {
    for (const o of list) if (await own(o)) return o
    return null
  }
  const near = await branches(street)
  const taker = await first(near)
  const giver = await first((await branches(admin)).filter((o) => !near.some((x) => x.id === o.id)))
  assert.ok(taker && giver, 'the demo county has branches without a quota, in the street and outside it')

  const { ctx, p } = await signIn('admin')
  try {
    await openMenu(p, 'pipeline-quotas')
    await p.locator('.quota-table').waitFor()
    await tableShows(p, before)
    await shot(p, '01-quotas')

    // the county sets the giver's quota
    const QUOTA = 6
    await p.locator('.btn-set-quota').click()
    await pick(p, '.quota-org', giver.name)
    await number(p, '.quota-value', QUOTA)
    await p.locator('.btn-save-quota').click()
    await p.locator('.el-message--success', { hasText: '指标已下达' }).waitFor()
    const set = await admin.get(`${P}/quotas?year=${year}`)
    const mine = set.items.find((q) => q.org_id === giver.id)
    assert.equal(mine.quota, QUOTA)
    await tableShows(p, set)
    assert.ok(mine.left >= 2, `the giver has quota left to move: ${JSON.stringify(mine)}`)

    // more than is left: the server refuses, with its message, in the dialog
    await p.locator('.btn-move-quota').click()
    await choose(p, '.move-from', giver.name)
    await pick(p, '.move-to', taker.name)
    await number(p, '.move-amount', mine.left + 1)
    await p.locator('.move-reason input').fill(`本支部发展对象较多 ${STAMP}`)
    await p.locator('.btn-save-move').click()
    const refusal = p.locator('.move-form .el-form-item__error, .move-form .error-text').first()
    await refusal.waitFor()
    const words = await refusal.innerText()
    assert.match(words, /不足调剂/, words)
    assert.ok(words.includes(String(mine.left)), `the refusal names what is left (${mine.left}): ${words}`)
    await shot(p, '02-move-refused', { dialog: true })
    assert.deepEqual(quotaLines(await admin.get(`${P}/quotas?year=${year}`)), quotaLines(set), 'nothing moved')

    // part of it
    await number(p, '.move-amount', AMOUNT)
    await p.locator('.btn-save-move').click()
    await p.locator('.el-message--success', { hasText: '指标已调剂' }).waitFor()
    const moved = await admin.get(`${P}/quotas?year=${year}`)
    assert.equal(moved.items.find((q) => q.org_id === giver.id).quota, QUOTA - AMOUNT)
    assert.equal(moved.items.find((q) => q.org_id === taker.id).quota, AMOUNT)
    await tableShows(p, moved)
    const move = moved.moves.at(-1)
    const line = (await rowsOf(p, '.move-table'))[0]
    assert.deepEqual(
      line.slice(0, 4),
      [giver.name, taker.name, String(move.amount), move.reason],
      'the newest move first',
    )
    await shot(p, '03-moved')
  } finally {
    await ctx.close()
  }

  // a street reads its own subtree's quotas, and is offered no change
  const theirs = await street.get(`${P}/quotas?year=${year}`)
  assert.equal(theirs.items.find((q) => q.org_id === taker.id).quota, AMOUNT)
  const s = await signIn('street')
  try {
    await openMenu(s.p, 'pipeline-quotas')
    await s.p.locator('.quota-table').waitFor()
    await tableShows(s.p, theirs)
    const given = (await rowsOf(s.p, '.move-table')).find((c) => c[1] === taker.name)
    assert.ok(given, 'the street sees the move into its branch')
    assert.equal(given[2], String(AMOUNT))
    assert.equal(await s.p.locator('.btn-set-quota, .btn-move-quota, .btn-edit-quota').count(), 0, 'no change offered')
    assert.equal(
      await s.p.locator('.el-menu-item[data-menu="pipeline-rechecks"]').count(),
      0,
      're-checks are the county’s',
    )
    await shot(s.p, '04-street-quotas')
  } finally {
    await s.ctx.close()
  }
})

test('(b) the county draws a re-check sample with a recorded seed and records a conclusion', async () => {
  const admin = await new Api('admin').login()
  const year = (await admin.get(`${P}/quotas`)).year
  const { ctx, p } = await signIn('admin')
  try {
    await openMenu(p, 'pipeline-rechecks')
    await choose(p, '.draw-year', `${year} 年`)
    await number(p, '.draw-size', 1)
    await p.locator('.btn-draw').click()
    const info = p.locator('.sample-info')
    await info.waitFor()
    const id = Number(await info.getAttribute('data-recheck'))
    const drawn = await admin.get(`${P}/rechecks/${id}`)
    assert.equal(await p.locator('.sample-seed').innerText(), drawn.seed, 'the seed the server recorded')
    assert.equal(await p.locator('.sample-population').innerText(), String(drawn.population))
    assert.equal(await p.locator('.sample-size').innerText(), String(drawn.size))
    const names = async () => (await rowsOf(p, '.sample-table')).map((c) => c[0])
    assert.deepEqual(
      await names(),
      drawn.items.map((i) => i.name),
    )
    await shot(p, '05-sample')

    // the same seed, the same people
    await p.locator('.draw-seed input').fill(drawn.seed)
    await p.locator('.btn-draw').click()
    await p.locator(`.sample-info:not([data-recheck="${id}"])`).waitFor()
    const again = await admin.get(`${P}/rechecks/${await p.locator('.sample-info').getAttribute('data-recheck')}`)
    assert.equal(again.seed, drawn.seed)
    assert.deepEqual(
      again.items.map((i) => i.person_id),
      drawn.items.map((i) => i.person_id),
    )
    assert.deepEqual(
      await names(),
      drawn.items.map((i) => i.name),
    )

    // a problem needs a note: refused beside the field, then recorded
    const person = again.items[0]
    const row = p.locator('.sample-table .el-table__row', { hasText: person.name })
    await row.locator('.btn-check').click()
    await p.locator('.check-result .el-radio', { hasText: '有问题' }).click()
    await p.locator('.btn-save-check').click()
    const refusal = p.locator('.check-form .el-form-item__error')
    await refusal.waitFor()
    const unsaved = await admin.get(`${P}/rechecks/${again.id}`)
    assert.equal(unsaved.items[0].result, null, 'nothing recorded')
    await shot(p, '06-note-needed', { dialog: true })
    const NOTE = `政审材料缺少函调证明 ${STAMP}`
    await p.locator('.check-note textarea').fill(NOTE)
    await p.locator('.btn-save-check').click()
    await p.locator('.el-message--success', { hasText: '复核结论' }).waitFor()
    const checked = (await admin.get(`${P}/rechecks/${again.id}`)).items.find((i) => i.person_id === person.person_id)
    assert.equal(checked.result, 'problem')
    assert.equal(checked.note, NOTE)
    await row.locator('.result', { hasText: '有问题' }).waitFor()
    assert.equal(await row.locator('.result-note').innerText(), checked.note)
    await shot(p, '07-checked')

    // the sample stays on the page's address
    await p.reload()
    await p.locator(`.sample-info[data-recheck="${again.id}"]`).waitFor()
    await p.locator('.sample-table .el-table__row', { hasText: person.name }).locator('.result').waitFor()
  } finally {
    await ctx.close()
  }
})

test('(c) the county dates a new version of a setting; the table shows it beside the one it closes', async () => {
  const admin = await new Api('admin').login()
  const KEY = 'warn_second_days'
  const { ctx, p } = await signIn('admin')
  try {
    await openMenu(p, 'pipeline-settings')
    await p.locator('.settings-table').waitFor()
    const before = (await admin.get(`${P}/settings`)).items
    const current = before.find((s) => s.key === KEY && !s.effective_to)
    assert.ok(current, 'the setting has an open version')
    // today by the server's calendar (China Standard Time); a new version starts after the open one
    // and not before today: tomorrow, or the day after a version already dated ahead
    const dayAfter = (ymd) => new Date(Date.parse(`${ymd}T00:00:00Z`) + 86400000).toISOString().slice(0, 10)
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
    const day = dayAfter(current.effective_from > today ? current.effective_from : today)
    const value = current.value < 30 ? current.value + 1 : current.value - 1

    const row = p
      .locator('.settings-table .el-table__row', { hasText: KEY })
      .filter({ has: p.locator('.btn-edit-setting') })
    await row.locator('.btn-edit-setting').click()
    await number(p, '.setting-form .value', value)
    await p.locator('.setting-form .source input').fill(`县委组织部通知（${STAMP}）`)
    const from = p.locator('.setting-form .effective-from input')
    await from.fill(day)
    await from.press('Enter')
    await p.locator('.btn-save').click()
    await p.locator('.el-message--success', { hasText: '已保存' }).waitFor()

    const after = (await admin.get(`${P}/settings`)).items.filter((s) => s.key === KEY)
    const added = after.find((s) => s.effective_from === day)
    assert.ok(added, `the new version starts ${day}: ${JSON.stringify(after)}`)
    assert.equal(added.value, value)
    const closed = after.find((s) => s.id === current.id)
    assert.equal(closed.effective_to, day, 'the open version ends the day the new one starts')

    // the table (history off) shows the versions not yet stopped, newest first: the new one dated
    // ahead and those it follows, as the API lists them
    const want = after
      .filter((s) => !s.effective_to || s.effective_to > today)
      .sort((a, b) => b.effective_from.localeCompare(a.effective_from))
      .map((s) => [
        String(s.value),
        `${s.effective_from} 至 ${s.effective_to || '今'}`,
        s.effective_from > today ? '待生效' : '执行中',
      ])
    assert.deepEqual(want[0], [String(value), `${day} 至 今`, '待生效'])
    const shown = async () =>
      (await rowsOf(p, '.settings-table'))
        .filter((c) => c[0].includes(KEY))
        .map((c) => [c[1].match(/^\d+/)[0], c[3], c[4]])
    let got
    for (let i = 0; i < 40 && JSON.stringify(got) !== JSON.stringify(want); i++) {
      if (i) await p.waitForTimeout(250)
      got = await shown()
    }
    assert.deepEqual(got, want)
    await shot(p, '08-setting-dated')
  } finally {
    await ctx.close()
  }
})

test('(d) the county submits a joint-review batch and decides it person by person: one approved, one returned with a note', async () => {
  const admin = await new Api('admin').login()
  const secretary = await new Api('branch').login()
  const demoBranch = secretary.account.roles.find((r) => r.role === 'branch_secretary').scope_id
  // candidates waiting for the joint review, outside the demo branch (tests/e2e/pipeline.test.mjs
  // reviews that one), with names of their own in the list
  const candidates = (await admin.get(`${P}/people?stage=candidate&limit=200`)).items
  const waiting = candidates.filter(
    (c) =>
      !c.voted &&
      !c.joint_review_passed &&
      c.org_id !== demoBranch &&
      candidates.filter((x) => x.name === c.name).length === 1,
  )
  const open = (await admin.get(`${P}/reviews`)).items.filter((r) => r.status === 'open')
  const pending = new Set()
  for (const r of open) for (const i of (await admin.get(`${P}/reviews/${r.id}`)).items) pending.add(i.person_id)
  const [yes, no] = waiting.filter((c) => !pending.has(c.id))
  assert.ok(yes && no, 'the demo county has two candidates waiting for the joint review')

  const { ctx, p } = await signIn('admin')
  try {
    await openMenu(p, 'pipeline')
    await choose(p, '.stage-pick', '发展对象')
    for (const c of [yes, no]) {
      const row = p.locator('.pl-table .el-table__row', { hasText: c.name })
      await row.locator('.el-checkbox').click()
    }
    await p.locator('.btn-review-batch').click()
    await p.waitForURL(/#\/pipeline-reviews\?review=\d+/)
    const id = Number(new URL(p.url().replace('#/', '')).searchParams.get('review'))
    await p.locator(`.batch[data-review="${id}"]`).waitFor()
    const batch = await admin.get(`${P}/reviews/${id}`)
    assert.deepEqual(batch.items.map((i) => i.person_id).sort(), [yes.id, no.id].sort())
    assert.equal((await rowsOf(p, '.review-people')).length, 2)
    await shot(p, '09-batch')

    await p.locator('.review-people .el-table__row', { hasText: yes.name }).locator('.btn-approve').click()
    await p.locator('.btn-save-decision').click()
    await p.locator('.el-message--success', { hasText: `${yes.name}已通过县级联审` }).waitFor()

    const back = p.locator('.review-people .el-table__row', { hasText: no.name })
    await back.locator('.btn-return').click()
    await p.locator('.btn-save-decision').click()
    await p.locator('.decision-form .el-form-item__error', { hasText: '退回须写明意见' }).waitFor()
    const NOTE = `政审材料不全 ${STAMP}`
    await p.locator('.decision-note textarea').fill(NOTE)
    await p.locator('.btn-save-decision').click()
    await p.locator('.el-message--success', { hasText: `${no.name}已退回` }).waitFor()

    const decided = await admin.get(`${P}/reviews/${id}`)
    const cell = async (name) => (await rowsOf(p, '.review-people')).find((c) => c[0] === name)[3]
    for (const i of decided.items) {
      const words = await cell(i.name)
      assert.ok(words.startsWith(i.decision === 'approved' ? '通过' : '退回'), words)
      if (i.note) assert.ok(words.includes(i.note), words)
    }
    assert.equal(decided.items.find((i) => i.person_id === no.id).note, NOTE)
    assert.equal(decided.status, 'closed', 'the batch closes when all are decided')
    await p.locator('.batch .el-tag', { hasText: '已结束' }).waitFor()
    assert.equal(await p.locator('.btn-approve, .btn-return').count(), 0, 'nothing left to decide')
    await p.locator('.review-table .el-loading-mask').waitFor({ state: 'hidden' })
    const listed = (await rowsOf(p, '.review-table')).find((c) => c[0] === String(id))
    assert.equal(listed[2], '已结束')
    assert.equal((await admin.get(`${P}/people/${yes.id}`)).joint_review_passed, true)
    await shot(p, '10-batch-decided')
  } finally {
    await ctx.close()
  }
})
