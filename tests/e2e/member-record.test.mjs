// Browser tests of the member's record (issue 16; web/admin/src/pages/people/, web/h5/src/pages/people/)
// against a running jiceng server with the demo county (started with --test-clock: the daily check is
// run through POST /api/v1/_test/sweep, at most once a day, so a second run finds its rows in place):
//   数据质量: the county sees the organisations with findings, most first, and the members with
//     findings, narrows them by kind of finding, and opens a member's 档案 from the list.
//   党员档案: the basic data, the findings (field and message) and a tab per section the API returns
//     (development steps, meetings attended, dues), as the API answers them; the register's 档案
//     button opens the same page.
//   我的档案 (phone): the member sees their basic data, 信息完整 — and once the branch's record lacks
//     民族, the finding with 请联系支部补全 — dues owed and paid, and meetings attended.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/member-record.test.mjs
// Screenshots: tests/e2e/screenshots/member-record-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'
import { PROBLEM_CODE } from '../../web/shared/members.js'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const SECTION_TAB = { pipeline: '发展历程', relations: '组织关系', org_life: '组织生活', dues: '党费' }

mkdirSync(SHOTS, { recursive: true })

let browser, county, member, memberId

before(async () => {
  browser = await launchBrowser()
  county = await new Api('admin').login()
  member = await new Api('member').login()
  memberId = member.account.roles.find((r) => r.role === 'member').scope_id
  // the daily check; on a server where it already ran today the gate keeps its rows
  const res = await fetch(`${BASE}/api/v1/_test/sweep`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ module: 'people' }),
  })
  assert.equal(res.status, 200, 'the server runs with --test-clock')
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
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error('pageerror', e.message))
  return p
}
const shot = async (p, name) => {
  await p.waitForTimeout(400) // a tab's underline slides
  return p.screenshot({ path: join(SHOTS, `member-record-${name}.png`), fullPage: true })
}

async function consoleLogin(p, username) {
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(PASSWORD)
  await p.locator('.login-btn').click()
  await p.locator('.user-name').waitFor()
}

/** a unix time as the pages show it: 'YYYY-MM-DD HH:mm' in China */
const stamp = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 16).replace('T', ' ')
const texts = async (loc) => (await loc.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())

/** The record page once read: its findings, tabs and sections against the API's answer. */
async function checkRecordPage(p, id) {
  const rec = await county.ok('GET', `/api/v1/members/${id}/record`)
  await p.locator('.member-record [data-ready="1"]').waitFor()
  assert.match(await p.locator('.member-record .card-title').innerText(), new RegExp(rec.member.name))
  assert.equal(await p.locator('.basic-name').innerText(), rec.member.name)
  assert.equal(await p.locator('.basic-org_name').innerText(), rec.member.org_name)
  assert.equal(await p.locator('.basic-id_number').innerText(), rec.member.id_number, 'the ID number masked')

  if (rec.problems.length) {
    const shown = await texts(p.locator('.quality .problem'))
    assert.equal(shown.length, rec.problems.length)
    rec.problems.forEach((x, i) => {
      assert.ok(shown[i].includes(x.message), `finding ${x.message} in ${shown[i]}`)
      assert.ok(shown[i].includes(PROBLEM_CODE[x.code]), `finding kind ${PROBLEM_CODE[x.code]}`)
    })
  } else {
    await p.locator('.quality-ok', { hasText: '信息完整' }).waitFor()
  }

  const tabs = await texts(p.locator('.sections .el-tabs__item'))
  const want = Object.keys(SECTION_TAB)
    .filter((k) => rec.sections[k])
    .map((k) => SECTION_TAB[k])
  assert.deepEqual(tabs, want, 'a tab for each section the API returned, none for the rest')

  const s = rec.sections
  if (s.pipeline) {
    await p.locator('.sections .el-tabs__item', { hasText: '发展历程' }).click()
    assert.equal(await p.locator('.section-pipeline .stage').innerText(), s.pipeline.stage_label)
    const steps = await texts(p.locator('.section-pipeline .step'))
    assert.equal(steps.length, s.pipeline.steps.length)
    s.pipeline.steps.forEach((st, i) => {
      assert.ok(steps[i].includes(st.label) && steps[i].includes(st.on), `step ${st.label} on ${st.on}`)
      if (st.decided_by) assert.ok(steps[i].includes(st.decided_by), `decided by ${st.decided_by}`)
      for (const r of st.rules) assert.ok(steps[i].includes(r.source), `rule source of ${st.label}`)
    })
  }
  if (s.org_life) {
    await p.locator('.sections .el-tabs__item', { hasText: '组织生活' }).click()
    const present = s.org_life.meetings.filter((m) => m.attendance === 'present').length
    assert.match(await p.locator('.section-org-life h4').first().innerText(), new RegExp(`出席 ${present} /`))
    assert.equal(await p.locator('.section-org-life .meetings .el-table__body tr').count(), s.org_life.meetings.length)
  }
  if (s.dues && s.dues.months) {
    await p.locator('.sections .el-tabs__item', { hasText: '党费' }).click()
    const owed = await p.locator('.section-dues .owed').innerText()
    assert.equal(
      owed,
      s.dues.owed_months > 0 ? `欠交 ${s.dues.owed_months} 个月，共 ${s.dues.owed} 元` : '党费已按时交纳',
    )
    const months = await p.locator('.section-dues .month').evaluateAll((els) => els.map((e) => e.dataset.month))
    assert.deepEqual(
      months,
      s.dues.months.slice(-12).map((m) => m.month),
    )
  }
  return rec
}

