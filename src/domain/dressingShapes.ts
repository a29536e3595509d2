/**
 * Shapes and shared rules of the procedural dressing (domain/dressing.ts): oriented rectangles,
 * the obstacles the dressing keeps clear of, and the overlap test every placement passes.
 */
import { UNIT_SPACING, unitGrid } from './campus'
import { quadsOverlap, rectCorners } from './geometry'
import type { BoundsXZ, Layout } from './layout/types'

/** How far a site's yard (its pad) reaches past its bounds, metres (as the campus shell draws it). */
export const PAD_MARGIN_M = 30
/** Width of an access road, metres. */
export const ROAD_WIDTH_M = 8
/** Height of a fence, metres. */
export const FENCE_HEIGHT_M = 2.4
/** Clearance kept between dressing and buildings or plant, metres. */
export const CLEARANCE_M = 2

/** A centred rectangle on the ground: centre (x, z), size sx × sz, rotation about +y. */
export interface Rect {
  x: number
  z: number
  sx: number
  sz: number
  angle: number
}

/** Rectangles as a struct of arrays. */
export interface RectSet {
  count: number
  x: Float32Array
  z: Float32Array
  sx: Float32Array
  sz: Float32Array
  angle: Float32Array
}

/** Trees: position, height, crown radius, shape (0 conifer, 1 broadleaf) and tone (0..1). */
export interface Trees {
  count: number
  x: Float32Array
  z: Float32Array
  heightM: Float32Array
  radiusM: Float32Array
  shape: Uint8Array
  tone: Float32Array
}

/** Overhead lines: spans between supports (x, y, z) at both ends; free-standing pylons. */
export interface PowerLines {
  /** Spans as [x0, y0, z0, x1, y1, z1] each. */
  spans: Float32Array
  spanCount: number
  /** Pylons on the ground: position and height. */
  pylons: { count: number; x: Float32Array; z: Float32Array; heightM: Float32Array }
}

/** What is placed so far, for the overlap tests of what comes next. */
export interface Placing {
  layout: Layout
  random: () => number
  bounds: BoundsXZ
  /** Buildings, halls and plant groups, grown by CLEARANCE_M (corner lists). */
  obstacles: number[][]
  /** Roads, car parks and aprons placed so far (corner lists). */
  paved: number[][]
  /** Each site's extent (see siteExtents), by site index. */
  extents: BoundsXZ[]
}

/** An axis-aligned rectangle centred on (x, z). */
export const rectIn = (x: number, z: number, sx: number, sz: number): Rect => ({ x, z, sx, sz, angle: 0 })

/** The thin rectangle covering the segment (x0, z0)–(x1, z1), `widthM` wide. */
export function segmentRect(x0: number, z0: number, x1: number, z1: number, widthM: number): Rect {
  const len = Math.hypot(x1 - x0, z1 - z0)
  // A rectangle's local +x maps to (cos a, -sin a) (rotation about +y).
  return { x: (x0 + x1) / 2, z: (z0 + z1) / 2, sx: len, sz: widthM, angle: Math.atan2(-(z1 - z0), x1 - x0) }
}

/** A list of rectangles as a RectSet. */
export function rectSet(list: readonly Rect[]): RectSet {
  const pick = (k: keyof Rect) => Float32Array.from(list, (r) => r[k])
  return {
    count: list.length,
    x: pick('x'),
    z: pick('z'),
    sx: pick('sx'),
    sz: pick('sz'),
    angle: pick('angle'),
  }
}

/**
 * Footprints the dressing keeps clear of: buildings, halls and plant groups (the rectangle
 * holding all of a group's units), each grown by `growM`; plant grown by `plantMarginM` more.
 */
