// Browser tests of organisation life's campaign, talk, life-meeting, committee and member pages
// (issue 15; web/admin/src/pages/org_life/, web/h5/src/pages/org_life/) against a running jiceng
// server with the demo county (started with --test-clock, which these tests read but do not move):
//   民主评议: the branch opens the year's campaign in the console; a member writes the
//     self-assessment and grades a peer on the phone; the branch rates, a reason is asked for
//     基本合格, 优秀 over the county's cap is refused with the rule; the member sees the result.
//   支委与换届: a 支委会 cannot be recorded on the phone before the committee is sized; the branch
//     names three members in the console; the 支委会 is then recorded with them present.
//   谈心谈话: a required pair is marked done with a date.
//   组织生活会: a self-criticism and a rectification item, overdue, then closed.
//   合规矩阵: the drilled month downloads as an XLSX whose rows are the cells the page shows.
//   会议详情 (member): the member opens a meeting from 我的会议 and asks leave there; 我的记录 counts.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/org-life-pages.test.mjs
// Screenshots: tests/e2e/screenshots/ol-pages-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'
import { sheetRows } from './xlsx.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const STAMP = Date.now().toString(36).slice(-5)
const CHINA = 8 * 3600
const O = '/api/v1/org-life'

mkdirSync(SHOTS, { recursive: true })

let browser
let secretary, member, orgId, me

