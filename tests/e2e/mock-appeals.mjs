// In-memory stand-in for the appeals API (docs/api-appeals.md), used by mock-server.mjs so the
// resident H5 (/m/) and the console's 诉求办理 pages can be worked on without a server build.
// It follows the contract as written; the real server is what the tests run against.
import { randomInt } from 'node:crypto'
import { featureAt } from '../../web/shared/appeals.js'

const LIMIT_SECONDS = { emergency: 2 * 3600, utilities: 24 * 3600, general: 7 * 86400, complex: 15 * 86400 }
const LABEL = {
  submit: '提交诉求',
  accept: '网格受理',
  start: '开始办理',
  resolve: '办结',
  reject: '不予受理',
  escalate: '上报上级',
  callback: '回访',
  close: '关闭',
  reopen: '重新办理',
  merge: '合并',
  rate: '群众评价',
  assign: '转派',
}
const STATUS_ACTIONS = {
  submitted: ['accept', 'reject', 'escalate', 'merge'],
  accepted: ['start', 'escalate', 'merge'],
  in_progress: ['resolve', 'escalate'],
  reopened: ['accept', 'start', 'escalate'],
  resolved: ['callback', 'close', 'reopen'],
  called_back: ['close', 'reopen'],
  closed: [],
  rejected: ['reopen'],
  merged: [],
}
// issue 13: mine (open, assigned to the caller) and open (every open one in the caller's scope)
const QUEUES = {
  mine: (a, now, account) => open(a) && !!a.assignee && a.assignee.id === account.id,
  open: (a) => open(a),
  pending: (a) => a.status === 'submitted' || a.status === 'reopened',
  working: (a) => a.status === 'accepted' || a.status === 'in_progress',
  due_soon: (a, now) => open(a) && dueSoon(a, now),
  overdue: (a, now) => open(a) && a.deadline_at < now,
  closed: (a) => !open(a),
  all: () => true,
}
const TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion']
const INTAKE = ['hotline', 'walk_in', 'patrol', 'enterprise']
const open = (a) => !['resolved', 'called_back', 'closed', 'rejected', 'merged'].includes(a.status)
const dueSoon = (a, now) => a.deadline_at >= now && a.deadline_at - now < Math.max(3600, (a.deadline_at - a.created_at) / 5)
const nowS = () => Math.floor(Date.now() / 1000)
const LEVEL_LABEL = { 1: '网格', 2: '社区（村）', 3: '街道（镇）', 4: '县（区）及部门' }

export const CATEGORIES = [
  { id: 1, parent_id: null, name: '城市管理', level: 1, urgency: 'general', is_dispute: false },
  { id: 11, parent_id: 1, name: '市容环境', level: 2, urgency: 'general', is_dispute: false },
  { id: 111, parent_id: 11, name: '占道经营', level: 3, urgency: 'general', is_dispute: false },
  { id: 112, parent_id: 11, name: '垃圾清运', level: 3, urgency: 'general', is_dispute: false },
  { id: 12, parent_id: 1, name: '市政设施', level: 2, urgency: 'general', is_dispute: false },
  { id: 121, parent_id: 12, name: '路灯损坏', level: 3, urgency: 'utilities', is_dispute: false },
  { id: 122, parent_id: 12, name: '井盖缺失', level: 3, urgency: 'emergency', is_dispute: false },
  { id: 2, parent_id: null, name: '民生服务', level: 1, urgency: 'general', is_dispute: false },
  { id: 21, parent_id: 2, name: '供水供暖', level: 2, urgency: 'utilities', is_dispute: false },
  { id: 211, parent_id: 21, name: '停水', level: 3, urgency: 'utilities', is_dispute: false },
  { id: 212, parent_id: 21, name: '暖气不热', level: 3, urgency: 'utilities', is_dispute: false },
  { id: 22, parent_id: 2, name: '社会保障', level: 2, urgency: 'general', is_dispute: false },
  { id: 3, parent_id: null, name: '矛盾纠纷', level: 1, urgency: 'general', is_dispute: true },
  { id: 31, parent_id: 3, name: '邻里纠纷', level: 2, urgency: 'general', is_dispute: true },
  { id: 311, parent_id: 31, name: '噪音扰民', level: 3, urgency: 'general', is_dispute: true },
  { id: 312, parent_id: 31, name: '物业纠纷', level: 3, urgency: 'complex', is_dispute: true },
]
const catById = new Map(CATEGORIES.map((c) => [c.id, c]))
const selectable = (c) => c && (c.level === 3 || (c.level === 2 && !CATEGORIES.some((x) => x.parent_id === c.id)))

