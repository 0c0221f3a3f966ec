// Browser test of issue 13's role menus and home pages, against a running jiceng server with the
// demo county (JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/menus.test.mjs):
//   (a) every demo account signs in, opens every entry of its left menu, and no page gets a 403 or
//       404 from the API, throws, shows an error message or is sent back home by the router
//   (b) the home pages of the grid worker, the community secretary and the member show the counts
//       the API gives (appeals; orders and activities; sign-ups and claims), and a count opens its list
//   (c) the member's 我的 page on the phone shows the same sign-ups and claims
//   (d) 网格配备 lists the grids with the four posts and what is missing; 只看配备不全 keeps the short
//       ones; a grid picked on the grid map shows its four posts
//   (e) the department's appeal figures are those of the appeals whistled onto it, and its grid map
//       shows the county's grids
//   (f) admin is offered no change to the three administrators' accounts (the server refuses them)
// Uses Debian's Chromium through playwright-core. Screenshots: tests/e2e/screenshots/menus-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'
import { MENU_ROUTES } from '../../web/admin/src/menus.js'
import { CLAIM_WORK, DAY, signupCounts } from '../../web/shared/work.js'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const USERS = ['admin', 'street', 'community', 'community2', 'grid', 'branch', 'member', 'unit', 'resident', 'dept', 'sysadmin',
  'secadmin', 'auditor']
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const GRID1 = { lon: 99.53, lat: 39.23 } // the demo grid account's grid (appeals.test.mjs)

mkdirSync(SHOTS, { recursive: true })

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  if (browser) await browser.close()
})

/** A signed-in console page that records every API answer of 400 and above and every page error. */
async function signIn(username, viewport = { width: 1440, height: 900 }) {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  const state = { where: 'login', bad: [], inflight: 0 }
  p.on('request', (r) => {
    if (r.url().includes('/api/')) state.inflight++
  })
  const done = (r) => {
    if (r.url().includes('/api/')) state.inflight--
  }
  p.on('requestfinished', done)
  p.on('requestfailed', done)
  p.on('response', (r) => {
    if (r.url().includes('/api/') && (r.status() === 403 || r.status() === 404)) {
      state.bad.push(`${username} ${state.where}: ${r.status()} ${r.request().method()} ${r.url().replace(BASE, '')}`)
    }
  })
  p.on('pageerror', (e) => state.bad.push(`${username} ${state.where}: page error ${e.message}`))
  await p.goto(`${BASE}/#/login`)
  await p.getByPlaceholder('请输入用户名').fill(username)
  await p.getByPlaceholder('请输入密码').fill(PASSWORD)
  await p.locator('.login-btn').click()
  await p.waitForURL((u) => !u.hash.startsWith('#/login'))
  await p.locator('.user-name').waitFor()
  return { ctx, p, state }
}

/** until no API call has been on its way for a while (at most `ms`) */
async function settle(p, state, ms = 10000) {
  const end = Date.now() + ms
  let quiet = 0
  while (Date.now() < end && quiet < 4) {
    await p.waitForTimeout(150)
    quiet = state.inflight <= 0 ? quiet + 1 : 0
  }
  await p.waitForTimeout(200)
}

const numberIn = async (loc) => Number((await loc.innerText()).replace(/[^\d]/g, ''))

test('(a) every demo account opens every menu entry: no 403/404, no page error, no error message', async () => {
  const problems = []
  let opened = 0
  for (const u of USERS) {
    const { ctx, p, state } = await signIn(u)
    try {
      state.where = 'home'
      await settle(p, state)
      await p.screenshot({ path: join(SHOTS, `menus-${u}-home.png`) })
      const entries = await p.locator('.aside [data-menu]').evaluateAll((els) => els.map((e) => e.dataset.menu))
      assert.ok(entries.length > 0, `${u} has a menu`)
      for (const name of entries) {
        const route = MENU_ROUTES.find((r) => (r.name || r.menu) === name)
        assert.ok(route, `${u}: menu entry ${name} has a page`)
        state.where = name
        await p.goto(`${BASE}/#/${route.path}`)
        await settle(p, state)
        opened++
        if (!p.url().endsWith(`#/${route.path}`)) problems.push(`${u} ${name}: sent to ${p.url().replace(BASE, '')}`)
        const errors = await p.locator('.el-message--error').allInnerTexts()
        for (const e of errors) problems.push(`${u} ${name}: error message ${e.trim()}`)
        // a page that says it is not for this role should not have been offered
        const refusals = await p.locator('.el-main .el-result__title').allInnerTexts()
        for (const r of refusals) if (/开放|无权|不能/.test(r)) problems.push(`${u} ${name}: ${r.trim()}`)
        await p.screenshot({ path: join(SHOTS, `menus-${u}-${name}.png`) })
        // let a message of this page fade before the next one is judged
        if (errors.length) await p.waitForTimeout(3500)
      }
      problems.push(...state.bad)
    } finally {
      await ctx.close()
    }
  }
  console.log(`menus: ${USERS.length} accounts, ${opened} pages opened`)
  assert.ok(opened > 100, `many pages opened: ${opened}`)
  assert.deepEqual(problems, [])
})