test('数据质量: the county sees the branch with findings and opens a member’s 档案 from the list', async () => {
  const orgs = (await county.ok('GET', '/api/v1/member-problems/orgs')).items
  const all = (await county.ok('GET', '/api/v1/member-problems?limit=50')).items
  assert.ok(orgs.length > 0 && all.length > 0, 'the demo county has members with findings')

  const p = await newPage({ width: 1440, height: 900 })
  await consoleLogin(p, 'admin')
  await p.locator('.el-menu-item[data-menu="member-quality"]').click()
  await p.locator('.data-quality .orgs[data-ready="1"]').waitFor()
  await p.waitForFunction(() => !document.querySelector('.data-quality .el-loading-mask:not([style*="display: none"])'))

  // the organisations, most affected first, with their counts
  const tags = await texts(p.locator('.data-quality .org'))
  assert.equal(tags.length, orgs.length)
  orgs.forEach((o, i) => {
    assert.ok(tags[i].includes(o.org_name), `${o.org_name} at ${i}`)
    assert.ok(tags[i].includes(`${o.members} 人`) && tags[i].includes(`${o.problems} 项`), tags[i])
  })
  assert.ok(
    (await p.locator('.data-quality .head-note').innerText()).includes(
      stamp(Math.max(...all.map((x) => x.checked_at))),
    ),
    'when the check ran',
  )

  // the members, as the API lists them
  const rows = p.locator('.problem-members .el-table__body tr')
  assert.equal(await rows.count(), all.length)
  const names = await texts(p.locator('.problem-members .member-link'))
  assert.deepEqual(
    names,
    all.map((x) => x.name),
  )
  await shot(p, 'quality')

  // one organisation; one kind of finding
  await p.locator('.data-quality .org').first().click()
  const ofOrg = (await county.ok('GET', `/api/v1/member-problems?org_id=${orgs[0].org_id}&limit=50`)).items
  await p.waitForFunction(
    (n) => document.querySelectorAll('.problem-members .el-table__body tr').length === n,
    ofOrg.length,
  )
  const code = all[0].problems[0].code
  await p.locator('.filter-code .el-select__wrapper').click()
  await p
    .locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: PROBLEM_CODE[code] })
    .first()
    .click()
  const ofCode = (await county.ok('GET', `/api/v1/member-problems?org_id=${orgs[0].org_id}&code=${code}&limit=50`))
    .items
  await p.waitForFunction(
    (n) => document.querySelectorAll('.problem-members .el-table__body tr').length === n,
    ofCode.length,
  )
  for (const c of await p.locator('.problem-members .problem').evaluateAll((els) => els.map((e) => e.dataset.code))) {
    assert.ok(Object.hasOwn(PROBLEM_CODE, c))
  }

  // a member's 档案 from the list
  const first = ofCode[0]
  await p.locator(`.problem-members .member-link[data-member="${first.member_id}"]`).click()
  await p.waitForURL((u) => u.hash === `#/members/${first.member_id}/record`)
  const rec = await checkRecordPage(p, first.member_id)
  assert.deepEqual(rec.problems, first.problems, 'the record says what the list says')
  if (rec.sections.dues) {
    await p.locator('.sections .el-tabs__item', { hasText: '党费' }).click()
    await shot(p, 'record-dues')
  }
  await p.locator('.sections .el-tabs__item', { hasText: '发展历程' }).click()
  await shot(p, 'record')
  await p.context().close()
})

