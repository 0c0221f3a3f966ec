// Browser test of organisation life (issue 15, web/h5/src/pages/org_life/, web/admin/src/pages/org_life/)
// against a running jiceng server with the demo county, started with --test-clock:
//   the demo branch's secretary (`branch`) creates a 主题党日 on the phone and announces it; two
//   members ask leave from 我的会议 (`member`, and a second member's account made for the test);
//   the secretary grants one and refuses the other; the clock moves past the start; the secretary
//   ticks attendance (the refused one attends) and writes the minutes; the record shows on both
//   members' phones. In the console, the county's matrix cell of the branch's theme day this month
//   reads 已完成 (green), and the county observer (`admin`, assigned by the county) writes an
//   assessment the branch secretary then reads on the phone.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/org-life.test.mjs
// Screenshots: tests/e2e/screenshots/org-life-*.png. The clock moves forward by 15 minutes.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const INITIAL = 'Chushi#2026a'
const STRONG = 'Dangyuan#2026b'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const STAMP = Date.now().toString(36).slice(-5)
const CHINA = 8 * 3600 // Asia/Shanghai, no daylight saving: the browser's zone in this test
const MINUTES = `会议由支部书记主持，传达学习有关精神；党员分组走访困难党员 6 户。（${STAMP}）`

mkdirSync(SHOTS, { recursive: true })

let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

