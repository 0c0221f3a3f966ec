// Browser test of the co-governance phone pages (docs/api-cogov.md, web/h5/src/pages/cogov/) against
// a running jiceng server with the demo county, started with --test-clock:
//   (a) staff creates an activity starting now in the member's reported community and reads its
//       check-in code; the member opens the QR URL on the phone, signs in, checks in and sees the
//       hours; the organisation department's monthly notice then counts them for the member's unit
//   (b) staff puts a deliberation to the vote; the resident votes 赞成 on the phone; staff records
//       the other households' paper ballots; the clock moves past closes_at; the public page says 通过
//   (c) the public 三张清单 page shows a need, a project and a resource the community published
//   (d) signed out, the member taps 认领 on a published need, logs in, comes back to the dialog,
//       claims with a note, sees 已认领 under 我的认领, then cancels the claim with a reason
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/cogov-h5.test.mjs
// Uses Debian's Chromium through playwright-core. Screenshots: tests/e2e/screenshots/cogov-h5-*.png.
// What the demo must hold: accounts community (community secretary), member (an in-service party
// member; reported to a community, or reported here to the community secretary's community; the
// notice row checked is the one of the report's unit, "未关联单位" when the member has none),
// resident (a resident account whose household lies in its community, with other households there
// for staff's paper ballots) and admin (organisation department), all with the password below.
// The clock moves forward by an hour in (b): run against a server of its own.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const STAFF = process.env.JICENG_COMMUNITY_USER || 'community'
const MEMBER = process.env.JICENG_MEMBER_USER || 'member'
const RESIDENT = process.env.JICENG_RESIDENT_USER || 'resident'
const ADMIN = process.env.JICENG_ADMIN_USER || 'admin'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const STAMP = Date.now().toString(36).slice(-4) // tells this run's items from earlier runs'

mkdirSync(SHOTS, { recursive: true })

// ---------------------------------------------------------------------------------------------
// Set-up through the API (./api.mjs) and the server's clock.

/** The server's clock (moved by POST /api/v1/_test/clock under --test-clock). */
async function serverNow() {
  const res = await fetch(`${BASE}/api/v1/_test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance_seconds: 0 }),
  })
  assert.equal(res.status, 200, 'the server runs with --test-clock')
  return (await res.json()).now
}

async function advanceClock(seconds) {
  const res = await fetch(`${BASE}/api/v1/_test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance_seconds: seconds }),
  })
  assert.equal(res.status, 200)
  return (await res.json()).now
}

