// What a browser downloads to show a page the first time (empty cache): the JavaScript and CSS it
// fetches, as the server sent them (transfer bytes) and unpacked (raw bytes), with the gzip size
// of the raw bytes for comparison. `node scripts/first-load-bytes.mjs URL [URL…]`, e.g.
// http://127.0.0.1:8080/#/login (the console's login page) or http://127.0.0.1:8080/m/.
import { gzipSync } from 'node:zlib'
import { launchBrowser } from '../tests/e2e/browser.mjs'

const urls = process.argv.slice(2)
if (!urls.length) {
  console.error('usage: node scripts/first-load-bytes.mjs URL [URL…]')
  process.exit(2)
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`
const browser = await launchBrowser()
try {
  for (const url of urls) {
    const page = await browser.newPage()
    const seen = []
    page.on('requestfinished', async (req) => {
      const type = req.resourceType()
      if (type !== 'script' && type !== 'stylesheet') return
      seen.push(
        (async () => {
          const res = await req.response()
          const body = await res.body()
          const sizes = await req.sizes()
          return {
            type,
            path: new URL(req.url()).pathname,
            raw: body.length,
            gzip: gzipSync(body, { level: 9 }).length,
            transfer: sizes.responseBodySize,
            encoding: res.headers()['content-encoding'] || 'identity',
          }
        })(),
      )
    })
    await page.goto(url, { waitUntil: 'networkidle' })
    const files = await Promise.all(seen)
    console.log(`\n${url}`)
    for (const type of ['script', 'stylesheet']) {
      const list = files.filter((f) => f.type === type).sort((a, b) => b.raw - a.raw)
      for (const f of list) console.log(`  ${f.path.padEnd(44)} ${kb(f.raw).padStart(11)} raw ${kb(f.gzip).padStart(10)} gzip ${kb(f.transfer).padStart(10)} sent (${f.encoding})`)
      const sum = (k) => list.reduce((s, f) => s + f[k], 0)
      console.log(`  ${(type === 'script' ? 'JavaScript' : 'CSS')} total: ${list.length} files, ${sum('raw')} bytes raw (${kb(sum('raw'))}), ${sum('gzip')} gzip (${kb(sum('gzip'))}), ${sum('transfer')} sent (${kb(sum('transfer'))})`)
    }
    await page.close()
  }
} finally {
  await browser.close()
}
