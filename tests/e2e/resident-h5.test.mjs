// Browser test of the resident's phone pages at 390×844 against a running jiceng server with the
// demo county:
//   (a) the location map: grids labelled with community (village) names, each grid's name as one
//       zooms in, a search by community and by compound (小区) name, and 我的位置 from the
//       browser's geolocation
//   (b) 我的诉求: signed in, the resident sees every appeal they filed, the report form comes with
//       their name and phone, and what they file there is listed next; an appeal filed without
//       signing in is not theirs
//   (c) 民提: the resident proposes a matter from the phone; the community's staff take it into
//       议事 and the phone shows the new stage
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/resident-h5.test.mjs
// Uses Debian's Chromium through playwright-core. Screenshots: tests/e2e/screenshots/resident-*.png.
// What the demo must hold: accounts resident (居民, bound to the first community), community (its
// secretary) and grid (a grid of that community), password below; grids that tile the map.
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
const STAMP = Date.now().toString(36).slice(-4) // tells this run's items from earlier runs'
const PHONE = '13911112222'

mkdirSync(SHOTS, { recursive: true })

let browser
let grids // the public GeoJSON features
let resident, community, grid
let compound // a 小区 created in the grid account's grid

/** The middle of a square grid (the demo's grids are squares). */
function middle(f) {
  const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0]
  const pts = ring.slice(0, -1)
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length]
}

before(async () => {
  browser = await launchBrowser()
  ;[resident, community, grid] = await Promise.all(['resident', 'community', 'grid'].map((u) => new Api(u).login()))
  compound = `幸福里${STAMP}小区`
  await community.post('/api/v1/areas', { parent_id: grid.areaId(), name: compound, kind: 'compound' })
  grids = (await (await fetch(`${BASE}/api/v1/public/grids`)).json()).features
})

after(async () => {
  if (browser) await browser.close()
})

async function phonePage(extra = {}) {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    ...extra,
  })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error('[h5 page error]', e.message))
  return { ctx, p }
}

async function shot(p, name, fullPage = false) {
  if (fullPage) await p.evaluate(() => window.scrollTo(0, 0))
  await p.waitForTimeout(400) // let transitions and toasts settle
  await p.screenshot({ path: join(SHOTS, `resident-${name}.png`), fullPage })
}

async function mapReady(p) {
  await p.waitForFunction(() => window.__jicengMap && document.querySelector('.grid-map[data-ready="1"]'))
  await p.locator('.place').scrollIntoViewIfNeeded()
}

/** The texts the map shows (SVG renderer: labels are <text> in the page; hidden ones are left out). */
async function mapTexts(p) {
  return (await p.locator('.grid-map svg text').allTextContents()).map((t) => t.trim()).filter(Boolean)
}

async function search(p, text) {
  await p.locator('.field-map-search input').fill(text)
  await p.locator('.search-results').waitFor()
}

/** Pick the first choosable category in the Vant cascader (walks down to a leaf). */
async function pickFirstCategory(p) {
  await p.locator('.field-category').click()
  const popup = p.locator('.category-popup')
  await popup.waitFor({ state: 'visible' })
  for (let depth = 0; depth < 4; depth++) {
    const option = popup.locator('.van-cascader__options').nth(depth).locator('.van-cascader__option:not(.van-cascader__option--disabled)').first()
    await option.waitFor()
    await option.click()
    await p.waitForTimeout(350) // tab switch animation
    if (!(await popup.isVisible())) return
  }
  throw new Error('no choosable category found in three levels')
}

async function phoneLogin(p, username) {
  await p.locator('.cogov-login .field-username input').fill(username)
  await p.locator('.cogov-login .field-password input').fill(PASSWORD)
  await p.locator('.cogov-login .btn-login').tap()
}

// ---------------------------------------------------------------------------------------------
// (a) the map

