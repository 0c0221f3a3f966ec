// Browser test of a pipeline step's documents on the phone (issue 16, web/h5/src/pages/pipeline/
// PersonPage.vue) against a running jiceng server with the demo county:
//   the demo branch's secretary (`branch`) opens a new applicant's file, attaches the application
//   (PDF) and the talk's record (a photo) to the talk; a text file and a 9 MB PDF are refused with
//   the server's words and left out; the talk is recorded with the two documents, which the step
//   then shows as links that open them.
//   JICENG_URL=http://127.0.0.1:8080 node --test tests/e2e/pipeline-documents.test.mjs
// Screenshots: tests/e2e/screenshots/pipeline-documents-*.png.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './browser.mjs'
import { Api } from './api.mjs'
import { png } from './png.mjs'

const BASE = (process.env.JICENG_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const PASSWORD = process.env.JICENG_PASSWORD || 'jiceng-demo'
const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, 'screenshots')
const STAMP = Date.now() % 900
const P = '/api/v1/pipeline'

mkdirSync(SHOTS, { recursive: true })

let browser

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
})

const shot = (p, name) => p.screenshot({ path: join(SHOTS, `pipeline-documents-${name}.png`), fullPage: true })

function idNumber(seq) {
  const body = `620102199${(STAMP % 9) + 1}0303${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]
  return body + '10X98765432'[sum % 11]
}

/** a day `n` days from today, China time */
const day = (n) => new Date(Date.now() + 8 * 3600 * 1000 + n * 86400000).toISOString().slice(0, 10)

const PDF = Buffer.from(`%PDF-1.4\n% 入党申请书 ${STAMP}\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n`)

test('a secretary attaches a PDF and a photo to the talk; a wrong type and a file over 8 MB are refused with the server’s words', async () => {
  const secretary = await new Api('branch').login()
  const orgId = secretary.account.roles.find((r) => r.role === 'branch_secretary').scope_id
  const person = await secretary.post(`${P}/people`, {
    org_id: orgId,
    name: `材料申请人${STAMP}`,
    id_number: idNumber(1),
    applied_on: day(-5),
  })

  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  })
  const p = await ctx.newPage()
  p.setDefaultTimeout(15000)
  p.on('pageerror', (e) => console.error('pageerror', e.message))
  try {
    await p.goto(`${BASE}/m/#/login?redirect=${encodeURIComponent(`/pipeline/people/${person.id}`)}`)
    await p.locator('input[name="username"]').fill('branch')
    await p.locator('input[name="password"]').fill(PASSWORD)
    await p.locator('.btn-login').click()
    await p.locator('.pl-person[data-ready="1"][data-stage="applicant"]').waitFor()
    assert.equal(await p.locator('select[name="step"]').inputValue(), 'talk')

    const input = p.locator('input[name="documents"]')
    await input.setInputFiles([
      { name: '入党申请书.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: '谈话记录.png', mimeType: 'image/png', buffer: png(64, 48, [200, 30, 30, 255]) },
    ])
    await p.locator('.doc-picked', { hasText: '谈话记录.png' }).waitFor()
    assert.deepEqual(await p.locator('.doc-picked .doc-link').allInnerTexts(), ['入党申请书.pdf', '谈话记录.png'])

    // the wrong type: the server's words, the file named, nothing added
    await input.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('这不是PDF') })
    const refused = p.locator('.doc-error')
    await refused.waitFor()
    const words = await refused.innerText()
    assert.match(words, /^说明\.txt：只能上传 PDF、Word/, words)
    assert.equal(await p.locator('.doc-picked').count(), 2)
    await shot(p, '01-wrong-type')

    // over 8 MB: the server's 413 in its words
    await input.setInputFiles({
      name: '扫描件.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(9 * 1024 * 1024, 0x20)]),
    })
    await p.locator('.doc-error', { hasText: '扫描件.pdf：' }).waitFor()
    const big = await p.locator('.doc-error').innerText()
    assert.match(big, /扫描件\.pdf：请求体过大：上传内容不能超过 8 MB/, big)
    assert.equal(await p.locator('.doc-picked').count(), 2)

    await p.locator('input[name="on"]').fill(day(0))
    await p.locator('.btn-step').click()
    const step = p.locator('.van-step[data-step="talk"]')
    await step.waitFor()
    await p.locator('.pl-person[data-stage="applicant"] .doc-picked').first().waitFor({ state: 'detached' })
    assert.deepEqual(await step.locator('.step-doc a').allInnerTexts(), ['入党申请书.pdf', '谈话记录.png'])
    await p.locator('.van-toast').waitFor({ state: 'hidden' }) // 已办理 fades out
    await p.evaluate(() => window.scrollTo(0, 0)) // the sticky header at the top of the full-page picture
    await shot(p, '02-talk-with-documents')

    const file = await secretary.get(`${P}/people/${person.id}`)
    const talk = file.steps.find((s) => s.step === 'talk')
    assert.deepEqual(
      talk.documents.map((d) => d.name),
      ['入党申请书.pdf', '谈话记录.png'],
    )
    // each link opens the document the secretary picked
    const href = await step.locator('.step-doc a').first().getAttribute('href')
    assert.equal(href, talk.documents[0].url)
    const res = await p.request.get(new URL(href, BASE).href)
    assert.equal(res.status(), 200)
    assert.match(res.headers()['content-type'], /pdf/)
    assert.deepEqual(Buffer.from(await res.body()), PDF)
  } finally {
    await ctx.close()
  }
})
