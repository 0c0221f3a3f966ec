// A small in-memory stand-in for the jiceng server, implementing the parts of docs/api.md the
// admin console uses. Only for developing the console when the C++ server is not at hand:
//   node tests/e2e/mock-server.mjs [port]   (serves web/dist and /api/v1 on 127.0.0.1)
// The real tests run against the real server.
import http from 'node:http'
import { readFileSync, existsSync, statSync } from 'node:fs'
import { join, extname, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { makeAppeals } from './mock-appeals.mjs'

const PORT = Number(process.argv[2] || process.env.PORT || 8099)
const DIST = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist')

// ---------------- data ----------------
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const checkDigit = (s) => '10X98765432'[[...s].reduce((a, c, i) => a + Number(c) * W[i], 0) % 11]
const validId = (id) => /^\d{17}[\dX]$/.test(id) && checkDigit(id.slice(0, 17)) === id[17]
const mask = (s, a, b) => (s ? s.slice(0, a) + '*'.repeat(s.length - a - b) + s.slice(s.length - b) : null)

const areas = []
const orgs = []
const members = []
const units = []
const venues = []
const people = []
let nextId = 1
const addArea = (parent, name, kind, code, geometry) => {
  const id = nextId++
  const a = { id, parent_id: parent ? parent.id : null, name, kind, code, depth: parent ? parent.depth + 1 : 0 }
  a.path = (parent ? parent.path : '/') + id + '/'
  if (geometry) a.geometry = geometry
  areas.push(a)
  return a
}
const county = addArea(null, '高唐县', 'county', '371526')
const streets = ['鱼丘湖街道', '汇鑫街道', '人和街道'].map((n, i) => addArea(county, n, 'street', `3715260${i + 1}`))
let gx = 0
for (const st of streets) {
  for (const cn of ['东关社区', '西关社区']) {
    const c = addArea(st, st.name.slice(0, 2) + cn, 'community', `${st.code}${areas.length}`)
    for (let g = 1; g <= 3; g++) {
      // laid out like the demo county: 0.06° squares from the south-west corner (99.50, 39.20)
      const x0 = Math.round((99.5 + (gx % 6) * 0.06) * 100) / 100
      const y0 = Math.round((39.2 + Math.floor(gx / 6) * 0.06) * 100) / 100
      const x1 = Math.round((x0 + 0.06) * 100) / 100
      const y1 = Math.round((y0 + 0.06) * 100) / 100
      const poly = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] }
      gx++
      addArea(c, `第${g}网格`, 'grid', `${c.code}${g}`, poly)
    }
  }
}
const addOrg = (parent, name, level, kind, area) => {
  const id = nextId++
  const o = { id, parent_id: parent ? parent.id : null, name, level, kind, area_id: area.id, area_name: area.name, founded_on: '2001-07-01', secretary: '王书记' }
  o.path = (parent ? parent.path : '/') + id + '/'
  orgs.push(o)
  return o
}
const committee = addOrg(null, '中共高唐县委员会', 'committee', 'organ', county)
for (const st of streets) {
  const w = addOrg(committee, `中共${st.name}工作委员会`, 'working_committee', 'community', st)
  for (const c of areas.filter((a) => a.parent_id === st.id)) {
    const b = addOrg(w, `${c.name}党支部`, 'branch', 'community', c)
    addOrg(b, `${c.name}第一党小组`, 'group', 'community', c)
  }
}
const NAMES = ['张建国', '李秀英', '王志强', '刘海燕', '陈晓明', '杨丽娟', '赵德胜', '黄玉兰', '周文博', '吴春梅', '王芳', '李强']
let seq = 100
for (const o of orgs.filter((x) => x.level === 'branch')) {
  for (let i = 0; i < 7; i++) {
    const name = NAMES[(members.length * 7 + i) % NAMES.length]
    const s17 = `37152619${60 + (seq % 40)}0${1 + (seq % 9)}1${seq % 10}${String(seq).slice(-3)}`.slice(0, 17)
    seq++
    const id = s17 + checkDigit(s17)
    addMember({ name, id_number: id, phone: `1380000${String(seq).padStart(4, '0')}`, ethnicity: '汉族', education: '大学本科', joined_on: '2005-07-01', full_on: '2006-07-01', org_id: o.id, category: 'in_service' })
  }
}
function addMember(m) {
  const o = orgs.find((x) => x.id === m.org_id)
  const g = Number(m.id_number[16]) % 2 ? 'male' : 'female'
  const b = `${m.id_number.slice(6, 10)}-${m.id_number.slice(10, 12)}-${m.id_number.slice(12, 14)}`
  const rec = { id: nextId++, gender: g, birth_date: b, status: 'active', ...m, org_name: o.name, _area: areas.find((a) => a.id === o.area_id) }
  members.push(rec)
  return rec
}
for (const st of streets) {
  units.push({ id: nextId++, name: `${st.name.slice(0, 2)}纺织有限公司`, kind: 'enterprise', area_id: st.id, area_name: st.name, credit_code: null, party_status: 'own', party_org_id: null, employees: 120, address: '高唐县' + st.name })
  units.push({ id: nextId++, name: `${st.name.slice(0, 2)}物流有限公司`, kind: 'enterprise', area_id: st.id, area_name: st.name, credit_code: null, party_status: 'joint', party_org_id: null, employees: 30, address: '高唐县' + st.name })
  venues.push({ id: nextId++, name: `${st.name}党群服务中心`, kind: 'service_center', area_id: st.id, area_name: st.name, address: st.name, area_m2: 800, open_hours: '8:30-17:30', in_city_system: true, service_items: ['党员教育', '政策咨询'] })
}
for (const g of areas.filter((a) => a.kind === 'grid')) {
  for (const [role, n] of [['chief', 1], ['full_time', 1], ['assistant', g.id % 3]]) {
    for (let i = 0; i < n; i++) people.push({ id: nextId++, name: NAMES[people.length % NAMES.length], kind: 'grid_staff', gender: 'female', phone: '139****0000', area_id: g.id, area_name: g.name, grid_role: role, unit_id: null, title: '' })
  }
}
const inSub = (path, root) => path.startsWith(root.path)
function areaCounts(a) {
  return {
    areas: areas.filter((x) => x.id !== a.id && inSub(x.path, a)).length,
    orgs: orgs.filter((o) => inSub(areas.find((x) => x.id === o.area_id).path, a)).length,
    members: members.filter((m) => inSub(m._area.path, a)).length,
    units: units.filter((u) => inSub(areas.find((x) => x.id === u.area_id).path, a)).length,
  }
}
const orgCounts = (o) => ({
  orgs: orgs.filter((x) => x.id !== o.id && x.path.startsWith(o.path)).length,
  members: members.filter((m) => orgs.find((x) => x.id === m.org_id).path.startsWith(o.path)).length,
})
const viewArea = (a, detail) => {
  const { geometry, ...rest } = a
  return { ...rest, counts: areaCounts(a), ...(detail && geometry ? { geometry } : {}) }
}
const viewOrg = (o) => ({ ...o, counts: orgCounts(o) })
const viewMember = (m) => {
  const { _area, ...r } = m
  return { ...r, id_number: mask(m.id_number, 4, 4), phone: mask(m.phone, 3, 4) }
}