test('the resident map is labelled, zooms, finds communities and compounds, and uses my location', async () => {
  // the phone stands in the middle of a grid of the second community
  const communities = [...new Set(grids.map((f) => f.properties.community))]
  const there = grids.find((f) => f.properties.community === communities[1])
  const [lon, lat] = middle(there)
  const { ctx, p } = await phonePage({ geolocation: { longitude: lon, latitude: lat }, permissions: ['geolocation'] })
  try {
    await p.goto(`${BASE}/m/#/report`)
    await mapReady(p)
    const texts = await mapTexts(p)
    const shown = communities.filter((c) => texts.includes(c))
    assert.ok(shown.length >= communities.length / 2, `most communities and villages are named on the map (${shown.length} of ${communities.length})`)
    for (const c of communities.filter((n) => n.endsWith('社区'))) assert.ok(texts.includes(c), `${c} is labelled`)
    const gridLabels = (t) => t.filter((x) => /^第\d+网格$/.test(x)).length
    await shot(p, '01-map')

    // zooming in names more grids
    const before = gridLabels(texts)
    await p.locator('.btn-zoom-in').tap()
    await p.locator('.btn-zoom-in').tap()
    await p.waitForTimeout(300)
    assert.ok((await p.evaluate(() => window.__jicengMap.zoom())) > 2, 'the map zoomed in')
    const zoomed = await mapTexts(p)
    assert.ok(gridLabels(zoomed) > 0, 'grid names show when zoomed in')
    await p.locator('.btn-zoom-all').tap()
    await p.waitForTimeout(300)
    assert.equal(await p.evaluate(() => window.__jicengMap.zoom()), 1, '全县 shows the whole county again')
    assert.ok(before >= 0)

    // search by community: the map zooms to it, nothing is picked yet
    await search(p, communities[0].slice(0, 3))
    const hit = p.locator('.search-result[data-kind="community"]', { hasText: communities[0] })
    await hit.waitFor()
    await shot(p, '02-search-community')
    await hit.tap()
    await p.waitForTimeout(300)
    assert.ok((await p.evaluate(() => window.__jicengMap.zoom())) > 1.5, 'zoomed to the community')
    assert.equal(await p.locator('.picked-grid').count(), 0, 'a community alone sets no point')
    const inCommunity = await mapTexts(p)
    assert.ok(gridLabels(inCommunity) >= 3, `the community's grids are named (${inCommunity.join(' ')})`)

    // search by compound: its grid is picked and the address says where
    await search(p, compound.slice(0, 5))
    const c = p.locator('.search-result[data-kind="compound"]', { hasText: compound })
    await c.waitFor()
    await c.tap()
    const myGrid = grids.find((f) => f.properties.id === grid.areaId())
    await p.locator('.picked-grid').waitFor()
    assert.equal((await p.locator('.picked-grid').innerText()).trim(), myGrid.properties.name)
    assert.equal(await p.locator('.field-address input').inputValue(), `${myGrid.properties.community}${compound}`)
    await shot(p, '03-search-compound')

    // a name nothing has
    await search(p, '无此地名')
    await p.locator('.search-empty').waitFor()
    await p.locator('.field-map-search input').fill('')

    // 我的位置
    await p.locator('.btn-locate').tap()
    await p.waitForFunction((name) => document.querySelector('.picked-grid')?.textContent.trim() === name, there.properties.name)
    const coord = (await p.locator('.picked-coord').innerText()).split(',').map(Number)
    assert.ok(Math.abs(coord[0] - lon) < 1e-4 && Math.abs(coord[1] - lat) < 1e-4, `the phone's position is the point (${coord})`)
    await shot(p, '04-my-location')
  } finally {
    await ctx.close()
  }
})

test('我的位置 outside the county asks for a tap instead', async () => {
  const { ctx, p } = await phonePage({ geolocation: { longitude: 116.4, latitude: 39.9 }, permissions: ['geolocation'] })
  try {
    await p.goto(`${BASE}/m/#/report`)
    await mapReady(p)
    await p.locator('.btn-locate').tap()
    await p.locator('.van-toast', { hasText: '不在本县网格内' }).waitFor()
    assert.equal(await p.locator('.picked-grid').count(), 0)
  } finally {
    await ctx.close()
  }
})

// ---------------------------------------------------------------------------------------------
// (b) 我的诉求