// ---------------------------------------------------------------------------------------------
// (b) the home pages

async function tileCounts(p) {
  await p.locator('.work-panel [data-work]').first().waitFor()
  await p.waitForFunction(() => !document.querySelector('.work-panel .el-loading-mask'))
  const tiles = await p.locator('.work-panel [data-work]').evaluateAll((els) =>
    els.map((e) => [e.dataset.work, e.querySelector('.work-count').textContent.trim()]),
  )
  return Object.fromEntries(tiles.map(([k, v]) => [k, v === '—' ? null : Number(v)]))
}

async function appealTotals(api, queues) {
  const out = {}
  for (const q of queues) out[`appeals-${q}`] = (await api.get(`/api/v1/appeals?queue=${q}&limit=1`)).total
  return out
}

async function fileAppeal() {
  const cats = (await (await fetch(`${BASE}/api/v1/public/categories`)).json()).items
  const parents = new Set(cats.map((c) => c.parent_id))
  const leaf = cats.find((c) => c.level === 3 && !parents.has(c.id) && !c.is_dispute)
  const r = await fetch(`${BASE}/api/v1/public/appeals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'complaint', category_id: leaf.id, description: '小区门口的路灯坏了好几天', ...GRID1,
      phone: '13912345678', reporter_name: '王阿姨', anonymous: false }),
  })
  assert.equal(r.status, 201, await r.text())
}

test('(b) the grid worker\'s home page counts its appeals as the API does, and a count opens its queue', async () => {
  await fileAppeal() // at least one waits in the grid
  const api = await new Api('grid').login()
  const { ctx, p, state } = await signIn('grid')
  try {
    const shown = await tileCounts(p)
    const want = await appealTotals(api, ['mine', 'pending', 'due_soon', 'overdue'])
    for (const [k, v] of Object.entries(want)) assert.equal(shown[k], v, `${k}: page ${shown[k]}, API ${v}`)
    assert.ok(want['appeals-pending'] >= 1, 'the appeal filed waits in the grid')
    assert.equal(await p.locator('.work-panel [data-work-group]').count(), 1, 'a grid worker\'s work is its appeals')
    await p.screenshot({ path: join(SHOTS, 'menus-home-grid.png') })
    await p.locator('[data-work="appeals-pending"]').click()
    await p.waitForURL(/#\/appeals\?queue=pending$/)
    await p.locator('.queue-tabs .is-active [data-queue="pending"]').waitFor()
    await settle(p, state)
    assert.equal(await p.locator('.appeals-table .el-table__body tr').count(), Math.min(want['appeals-pending'], 50))
    assert.deepEqual(state.bad, [])
  } finally {
    await ctx.close()
  }
})

test('(b) the community secretary\'s home page counts appeals, orders and activities as the API does', async () => {
  const api = await new Api('community').login()
  const { ctx, p, state } = await signIn('community')
  try {
    const shown = await tileCounts(p)
    const want = await appealTotals(api, ['mine', 'pending', 'due_soon', 'overdue'])
    for (const s of ['claimed', 'completed', 'in_progress']) want[`orders-${s}`] = (await api.get(`/api/v1/orders?status=${s}&limit=1`)).total
    const now = Date.now() / 1000
    const acts = []
    let after = ''
    for (let i = 0; i < 2; i++) {
      const page = await api.get(`/api/v1/activities?limit=100${after}`)
      acts.push(...page.items)
      if (!page.next_cursor) break
      after = `&after=${encodeURIComponent(page.next_cursor)}`
    }
    const open = acts.filter((a) => a.status !== 'cancelled')
    want['activities-soon'] = open.filter((a) => a.starts_at > now && a.starts_at - now <= 3 * DAY).length
    want['activities-ongoing'] = open.filter((a) => a.starts_at <= now && a.ends_at > now).length
    for (const [k, v] of Object.entries(want)) assert.equal(shown[k], v, `${k}: page ${shown[k]}, API ${v}`)
    assert.ok('activities-no_checkin' in shown)
    assert.ok(want['appeals-pending'] >= 1)
    await p.screenshot({ path: join(SHOTS, 'menus-home-community.png') })
    await p.locator('[data-work="orders-claimed"]').click()
    await p.waitForURL(/#\/orders\?status=claimed$/)
    await p.locator('.order-tabs .is-active [data-status="claimed"]').waitFor()
    assert.deepEqual(state.bad, [])
  } finally {
    await ctx.close()
  }
})

/** the member claims a published need and signs up for the open activities of its community */
async function memberWork(api) {
  const need = (await api.get('/api/v1/needs?status=published&limit=1')).items[0]
  if (need) {
    const r = await api.call('POST', `/api/v1/needs/${need.id}/claim`, { note: '我来帮忙' })
    assert.ok(r.status === 201 || r.status === 409, JSON.stringify(r))
  }
  const mine = await api.get('/api/v1/my/dual-report')
  for (const a of mine.activities) {
    if (a.status === 'open' && !a.signed_up && a.signed_up_count < a.places) {
      const r = await api.call('POST', `/api/v1/activities/${a.id}/signup`)
      assert.ok(r.status === 200 || r.status === 201 || r.status === 409, JSON.stringify(r))
    }
  }
}

async function memberWant(api) {
  const mine = await api.get('/api/v1/my/dual-report')
  const c = signupCounts(mine.activities, Date.now() / 1000)
  const want = { 'signups-waiting': c.waiting, 'signups-soon': c.soon, 'signups-now': c.now }
  for (const w of CLAIM_WORK) want[`claims-${w.status}`] = (await api.get(`/api/v1/orders?status=${w.status}&limit=1`)).total
  return want
}

test('(b, c) the member\'s home page and phone 我的 page count its sign-ups and claims as the API does', async () => {
  const api = await new Api('member').login()
  await memberWork(api)
  const want = await memberWant(api)
  assert.ok(want['signups-waiting'] >= 1, `the member has a sign-up to attend: ${JSON.stringify(want)}`)
  assert.ok(want['claims-claimed'] >= 1, `the member has a claim waiting: ${JSON.stringify(want)}`)
  const { ctx, p, state } = await signIn('member')
  try {
    const shown = await tileCounts(p)
    for (const [k, v] of Object.entries(want)) assert.equal(shown[k], v, `${k}: page ${shown[k]}, API ${v}`)
    await p.screenshot({ path: join(SHOTS, 'menus-home-member.png') })
    await p.locator('[data-work="claims-claimed"]').click()
    await p.waitForURL(/#\/orders\?status=claimed$/)
    await settle(p, state)
    assert.equal(await p.locator('.orders-table .el-table__body tr').count(), want['claims-claimed'])
    assert.deepEqual(state.bad, [])
  } finally {
    await ctx.close()
  }
  // the phone: the same session cookie serves /m/
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
  try {
    const m = await phone.newPage()
    await m.goto(`${BASE}/m/#/login?redirect=/my&role=member`)
    await m.locator('input[name="username"], .field-username input').first().fill('member')
    await m.locator('input[type="password"]').first().fill(PASSWORD)
    await m.locator('button[type="submit"], .btn-login').first().click()
    await m.locator('.work-tiles [data-work]').first().waitFor()
    await m.waitForFunction(() => [...document.querySelectorAll('.work-tiles .work-count')].every((e) => /\d/.test(e.textContent)))
    const tiles = Object.fromEntries(
      await m.locator('.work-tiles [data-work]').evaluateAll((els) =>
        els.map((e) => [e.dataset.work, Number(e.querySelector('.work-count').textContent.trim())]),
      ),
    )
    for (const [k, v] of Object.entries(want)) {
      if (k === 'claims-dispatched' && !v) continue // shown only when there is one
      assert.equal(tiles[k], v, `phone ${k}: page ${tiles[k]}, API ${v}`)
    }
    await m.screenshot({ path: join(SHOTS, 'menus-phone-member.png') })
    await m.locator('[data-work="claims-claimed"]').click()
    await m.waitForURL(/#\/my\/orders\?status=claimed/)
    await m.locator('.status-filter').waitFor()
    await m.waitForFunction(() => document.querySelectorAll('.order').length > 0)
    assert.equal(await m.locator('.order').count(), want['claims-claimed'])
    assert.equal(await m.locator('.order [data-status]:not([data-status="claimed"])').count(), 0)
  } finally {
    await phone.close()
  }
})