/**
 * makeAppeals({ areas, send, fail, readJson, accounts }) -> { publicApi(req,res,url), staffApi(req,res,url,account), grids }
 * areas: the mock's area list (grids carry geometry); accounts: the mock's accounts ({id, display_name,
 * grid_ids}), the first one working in a grid answers for its appeals (首接负责, issue 13).
 */
export function makeAppeals({ areas, send, fail, readJson, accounts = [] }) {
  const gridAreas = areas.filter((a) => a.kind === 'grid' && a.geometry)
  const parentOf = (a) => areas.find((x) => x.id === a.parent_id)
  const grids = {
    type: 'FeatureCollection',
    features: gridAreas.map((g) => ({
      type: 'Feature',
      id: g.id,
      properties: { id: g.id, name: g.name, community: parentOf(g).name },
      geometry: g.geometry,
    })),
  }
  const appeals = []
  let nextId = 1
  // who may be handed an appeal of a grid: the grid's accounts, and two colleagues of the mock's own
  const assigneesOf = (grid) => [
    ...accounts
      .filter((x) => (x.grid_ids || []).includes(grid.id))
      .map((x) => ({ id: x.id, name: x.display_name, role_label: '网格员', area_name: grid.name })),
    { id: 9000 + grid.id * 2, name: '李协管', role_label: '网格员', area_name: grid.name },
    { id: 9001 + grid.id * 2, name: '赵主任', role_label: '社区（村）书记', area_name: parentOf(grid).name },
  ]
  // the area holding an appeal at its level: the grid, then up the tree
  const holderOf = (a) => {
    let node = gridAreas.find((g) => g.id === a.grid_id)
    for (let l = 1; l < a.level && node && node.parent_id; l++) node = parentOf(node)
    return { level: a.level, level_label: LEVEL_LABEL[a.level], name: node ? node.name : '' }
  }

  const newCode = () => {
    const A = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
    for (;;) {
      let s = ''
      for (let i = 0; i < 10; i++) s += A[randomInt(A.length)]
      if (!appeals.some((a) => a.code === s)) return s
    }
  }

  function validate(b, res, staff) {
    if (!TYPES.includes(b.type)) return fail(res, 400, 'invalid', '请选择反映类型', 'type')
    if (!selectable(catById.get(b.category_id))) return fail(res, 400, 'invalid', '请选择具体的问题分类', 'category_id')
    const d = String(b.description || '').trim()
    if ([...d].length < 5 || [...d].length > 1000) return fail(res, 400, 'invalid', '问题描述应为 5–1000 个字', 'description')
    if (b.address && [...String(b.address)].length > 120) return fail(res, 400, 'invalid', '地址不超过 120 个字', 'address')
    if (b.reporter_name && [...String(b.reporter_name)].length > 30) return fail(res, 400, 'invalid', '姓名不超过 30 个字', 'reporter_name')
    if (b.phone && !/^1[3-9]\d{9}$/.test(b.phone)) return fail(res, 400, 'invalid', '手机号格式不正确', 'phone')
    if (!b.anonymous && !b.phone) return fail(res, 400, 'invalid', '实名反映须填写手机号', 'phone')
    const hasPoint = typeof b.lon === 'number' && typeof b.lat === 'number'
    if (!hasPoint && !String(b.address || '').trim()) return fail(res, 400, 'invalid', '请在地图上选择位置或填写地址', 'address')
    if (hasPoint && !featureAt(grids, b.lon, b.lat)) return fail(res, 400, 'invalid', '位置不在本县范围内', 'lon')
    if (staff && !INTAKE.includes(b.channel)) return fail(res, 400, 'invalid', '请选择诉求来源', 'channel')
    return true
  }

  function create(b, channel, actor) {
    const now = nowS()
    const cat = catById.get(b.category_id)
    const hasPoint = typeof b.lon === 'number' && typeof b.lat === 'number'
    const f = hasPoint ? featureAt(grids, b.lon, b.lat) : null
    const grid = f ? gridAreas.find((g) => g.id === f.properties.id) : gridAreas[0]
    const community = parentOf(grid)
    const urgency = cat.urgency
    const a = {
      id: nextId++,
      code: newCode(),
      type: b.type,
      channel,
      category_id: cat.id,
      category_name: cat.name,
      description: String(b.description).trim(),
      address: b.address ? String(b.address).trim() : null,
      lon: hasPoint ? b.lon : null,
      lat: hasPoint ? b.lat : null,
      grid_id: grid.id,
      grid_name: grid.name,
      community_name: community.name,
      area_id: grid.id,
      area_name: grid.name,
      level: 1,
      status: 'submitted',
      urgency,
      created_at: now,
      deadline_at: now + LIMIT_SECONDS[urgency],
      level_deadline_at: now + Math.min(LIMIT_SECONDS[urgency], 86400),
      reporter_name: b.anonymous ? null : b.reporter_name || null,
      _phone: b.phone || null,
      satisfaction: null,
      merged_into: null,
      assignee: (({ id, name }) => ({ id, name }))(assigneesOf(grid)[0]),
      timeline: [],
    }
    a.timeline.push({ at: now, actor, action: 'submit', label: LABEL.submit, from_status: null, to_status: 'submitted', level: 1, note: null })
    appeals.push(a)
    return a
  }

  const staffView = (a) => {
    const { timeline, _phone, community_name, ...rest } = a
    const now = nowS()
    return {
      ...rest,
      phone: _phone ? _phone.slice(0, 3) + '****' + _phone.slice(7) : null,
      due_soon: open(a) && dueSoon(a, now),
      overdue: open(a) && a.deadline_at < now,
      holder: holderOf(a),
    }
  }
  const staffDetail = (a, account) => ({
    ...staffView(a),
    timeline: a.timeline,
    actions: STATUS_ACTIONS[a.status].filter((x) => !(x === 'escalate' && a.level >= 4) && (account || x)),
  })
  const publicView = (a) => ({
    code: a.code,
    type: a.type,
    category_name: a.category_name,
    description: a.description,
    address: a.address,
    status: a.status,
    created_at: a.created_at,
    deadline_at: a.deadline_at,
    grid_name: a.grid_name,
    community_name: a.community_name,
    can_rate: a.status === 'resolved',
    satisfaction: a.satisfaction,
    // as the server does: the appeal it was merged into, by code
    merged_into: a.merged_into ? (({ code, status }) => ({ code, status }))(appeals.find((x) => x.id === a.merged_into)) : null,
    timeline: a.timeline.map((t) => ({ at: t.at, action: t.action, label: t.label, note: t.note })),
  })

  function step(a, action, to, actor, note) {
    a.timeline.push({ at: nowS(), actor, action, label: LABEL[action], from_status: a.status, to_status: to, level: a.level, note: note || null })
    a.status = to
  }

  async function publicApi(req, res, url) {
    const p = url.pathname
    let m
    if (p === '/api/v1/public/categories' && req.method === 'GET') return send(res, 200, { items: CATEGORIES })
    if (p === '/api/v1/public/grids' && req.method === 'GET') return send(res, 200, grids)
    if (p === '/api/v1/public/appeals' && req.method === 'POST') {
      const b = await readJson(req)
      if (validate(b, res, false) !== true) return
      const a = create(b, 'h5', null)
      return send(res, 201, { code: a.code, status: a.status, deadline_at: a.deadline_at, grid_name: a.grid_name, community_name: a.community_name })
    }
    if ((m = p.match(/^\/api\/v1\/public\/appeals\/([^/]+)$/)) && req.method === 'GET') {
      const a = appeals.find((x) => x.code === decodeURIComponent(m[1]))
      if (!a) return fail(res, 404, 'not_found', '查询码不存在')
      return send(res, 200, publicView(a))
    }
    if ((m = p.match(/^\/api\/v1\/public\/appeals\/([^/]+)\/rating$/)) && req.method === 'POST') {
      const a = appeals.find((x) => x.code === decodeURIComponent(m[1]))
      if (!a) return fail(res, 404, 'not_found', '查询码不存在')
      const b = await readJson(req)
      if (a.status !== 'resolved') return fail(res, 409, 'conflict', '诉求尚未办结，暂不能评价')
      if (!['satisfied', 'basic', 'dissatisfied'].includes(b.satisfaction)) return fail(res, 400, 'invalid', '请选择满意度', 'satisfaction')
      a.satisfaction = b.satisfaction
      const note = b.comment ? String(b.comment) : null
      if (b.satisfaction === 'dissatisfied') step(a, 'reopen', 'reopened', null, note)
      else step(a, 'rate', 'closed', null, note)
      return send(res, 200, publicView(a))
    }
    return fail(res, 404, 'no_route', '接口不存在')
  }

  const visible = (a, account) => account.username === 'admin' || account.grid_ids.includes(a.grid_id)

  async function staffApi(req, res, url, account) {
    const p = url.pathname
    let m
    if (p === '/api/v1/appeals' && req.method === 'GET') {
      const now = nowS()
      const queue = QUEUES[url.searchParams.get('queue') || 'all'] || QUEUES.all
      const byDue = url.searchParams.get('order') === 'due'
      const q = url.searchParams.get('q') || ''
      const type = url.searchParams.get('type')
      const cat = Number(url.searchParams.get('category_id') || 0)
      const list = appeals
        .filter((a) => visible(a, account) && queue(a, now, account))
        .filter((a) => !q || a.code.includes(q.toUpperCase()) || a.description.includes(q) || (a.address || '').includes(q))
        .filter((a) => !type || a.type === type)
        .filter((a) => !cat || a.category_id === cat)
        .sort((x, y) => (byDue ? x.deadline_at - y.deadline_at : 0) || y.id - x.id)
      const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') || 50)))
      const after = Number(url.searchParams.get('after') || 0)
      const items = list.slice(after, after + limit).map(staffView)
      return send(res, 200, {
        items,
        server_time: now,
        next_cursor: after + limit < list.length ? String(after + limit) : null,
        total: after ? null : list.length,
      })
    }
    if (p === '/api/v1/appeals' && req.method === 'POST') {
      const b = await readJson(req)
      if (validate(b, res, true) !== true) return
      return send(res, 201, staffView(create(b, b.channel, account.display_name)))
    }
    if ((m = p.match(/^\/api\/v1\/appeals\/(\d+)$/)) && req.method === 'GET') {
      const a = appeals.find((x) => x.id === Number(m[1]))
      if (!a || !visible(a, account)) return fail(res, 404, 'not_found', '诉求不存在')
      return send(res, 200, staffDetail(a, account))
    }
    if ((m = p.match(/^\/api\/v1\/appeals\/(\d+)\/actions$/)) && req.method === 'POST') {
      const a = appeals.find((x) => x.id === Number(m[1]))
      if (!a || !visible(a, account)) return fail(res, 404, 'not_found', '诉求不存在')
      const b = await readJson(req)
      if (!STATUS_ACTIONS[a.status].includes(b.action)) return fail(res, 409, 'conflict', '当前状态不能执行该操作')
      const who = account.display_name
      switch (b.action) {
        case 'accept':
          step(a, 'accept', 'accepted', who, b.note)
          break
        case 'start':
          step(a, 'start', 'in_progress', who, b.note)
          break
        case 'resolve':
          if (!String(b.note || '').trim()) return fail(res, 400, 'invalid', '请填写办理结果', 'note')
          step(a, 'resolve', 'resolved', who, b.note)
          break
        case 'reject':
          if (!String(b.reason || '').trim()) return fail(res, 400, 'invalid', '请填写不予受理的理由', 'reason')
          step(a, 'reject', 'rejected', who, b.reason)
          break
        case 'escalate':
          a.level = Math.min(4, a.level + 1)
          step(a, 'escalate', a.status, who, b.note)
          break
        case 'callback':
          if (!['satisfied', 'basic', 'dissatisfied'].includes(b.satisfaction)) return fail(res, 400, 'invalid', '请选择回访满意度', 'satisfaction')
          a.satisfaction = b.satisfaction
          step(a, 'callback', b.satisfaction === 'dissatisfied' ? 'reopened' : 'called_back', who, b.note)
          break
        case 'close':
          step(a, 'close', 'closed', who, b.note)
          break
        case 'reopen':
          step(a, 'reopen', 'reopened', who, b.note)
          break
        case 'merge': {
          const into = appeals.find((x) => x.id === Number(b.merge_into))
          if (!into || into.id === a.id) return fail(res, 400, 'invalid', '请选择要合并到的诉求', 'merge_into')
          a.merged_into = into.id
          step(a, 'merge', 'merged', who, `合并到 ${into.code}` + (b.note ? `：${b.note}` : ''))
          break
        }
        default:
          return fail(res, 400, 'invalid', '未知操作', 'action')
      }
      return send(res, 200, staffDetail(a, account))
    }
    if ((m = p.match(/^\/api\/v1\/appeals\/(\d+)\/assignees$/)) && req.method === 'GET') {
      const a = appeals.find((x) => x.id === Number(m[1]))
      if (!a || !visible(a, account)) return fail(res, 404, 'not_found', '诉求不存在')
      return send(res, 200, { items: open(a) ? assigneesOf(gridAreas.find((g) => g.id === a.grid_id)) : [] })
    }
    if ((m = p.match(/^\/api\/v1\/appeals\/(\d+)\/assign$/)) && req.method === 'POST') {
      const a = appeals.find((x) => x.id === Number(m[1]))
      if (!a || !visible(a, account)) return fail(res, 404, 'not_found', '诉求不存在')
      const b = await readJson(req)
      const to = assigneesOf(gridAreas.find((g) => g.id === a.grid_id)).find((x) => x.id === Number(b.account_id))
      if (!to) return fail(res, 400, 'invalid', '只能转派给本网格或本社区的工作人员', 'account_id')
      a.assignee = { id: to.id, name: to.name }
      a.timeline.push({ at: nowS(), actor: account.display_name, action: 'assign', label: LABEL.assign, from_status: a.status, to_status: a.status, level: a.level, note: `转派给${to.name}` })
      return send(res, 200, staffDetail(a, account))
    }
    return fail(res, 404, 'no_route', '接口不存在')
  }

  return { publicApi, staffApi, grids }
}