test('我的诉求: the signed-in resident sees their appeals, files with name and phone filled in, and sees it listed', async () => {
  const cat = await (async () => {
    const items = (await (await fetch(`${BASE}/api/v1/public/categories`)).json()).items
    const parents = new Set(items.map((x) => x.parent_id))
    return items.find((x) => x.level === 3 && !parents.has(x.id))
  })()
  const [lon, lat] = middle(grids[0])
  const earlier = await resident.post('/api/v1/my/appeals', {
    type: 'complaint', category_id: cat.id, description: `楼道堆物没人管（${STAMP}）`, lon, lat, phone: PHONE, anonymous: false,
  })
  const stranger = await (await fetch(`${BASE}/api/v1/public/appeals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'help', category_id: cat.id, description: `别人反映的事（${STAMP}）`, lon, lat, phone: PHONE, anonymous: false }),
  })).json()

  const { ctx, p } = await phonePage()
  try {
    await p.goto(`${BASE}/m/`)
    await p.locator('[data-action="my-appeals"]').tap()
    await p.waitForURL(/#\/login\?/) // signing in comes first
    await phoneLogin(p, 'resident')
    await p.waitForURL(/#\/my\/appeals$/)
    const cards = p.locator('.appeal-card')
    await cards.first().waitFor()
    const codes = await cards.evaluateAll((els) => els.map((e) => e.dataset.code))
    assert.equal(codes[0], earlier.code, 'the latest appeal first')
    assert.ok(!codes.includes(stranger.code), 'an appeal filed without signing in is not listed')
    const api = await resident.get('/api/v1/my/appeals?limit=50')
    assert.deepEqual(codes, api.items.map((i) => i.code).slice(0, codes.length), 'the page lists what the account filed')
    await shot(p, '05-my-appeals')

    await p.locator('.btn-new-appeal').tap()
    await p.waitForURL(/#\/report$/)
    await p.locator('.signed-in-note').waitFor()
    await p.waitForFunction((phone) => document.querySelector('.field-phone input')?.value === phone, PHONE)
    assert.equal(await p.locator('.field-name input').inputValue(), resident.account.display_name, 'the name is filled in')
    await p.locator('.chip[data-type="help"]').tap()
    await pickFirstCategory(p)
    await p.locator('.field-description textarea').fill(`小区门口的路灯坏了（${STAMP}）`)
    await mapReady(p)
    await search(p, compound.slice(0, 5))
    await p.locator('.search-result[data-kind="compound"]').first().tap()
    await p.locator('.picked-grid').waitFor()
    await shot(p, '06-report-prefilled', true)
    await p.locator('.btn-submit').tap()
    await p.waitForURL(/#\/done\//)
    const code = (await p.locator('.tracking-code').innerText()).trim()

    await p.goto(`${BASE}/m/#/my/appeals`)
    await p.locator(`.appeal-card[data-code="${code}"]`).waitFor()
    assert.equal(await cards.first().getAttribute('data-code'), code, 'what was just filed is on top')
    assert.match(await cards.first().innerText(), /路灯坏了/)
    await cards.first().tap()
    await p.waitForURL(new RegExp(`#/track/${code}$`))
    await p.locator('.head-code').waitFor()
  } finally {
    await ctx.close()
  }
})

// ---------------------------------------------------------------------------------------------
// (c) 民提

test('民提: the resident proposes from the phone and the community takes it into 议事', async () => {
  const { ctx, p } = await phonePage()
  try {
    await p.goto(`${BASE}/m/#/deliberations`)
    await p.locator('.btn-propose-open').tap()
    await p.waitForURL(/#\/login\?/)
    await phoneLogin(p, 'resident')
    await p.waitForURL(/#\/deliberations\/propose$/)
    const title = `增设电动车充电棚 ${STAMP}`
    await p.locator('.btn-propose').tap() // empty: stopped in the page
    await p.locator('.field-title .van-field__error-message').waitFor()
    await p.locator('.field-title input').fill(title)
    await p.locator('.field-body textarea').fill('楼道里飞线充电太危险，希望在 3 号楼东侧空地建一个充电棚。')
    await shot(p, '07-propose')
    await p.locator('.btn-propose').tap()
    await p.waitForURL(/#\/deliberations\/\d+$/)
    const id = Number(p.url().match(/deliberations\/(\d+)$/)[1])
    await p.getByText(title).first().waitFor()

    const matter = await community.get(`/api/v1/deliberations/${id}`)
    assert.equal(matter.stage, 'proposed')
    assert.equal(matter.proposer_kind, 'resident')
    assert.equal(matter.area_id, resident.areaId(), "in the resident's community")
    await community.post(`/api/v1/deliberations/${id}/advance`, { to: 'discussing', note: '列入本月居民议事会' })
    await p.reload()
    await p.getByText('民议').first().waitFor()
    await shot(p, '08-proposal-taken')
  } finally {
    await ctx.close()
  }
})
