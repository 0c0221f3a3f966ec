// Browser test of the appeals closed loop (docs/api-appeals.md) against a running jiceng server
// with the demo county:
//   resident (phone, /m/) files an appeal by tapping the grid map -> tracking code
//   grid staff (console) finds it in 待受理, accepts, starts, resolves it with a note
//   resident opens the code, sees 已办结, rates 满意 -> 已关闭
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/appeals.test.mjs
// Uses Debian's Chromium through playwright-core. Screenshots: tests/e2e/screenshots/h5-*.png, appeal-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { png } from './png.mjs'
import { launchBrowser } from './browser.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const STAFF_USER = process.env.JICENG_GRID_USER || 'grid'
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
// A point in the demo county's first grid (the `grid` account's): the county map tiles 0.06°
// squares from the south-west corner (99.50, 39.20), so this is the middle of grid 1.
const TAP_LON = Number(process.env.JICENG_TAP_LON || 99.53)
const TAP_LAT = Number(process.env.JICENG_TAP_LAT || 39.23)
const DESCRIPTION = `小区东门路灯不亮已经一周，晚上出行不便，请尽快修理。（自动测试 ${new Date().toISOString()}）`

mkdirSync(SHOTS, { recursive: true })

const PHOTO = { name: 'streetlight.png', mimeType: 'image/png', buffer: png(1, 1, [200, 16, 46, 255]) }
const RESOLVE_PHOTO = { name: 'fixed.png', mimeType: 'image/png', buffer: png(1, 1, [7, 193, 96, 255]) }

let browser
let code // the tracking code the resident got

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

async function desktopPage() {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error('[console page error]', e.message))
  return { ctx, p }
}

async function shot(p, name, fullPage = false) {
  if (fullPage) await p.evaluate(() => window.scrollTo(0, 0)) // else the sticky nav bar lands mid-page
  await p.waitForTimeout(400) // let transitions settle
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage })
}

/** Pick the first choosable category in the Vant cascader (walks down to a leaf). */
async function pickFirstCategory(p) {
  await p.locator('.field-category').click()
  const popup = p.locator('.category-popup')
  await popup.waitFor({ state: 'visible' })
  for (let depth = 0; depth < 4; depth++) {
    // one option list per level (the tabs slide, so the inactive lists are still "visible")
    const option = popup.locator('.van-cascader__options').nth(depth).locator('.van-cascader__option:not(.van-cascader__option--disabled)').first()
    await option.waitFor()
    await option.click()
    await p.waitForTimeout(350) // tab switch animation
    if (!(await popup.isVisible())) return
  }
  throw new Error('no choosable category found in three levels')
}

// -------------------------------------------------------------------------------------------