export function obstaclesOf(
  layout: Layout,
  growM: number,
  plantMarginM: number,
): { all: Rect[]; plant: Rect[] } {
  const all: Rect[] = []
  for (const b of layout.buildings)
    all.push({ ...b.transform, sx: b.sizeM[0] + 2 * growM, sz: b.sizeM[1] + 2 * growM })
  for (const h of layout.halls)
    all.push({ ...h.transform, sx: h.sizeM[0] + 2 * growM, sz: h.sizeM[1] + 2 * growM })
  const plant: Rect[] = []
  for (const inf of layout.infrastructure) {
    // The unit grid of domain/campus.ts unitPlacements: cols × rows, centred on the group.
    const [len, wid, spx, spz] = UNIT_SPACING[inf.kind]
    const { cols, rows } = unitGrid(inf)
    const g = growM + plantMarginM
    plant.push({ ...inf.transform, sx: (cols - 1) * spx + len + 2 * g, sz: (rows - 1) * spz + wid + 2 * g })
  }
  all.push(...plant)
  return {
    all: all.map(({ x, z, sx, sz, angle }) => ({ x, z, sx, sz, angle })),
    plant: plant.map(({ x, z, sx, sz, angle }) => ({ x, z, sx, sz, angle })),
  }
}

/** The axis-aligned box around a corner list: [minX, maxX, minZ, maxZ]. */
function aabb(c: number[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, -Infinity, Infinity, -Infinity]
  for (let i = 0; i < c.length; i += 2) {
    box[0] = Math.min(box[0], c[i]!)
    box[1] = Math.max(box[1], c[i]!)
    box[2] = Math.min(box[2], c[i + 1]!)
    box[3] = Math.max(box[3], c[i + 1]!)
  }
  return box
}

/** Whether the axis-aligned boxes around two corner lists are apart (a cheap test before the exact one). */
function boxesApart(a: number[], b: number[]): boolean {
  const [ax0, ax1, az0, az1] = aabb(a)
  const [bx0, bx1, bz0, bz1] = aabb(b)
  return ax1 <= bx0 || bx1 <= ax0 || az1 <= bz0 || bz1 <= az0
}

/**
 * Each site's extent: its bounds grown to hold every unit of its plant (a group's units may
 * reach past the bounds the layout engine gives a site). Yards, fences and ring roads go around it.
 */
export function siteExtents(layout: Layout): BoundsXZ[] {
  const out = layout.sites.map((s) => ({ ...s.bounds }))
  const plant = obstaclesOf(layout, 0, 0).plant
  layout.infrastructure.forEach((inf, i) => {
    const b = out[inf.site]
    const r = plant[i]
    if (!b || !r) return
    const c = rectCorners(r, r.sx, r.sz)
    for (let k = 0; k < c.length; k += 2) {
      b.minX = Math.min(b.minX, c[k]!)
      b.maxX = Math.max(b.maxX, c[k]!)
      b.minZ = Math.min(b.minZ, c[k + 1]!)
      b.maxZ = Math.max(b.maxZ, c[k + 1]!)
    }
  })
  return out
}

/** True when the quad `corners` overlaps any quad of `list`. */
export const overlapsAny = (corners: number[], list: number[][]): boolean =>
  list.some((o) => !boxesApart(corners, o) && quadsOverlap(corners, o))

/** True when every corner lies within `b`. */
export function cornersWithin(c: number[], b: BoundsXZ): boolean {
  for (let i = 0; i < c.length; i += 2)
    if (c[i]! < b.minX || c[i]! > b.maxX || c[i + 1]! < b.minZ || c[i + 1]! > b.maxZ) return false
  return true
}

/** True when `r` lies within the bounds, clear of every obstacle and (unless `mayTouchPaving`) of paving. */
export function fits(p: Placing, r: Rect, mayTouchPaving = false): boolean {
  const c = rectCorners(r, r.sx, r.sz)
  return (
    cornersWithin(c, p.bounds) && !overlapsAny(c, p.obstacles) && (mayTouchPaving || !overlapsAny(c, p.paved))
  )
}

/** The frame a site's ring road runs along (its centre line): the pad grown by half a road and a metre. */
export function ringOf(b: BoundsXZ): BoundsXZ {
  const o = PAD_MARGIN_M + ROAD_WIDTH_M / 2 + 1
  return { minX: b.minX - o, maxX: b.maxX + o, minZ: b.minZ - o, maxZ: b.maxZ + o }
}