// ---------------- http ----------------
const sessions = new Map()
const send = (res, status, body, headers = {}) => {
  const data = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  res.end(data)
}
const fail = (res, status, code, message, field = null) => send(res, status, { error: { code, message, field } })
const readBody = (req) =>
  new Promise((resolve) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
  })
const ACCOUNT = {
  id: 1,
  username: 'admin',
  display_name: '系统管理员',
  roles: [{ role: 'org_dept', scope_type: 'area', scope_id: county.id, scope_name: county.name }],
  menus: ['areas', 'orgs', 'units', 'members', 'venues', 'people', 'grids', 'import', 'audit', 'accounts', 'appeals'],
  password_change: null, // or 'first_login' | 'expired': the console then shows the password page alone
  totp_enabled: false,
  grid_ids: [],
}
const firstGrid = areas.find((a) => a.kind === 'grid')
const GRID_ACCOUNT = {
  id: 5,
  username: 'grid',
  display_name: '网格员',
  roles: [{ role: 'grid_staff', scope_type: 'area', scope_id: firstGrid.id, scope_name: areas.find((a) => a.id === firstGrid.parent_id).name + firstGrid.name }],
  menus: ['areas', 'orgs', 'units', 'venues', 'people', 'grids', 'appeals'],
  password_change: null,
  totp_enabled: false,
  grid_ids: [firstGrid.id],
}
const ACCOUNTS = { admin: ACCOUNT, grid: GRID_ACCOUNT }
const publicAccount = ({ grid_ids, ...a }) => a
const readJson = async (req) => {
  try {
    return JSON.parse((await readBody(req)).toString() || '{}')
  } catch {
    return {}
  }
}
const appealsMock = makeAppeals({ areas, send, fail, readJson, accounts: Object.values(ACCOUNTS) })
function page(list, url) {
  const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') || 50)))
  const after = Number(url.searchParams.get('after') || 0)
  const items = list.slice(after, after + limit)
  return { items, next_cursor: after + limit < list.length ? String(after + limit) : null, total: list.length }
}
const MEMBER_HEADER = ['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '学历', '入党日期', '转正日期', '所在党组织', '人员类别']
const CAT = { 在职: 'in_service', 离退休: 'retired', 农村: 'rural', 流动: 'mobile', 学生: 'student' }
function parseCsv(text) {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => l.split(','))
}