/** "YYYY-MM" of a unix time in China Standard Time. */
function monthOf(t) {
  const d = new Date(t * 1000 + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** Every item of a cursor list. */
async function listAll(api, path) {
  const items = []
  let after = ''
  for (let i = 0; i < 50; i++) {
    const sep = path.includes('?') ? '&' : '?'
    const page = await api.get(`${path}${sep}limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`)
    items.push(...(page.items || []))
    if (!page.next_cursor) break
    after = page.next_cursor
  }
  return items
}

// ---------------------------------------------------------------------------------------------

let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

async function phonePage() {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error('[h5 page error]', e.message))
  return { ctx, p }
}

async function shot(p, name, fullPage = false) {
  if (fullPage) await p.evaluate(() => window.scrollTo(0, 0)) // else the sticky nav bar lands mid-page
  await p.waitForTimeout(400) // let transitions and toasts settle
  await p.screenshot({ path: join(SHOTS, `cogov-h5-${name}.png`), fullPage })
}

/** On the phone login page: fill in and submit. */
async function phoneLogin(p, username) {
  await p.locator('.cogov-login .field-username input').fill(username)
  await p.locator('.cogov-login .field-password input').fill(PASSWORD)
  await p.locator('.cogov-login .btn-login').tap()
}

// ---------------------------------------------------------------------------------------------
// (a) 双报到: activity, QR check-in on the phone, hours on the monthly notice

let reportArea // the community the member is reported to
let credited // hours the check-in credited

test('a member checks in to an activity by its QR URL and the monthly notice counts the hours', async () => {
  const staff = await new Api(STAFF).login()
  const member = await new Api(MEMBER).login()
  const admin = await new Api(ADMIN).login()

  // the member's report (made here, to the community secretary's community, when the demo has none)
  let mine = await member.get('/api/v1/my/dual-report')
  if (!mine.report) {
    await member.post('/api/v1/dual-reports', {
      kind: 'member',
      area_id: staff.areaId(),
      address: '河西街道幸福小区 3 栋 2 单元 501',
      commitments: '每月参加一次社区志愿服务（自动测试）',
    })
    mine = await member.get('/api/v1/my/dual-report')
  }
  const report = mine.report
  assert.ok(report && report.area_id, 'the member is reported to a community')
  reportArea = report.area_id

  // staff (the community secretary, or the county when the report is elsewhere) creates an activity now
  const now = await serverNow()
  const activityBody = {
    title: `社区环境清洁志愿服务（测试 ${STAMP}）`,
    area_id: reportArea,
    place: '社区党群服务站门前',
    starts_at: now - 60,
    ends_at: now + 2 * 3600,
    places: 20,
    needs: '清扫工具由社区提供',
    max_hours: 4,
  }
  let organiser = staff
  let created = await staff.call('POST', '/api/v1/activities', activityBody)
  if (created.status === 403 || created.status === 404) {
    organiser = admin
    created = await admin.call('POST', '/api/v1/activities', activityBody)
  }
  assert.equal(created.status, 201, `activity created: ${JSON.stringify(created.body)}`)
  const activity = created.body
  const qr = await organiser.get(`/api/v1/activities/${activity.id}/checkin-code`)
  assert.ok(qr.code, 'a check-in code')
  assert.match(qr.url, new RegExp(`^/m/#/checkin/${activity.id}\\?code=`), `the QR URL opens the phone page (got ${qr.url})`)

  const { ctx, p } = await phonePage()
  try {
    // the member's page lists the activity (open for sign-up)
    await p.goto(`${BASE}${qr.url}`)
    await p.waitForURL(/#\/login\?/)
    await p.locator('.cogov-login .hero-sub').waitFor()
    assert.match(await p.locator('.cogov-login .hero-sub').innerText(), /签到/)
    await shot(p, '01-checkin-login')

    // a wrong password: the server's message under the form, still on the login page
    await p.locator('.cogov-login .field-username input').fill(MEMBER)
    await p.locator('.cogov-login .field-password input').fill('not-the-password')
    await p.locator('.cogov-login .btn-login').tap()
    await p.locator('.login-error').waitFor()
    assert.ok((await p.locator('.login-error').innerText()).trim().length > 0, 'the error message is shown')

    await phoneLogin(p, MEMBER)
    await p.waitForURL(new RegExp(`#/checkin/${activity.id}\\?code=`))
    const page = p.locator('.cogov-checkin')
    await p.locator('.cogov-checkin[data-state="done"], .cogov-checkin[data-state="error"]').waitFor()
    if ((await page.getAttribute('data-state')) === 'error') {
      assert.fail(`check-in refused: ${await p.locator('.checkin-error').innerText()}`)
    }
    credited = Number((await p.locator('.credited-hours').innerText()).trim())
    assert.ok(credited > 0, `hours credited (got ${credited})`)
    await p.locator('.activity-title').waitFor()
    assert.equal((await p.locator('.activity-title').innerText()).trim(), activityBody.title)
    await shot(p, '02-checkin-done')

    // scanning again: the server refuses a second check-in and the page says why
    await p.reload()
    await p.locator('.cogov-checkin[data-state="error"]').waitFor()
    assert.ok((await p.locator('.checkin-error').innerText()).trim().length > 0, 'the 409 message is shown')
    await shot(p, '03-checkin-twice')

    // 我的双报到: the report, the activity marked 已签到, the year's hours
    await p.locator('.btn-my').tap()
    await p.waitForURL(/#\/my$/)
    const card = p.locator(`.activity[data-id="${activity.id}"]`)
    await card.waitFor()
    await card.locator('.tag-checked').waitFor()
    assert.ok(Number((await p.locator('[data-hours]').innerText()).trim()) >= credited, "the year's hours include the check-in")
    assert.ok((await p.locator('.report-area').innerText()).includes(report.area_name), 'the reported community is shown')
    await shot(p, '04-my-dual-report', true)
  } finally {
    await ctx.close()
  }

  // the organisation department's monthly notice for the community counts the member's hours
  const month = monthOf(await serverNow())
  const notice = await admin.get(`/api/v1/dual-reports/notice?area_id=${reportArea}&month=${month}&format=json`)
  assert.equal(notice.month, month)
  assert.ok(Number(notice.hours) >= credited, `the community's hours include the check-in (${notice.hours} >= ${credited})`)
  const row = (notice.items || []).find((it) => (it.unit_id ?? null) === (report.unit_id ?? null))
  assert.ok(row, `the member's unit ${report.unit_name || report.unit_id} is on the notice: ${JSON.stringify(notice.items)}`)
  assert.ok(Number(row.hours) >= credited, `the unit's hours include the check-in (${row.hours} >= ${credited})`)
  assert.ok(Number(row.active) >= 1, 'the member counts as active this month')
})

// ---------------------------------------------------------------------------------------------
// (b) 四民议事: vote on the phone, paper ballots, the clock, the public result

test('a resident votes on the phone, the vote closes, and the public page shows 通过', async () => {
  const staff = await new Api(STAFF).login()
  const resident = await new Api(RESIDENT).login()
  const area = resident.areaId() || staff.areaId()
  assert.ok(area, 'the resident is bound to a community')

  const created = await staff.post('/api/v1/deliberations', {
    title: `幸福小区增设电动自行车充电棚（测试 ${STAMP}）`,
    body: '电动自行车在楼道充电隐患大，拟在 3 号楼北侧空地建设充电棚，费用由物业公共收益列支。请各户代表投票表决。',
    area_id: area,
    proposer: '王大妈',
    proposer_kind: 'resident',
    voter_base: 'households',
    quorum: 0.5,
    majority: 0.5,
  })
  const id = created.id
  assert.equal(created.stage, 'proposed')
  await staff.post(`/api/v1/deliberations/${id}/advance`, { to: 'discussing' })
  await staff.post(`/api/v1/deliberations/${id}/notes`, { kind: 'meeting', body: '召开居民议事会，28 户代表到会，多数赞成建设。' })
  const now = await serverNow()
  const closesAt = now + 3600
  const voting = await staff.post(`/api/v1/deliberations/${id}/advance`, { to: 'voting', closes_at: closesAt })
  assert.equal(voting.stage, 'voting')
  assert.ok(voting.eligible >= 1, `households are eligible (${voting.eligible})`)

  const { ctx, p } = await phonePage()
  try {
    // the public list shows the matter at 民决 with the turnout
    await p.goto(`${BASE}/m/#/deliberations`)
    const card = p.locator(`.card[data-id="${id}"]`)
    await card.waitFor()
    assert.equal(await card.getAttribute('data-stage'), 'voting')
    assert.match(await card.innerText(), new RegExp(`已投 0/${voting.eligible} 户`))
    await shot(p, '05-deliberations')

    // not signed in: the detail offers 居民登录后投票; sign in, come back, vote 赞成
    await card.tap()
    await p.waitForURL(new RegExp(`#/deliberations/${id}$`))
    await p.locator('[data-section="vote"] .btn-login').tap()
    await p.waitForURL(/#\/login\?/)
    await phoneLogin(p, RESIDENT)
    await p.waitForURL(new RegExp(`#/deliberations/${id}$`))
    const yes = p.locator('.choice-btn[data-choice="yes"]')
    await yes.waitFor()
    await shot(p, '06-vote', true)
    await yes.tap()
    const dialog = p.locator('.vote-confirm')
    await dialog.waitFor()
    assert.match(await dialog.innerText(), /赞成/)
    await shot(p, '07-vote-confirm')
    await dialog.locator('.van-dialog__confirm').tap()
    await p.locator('.my-ballot[data-choice="yes"]').waitFor()
    await p.locator('.van-toast').first().waitFor({ state: 'hidden' })
    await p.waitForFunction(() => document.querySelector('.turnout-count')?.textContent.trim() === '1')
    assert.equal(await p.locator('.choice-btn').count(), 0, 'no second ballot')
    await shot(p, '08-voted', true)
  } finally {
    await ctx.close()
  }

  // staff records the other eligible households' paper ballots until the quorum is passed
  const detail = await staff.get(`/api/v1/deliberations/${id}`)
  assert.equal(detail.turnout, 1, 'the resident’s ballot counts')
  const households = await listAll(staff, `/api/v1/households?area_id=${area}`)
  let turnout = detail.turnout
  for (const h of households) {
    if (turnout / detail.eligible > Math.max(0.5, detail.quorum ?? 0.5) + 0.05) break
    const r = await staff.call('POST', `/api/v1/deliberations/${id}/ballots`, { choice: 'yes', household_id: h.id })
    if (r.status === 201 || r.status === 200) turnout++
    else assert.equal(r.status, 409, `a paper ballot: ${JSON.stringify(r.body)}`) // the resident's own, or not eligible
  }
  assert.ok(turnout / detail.eligible > 0.5, `quorum reached (${turnout}/${detail.eligible})`)

  // the public page keeps the result sealed until closes_at, then shows it
  const sealed = await (await fetch(`${BASE}/api/v1/public/deliberations/${id}`)).json()
  assert.equal(sealed.result ?? null, null, 'no result while the vote is open')
  await advanceClock(closesAt - (await serverNow()) + 60)
  await fetch(`${BASE}/api/v1/_test/sweep`, { method: 'POST' }).catch(() => null)

  const { ctx: ctx2, p: p2 } = await phonePage()
  try {
    await p2.goto(`${BASE}/m/#/deliberations/${id}`)
    await p2.locator('[data-section="result"]').waitFor()
    assert.equal(await p2.locator('.stage-tag').getAttribute('data-stage'), 'decided')
    assert.equal((await p2.locator('.verdict-text').innerText()).trim(), '通过')
    assert.equal(await p2.locator('[data-section="result"]').getAttribute('data-passed'), '1')
    await shot(p2, '09-decided', true)

    await p2.goto(`${BASE}/m/#/deliberations`)
    const card = p2.locator(`.card[data-id="${id}"]`)
    await card.waitFor()
    assert.equal(await card.getAttribute('data-stage'), 'decided')
    assert.match(await card.locator('.result-line').innerText(), /通过/)
    await shot(p2, '10-deliberations-decided')
  } finally {
    await ctx2.close()
  }

  // 实施 then 民评: the resident rates the outcome with four stars (the moved clock ended the old session)
  await staff.login()
  const carrying = await staff.post(`/api/v1/deliberations/${id}/advance`, { to: 'carrying_out' })
  assert.equal(carrying.stage, 'carrying_out')
  await staff.post(`/api/v1/deliberations/${id}/notes`, { kind: 'progress', body: '充电棚已完成选址，施工单位进场。' })
  const { ctx: ctx3, p: p3 } = await phonePage()
  try {
    await p3.goto(`${BASE}/m/#/login?redirect=${encodeURIComponent(`/deliberations/${id}`)}&role=resident`)
    await phoneLogin(p3, RESIDENT)
    await p3.waitForURL(new RegExp(`#/deliberations/${id}$`))
    const rating = p3.locator('[data-section="rating"]')
    await rating.locator('.my-rate').waitFor()
    await rating.locator('.my-rate .van-rate__item').nth(3).tap()
    await rating.locator('.field-comment textarea').fill('充电棚建得很及时，楼道干净多了。')
    await shot(p3, '11-rate', true)
    await rating.locator('.btn-rate').tap()
    await rating.locator('.rated').waitFor()
    await p3.locator('.van-toast').first().waitFor({ state: 'hidden' })
    await p3.waitForFunction(() => /1 户评价/.test(document.querySelector('[data-section="rating"] .avg')?.textContent || ''))
    await shot(p3, '12-rated', true)
  } finally {
    await ctx3.close()
  }
  const rated = await staff.get(`/api/v1/deliberations/${id}`)
  assert.equal(rated.ratings, 1)
  assert.equal(Number(rated.average_rating), 4)
})

// ---------------------------------------------------------------------------------------------
// (c) 三张清单: what the community published, on the public page

test('the public 三张清单 page shows published needs, projects and resources', async () => {
  const staff = await new Api(STAFF).login()
  const member = await new Api(MEMBER).login()
  const area = reportArea || staff.areaId()

  const need = await staff.post('/api/v1/needs', {
    title: `幸福小区楼道照明需要更换（测试 ${STAMP}）`,
    kind: 'service',
    description: '3 栋楼道灯坏了很久，老人晚上上下楼不方便，需要电工师傅帮忙更换。',
    area_id: area,
    source: 'community',
  })
  if (need.status === 'pending') await staff.post(`/api/v1/needs/${need.id}/review`, { approve: true })
  const project = await staff.post('/api/v1/projects', {
    title: `老旧小区加装电梯协调（测试 ${STAMP}）`,
    description: '协调居民意见、对接施工单位，推动老旧小区加装电梯。',
    goal: '年内完成 2 部电梯加装',
    budget: 120000,
    places: 3,
    area_id: area,
  })
  if (project.status === 'pending') await staff.post(`/api/v1/projects/${project.id}/review`, { approve: true })
  const resource = await member.call('POST', '/api/v1/resources', {
    title: `法律咨询志愿服务（测试 ${STAMP}）`,
    kind: 'service',
    description: '每周六上午为居民提供免费法律咨询。',
    area_id: area,
    available: '每周六 9:00–12:00',
  })
  if (resource.status === 201 && resource.body.status === 'pending') {
    await staff.post(`/api/v1/resources/${resource.body.id}/review`, { approve: true })
  }

  const { ctx, p } = await phonePage()
  try {
    await p.goto(`${BASE}/m/`)
    await p.locator('.cogov-tile[data-action="lists"]').tap()
    await p.waitForURL(/#\/lists/)
    await p.goto(`${BASE}/m/#/lists?area_id=${area}`)
    await p.locator(`[data-list="needs"] .card[data-id="${need.id}"]`).waitFor()
    await p.locator('[data-section="honour"]').waitFor()
    await shot(p, '13-lists-needs', true)
    await p.locator('.list-tabs .van-tab', { hasText: '项目' }).tap()
    await p.locator(`[data-list="projects"] .card[data-id="${project.id}"]`).waitFor({ state: 'visible' })
    await shot(p, '14-lists-projects')
    if (resource.status === 201) {
      await p.locator('.list-tabs .van-tab', { hasText: '资源' }).tap()
      await p.locator(`[data-list="resources"] .card[data-id="${resource.body.id}"]`).waitFor({ state: 'visible' })
      await shot(p, '15-lists-resources')
    }
  } finally {
    await ctx.close()
  }
})

// ---------------------------------------------------------------------------------------------
// (d) 认领 on the phone: a published need, the login detour, 我的认领

test('a member claims a published need on the phone and follows it under 我的认领', async () => {
  const staff = await new Api(STAFF).login()
  const area = staff.areaId()
  assert.ok(area, 'the community secretary is bound to a community')

  // a need that is published (and so unclaimed) right now; other tests claim needs too
  let pub = await (await fetch(`${BASE}/api/v1/public/lists?area_id=${area}`)).json()
  if (!(pub.needs || []).length) {
    const made = await staff.post('/api/v1/needs', {
      title: `独居老人代购生活用品（测试 ${STAMP}）`,
      kind: 'volunteers',
      description: '每周一次代购米面油等生活用品，送货上门。',
      area_id: area,
      source: 'community',
    })
    if (made.status === 'pending') await staff.post(`/api/v1/needs/${made.id}/review`, { approve: true })
    pub = await (await fetch(`${BASE}/api/v1/public/lists?area_id=${area}`)).json()
  }
  const need = pub.needs[0]
  assert.ok(need && need.id, `a published need in the community: ${JSON.stringify(pub.needs)}`)
  const note = `每周二、四中午可上门服务（测试 ${STAMP}）`

  const { ctx, p } = await phonePage()
  try {
    // signed out: 认领 leads to the login page, and back to this need's claim dialog
    await p.goto(`${BASE}/m/#/lists?area_id=${area}`)
    const card = p.locator(`[data-list="needs"] .card[data-id="${need.id}"]`)
    await card.locator('.btn-claim').waitFor()
    assert.equal((await card.locator('.btn-claim').innerText()).trim(), '认领')
    await card.locator('.btn-claim').tap()
    await p.waitForURL(/#\/login\?/)
    assert.match(await p.locator('.cogov-login .hero-sub').innerText(), /认领/)
    await phoneLogin(p, MEMBER)
    await p.waitForURL(/#\/lists\?/)
    const dialog = p.locator('.claim-dialog')
    await dialog.waitFor()
    assert.equal((await dialog.locator('.claim-title').innerText()).trim(), need.title)
    await p.waitForFunction(() => !/[?&]claim=/.test(location.hash), null, { timeout: 5000 })
    await dialog.locator('.field-claim-note textarea').fill(note)
    await shot(p, '16-claim-dialog')

    const claimed = p.waitForResponse((r) => r.url().endsWith(`/api/v1/needs/${need.id}/claim`) && r.request().method() === 'POST')
    await dialog.locator('.van-dialog__confirm').tap()
    const res = await claimed
    assert.equal(res.status(), 201, `claim: HTTP ${res.status()} ${await res.text()}`)
    await p.locator('.claim-toast').waitFor()
    assert.match(await p.locator('.claim-toast').innerText(), /认领成功/)
    const status = card.locator('.claimed-status')
    await status.waitFor()
    assert.equal(await status.getAttribute('data-status'), 'claimed')
    assert.equal((await status.innerText()).trim(), '已认领')
    await shot(p, '17-claimed')

    // 我的认领: the order of the need, 已认领, the note in its timeline, 取消认领 offered
    await p.locator('.claim-toast').waitFor({ state: 'hidden' })
    await card.locator('.btn-my-orders').tap()
    await p.waitForURL(/#\/my\/orders$/)
    const order = p.locator(`.order[data-need="${need.id}"]`).first()
    await order.waitFor()
    assert.equal((await order.locator('.card-title').innerText()).trim(), need.title)
    assert.equal((await order.locator('.order-status').innerText()).trim(), '已认领')
    await order.locator('.toggle').tap()
    await order.locator('.timeline-item').first().waitFor()
    assert.match(await order.locator('.timeline').innerText(), new RegExp(note.replace(/[()（）]/g, '.')))
    await order.locator('.btn-action-cancel').waitFor()
    await shot(p, '18-my-orders', true)

    // what the server holds: the caller's orders include the need, claimed by a member
    const mine = await p.evaluate(async (needId) => {
      const r = await fetch(`/api/v1/orders?need_id=${needId}&limit=20`, { headers: { Accept: 'application/json' } })
      return { status: r.status, body: await r.json() }
    }, need.id)
    assert.equal(mine.status, 200)
    const row = (mine.body.items || []).find((o) => o.need_id === need.id && o.status === 'claimed')
    assert.ok(row, `the claimed need is among the member's orders: ${JSON.stringify(mine.body.items)}`)
    assert.equal(row.claimer_kind, 'member')
    assert.equal(row.via, 'claim')

    // cancelling needs a reason: an empty one is refused on the page, a reason cancels the order
    await order.locator('.btn-action-cancel').tap()
    const cancel = p.locator('.note-dialog')
    await cancel.waitFor()
    await cancel.locator('.van-dialog__confirm').tap()
    await p.getByText('请说明取消原因').first().waitFor()
    await cancel.locator('.field-note textarea').fill('时间冲突，无法按时服务（测试）')
    const acted = p.waitForResponse((r) => r.url().endsWith(`/api/v1/orders/${row.id}/actions`) && r.request().method() === 'POST')
    await cancel.locator('.van-dialog__confirm').tap()
    assert.equal((await acted).status(), 200)
    await p.waitForFunction(
      (id) => document.querySelector(`.order[data-id="${id}"] .order-status`)?.getAttribute('data-status') === 'cancelled',
      row.id,
    )
    assert.equal((await order.locator('.order-status').innerText()).trim(), '已取消')
    assert.equal(await order.locator('.btn-action-cancel').count(), 0, 'nothing left to do on a cancelled order')
    await p.locator('.van-toast').first().waitFor({ state: 'hidden' })
    await shot(p, '19-cancelled', true)
  } finally {
    await ctx.close()
  }
  const after = await staff.get(`/api/v1/orders/${(await staff.get(`/api/v1/orders?need_id=${need.id}&limit=50`)).items.find((o) => o.claimer_kind === 'member').id}`)
  assert.equal(after.status, 'cancelled')
  assert.ok((after.timeline || []).some((e) => e.action === 'claim' && e.note === note), 'the claim note is on the order')
})