// ---------------------------------------------------------------------------------------------

test('(d) 网格配备 lists the grids\' four posts and what is missing; the grid map shows a grid\'s posts', async () => {
  const api = await new Api('street').login()
  const all = await api.get('/api/v1/grid-staffing?limit=200')
  const { ctx, p, state } = await signIn('street')
  try {
    await p.goto(`${BASE}/#/grid-staffing`)
    await p.locator('.staffing-table .el-table__body tr').first().waitFor()
    await settle(p, state)
    assert.equal(await numberIn(p.locator('.count-grids')), all.grids)
    assert.equal(await numberIn(p.locator('.count-incomplete')), all.incomplete)
    const first = all.items[0]
    const row = p.locator('.staffing-table .el-table__body tr').first()
    assert.equal((await row.locator('.cell-grid').innerText()).trim(), first.grid_name)
    assert.equal((await row.locator('.cell-chief').innerText()).trim(), first.chief ? first.chief.name : '—')
    assert.equal((await row.locator('.cell-full-time').innerText()).trim(), first.full_time ? first.full_time.name : '—')
    assert.equal(await row.locator('.state-missing').count(), first.missing.length)
    await p.screenshot({ path: join(SHOTS, 'menus-grid-staffing.png') })
    // only the incomplete ones
    await p.locator('.switch-incomplete').click()
    await settle(p, state)
    const shortOnes = await p.locator('.staffing-table .el-table__body tr').count()
    assert.equal(shortOnes, Math.min(all.incomplete, 50))
    assert.equal(await p.locator('.staffing-table .state-complete').count(), 0)
    if (all.incomplete) assert.ok((await p.locator('.staffing-table .state-missing').count()) >= shortOnes)

    // the street names a town cadre as the contact of a grid that has none
    const noContact = all.items.find((g) => !g.contact)
    if (noContact) {
      const r = p.locator('.staffing-table .el-table__body tr', { has: p.locator('.cell-grid', { hasText: noContact.grid_name }) }).first()
      await r.locator('.btn-contact').click()
      const dialog = p.locator('.contact-dialog')
      await dialog.locator('.field-contact').click()
      const option = p.locator('.el-select-dropdown__item:visible').first()
      await option.waitFor()
      const picked = (await option.locator('span').first().innerText()).trim()
      await option.click()
      await dialog.locator('.btn-save').click()
      await dialog.waitFor({ state: 'hidden' })
      const after = await api.get(`/api/v1/grid-staffing/${noContact.grid_id}`)
      assert.equal(after.contact && after.contact.name, picked, 'the contact is saved')
      assert.equal((await r.locator('.cell-contact').innerText()).trim(), picked, 'and shown in the row')
      assert.ok(!after.missing.some((m) => m.startsWith('包联')))
      const recount = await api.get('/api/v1/grid-staffing?limit=1')
      assert.equal(await numberIn(p.locator('.count-incomplete')), recount.incomplete, 'the summary follows')
      await p.screenshot({ path: join(SHOTS, 'menus-grid-staffing-contact.png') })
    }

    // the grid map: picking a grid shows its four posts
    await p.goto(`${BASE}/#/grids`)
    await p.locator('.grid-table .el-table__body tr').first().waitFor()
    await settle(p, state)
    await p.locator('.grid-table .el-table__body tr').first().click()
    const card = p.locator('.grid-detail')
    await card.locator('.grid-staffing').waitFor()
    const gridId = Number(await card.getAttribute('data-grid'))
    const detail = await api.get(`/api/v1/grid-staffing/${gridId}`)
    const text = async (sel) => (await card.locator(sel).innerText()).trim()
    const person = (x) => (x ? x.name + (x.title ? `（${x.title}）` : '') : '—')
    assert.equal(await text('.post-contact'), person(detail.contact))
    assert.equal(await text('.post-party-org'), detail.party_org ? detail.party_org.name : '—')
    assert.equal(await text('.post-chief'), person(detail.chief))
    assert.equal(await text('.post-full-time'), person(detail.full_time))
    assert.equal(await card.locator('.state-missing').count(), detail.missing.length)
    await p.screenshot({ path: join(SHOTS, 'menus-grid-map-detail.png') })
    assert.deepEqual(state.bad, [])
  } finally {
    await ctx.close()
  }
})

