// Writes FILE.br and FILE.gz beside every compressible file of the build (`node web/precompress.mjs
// web/dist`, run by `npm run build` after Vite). The server reads them at start and answers with
// one of them when the request's Accept-Encoding allows (src/core/api.cpp), so nothing is
// compressed per request. Only node:zlib: no dependency. A variant that does not come out smaller
// than the file is not written (the server then sends the file as it is).
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

// Text formats; images and fonts (png, jpg, woff2) are compressed already.
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|txt|map|geojson|xml|ico)$/
const MIN_BYTES = 256 // below this the headers cost more than the saving

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* files(p)
    else yield p
  }
}

const root = process.argv[2]
if (!root) {
  console.error('usage: node web/precompress.mjs DIR')
  process.exit(2)
}

let count = 0
let before = 0
let afterBr = 0
for (const path of [...files(root)]) {
  if (/\.(br|gz)$/.test(path)) {
    unlinkSync(path) // left by an earlier run over the same folder
    continue
  }
  if (!COMPRESSIBLE.test(path)) continue
  const body = readFileSync(path)
  if (body.length < MIN_BYTES) continue
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  })
  const gz = gzipSync(body, { level: 9 })
  if (br.length < body.length) writeFileSync(`${path}.br`, br)
  if (gz.length < body.length) writeFileSync(`${path}.gz`, gz)
  count += 1
  before += body.length
  afterBr += Math.min(br.length, body.length)
}
console.log(
  `precompress: ${count} files, ${(before / 1024).toFixed(0)} KiB -> ${(afterBr / 1024).toFixed(0)} KiB brotli`,
)
