// What the resident map knows about the grid GeoJSON (GET /api/v1/public/grids): each grid's box
// and a point inside it, the communities (and villages) as groups of grids, and a search over
// community, compound (小区) and grid names.
import { featureAt } from '@shared/appeals.js'

function rings(geometry) {
  if (!geometry) return []
  if (geometry.type === 'Polygon') return [geometry.coordinates[0]]
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((p) => p[0])
  return []
}

/** [minLon, minLat, maxLon, maxLat] of some features */
export function bboxOf(features) {
  const b = [Infinity, Infinity, -Infinity, -Infinity]
  for (const f of features) {
    for (const ring of rings(f.geometry)) {
      for (const [x, y] of ring) {
        if (x < b[0]) b[0] = x
        if (y < b[1]) b[1] = y
        if (x > b[2]) b[2] = x
        if (y > b[3]) b[3] = y
      }
    }
  }
  return b
}

// A point inside the grid for its label and for a pick made by search: the vertex average when it
// falls inside (squares, most real grids), else the first inside point of a 7×7 sweep of the box.
export function insidePoint(f) {
  const fc = { features: [f] }
  const ring = rings(f.geometry)[0] || []
  const pts = ring.length > 1 ? ring.slice(0, -1) : ring
  if (pts.length) {
    const c = [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length]
    if (featureAt(fc, c[0], c[1])) return c
  }
  const [x0, y0, x1, y1] = bboxOf([f])
  const steps = 7
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const p = [x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * j) / steps]
      if (featureAt(fc, p[0], p[1])) return p
    }
  }
  return pts[0] || [x0, y0]
}

/**
 * Communities (and villages) as groups of grids: [{name, features, labelAt}], the label on the
 * grid nearest the group's middle (a community's grids need not touch).
 */
export function communitiesOf(features) {
  const byName = new Map()
  for (const f of features) {
    const name = f.properties.community || ''
    if (!byName.has(name)) byName.set(name, [])
    byName.get(name).push(f)
  }
  const out = []
  for (const [name, list] of byName) {
    if (!name) continue
    const points = list.map((f) => f.properties.jc_point)
    const mid = [
      points.reduce((s, p) => s + p[0], 0) / points.length,
      points.reduce((s, p) => s + p[1], 0) / points.length,
    ]
    let best = points[0]
    let bestD = Infinity
    for (const p of points) {
      const d = (p[0] - mid[0]) ** 2 + (p[1] - mid[1]) ** 2
      if (d < bestD) {
        bestD = d
        best = p
      }
    }
    out.push({ name, features: list, labelAt: best })
  }
  return out
}

/** A grid's own part of its name: "金河社区第2网格" -> "第2网格". */
export function shortGridName(f) {
  const { name = '', community = '' } = f.properties
  return community && name.startsWith(community) && name.length > community.length ? name.slice(community.length) : name
}

const KIND_LABEL = { community: '社区/村', compound: '小区', grid: '网格' }

/**
 * Places whose name contains the query, communities first, then compounds, then grids:
 * [{kind, kindLabel, name, detail, features, grid}] (grid: the one feature for a compound or grid).
 */
export function searchPlaces(query, features, communities, limit = 8) {
  const q = String(query || '')
    .trim()
    .toLowerCase()
  if (!q) return []
  const out = []
  for (const c of communities) {
    if (c.name.toLowerCase().includes(q))
      out.push({
        kind: 'community',
        name: c.name,
        detail: `${c.features.length} 个网格`,
        features: c.features,
        grid: null,
      })
  }
  for (const f of features) {
    for (const name of f.properties.compounds || []) {
      if (name.toLowerCase().includes(q))
        out.push({ kind: 'compound', name, detail: f.properties.name, features: [f], grid: f })
    }
  }
  for (const f of features) {
    if (
      String(f.properties.name || '')
        .toLowerCase()
        .includes(q)
    ) {
      out.push({ kind: 'grid', name: f.properties.name, detail: f.properties.community || '', features: [f], grid: f })
    }
  }
  return out.slice(0, limit).map((p) => ({ ...p, kindLabel: KIND_LABEL[p.kind] }))
}