before(async () => {
  browser = await launchBrowser()
  secretary = await new Api('branch').login()
  member = await new Api('member').login()
  orgId = secretary.account.roles.find((r) => r.role === 'branch_secretary').scope_id
  me = member.account.roles.find((r) => r.role === 'member').scope_id
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
const phone = () => newPage({ width: 390, height: 844 })
const desktop = () => newPage({ width: 1440, height: 900 })
const shot = (p, name) => p.screenshot({ path: join(SHOTS, `ol-pages-${name}.png`), fullPage: true })

async function phoneLogin(p, username, redirect) {
  await p.goto(`${BASE}/m/#/login?redirect=${encodeURIComponent(redirect)}`)
  await p.locator('input[name="username"]').fill(username)
  await p.locator('input[name="password"]').fill(PASSWORD)
  await p.locator('.btn-login').click()
}

async function consoleLogin(p, username) {
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(PASSWORD)
  await p.locator('.login-btn').click()
  await p.locator('.user-name').waitFor()
}

/** The open dialog's element (Element Plus keeps closed ones in the page, hidden). */
const dialog = (p) => p.locator('.el-dialog:visible')

test('民主评议: self and peer assessment on the phone, ratings in the console, 优秀 over the cap refused', async () => {
  const year = Number(dayOf(await serverNow()).slice(0, 4))
  const c = await desktop()
  await consoleLogin(c, 'branch')
  await c.goto(`${BASE}/#/org-life-evaluation?year=${year}`)
  await c.locator('.btn-open-campaign').click()
  await c.locator('.campaign[data-status="open"]').waitFor()
  const list = await secretary.get(`${O}/evaluations?org_id=${orgId}`)
  const campaignId = list.items.find((k) => k.year === year).id
  let k = await secretary.get(`${O}/evaluations/${campaignId}`)
  assert.ok(
    k.members.some((m) => m.member_id === me),
    'the member is in the campaign',
  )
  assert.ok(k.excellent_allowed >= 1 && k.excellent_allowed < k.members.length - 1, 'the cap allows some, not all')

  // --- the member on the phone: self-assessment and a peer's grade ---
  const text = `全年参加三会一课，带头参加志愿服务；理论学习还不够系统。（${STAMP}）`
  const m = await phone()
  await phoneLogin(m, 'member', '/my/evaluation')
  await m.locator('.ol-my-evaluation[data-ready="1"]').waitFor()
  const mine = m.locator(`.campaign[data-campaign="${campaignId}"]`)
  await mine.locator('.self-field textarea').fill(text)
  await mine.locator('.btn-save-self').click()
  await mine.locator('.btn-save-self', { hasText: '修改自评' }).waitFor()
  const peer = k.members.find((x) => x.member_id !== me)
  await mine.locator(`.peer[data-member="${peer.member_id}"] .grade-qualified`).click()
  await mine.locator(`.peer[data-member="${peer.member_id}"] .done`, { hasText: '合格' }).waitFor()
  await shot(m, '01-member-evaluation')
  k = await secretary.get(`${O}/evaluations/${campaignId}`)
  assert.equal(k.members.find((x) => x.member_id === me).self_assessment, text)
  assert.ok(k.members.find((x) => x.member_id === peer.member_id).peer_grades.qualified >= 1, 'the peer grade counts')

  // --- the branch rates: up to the cap, then one 优秀 too many ---
  const others = k.members.filter((x) => x.member_id !== me)
  for (const x of others.slice(1, k.excellent_allowed)) {
    await secretary.ok('PUT', `${O}/evaluations/${campaignId}/ratings/${x.member_id}`, { rating: 'excellent' })
  }
  await c.reload()
  await c.locator('.campaign[data-status="open"]').waitFor()
  const rate = async (memberId, rating, reason) => {
    await c.locator(`.btn-rate[data-member="${memberId}"]`).click()
    const d = dialog(c)
    await d.locator(`.choice-${rating}`).click()
    if (reason !== undefined) await d.locator('.reason-input textarea').fill(reason)
    await d.locator('.btn-save').click()
  }
  await rate(others[0].member_id, 'excellent')
  await dialog(c).waitFor({ state: 'hidden' })
  const row = (id) =>
    c.locator('.members-table .el-table__row').filter({ has: c.locator(`.btn-rate[data-member="${id}"]`) })
  await row(others[0].member_id).locator('.rating', { hasText: '优秀' }).waitFor()
  assert.match(
    await c.locator('.cap').innerText(),
    new RegExp(`优秀 ${k.excellent_allowed} / 上限 ${k.excellent_allowed}`),
  )

  const over = others[k.excellent_allowed]
  await rate(over.member_id, 'excellent')
  const refusal = dialog(c).locator('.rate-refusal')
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /依据/, 'the refusal names the county setting')
  await shot(c, '02-cap-refused')
  await dialog(c).locator('.choice-qualified').click()
  await dialog(c).locator('.btn-save').click()
  await row(over.member_id).locator('.rating', { hasText: '合格' }).waitFor()

  // 基本合格 needs a reason: asked for before anything is sent
  await rate(me, 'basic', '')
  await dialog(c).locator('.el-form-item__error', { hasText: '理由' }).waitFor()
  await dialog(c).locator('.reason-input textarea').fill('参加组织生活不够经常')
  await dialog(c).locator('.btn-save').click()
  await row(me).locator('.rating', { hasText: '基本合格' }).waitFor()
  assert.match(await c.locator('.members-table').innerText(), new RegExp(STAMP), 'the self-assessment shows')
  await shot(c, '03-ratings')
  k = await secretary.get(`${O}/evaluations/${campaignId}`)
  assert.equal(k.excellent_rated, k.excellent_allowed, 'the refused 优秀 was not kept')
  assert.equal(k.members.find((x) => x.member_id === me).rating_reason, '参加组织生活不够经常')

  // the member sees the result with its reason, and on 我的记录
  await m.reload()
  await mine.locator('.rating', { hasText: '基本合格' }).waitFor()
  assert.match(await mine.locator('.rating-reason').innerText(), /参加组织生活不够经常/)
  await m.goto(`${BASE}/m/#/my/record`)
  await m.locator('.ol-my-record[data-ready="1"]').waitFor()
  await m.locator(`.year[data-year="${year}"] .rating`, { hasText: '基本合格' }).waitFor()
  await c.context().close()
  await m.context().close()
})

test('支委与换届: a 支委会 waits for the committee; named in the console, it is recorded on the phone', async () => {
  // set-up: the branch has no committee on record, and a 支委会 began an hour ago
  await secretary.ok('PUT', `${O}/orgs/${orgId}/committee`, { member_ids: [] })
  await secretary.ok('PUT', `${O}/orgs/${orgId}/term`, { committee_size: 0 })
  const now = await serverNow()
  const meeting = await secretary.post(`${O}/meetings`, {
    org_id: orgId,
    kind: 'committee_meeting',
    topic: `支委会：研究发展党员工作 ${STAMP}`,
    starts_at: now - 3600,
  })

  const s = await phone()
  await phoneLogin(s, 'branch', `/org-life/meetings/${meeting.id}`)
  await s.locator('.ol-meeting[data-ready="1"]').waitFor()
  await s.locator('.btn-take').click()
  await s.locator('.minutes-field textarea').fill(`研究本月发展党员工作。（${STAMP}）`)
  await s.locator('.btn-hold').click()
  await s.locator('.error-text', { hasText: '尚未登记支部委员会人数' }).waitFor()
  await s.locator('.committee-hint').waitFor()
  await shot(s, '04-committee-meeting-refused')

  const c = await desktop()
  await consoleLogin(c, 'branch')
  await c.goto(`${BASE}/#/org-life-committee`)
  await c.locator('.committee[data-loaded="1"]').waitFor()
  const named = (await secretary.get(`${O}/orgs/${orgId}/committee`)).members.filter((x) => x.full_member).slice(0, 3)
  assert.equal(named.length, 3, 'the branch has three full members to name')
  await c.locator('.pick-members').click()
  for (const x of named) {
    await c
      .locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${x.name}$`) })
      .first()
      .click()
  }
  await c.keyboard.press('Escape')
  await c.locator('.elected-on input').fill('2024-03-15')
  await c.locator('.elected-on input').press('Enter')
  await c.locator('.btn-save-committee').click()
  await c.locator('.current .named', { hasText: named[0].name }).waitFor()
  await shot(c, '05-committee')
  const back = await secretary.get(`${O}/orgs/${orgId}/committee`)
  assert.deepEqual(
    back.committee.map((x) => x.member_id),
    named.map((x) => x.member_id).sort((a, b) => a - b),
  )
  assert.equal(back.committee_size, 3, 'naming three sizes the committee')
  assert.equal(back.elected_on, '2024-03-15')

  // the 支委会 now starts from the committee, ticked present
  await s.reload()
  await s.locator('.btn-take').click()
  for (const x of named) await s.locator(`.mark-row[data-member="${x.member_id}"] .mark-present.on`).waitFor()
  await s.locator('.minutes-field textarea').fill(`研究本月发展党员工作。（${STAMP}）`)
  await s.locator('.btn-hold').click()
  await s.locator('.ol-meeting[data-status="held"]').waitFor()
  await shot(s, '06-committee-meeting-held')
  const held = await secretary.get(`${O}/meetings/${meeting.id}`)
  assert.equal(held.due, 3)
  assert.equal(held.present, 3)
  assert.equal(held.valid, true, 'all three of the committee came')

  // --- 谈心谈话: the pairs follow from the committee; one is marked done today ---
  await c.goto(`${BASE}/#/org-life-talks`)
  await c.locator('.talks[data-loaded="1"]').waitFor()
  const talks = await secretary.get(`${O}/talks?org_id=${orgId}`)
  assert.equal(await c.locator('.pairs-table .el-table__row').count(), talks.required)
  const pair = talks.pairs.find((x) => !x.done_on)
  const key = `${pair.a.member_id}-${pair.b.member_id}`
  await c.locator(`.btn-talk[data-pair="${key}"]`).click()
  // the day offered is today (the browser's), a day not after the server's
  const today = await dialog(c).locator('.talk-date input').inputValue()
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/)
  await dialog(c).locator('.btn-save').click()
  const doneRow = c.locator('.pairs-table .el-table__row').filter({ has: c.locator(`.btn-talk[data-pair="${key}"]`) })
  await doneRow.locator('.done-on', { hasText: today }).waitFor()
  await shot(c, '07-talks')
  const after = await secretary.get(`${O}/talks?org_id=${orgId}`)
  assert.equal(after.done, talks.done + 1)
  assert.equal(after.pairs.find((x) => `${x.a.member_id}-${x.b.member_id}` === key).done_on, today)
  await c.context().close()
  await s.context().close()
})

test('组织生活会: a self-criticism and a rectification item, overdue, then closed', async () => {
  const now = await serverNow()
  const life = await secretary.post(`${O}/meetings`, {
    org_id: orgId,
    kind: 'life_meeting',
    topic: `专题组织生活会 ${STAMP}`,
    starts_at: now + 3600,
  })
  const c = await desktop()
  await consoleLogin(c, 'branch')
  await c.goto(`${BASE}/#/org-life-life?meeting_id=${life.id}&year=${dayOf(now).slice(0, 4)}`)
  await c.locator(`.life[data-meeting="${life.id}"][data-loaded="1"]`).waitFor()

  const who = life.attendance[0]
  await c.locator('.crit-member').click()
  await c
    .locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${who.name}$`) })
    .first()
    .click()
  await c.locator('.crit-body input').fill(`理论学习不够系统，联系群众不够经常（${STAMP}）`)
  await c.locator('.btn-add-criticism').click()
  await c.locator(`.participant[data-member="${who.member_id}"]`, { hasText: STAMP }).waitFor()

  // due two days ago: flagged overdue at once
  const yesterday = dayOf(now - 2 * 24 * 3600)
  await c.locator('.rect-item input').fill(`建立每周集中学习制度 ${STAMP}`)
  await c.locator('.rect-owner input').fill('支部书记')
  await c.locator('.rect-due input').fill(yesterday)
  await c.locator('.rect-due input').press('Enter')
  await c.locator('.btn-add-rect').click()
  const item = c.locator('.rect-table .el-table__row', { hasText: STAMP })
  await item.locator('.state-overdue').waitFor()
  await c.locator('.overdue-count').waitFor()
  await shot(c, '08-rectification-overdue')
  await item.locator('.btn-rect-done').click()
  const doneOn = await dialog(c).locator('.done-date input').inputValue()
  await dialog(c).locator('.btn-save').click()
  await item.locator('.state-done', { hasText: doneOn }).waitFor()
  await c.locator('.overdue-count').waitFor({ state: 'detached' }) // nothing overdue once done
  await shot(c, '09-rectification-done')
  const record = await secretary.get(`${O}/meetings/${life.id}/life`)
  assert.equal(record.rectifications[0].done_on, doneOn)
  assert.equal(record.rectifications[0].overdue, false)
  assert.equal(record.criticisms[0].member_id, who.member_id)
  assert.equal(record.criticisms[0].kind, 'self')
  await c.context().close()
})

test('合规矩阵: the drilled month downloads as an XLSX with one row per cell shown', async () => {
  const admin = await new Api('admin').login()
  const month = dayOf(await serverNow()).slice(0, 7)
  const areas = await admin.get(`${O}/compliance/areas?year=${month.slice(0, 4)}`)
  const street = areas.rows[0]
  const c = await desktop()
  await consoleLogin(c, 'admin')
  await c.goto(`${BASE}/#/org-life-matrix`)
  await c.locator('.ol-matrix-page [data-loaded="1"]').waitFor()
  const at = [street.area_name, Number(month.slice(5))]
  await c.waitForFunction((a) => window.__jicengMatrix && window.__jicengMatrix.pixelOf(...a), at)
  await c.waitForTimeout(800) // the heat map's entry animation
  const xy = await c.evaluate((a) => window.__jicengMatrix.pixelOf(...a), at)
  const box = await c.locator('.heatmap canvas').first().boundingBox()
  await c.mouse.click(box.x + xy[0], box.y + xy[1])
  await c.locator(`.drill[data-month="${month}"] .cells-table .el-table__row`).first().waitFor()
  const [download] = await Promise.all([c.waitForEvent('download'), c.locator('.btn-xlsx').click()])
  assert.match(download.suggestedFilename(), new RegExp(`org-life-${month}\\.xlsx`))
  const file = join(tmpdir(), `ol-pages-${STAMP}.xlsx`)
  await download.saveAs(file)
  const bytes = readFileSync(file)
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip')
  const rows = sheetRows(bytes)
  assert.deepEqual(rows[0], ['党组织', '任务', '周期', '状态', '已召开', '应召开', '说明'])
  const cells = await admin.get(`${O}/compliance/cells?area_id=${street.area_id}&month=${month}`)
  const want = cells.orgs.flatMap((o) =>
    o.cells.map((x) => [o.org_name, x.kind_label, x.period, String(x.held), String(x.required)]),
  )
  assert.equal(rows.length - 1, want.length, 'one row per cell of the drilled street and month')
  assert.deepEqual(
    rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[5]]),
    want,
  )
  const missing = rows.slice(1).find((r) => r[3] === '未完成')
  if (missing) assert.match(missing[6], /依据/, 'a missing cell carries its reason and rule')
  await shot(c, '10-matrix-export')
  await c.context().close()
})