function filterMembers(url) {
  let list = members
  const q = url.searchParams.get('q')
  if (q) list = list.filter((m) => m.name.includes(q))
  const orgId = Number(url.searchParams.get('org_id') || 0)
  if (orgId) {
    const o = orgs.find((x) => x.id === orgId)
    list = list.filter((m) => orgs.find((x) => x.id === m.org_id).path.startsWith(o.path))
  }
  for (const k of ['category', 'gender', 'education']) {
    const v = url.searchParams.get(k)
    if (v) list = list.filter((m) => m[k] === v)
  }
  return list
}

async function api(req, res, url) {
  const p = url.pathname
  const m = req.method
  const cookie = (req.headers.cookie || '').match(/jiceng_session=([^;]+)/)
  const sess = cookie && sessions.get(cookie[1])
  if (p.startsWith('/api/v1/public/')) return appealsMock.publicApi(req, res, url)
  if (p === '/api/v1/session' && m === 'POST') {
    const body = JSON.parse((await readBody(req)).toString() || '{}')
    const acc = ACCOUNTS[body.username]
    if (!acc || body.password !== 'jiceng-demo') return fail(res, 401, 'bad_credentials', '用户名或密码错误')
    const token = randomBytes(16).toString('hex')
    const csrf = randomBytes(16).toString('hex')
    sessions.set(token, { csrf, account: acc })
    return send(res, 200, { account: publicAccount(acc), csrf_token: csrf }, { 'Set-Cookie': `jiceng_session=${token}; HttpOnly; SameSite=Strict; Path=/` })
  }
  if (!sess) return fail(res, 401, 'unauthenticated', '请先登录')
  if (['POST', 'PATCH', 'PUT', 'DELETE'].includes(m) && req.headers['x-csrf-token'] !== sess.csrf) return fail(res, 403, 'csrf', 'CSRF 校验失败')
  if (p === '/api/v1/session' && m === 'GET') return send(res, 200, { account: publicAccount(sess.account), csrf_token: sess.csrf })
  if (p === '/api/v1/appeals' || p.startsWith('/api/v1/appeals/')) return appealsMock.staffApi(req, res, url, sess.account)
  if (p === '/api/v1/session' && m === 'DELETE') {
    sessions.delete(cookie[1])
    return send(res, 204)
  }
  let mm
  if (p === '/api/v1/areas' && m === 'GET') {
    let list = areas
    const pid = url.searchParams.get('parent_id')
    if (pid !== null) list = list.filter((a) => (pid === '0' ? a.parent_id === null : a.parent_id === Number(pid)))
    const q = url.searchParams.get('q')
    if (q) list = list.filter((a) => a.name.includes(q))
    return send(res, 200, { ...page(list, url), items: page(list, url).items.map((a) => viewArea(a)) })
  }
  if ((mm = p.match(/^\/api\/v1\/areas\/(\d+)\/geojson$/))) {
    const root = areas.find((a) => a.id === Number(mm[1]))
    const grids = areas.filter((a) => a.kind === 'grid' && inSub(a.path, root))
    return send(res, 200, {
      type: 'FeatureCollection',
      features: grids.map((g) => ({
        type: 'Feature',
        geometry: g.geometry,
        properties: { id: g.id, name: g.name, parent_name: areas.find((x) => x.id === g.parent_id).name, staff_count: people.filter((x) => x.area_id === g.id).length },
      })),
    })
  }
  if ((mm = p.match(/^\/api\/v1\/areas\/(\d+)\/committee$/))) return send(res, 200, { items: [] })
  if ((mm = p.match(/^\/api\/v1\/areas\/(\d+)$/))) {
    const a = areas.find((x) => x.id === Number(mm[1]))
    if (!a) return fail(res, 404, 'not_found', '不存在')
    if (m === 'PATCH') Object.assign(a, JSON.parse((await readBody(req)).toString()))
    return send(res, 200, viewArea(a, true))
  }
  if (p === '/api/v1/orgs' && m === 'GET') {
    let list = orgs
    const pid = url.searchParams.get('parent_id')
    if (pid !== null) list = list.filter((a) => (pid === '0' ? a.parent_id === null : a.parent_id === Number(pid)))
    const level = url.searchParams.get('level')
    if (level) list = list.filter((a) => a.level === level)
    const q = url.searchParams.get('q')
    if (q) list = list.filter((a) => a.name.includes(q))
    const pg = page(list, url)
    return send(res, 200, { ...pg, items: pg.items.map(viewOrg) })
  }
  if ((mm = p.match(/^\/api\/v1\/orgs\/(\d+)$/))) {
    const o = orgs.find((x) => x.id === Number(mm[1]))
    if (m === 'PATCH') Object.assign(o, JSON.parse((await readBody(req)).toString()))
    return send(res, 200, viewOrg(o))
  }
  if (p === '/api/v1/units/coverage') return send(res, 200, { units: 6, with_org: 6, own: 3, joint: 3, none: 0, coverage_rate: 1, own_rate: 0.5 })
  if (p === '/api/v1/members' && m === 'GET') {
    const pg = page(filterMembers(url), url)
    return send(res, 200, { ...pg, items: pg.items.map(viewMember) })
  }
  if ((mm = p.match(/^\/api\/v1\/members\/(\d+)\/reveal$/))) {
    const mem = members.find((x) => x.id === Number(mm[1]))
    const { field } = JSON.parse((await readBody(req)).toString())
    return send(res, 200, { value: mem[field] })
  }
  if ((mm = p.match(/^\/api\/v1\/members\/(\d+)$/))) return send(res, 200, viewMember(members.find((x) => x.id === Number(mm[1]))))
  for (const [name, list] of [['units', units], ['venues', venues], ['people', people]]) {
    if (p === `/api/v1/${name}` && m === 'GET') {
      const q = url.searchParams.get('q')
      return send(res, 200, page(q ? list.filter((x) => x.name.includes(q)) : list, url))
    }
    if ((mm = p.match(new RegExp(`^/api/v1/${name}/(\\d+)$`)))) return send(res, 200, list.find((x) => x.id === Number(mm[1])))
  }
  if ((mm = p.match(/^\/api\/v1\/export\/members$/))) {
    const fmt = url.searchParams.get('format')
    if (fmt === 'xlsx') return send(res, 200, Buffer.from('PK\x03\x04fake'), { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': 'attachment; filename="members.xlsx"' })
    const rows = filterMembers(url).map((x) => [x.name, x.gender === 'male' ? '男' : '女', x.ethnicity, x.birth_date, mask(x.id_number, 4, 4), mask(x.phone, 3, 4), x.education, x.joined_on, x.full_on, x.org_name, '在职'].join(','))
    return send(res, 200, '\uFEFF' + [MEMBER_HEADER.join(','), ...rows].join('\r\n') + '\r\n', { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': "attachment; filename*=UTF-8''members.csv" })
  }
  if ((mm = p.match(/^\/api\/v1\/import\/members$/)) && m === 'POST') {
    const rows = parseCsv((await readBody(req)).toString('utf8'))
    const header = rows.shift()
    const errors = []
    const good = []
    rows.forEach((r, i) => {
      const rec = Object.fromEntries(header.map((h, j) => [h, r[j] || '']))
      const org = orgs.find((o) => o.name === rec['所在党组织'])
      if (!validId(rec['身份证号'])) errors.push({ row: i + 2, column: '身份证号', reason: '校验位错误' })
      if (!org) errors.push({ row: i + 2, column: '所在党组织', reason: '党组织不存在' })
      good.push({ name: rec['姓名'], id_number: rec['身份证号'], phone: rec['手机号'], ethnicity: rec['民族'], education: rec['学历'], joined_on: rec['入党日期'], full_on: rec['转正日期'], org_id: org && org.id, category: CAT[rec['人员类别']] || 'in_service' })
    })
    if (errors.length) return send(res, 422, { ok: false, rows: rows.length, imported: 0, errors })
    if (url.searchParams.get('dry_run') !== '1') good.forEach(addMember)
    return send(res, 200, { ok: true, rows: rows.length, imported: url.searchParams.get('dry_run') === '1' ? 0 : rows.length })
  }
  if (p === '/api/v1/audit') return send(res, 200, { items: [{ id: 1, at: 1700000000, actor: 'admin', action: 'login', object_type: 'session', object_id: '1' }], next_cursor: null })
  return fail(res, 404, 'not_found', '接口不存在')
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' }
// the resident H5 lives at /m/ (web/dist/m/index.html); everything else falls back to the console
const fallback = (pathname) => join(DIST, pathname === '/m' || pathname.startsWith('/m/') ? 'm/index.html' : 'index.html')
http
  .createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x')
    try {
      if (url.pathname.startsWith('/api/')) return await api(req, res, url)
      let file = join(DIST, url.pathname === '/' ? 'index.html' : url.pathname)
      if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = fallback(url.pathname)
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' })
      res.end(readFileSync(file))
    } catch (e) {
      console.error(e)
      fail(res, 500, 'internal', String(e))
    }
  })
  .listen(PORT, '127.0.0.1', () => console.log(`mock jiceng on http://127.0.0.1:${PORT}`))