async function clock(advance = 0) {
  const res = await fetch(`${BASE}/api/v1/_test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance_seconds: advance }),
  })
  assert.equal(res.status, 200, 'the server runs with --test-clock')
  return (await res.json()).now
}

/** unix seconds → an <input type="datetime-local"> value in China time */
const localInput = (t) => new Date((t + CHINA) * 1000).toISOString().slice(0, 16)

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

async function phoneLogin(p, username, password = PASSWORD, redirect = '') {
  await p.goto(`${BASE}/m/#/login${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ''}`)
  await p.locator('input[name="username"]').fill(username)
  await p.locator('input[name="password"]').fill(password)
  await p.locator('.btn-login').click()
}

const shot = (p, name) => p.screenshot({ path: join(SHOTS, `org-life-${name}.png`), fullPage: true })

/** A second member of the demo branch gets an account (made by the county, password changed). */
async function secondMemberAccount(meeting, firstMemberId) {
  const other = meeting.attendance.find((a) => a.member_id !== firstMemberId && !a.guest)
  assert.ok(other, 'the branch has a second member on the roll')
  const admin = await new Api('admin').login()
  const username = `dy${STAMP}`
  await admin.ok('POST', '/api/v1/accounts', {
    username,
    display_name: other.name,
    password: INITIAL,
    roles: [{ role: 'member', scope_id: other.member_id }],
  })
  const me = await new Api(username, INITIAL).login()
  await me.ok('PUT', '/api/v1/session/password', { current_password: INITIAL, new_password: STRONG })
  return { username, password: STRONG, memberId: other.member_id, name: other.name }
}

/** A member asks leave on the phone from 我的会议. */
async function askLeave(p, meetingId, reason) {
  const card = p.locator(`.meeting-card[data-id="${meetingId}"]`)
  await card.waitFor()
  await card.locator('.btn-leave').click()
  await p.locator('.leave-reason-field textarea').fill(reason)
  await p.locator('.btn-send-leave').click()
  await card.locator('.attendance', { hasText: '请假待批' }).waitFor()
}

test('a 主题党日 on the phone: planned, announced, leave asked and decided, attendance and minutes; the county sees it', async () => {
  const now = await clock()
  const startsAt = Math.ceil((now + 10 * 60) / 60) * 60 // a datetime-local holds whole minutes
  const member = await new Api('member').login()
  const firstMemberId = member.account.roles.find((r) => r.role === 'member').scope_id
  const secretary = await new Api('branch').login()
  const orgId = secretary.account.roles.find((r) => r.role === 'branch_secretary').scope_id

  // --- the secretary plans the meeting on the phone ---
  const sec = await phone()
  await phoneLogin(sec, 'branch')
  await sec.waitForURL(/#\/org-life/)
  await sec.locator('.ol-meetings[data-ready="1"]').waitFor()
  await shot(sec, '01-secretary-meetings')
  await sec.locator('.btn-new').click()
  await sec.locator('.ol-form[data-ready="1"]').waitFor()
  await sec.locator('select[name="kind"]').selectOption('theme_day')
  await sec.locator('input[name="starts_at"]').fill(localInput(startsAt))
  await sec.locator('input[name="topic"]').fill(`主题党日：走访困难党员 ${STAMP}`)
  await sec.locator('input[name="place"]').fill('村党群服务中心')
  await sec.locator('input[name="presider"]').fill('支部书记')
  await sec.locator('textarea[name="agenda"]').fill('一、学习有关精神\n二、分组走访困难党员')
  await shot(sec, '02-new-meeting')
  await sec.locator('.btn-save').click()
  await sec.waitForURL(/#\/org-life\/meetings\/\d+$/)
  const meetingId = Number(sec.url().match(/meetings\/(\d+)$/)[1])
  await sec.locator('.ol-meeting[data-status="planned"]').waitFor()
  await sec.locator('.btn-announce').click()
  await sec.locator('.ol-meeting[data-status="announced"]').waitFor()
  await shot(sec, '03-announced')

  const planned = await secretary.ok('GET', `/api/v1/org-life/meetings/${meetingId}`)
  assert.equal(planned.kind, 'theme_day')
  assert.equal(planned.starts_at, startsAt, 'the time typed on the phone is the meeting time')
  assert.ok(
    planned.attendance.some((a) => a.member_id === firstMemberId),
    'the member is on the roll',
  )

  // the county assigns itself as observer (巡学旁听) while the meeting is upcoming
  const admin = await new Api('admin').login()
  await admin.ok('POST', `/api/v1/org-life/meetings/${meetingId}/observers`, { username: 'admin' })

  // --- two members ask leave on their phones ---
  const second = await secondMemberAccount(planned, firstMemberId)
  const m1 = await phone()
  await phoneLogin(m1, 'member', PASSWORD, '/my/meetings')
  await m1.locator('.ol-mine[data-ready="1"]').waitFor()
  await askLeave(m1, meetingId, '外出务工，不能参加')
  await shot(m1, '04-member-leave')
  const m2 = await phone()
  await phoneLogin(m2, second.username, second.password, '/my/meetings')
  await m2.locator('.ol-mine[data-ready="1"]').waitFor()
  await askLeave(m2, meetingId, '家中有事')

  // --- the secretary grants one and refuses the other ---
  await sec.reload()
  const requests = sec.locator('.leave-requests')
  await requests.waitFor()
  assert.equal(await requests.locator('.van-cell').count(), 2, 'two leave requests wait')
  await shot(sec, '05-leave-requests')
  await requests.locator(`[data-member="${firstMemberId}"] .btn-grant`).click()
  await requests.locator(`[data-member="${firstMemberId}"]`).waitFor({ state: 'detached' })
  await requests.locator(`[data-member="${second.memberId}"] .btn-refuse`).click()
  await requests.waitFor({ state: 'detached' })
  await sec.locator(`.roll [data-member="${firstMemberId}"]`, { hasText: '请假' }).waitFor()

  // the county's view of the branch's theme day this month, before the meeting is held
  const month = new Date((startsAt + CHINA) * 1000).toISOString().slice(0, 7)
  const place = await findCell(admin, orgId, month)
  console.log(`org-life: the theme-day cell of ${month} was ${place.cell.state} before the meeting`)

  // --- the meeting begins; the secretary takes attendance and writes the minutes ---
  await clock(15 * 60)
  await sec.reload()
  await sec.locator('.btn-take').click()
  const form = sec.locator('.attendance-form')
  await form.waitFor()
  const granted = form.locator(`.mark-row[data-member="${firstMemberId}"]`)
  assert.match(await granted.locator('.mark.on').innerText(), /请假/, 'granted leave is ticked 请假')
  const refused = form.locator(`.mark-row[data-member="${second.memberId}"]`)
  await refused.locator('.mark-present').click()
  await sec.locator('.minutes-field textarea').fill(MINUTES)
  await shot(sec, '06-attendance')
  await sec.locator('.btn-hold').click()
  await sec.locator('.ol-meeting[data-status="held"]').waitFor()
  await sec.locator('.minutes', { hasText: STAMP }).waitFor()
  await shot(sec, '07-held')

  const held = await secretary.ok('GET', `/api/v1/org-life/meetings/${meetingId}`)
  assert.equal(held.status, 'held')
  assert.equal(held.valid, true, 'someone was present: the theme day counts')
  assert.equal(held.minutes, MINUTES)
  const statusOf = (id) => held.attendance.find((a) => a.member_id === id).status
  assert.equal(statusOf(firstMemberId), 'leave')
  assert.equal(statusOf(second.memberId), 'present')

  // --- the members' phones show the record ---
  await m2.reload()
  await m2.locator('.tab-attended').click()
  await m2.locator(`.meeting-card[data-id="${meetingId}"] .attendance`, { hasText: '出席' }).waitFor()
  await m1.reload()
  await m1.locator('.tab-attended').click()
  await m1.locator(`.meeting-card[data-id="${meetingId}"] .attendance`, { hasText: '请假' }).waitFor()
  await shot(m1, '08-member-attended')

  await consoleSide({ orgId, meetingId, month, place, sec })
})

/** The street whose organisations hold `orgId`, and the org's theme-day cell of `month` (county API). */
async function findCell(admin, orgId, month) {
  const areas = await admin.ok('GET', `/api/v1/org-life/compliance/areas?year=${month.slice(0, 4)}`)
  for (const row of areas.rows) {
    const cells = await admin.ok('GET', `/api/v1/org-life/compliance/cells?area_id=${row.area_id}&month=${month}`)
    const org = cells.orgs.find((o) => o.org_id === orgId)
    if (org) {
      const cell = org.cells.find((c) => c.kind === 'theme_day')
      assert.ok(cell, 'a branch owes a theme day every month')
      return { street: row.area_name, orgName: org.org_name, cell }
    }
  }
  assert.fail(`organisation ${orgId} is under one of the county's streets`)
}

async function consoleLogin(p, username) {
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(PASSWORD)
  await p.locator('.login-btn').click()
  await p.locator('.user-name').waitFor()
}

/** Opens a meeting from the calendar: its day's chip, or the list when the day is full. */
async function openInCalendar(p, meetingId) {
  const chip = p.locator(`.chip[data-meeting="${meetingId}"]`)
  if (await chip.count()) {
    await chip.click()
    return
  }
  await p.locator('.view-switch').getByText('列表').click()
  await p.locator('.meetings-table .el-table__row', { hasText: STAMP }).click()
}

/** The console: the county's matrix shows the cell done, drills to the meeting; the observer assesses it. */
async function consoleSide({ orgId, meetingId, month, place, sec }) {
  const p = await desktop()
  await consoleLogin(p, 'admin')
  await p.goto(`${BASE}/#/org-life-matrix`)
  await p.locator('.ol-matrix-page [data-loaded="1"]').waitFor()
  const at = [place.street, Number(month.slice(5))]
  await p.waitForFunction((a) => window.__jicengMatrix && window.__jicengMatrix.pixelOf(...a), at)
  await p.waitForTimeout(800) // the heat map's entry animation
  await shot(p, '09-matrix')
  const xy = await p.evaluate((a) => window.__jicengMatrix.pixelOf(...a), at)
  assert.ok(xy, `the heat map has a square for ${place.street} in ${month}`)
  const box = await p.locator('.heatmap canvas').first().boundingBox()
  await p.mouse.click(box.x + xy[0], box.y + xy[1])
  const drill = p.locator(`.drill[data-month="${month}"]`)
  await drill.waitFor()
  const row = drill.locator('.cells-table .el-table__row').filter({ has: p.locator(`.org-link[data-org="${orgId}"]`) })
  const cell = row.locator('.cell[data-state]').filter({ hasText: '主题党日' })
  await cell.waitFor()
  assert.equal(await cell.getAttribute('data-state'), 'done', 'the theme day of the month is done (green)')
  assert.equal(
    await cell.evaluate((e) => getComputedStyle(e).backgroundColor),
    'rgb(43, 164, 113)',
    'a done cell is green',
  )
  await row.scrollIntoViewIfNeeded()
  await shot(p, '10-matrix-drill')

  // drill-through to the meeting: the cell opens the month's theme days of the branch
  await cell.click()
  await p.waitForURL(/#\/org-life\?/)
  await p.locator('.meetings[data-loaded="1"]').waitFor()
  await openInCalendar(p, meetingId)
  const drawer = p.locator('.meeting-drawer')
  await drawer.locator('.minutes', { hasText: STAMP }).waitFor()
  assert.match(await drawer.locator('.attendance-table').innerText(), /请假/)

  // the printable record holds the minutes and who was on leave
  await p.evaluate(() => {
    window.print = () => {
      window.__printed = document.querySelector('.print-record').innerText
    }
  })
  await drawer.locator('.btn-print').click()
  const printed = await p.evaluate(() => window.__printed)
  assert.match(printed, /会议记录/)
  assert.ok(printed.includes(STAMP), 'the printed record carries the minutes')

  // the county observer writes the assessment
  const text = `程序规范，走访安排具体；建议会后跟进困难党员诉求。（${STAMP}）`
  await drawer.locator('.assessment-input textarea').fill(text)
  await drawer.locator('.btn-assess').click()
  await drawer.locator('.assessment', { hasText: STAMP }).waitFor()
  await shot(p, '11-meeting-drawer')

  // the branch reads it: on the phone, and its own year in the console
  await sec.reload()
  await sec.locator('.observers', { hasText: text }).waitFor()
  await shot(sec, '12-secretary-reads-assessment')
  const b = await desktop()
  await consoleLogin(b, 'branch')
  await b.goto(`${BASE}/#/org-life-year`)
  await b.locator('.ol-year-page [data-loaded="1"]').waitFor()
  const period = b.locator(`.duty .period[data-period="${month}"]`).filter({ hasText: '已完成' })
  assert.ok((await period.count()) >= 1, 'the branch sees the month done in its year')
  await shot(b, '13-branch-year')
  await b.goto(`${BASE}/#/org-life`)
  await b.locator('.meetings[data-loaded="1"]').waitFor()
  await openInCalendar(b, meetingId)
  await b.locator('.meeting-drawer .assessment', { hasText: STAMP }).waitFor()
  await b.goto(`${BASE}/#/org-life-duties`)
  await b.locator('.duties-table .el-table__row').first().waitFor()
  await shot(b, '14-duties')
}