test('会议详情: a member opens a meeting from 我的会议 and asks leave there', async () => {
  const now = await serverNow()
  const meeting = await secretary.post(`${O}/meetings`, {
    org_id: orgId,
    kind: 'party_lecture',
    topic: `书记讲党课：基层治理 ${STAMP}`,
    place: '村党群服务中心二楼',
    agenda: '一、讲党课\n二、交流研讨',
    starts_at: now + 2 * 86400,
  })
  await secretary.post(`${O}/meetings/${meeting.id}/announce`)

  const m = await phone()
  await phoneLogin(m, 'member', '/my/meetings')
  await m.locator('.ol-mine[data-ready="1"]').waitFor()
  await m.locator(`.meeting-card[data-id="${meeting.id}"] .card-body`).click()
  await m.waitForURL(new RegExp(`#/my/meetings/${meeting.id}$`))
  const page = m.locator('.ol-my-meeting[data-ready="1"]')
  await page.waitFor()
  assert.match(await page.locator('.place').innerText(), /村党群服务中心二楼/)
  assert.match(await page.locator('.agenda').innerText(), /交流研讨/)
  assert.equal((await page.locator('.attendance').innerText()).trim(), '应到')
  await page.locator('.btn-leave').click()
  await m.locator('.leave-reason-field textarea').fill('在外务工，不能按时返回')
  await m.locator('.btn-send-leave').click()
  await page.locator('.attendance', { hasText: '请假待批' }).waitFor()
  await m.locator('.leave-popup').waitFor({ state: 'hidden' })
  await m.locator('.van-toast').waitFor({ state: 'hidden' })
  await shot(m, '11-member-meeting-leave')
  const seen = await secretary.get(`${O}/meetings/${meeting.id}`)
  const mine = seen.attendance.find((a) => a.member_id === me)
  assert.equal(mine.status, 'leave_requested')
  assert.equal(mine.leave_reason, '在外务工，不能按时返回')

  // 我的记录 counts the held meetings the branch recorded for the member
  const year = Number(dayOf(now).slice(0, 4))
  const held = (await member.get(`${O}/my/meetings`)).items.filter(
    (x) => x.status === 'held' && new Date((x.starts_at + CHINA) * 1000).getUTCFullYear() === year,
  )
  await m.goto(`${BASE}/m/#/my/record`)
  await m.locator('.ol-my-record[data-ready="1"]').waitFor()
  const card = m.locator(`.year[data-year="${year}"]`)
  assert.equal(
    Number(await card.locator('.attended').innerText()),
    held.filter((x) => x.attendance === 'present').length,
  )
  assert.equal(await card.locator('.meeting').count(), held.length)
  await shot(m, '12-member-record')
  await m.context().close()
})