test('resident opens /m/ and files an appeal by tapping the grid map', async () => {
  const { ctx, p } = await phonePage()
  try {
    await p.goto(`${BASE}/m/`)
    await p.locator('.hero-title').waitFor()
    assert.equal((await p.locator('.hero-title').innerText()).trim(), '请您反映')
    await shot(p, 'h5-01-home')

    await p.locator('[data-action="report"]').tap()
    await p.waitForURL(/#\/report$/)

    // an empty submit is stopped in the page, before any request
    await p.locator('.btn-submit').tap()
    await p.locator('.van-field__error-message').first().waitFor()

    await p.locator('.chip[data-type="help"]').tap()
    await pickFirstCategory(p)
    assert.ok((await p.locator('.field-category input').inputValue()).includes(' / '), 'a category path is shown')
    await p.locator('.field-description textarea').fill(DESCRIPTION)

    // tap the map at the pixel of (TAP_LON, TAP_LAT), computed by the chart itself
    await p.waitForFunction(() => window.__jicengMap && document.querySelector('.grid-map[data-ready="1"]'))
    const [x, y] = await p.evaluate(([lon, lat]) => window.__jicengMap.pixelOf(lon, lat), [TAP_LON, TAP_LAT])
    assert.ok(Number.isFinite(x) && Number.isFinite(y), `the chart converts the point (${x}, ${y})`)
    await p.locator('.grid-map').scrollIntoViewIfNeeded()
    await p.locator('.grid-map').tap({ position: { x, y } })
    const picked = p.locator('.picked-grid')
    await picked.waitFor()
    const gridName = (await picked.innerText()).trim()
    assert.match(gridName, /第1网格/, `the first grid is chosen (got ${gridName})`)
    const coord = (await p.locator('.picked-coord').innerText()).split(',').map(Number)
    assert.ok(Math.abs(coord[0] - TAP_LON) < 0.01 && Math.abs(coord[1] - TAP_LAT) < 0.01, `tapped near the point (${coord})`)

    // a photo: uploaded as soon as it is chosen (raw bytes to /api/v1/public/photos)
    await p.locator('.photo-uploader input[type="file"]').setInputFiles(PHOTO)
    await p.locator('.photo-uploader .van-uploader__preview').first().waitFor()
    await p.waitForFunction(
      () =>
        document.querySelectorAll('.photo-uploader .van-uploader__preview').length === 1 &&
        !document.querySelector('.photo-uploader .van-uploader__mask'),
    )

    await p.locator('.field-name input').fill('测试居民')
    // a bad phone is refused in the page
    await p.locator('.field-phone input').fill('12345')
    await p.locator('.btn-submit').tap()
    await p.locator('.field-phone .van-field__error-message').waitFor()
    await p.locator('.field-phone input').fill('13912345678')
    await p.locator('.van-toast').first().waitFor({ state: 'hidden' }) // the validation toast fades
    await shot(p, 'h5-02-form', true)

    await p.locator('.btn-submit').tap()
    await p.waitForURL(/#\/done\//)
    const codeEl = p.locator('.tracking-code')
    await codeEl.waitFor()
    code = (await codeEl.innerText()).trim()
    assert.match(code, /^[A-Za-z0-9]{10}$/, `a 10-character tracking code (got ${code})`)
    await shot(p, 'h5-03-done')
  } finally {
    await ctx.close()
  }
})

test('an unknown tracking code shows the API error message', async () => {
  const { ctx, p } = await phonePage()
  try {
    await p.goto(`${BASE}/m/#/track`)
    await p.locator('.field-code input').fill('ZZZZZZZZZ9')
    await p.locator('.btn-lookup').tap()
    const toast = p.locator('.van-toast--fail')
    await toast.waitFor()
    const message = (await toast.innerText()).trim()
    assert.ok(message.length > 0, 'error.message is shown in a toast')
    await p.locator('.not-found').waitFor()
    assert.equal((await p.locator('.not-found .van-empty__description').innerText()).trim(), message)
  } finally {
    await ctx.close()
  }
})

test('grid staff accepts, starts and resolves the appeal in the console', async () => {
  assert.ok(code, 'the resident filed an appeal')
  const { ctx, p } = await desktopPage()
  try {
    await p.goto(`${BASE}/#/login`)
    await p.getByPlaceholder('请输入用户名').fill(STAFF_USER)
    await p.getByPlaceholder('请输入密码').fill(PASSWORD)
    await p.locator('.login-btn').click()
    await p.waitForURL((u) => !u.hash.startsWith('#/login'))
    const menu = p.locator('.el-menu-item[data-menu="appeals"]')
    await menu.waitFor()
    await menu.click()
    await p.waitForURL(/#\/appeals$/)
    assert.equal(await p.locator('.el-menu-item[data-menu="appeal-settings"]').count(), 0, '诉求设置 is for the organisation department only')

    // 待受理 is the first tab; find the new appeal by its code
    await p.locator('.queue-tabs .el-tabs__item.is-active [data-queue="pending"]').waitFor()
    const row = p.locator('.appeals-table .el-table__row', { has: p.locator(`[data-code="${code}"]`) })
    await p.locator('.search-input input').fill(code)
    await p.locator('.search-input input').press('Enter')
    await row.waitFor()
    assert.match(await row.innerText(), /待受理/)
    await shot(p, 'appeal-01-queue')

    await row.click()
    const drawer = p.locator('.appeal-drawer')
    const status = drawer.locator('.detail-status')
    await status.waitFor()
    assert.equal((await status.innerText()).trim(), '待受理')
    assert.ok((await drawer.innerText()).includes(DESCRIPTION.slice(0, 12)), 'the description is shown')
    // the resident's photo is a thumbnail in the detail
    const thumb = drawer.locator('.appeal-photos .el-image img')
    await thumb.first().waitFor()
    assert.equal(await thumb.count(), 1, 'one photo')
    assert.match(await thumb.first().getAttribute('src'), /\/api\/v1\/photos\/[0-9a-f]{64}$/)
    await p.waitForFunction(() => document.querySelector('.appeal-drawer .appeal-photos img')?.naturalWidth === 1)
    // the appeal has a point: a small offline map of its grids with the point on it
    const miniMap = drawer.locator('.appeal-minimap canvas')
    await miniMap.first().waitFor({ state: 'visible' })
    await p.waitForFunction(() => !document.querySelector('.appeal-drawer .appeal-minimap .el-loading-mask'))
    assert.equal(await drawer.locator('.appeal-minimap .empty').count(), 0, 'the mini map has grids')
    await shot(p, 'appeal-02-detail')
    // Who holds it and who answers for it (首接负责): the grid, and its full-time worker by name.
    assert.match(await drawer.locator('.holder').innerText(), /（网格）/)
    assert.equal((await drawer.locator('.assignee').innerText()).trim(), '网格员', 'the grid worker answers for it')
    await drawer.locator('.field-assign').waitFor()

    const act = async (action, expected, note) => {
      await drawer.locator(`.btn-action[data-action="${action}"]`).click()
      const dlg = p.locator('.action-dialog')
      await dlg.waitFor({ state: 'visible' })
      if (note) await dlg.locator('.field-note textarea').fill(note)
      await dlg.locator('.btn-confirm-action').click()
      await dlg.waitFor({ state: 'hidden' })
      await p.waitForFunction(
        ([sel, text]) => {
          const el = document.querySelector(sel)
          return el && el.textContent.trim() === text
        },
        ['.appeal-drawer .detail-status', expected],
      )
    }
    await act('accept', '已受理')
    await act('start', '办理中')

    // resolve needs a note: an empty one is refused in the dialog
    await drawer.locator('.btn-action[data-action="resolve"]').click()
    const dlg = p.locator('.action-dialog')
    await dlg.waitFor({ state: 'visible' })
    await dlg.locator('.btn-confirm-action').click()
    await dlg.locator('.el-form-item__error').waitFor()
    await shot(p, 'appeal-03-resolve-dialog')
    await dlg.locator('.field-note textarea').fill('已联系电工更换东门路灯灯泡，现已恢复照明。')
    // an optional photo goes with 办结
    await dlg.locator('.field-photos input[type="file"]').setInputFiles(RESOLVE_PHOTO)
    await dlg.locator('.field-photos .el-upload-list__item.is-success').waitFor()
    await dlg.locator('.btn-confirm-action').click()
    await dlg.waitFor({ state: 'hidden' })
    await p.waitForFunction(() => document.querySelector('.appeal-drawer .detail-status')?.textContent.trim() === '已办结')
    const timeline = await drawer.locator('.timeline').innerText()
    assert.ok(timeline.includes('已联系电工更换东门路灯灯泡'), 'the note is on the timeline')
    assert.match(timeline, /网格员（[^）]*网格）/, 'the timeline names the person and where they work, not the login')
    // the appeal's photos are all of them (filed + resolve); each timeline entry has its own
    assert.equal(await drawer.locator('.appeal-photos .el-image').count(), 2, 'both photos on the appeal')
    assert.equal(await drawer.locator('.timeline .tl-photos .el-image').count(), 2, 'the submit and resolve entries carry a photo each')
    assert.equal(await drawer.locator('.timeline .el-timeline-item').first().locator('.tl-photos .el-image').count(), 1, 'the resolve photo is on the newest entry')
    await shot(p, 'appeal-04-resolved')

    // it left 待受理 and shows under 已办结
    await p.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    await p.locator('[data-queue="closed"]').click()
    await row.waitFor()
    assert.match(await row.innerText(), /已办结/)
    await shot(p, 'appeal-05-closed-queue')
  } finally {
    await ctx.close()
  }
})

test('resident sees 已办结, rates 满意, and the appeal is closed', async () => {
  assert.ok(code, 'the resident filed an appeal')
  const { ctx, p } = await phonePage()
  try {
    await p.goto(`${BASE}/m/`)
    await p.locator('[data-action="track"]').tap()
    await p.waitForURL(/#\/track/)
    await p.locator('.field-code input').fill(code)
    await p.locator('.btn-lookup').tap()
    const status = p.locator('.status-tag')
    await status.waitFor()
    assert.equal((await status.innerText()).trim(), '已办结')
    const steps = await p.locator('.timeline').innerText()
    assert.ok(steps.includes('已联系电工更换东门路灯灯泡'), 'the resolution note is on the timeline')
    assert.equal(await p.locator('.appeal-photos img').count(), 2, "the resident's and the resolve photo are shown")
    assert.equal(await p.locator('.timeline .van-step').first().locator('.step-photos img').count(), 1, 'the resolve photo is on the newest step')
    await p.locator('.rate').waitFor()
    await shot(p, 'h5-04-track', true)

    await p.locator('.rate-btn[data-satisfaction="satisfied"]').tap()
    await p.locator('.field-comment textarea').fill('修得很快，谢谢网格员！')
    await p.locator('.btn-rate').tap()
    await p.locator('.rated').waitFor()
    await p.waitForFunction(() => document.querySelector('.status-tag')?.dataset.status === 'closed')
    assert.equal((await status.innerText()).trim(), '已关闭')
    assert.match(await p.locator('.my-rating').innerText(), /满意/)
    assert.equal(await p.locator('.rate').count(), 0, 'no second rating')
    await shot(p, 'h5-05-rated', true)
  } finally {
    await ctx.close()
  }
})

test('the figures page shows the cards and the ranking of the areas below', async () => {
  const { ctx, p } = await desktopPage()
  try {
    await p.goto(`${BASE}/#/login`)
    await p.getByPlaceholder('请输入用户名').fill(process.env.JICENG_FIGURES_USER || 'community')
    await p.getByPlaceholder('请输入密码').fill(PASSWORD)
    await p.locator('.login-btn').click()
    await p.waitForURL((u) => !u.hash.startsWith('#/login'))
    const menu = p.locator('.el-menu-item[data-menu="appeal-figures"]')
    await menu.waitFor()
    await menu.click()
    await p.waitForURL(/#\/appeal-figures$/)

    const cards = p.locator('.figures-page .stat-card')
    await p.locator('.stat-card[data-figure="received"] .stat-value').waitFor()
    await p.waitForFunction(() => /^\d+$/.test(document.querySelector('.stat-card[data-figure="received"] .stat-value')?.textContent.trim() || ''))
    const labels = (await cards.locator('.stat-label').allInnerTexts()).map((t) => t.trim())
    for (const label of ['受理量', '响应率', '办结率', '满意率', '一线解决率', '平均办理时长（小时）', '在办', '即将超时', '已超时']) {
      assert.ok(labels.includes(label), `card ${label} (got ${labels.join('、')})`)
    }
    // The first-line share is of every appeal received, the grid and the community apart, against the seeds' 95%.
    const firstLine = await p.locator('.stat-card[data-figure="first_line_rate"] .stat-sub').innerText()
    assert.match(firstLine, /网格 [\d.]+% · 社区 [\d.]+% · 目标 95\.0%/)
    assert.match(await p.locator('.figures-page .head-note').last().innerText(), /目标 95\.0%/)
    const rows = p.locator('.ranking-table .el-table__body-wrapper .el-table__row')
    await rows.first().waitFor()
    assert.ok((await rows.count()) >= 1, 'at least one area in the ranking')
    assert.match(await rows.first().innerText(), /^\s*1\b/)
    await p.locator('.figures-page .chart canvas').waitFor()

    // 导出排名: a CSV with a BOM, built in the page
    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('.btn-export-ranking').click()])
    assert.match(download.suggestedFilename(), /\.csv$/)
    await shot(p, 'appeal-06-figures')
  } finally {
    await ctx.close()
  }
})

test('on a phone, the community secretary reads the first-line share against the 95% target', async () => {
  const { ctx, p } = await phonePage()
  try {
    await p.goto(`${BASE}/#/login`)
    await p.getByPlaceholder('请输入用户名').fill('community')
    await p.getByPlaceholder('请输入密码').fill(PASSWORD)
    await p.locator('.login-btn').click()
    await p.waitForURL((u) => !u.hash.startsWith('#/login'))
    await p.goto(`${BASE}/#/appeal-figures`)
    const card = p.locator('.stat-card[data-figure="first_line_rate"]')
    await card.locator('.stat-sub').waitFor()
    await card.scrollIntoViewIfNeeded()
    assert.match(await card.innerText(), /一线解决率[\s\S]*网格 [\d.]+% · 社区 [\d.]+% · 目标 95\.0%/)
    await shot(p, 'appeal-06b-figures-phone')
    const box = await card.boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390 + 1, `the card fits the phone's width: ${JSON.stringify(box)}`)
    await p.locator('.figures-page .chart canvas').scrollIntoViewIfNeeded()
  } finally {
    await ctx.close()
  }
})

test('the organisation department edits the appeal settings: categories, limits, holidays', async () => {
  const { ctx, p } = await desktopPage()
  try {
    await p.goto(`${BASE}/#/login`)
    await p.getByPlaceholder('请输入用户名').fill(process.env.JICENG_ADMIN_USER || 'admin')
    await p.getByPlaceholder('请输入密码').fill(PASSWORD)
    await p.locator('.login-btn').click()
    await p.waitForURL((u) => !u.hash.startsWith('#/login'))
    const menu = p.locator('.el-menu-item[data-menu="appeal-settings"]')
    await menu.waitFor()
    await menu.click()
    await p.waitForURL(/#\/appeal-settings$/)

    // 分类: the category tree
    const nodes = p.locator('.category-tree .cat-node')
    await nodes.first().waitFor()
    assert.ok((await nodes.count()) >= 3, 'the category tree has nodes')

    // 时限: one row per urgency
    await p.locator('.settings-tabs .el-tabs__item', { hasText: '时限' }).click()
    const rows = p.locator('.limits-table .el-table__body-wrapper .el-table__row')
    await rows.first().waitFor({ state: 'visible' })
    assert.equal(await rows.count(), 5, 'four urgencies and the disputes\' rule')
    const table = await p.locator('.limits-table').innerText()
    assert.match(table, /紧急/)
    assert.match(table, /矛盾纠纷（四级七天）[\s\S]*7 自然日[\s\S]*四级七天/, 'the disputes\' rule, in calendar days, with its source')

    await p.locator('.settings-tabs .el-tabs__item', { hasText: '分类' }).click()
    await nodes.first().waitFor({ state: 'visible' })
    await shot(p, 'appeal-07-settings')
  } finally {
    await ctx.close()
  }
})
