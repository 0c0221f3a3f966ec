// Browser test of the member pipeline (issue 16, web/h5/src/pages/pipeline/, web/admin/src/pages/pipeline/)
// against a running jiceng server with the demo county:
//   the demo branch's secretary (`branch`) opens 发展党员 on the phone, opens an activist of more than a
//   year and moves them to candidate dated eleven months after they became an activist (refused, the
//   rule and its source shown), then twelve (allowed); tries to record the vote of a candidate waiting
//   for the county's joint review (refused by the county rule); the county (`admin`) approves that
//   candidate in a joint review in the console; the secretary records the vote, which the server
//   counts against the branch's roll.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/pipeline.test.mjs
// Screenshots: tests/e2e/screenshots/pipeline-*.png. The clock is not moved.
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
const P = '/api/v1/pipeline'

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
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
  const p = await ctx.newPage()
  p.on('pageerror', (e) => console.error('pageerror', e.message))
  return p
}

const shot = (p, name) => p.screenshot({ path: join(SHOTS, `pipeline-${name}.png`), fullPage: true })

/** The same day `n` months later, as the server counts months. */
function addMonths(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number)
  const total = y * 12 + (m - 1) + n
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate()
  const pad = (v) => String(v).padStart(2, '0')
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-${pad(Math.min(d, last))}`
}

/** Records a step on the person's phone page. */
async function fillStep(p, { step, on, decidedBy, ayes }) {
  await p.locator('select[name="step"]').selectOption(step)
  await p.locator('input[name="on"]').fill(on)
  if (decidedBy) await p.locator('input[name="decided_by"]').fill(decidedBy)
  if (ayes !== undefined) await p.locator('input[name="ayes"]').fill(String(ayes))
  await p.locator('.btn-step').click()
}

test('a secretary moves an activist to candidate (refused at 11 months, allowed at 12), the county approves a joint review, the secretary records the vote', async () => {
  const secretary = await new Api('branch').login()
  const orgId = secretary.account.roles.find((r) => r.role === 'branch_secretary').scope_id
  const activists = await secretary.ok('GET', `${P}/orgs/${orgId}/activists`)
  const ready = activists.items.find((a) => a.may_be_candidate)
  assert.ok(ready, 'the demo branch has an activist of more than a year')

  // --- the secretary on the phone ---
  const sec = await newPage({ width: 390, height: 844 })
  await sec.goto(`${BASE}/m/#/login?redirect=${encodeURIComponent('/pipeline')}`)
  await sec.locator('input[name="username"]').fill('branch')
  await sec.locator('input[name="password"]').fill(PASSWORD)
  await sec.locator('.btn-login').click()
  await sec.waitForURL(/#\/pipeline/)
  await sec.locator('.pl-branch[data-ready="1"]').waitFor()
  assert.ok((await sec.locator('.due-card').count()) > 0, 'what falls due is listed')
  await shot(sec, '01-branch-due')
  await sec.locator('.tab-people').click()
  await sec.locator(`.person-row[data-id="${ready.id}"]`).click()
  await sec.locator('.pl-person[data-ready="1"][data-stage="activist"]').waitFor()

  await fillStep(sec, { step: 'candidate', on: addMonths(ready.activist_on, 11), decidedBy: '支委会' })
  const refusal = sec.locator('.refusal[data-code="rule_refused"]')
  await refusal.waitFor()
  const words = await refusal.innerText()
  assert.match(words, /仅11个月/)
  assert.match(words, /依据：《中国共产党发展党员工作细则》/)
  await shot(sec, '02-refused-at-11-months')
  await fillStep(sec, { step: 'candidate', on: addMonths(ready.activist_on, 12), decidedBy: '支委会' })
  await sec.locator('.pl-person[data-stage="candidate"]').waitFor()
  await sec.locator('.van-step[data-step="candidate"]').waitFor()
  await shot(sec, '03-candidate-at-12-months')

  // --- a candidate waiting for the county's joint review: the vote waits too ---
  const candidates = await secretary.ok('GET', `${P}/people?org_id=${orgId}&stage=candidate&limit=200`)
  const waiting = candidates.items.find((c) => !c.voted && !c.joint_review_passed && c.id !== ready.id)
  assert.ok(waiting, 'the demo branch has a candidate waiting for the joint review')
  const roll = (await secretary.ok('GET', `/api/v1/members?org_id=${orgId}&limit=200`)).items.filter(
    (m) => m.status === 'full' && m.org_id === orgId,
  )
  const ayes = Math.floor(roll.length / 2) + 1
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
  await sec.goto(`${BASE}/m/#/pipeline/people/${waiting.id}`)
  await sec.locator('.pl-person[data-ready="1"][data-stage="candidate"]').waitFor()
  await fillStep(sec, { step: 'vote', on: today, ayes })
  const local = sec.locator('.refusal[data-code="local_rule"]')
  await local.waitFor()
  assert.match(await local.innerText(), /县级联审/)
  await shot(sec, '04-vote-waits-for-joint-review')

  // --- the county approves the candidate in a joint review, in the console ---
  const county = await newPage({ width: 1440, height: 900 })
  await county.goto(`${BASE}/#/login`)
  await county.getByPlaceholder('请输入用户名').fill('admin')
  await county.getByPlaceholder('请输入密码').fill(PASSWORD)
  await county.locator('.login-btn').click()
  await county.locator('.user-name').waitFor()
  await county.goto(`${BASE}/#/pipeline`)
  const row = county.locator('.pl-table .el-table__row', { hasText: waiting.name }).first()
  await row.waitFor()
  await row.locator('.el-checkbox').click()
  await county.locator('.btn-joint-review').click()
  await county.locator('.el-message--success', { hasText: '已通过县级联审' }).waitFor()
  await row.locator('.el-tag', { hasText: '已通过' }).waitFor()
  await shot(county, '05-county-joint-review')

  // --- the secretary records the vote; the server counts the roll ---
  await sec.reload()
  await sec.locator('.pl-person[data-ready="1"][data-stage="candidate"]').waitFor()
  await fillStep(sec, { step: 'vote', on: today, ayes })
  await sec.locator('.van-step[data-step="vote"]').waitFor()
  await shot(sec, '06-vote-recorded')
  const after = await secretary.ok('GET', `${P}/people/${waiting.id}`)
  assert.deepEqual([after.vote.due, after.vote.ayes, after.vote.passed], [roll.length, ayes, true])
  assert.equal(after.deadlines[0].code, 'approval_three_months', 'the higher committee now has three months')
})