test('党员档案: the register’s 档案 button opens a member’s record with its sections', async () => {
  const p = await newPage({ width: 1440, height: 900 })
  await consoleLogin(p, 'branch')
  await p.goto(`${BASE}/#/members`)
  const row = p.locator('.el-table__body tr').first()
  await row.waitFor()
  await p.locator('.el-table__fixed-right .btn-record, .btn-record').first().click()
  await p.waitForURL((u) => /#\/members\/\d+\/record$/.test(u.hash))
  const id = Number(new URL(p.url()).hash.match(/members\/(\d+)/)[1])
  const rec = await checkRecordPage(p, id)
  assert.ok(rec.sections.org_life && rec.sections.dues, 'a branch member has meetings and dues')
  await p.locator('.sections .el-tabs__item', { hasText: '组织生活' }).click()
  await shot(p, 'register')
  await p.context().close()
})

test('我的档案 (phone): the member sees their record; a missing field asks them to see the branch', async () => {
  const p = await newPage({ width: 390, height: 844 })
  await p.goto(`${BASE}/m/#/login?redirect=${encodeURIComponent('/')}`)
  await p.locator('input[name="username"]').fill('member')
  await p.locator('input[name="password"]').fill(PASSWORD)
  await p.locator('.btn-login').click()
  await p.locator('.home [data-action="file"]').click()
  await p.locator('.my-file[data-ready="1"]').waitFor()

  const rec = await member.ok('GET', `/api/v1/members/${memberId}/record`)
  assert.equal(await p.locator('.my-file .name').innerText(), rec.member.name)
  assert.ok((await p.locator('.basic-id_number').innerText()).includes(rec.member.id_number))
  if (rec.problems.length === 0) await p.locator('.quality-ok', { hasText: '信息完整' }).waitFor()
  const s = rec.sections
  if (s.dues && s.dues.months) {
    const owed = await p.locator('.dues-owed .van-cell__value').innerText()
    assert.equal(owed, s.dues.owed_months > 0 ? `${s.dues.owed_months} 个月，${s.dues.owed} 元` : '无')
    const paid = s.dues.months.filter((m) => m.state === 'paid' || m.state === 'prepaid')
    const fen = paid.reduce((sum, m) => sum + (m.paid_fen || 0), 0)
    assert.equal(
      await p.locator('.dues-paid .van-cell__value').innerText(),
      `${paid.length} 个月，${(fen / 100).toFixed(2)} 元`,
    )
  }
  if (s.org_life) {
    const present = s.org_life.meetings.filter((m) => m.attendance === 'present').length
    assert.match(await p.locator('.attended .van-cell__value').innerText(), new RegExp(`^${present} 次`))
  }
  await shot(p, 'phone')

  // the branch's record loses 民族: the member is told what is missing and whom to ask
  const before = await county.ok('GET', `/api/v1/members/${memberId}`)
  await county.ok('PATCH', `/api/v1/members/${memberId}`, { ethnicity: '' })
  try {
    await p.reload()
    await p.locator('.my-file[data-ready="1"]').waitFor()
    const now = await member.ok('GET', `/api/v1/members/${memberId}/record`)
    assert.ok(now.problems.some((x) => x.field === 'ethnicity'))
    const shown = await texts(p.locator('.my-file .problem'))
    assert.equal(shown.length, now.problems.length)
    now.problems.forEach((x, i) => assert.ok(shown[i].includes(x.message), x.message))
    await p.locator('.my-file .ask', { hasText: '请联系支部补全' }).waitFor()
    await shot(p, 'phone-findings')
  } finally {
    await county.ok('PATCH', `/api/v1/members/${memberId}`, { ethnicity: before.ethnicity })
  }
  await p.context().close()
})
