// Browser test of organisation life (issue 15, web/h5/src/pages/org_life/, web/admin/src/pages/org_life/)
// against a running jiceng server with the demo county, started with --test-clock:
//   the test's own branch (made by the county beside the demo branch, with a secretary and two
//   members who get accounts: its theme day this month is not yet held on any day of the month,
//   while the demo branches hold theirs on the 15th) — its secretary creates a 主题党日 on the phone
//   and announces it; both members ask leave from 我的会议; the secretary grants one and refuses the
//   other; the clock moves past the start; the secretary ticks attendance (the refused one attends,
//   a member of the demo branch is found by name and added as a guest) and writes the minutes; the record shows on both members' phones. In the console, the county's
//   matrix cell of the branch's theme day this month turns from not done to 已完成 (green), and the
//   county observer (`admin`, assigned by the county) writes an assessment the secretary reads.
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

/** An ID number with a valid check digit (GB 11643). */
function idNumber(birth, seq, region = '620799') {
  const body = region + birth + String(seq).padStart(3, '0')
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]
  return body + '10X98765432'[sum % 11]
}

/** An account made by the county for the test, its first password changed. */
async function account(admin, username, displayName, role) {
  await admin.ok('POST', '/api/v1/accounts', { username, display_name: displayName, password: INITIAL, roles: [role] })
  const me = await new Api(username, INITIAL).login()
  await me.ok('PUT', '/api/v1/session/password', { current_password: INITIAL, new_password: STRONG })
  return { username, password: STRONG, api: await new Api(username, STRONG).login() }
}

/**
 * The test's own branch beside the demo branch (same parent and community), with two full members
 * and accounts for its secretary and both members. Its duties start with nothing held, so the
 * matrix cell of this month's theme day is seen to change whatever the day of the month.
 */
async function ownBranch() {
  const admin = await new Api('admin').login()
  const demo = await new Api('branch').login()
  const demoOrg = await admin.get(
    `/api/v1/orgs/${demo.account.roles.find((r) => r.role === 'branch_secretary').scope_id}`,
  )
  const org = await admin.post('/api/v1/orgs', {
    parent_id: demoOrg.parent_id,
    name: `第${STAMP}党支部`,
    level: 'branch',
    kind: demoOrg.kind,
    area_id: demoOrg.area_id,
  })
  const members = []
  for (const [i, name] of ['林晓东', '周雨桐'].entries()) {
    const m = await admin.post('/api/v1/members', {
      name,
      id_number: idNumber(i ? '19880412' : '19760923', 100 + (parseInt(STAMP, 36) % 800) + i),
      org_id: org.id,
      joined_on: '2005-07-01',
      full_on: '2006-07-01',
    })
    const who = await account(admin, `dy${i}${STAMP}`, name, { role: 'member', scope_id: m.id })
    members.push({ ...who, memberId: m.id, name })
  }
  const secretary = await account(admin, `sj${STAMP}`, `${org.name}书记`, {
    role: 'branch_secretary',
    scope_id: org.id,
  })
  return { orgId: org.id, secretary, members }
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
  const own = await ownBranch()
  const [first, second] = own.members
  const firstMemberId = first.memberId
  const secretary = own.secretary.api
  const orgId = own.orgId
  const now = await clock()
  const startsAt = Math.ceil((now + 10 * 60) / 60) * 60 // a datetime-local holds whole minutes

  // the county's view of the branch's theme day this month, before the meeting: not yet done
  const admin = await new Api('admin').login()
  const month = new Date((startsAt + CHINA) * 1000).toISOString().slice(0, 7)
  const place = await findCell(admin, orgId, month)
  assert.notEqual(place.cell.state, 'done', 'nothing is held yet in the new branch')

  // --- the secretary plans the meeting on the phone ---
  const sec = await phone()
  await phoneLogin(sec, own.secretary.username, own.secretary.password)
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
  assert.ok(
    planned.attendance.some((a) => a.member_id === second.memberId),
    'the second member is on the roll',
  )

  // the county assigns itself as observer (巡学旁听) while the meeting is upcoming
  await admin.ok('POST', `/api/v1/org-life/meetings/${meetingId}/observers`, { username: 'admin' })

  // --- two members ask leave on their phones ---
  const m1 = await phone()
  await phoneLogin(m1, first.username, first.password, '/my/meetings')
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
  // a member of the demo branch next door comes as a guest, found by name among the community's
  const demoMember = (await new Api('member').login()).account.roles.find((r) => r.role === 'member')
  await form.locator('.guest-field input').fill(demoMember.scope_name)
  await form.locator('.btn-find-guest').click()
  await form.locator(`.found-row[data-member="${demoMember.scope_id}"] .btn-guest`).click()
  await form.locator(`.mark-row[data-member="${demoMember.scope_id}"]`, { hasText: '列席' }).waitFor()
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
  assert.equal(statusOf(demoMember.scope_id), 'present')
  assert.equal(held.attendance.find((a) => a.member_id === demoMember.scope_id).guest, true, 'a guest of the branch')

  // --- the members' phones show the record ---
  await m2.reload()
  await m2.locator('.tab-attended').click()
  await m2.locator(`.meeting-card[data-id="${meetingId}"] .attendance`, { hasText: '出席' }).waitFor()
  await m1.reload()
  await m1.locator('.tab-attended').click()
  await m1.locator(`.meeting-card[data-id="${meetingId}"] .attendance`, { hasText: '请假' }).waitFor()
  await shot(m1, '08-member-attended')

  await consoleSide({ orgId, meetingId, month, place, sec, secretary: own.secretary })
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

async function consoleLogin(p, username, password = PASSWORD) {
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(password)
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
async function consoleSide({ orgId, meetingId, month, place, sec, secretary }) {
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
  await consoleLogin(b, secretary.username, secretary.password)
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
