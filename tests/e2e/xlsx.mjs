// The rows of an XLSX's first sheet, read with node alone (a zip's central directory, inflateRaw,
// the sheet's <row>/<c> with shared or inline strings) so a browser test can check a download.
import { inflateRawSync } from 'node:zlib'

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** name → bytes of every entry in a zip */
export function unzip(buf) {
  let end = buf.length - 22
  while (end >= 0 && buf.readUInt32LE(end) !== EOCD) end--
  if (end < 0) throw new Error('not a zip: no end of central directory')
  const count = buf.readUInt16LE(end + 10)
  let p = buf.readUInt32LE(end + 16)
  const out = new Map()
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error('bad central directory entry')
    const method = buf.readUInt16LE(p + 10)
    const size = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8')
    if (buf.readUInt32LE(local) !== LOCAL) throw new Error(`bad local header for ${name}`)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const raw = buf.subarray(start, start + size)
    out.set(name, method === 0 ? raw : inflateRawSync(raw))
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

const unescape = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
const texts = (xml) =>
  [...xml.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)].map((m) => unescape(m[1])).join('')

/** the first sheet's rows as arrays of cell text (columns by their letters, gaps kept empty) */
export function sheetRows(buf) {
  const files = unzip(buf)
  const sheetName = [...files.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[0]
  if (!sheetName) throw new Error('no worksheet in the XLSX')
  const shared = files.has('xl/sharedStrings.xml')
    ? [
        ...files
          .get('xl/sharedStrings.xml')
          .toString('utf8')
          .matchAll(/<si>([\s\S]*?)<\/si>/g),
      ].map((m) => texts(m[1]))
    : []
  const sheet = files.get(sheetName).toString('utf8')
  const rows = []
  for (const row of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = []
    for (const c of row[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /r="([A-Z]+)\d+"/.exec(c[1])
      const col = ref ? [...ref[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : cells.length
      const type = (/t="(\w+)"/.exec(c[1]) || [])[1]
      const body = c[2] || ''
      const v = (/<v>([^<]*)<\/v>/.exec(body) || [])[1]
      let text = ''
      if (type === 's') text = shared[Number(v)] ?? ''
      else if (type === 'inlineStr') text = texts(body)
      else text = v === undefined ? '' : unescape(v)
      while (cells.length < col) cells.push('')
      cells[col] = text
    }
    rows.push(cells)
  }
  return rows
}