test('(e) the department\'s figures are the appeals whistled onto it; its map shows the county\'s grids', async () => {
  const street = await new Api('street').login()
  const dept = await new Api('dept').login()
  await fileAppeal()
  const appeal = (await street.get('/api/v1/appeals?queue=pending&limit=1')).items[0]
  const w = await street.call('POST', `/api/v1/appeals/${appeal.id}/whistles`, { unit_ids: [dept.account.roles[0].scope_id] })
  assert.equal(w.status, 200, JSON.stringify(w.body))
  const f = await dept.get('/api/v1/appeals/figures')
  const { ctx, p, state } = await signIn('dept')
  try {
    await p.goto(`${BASE}/#/appeal-figures`)
    await p.locator('[data-figure="whistles"] .stat-value').waitFor()
    await settle(p, state)
    assert.match(await p.locator('.figures-page .scope').innerText(), new RegExp(f.unit_name))
    assert.equal(await numberIn(p.locator('[data-figure="received"] .stat-value')), f.received)
    assert.equal(await numberIn(p.locator('[data-figure="whistles"] .stat-value')), f.whistles)
    assert.equal(await numberIn(p.locator('[data-figure="open"] .stat-value')), f.open)
    assert.ok(f.whistles >= 1 && f.open >= 1)
    // The ranking renders after the figures (its own request and chart chunk): wait for its rows.
    const rowCount = (n) => document.querySelectorAll('.ranking-table .el-table__body tr').length === n
    await p.waitForFunction(rowCount, f.children.length, { timeout: 10000 }).catch(() => {})
    assert.equal(await p.locator('.ranking-table .el-table__body tr').count(), f.children.length)
    await p.screenshot({ path: join(SHOTS, 'menus-dept-figures.png') })
    await p.goto(`${BASE}/#/grids`)
    await p.locator('.grid-table .el-table__body tr').first().waitFor()
    await settle(p, state)
    const grids = (await (await fetch(`${BASE}/api/v1/public/grids`)).json()).features.length
    assert.equal(await p.locator('.grid-table .el-table__body tr').count(), grids)
    assert.ok((await numberIn(p.locator('.appeal-count'))) >= 1, 'the whistled appeal is on the map')
    await p.screenshot({ path: join(SHOTS, 'menus-dept-map.png') })
    assert.deepEqual(state.bad, [])
  } finally {
    await ctx.close()
  }
})

test('(f) admin is offered no change to the three administrators\' accounts', async () => {
  const { ctx, p, state } = await signIn('admin')
  try {
    await p.goto(`${BASE}/#/accounts`)
    await p.locator('.accounts-table .el-table__body tr').first().waitFor()
    await settle(p, state)
    let seen = 0
    for (const name of ['sysadmin', 'secadmin', 'auditor']) {
      const row = p.locator('.accounts-table .el-table__body tr', { has: p.locator('.cell-username', { hasText: new RegExp(`^${name}$`) }) })
      if (!(await row.count())) continue
      seen++
      assert.equal(await row.locator('.row-actions button').count(), 0, `${name}: no action offered`)
      await row.locator('.admin-managed').waitFor()
    }
    assert.equal(seen, 3, 'admin lists the three administrators')
    const other = p.locator('.accounts-table .el-table__body tr', { has: p.locator('.cell-username', { hasText: /^grid$/ }) })
    assert.ok((await other.locator('.btn-reset-password').count()) === 1, 'other accounts keep their actions')
    await p.screenshot({ path: join(SHOTS, 'menus-admin-accounts.png') })
  } finally {
    await ctx.close()
  }
})
