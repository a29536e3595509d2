/**
 * Procedural dressing of a campus: what the layout file does not describe but a picture of a
 * data-centre campus needs (ground, access roads, car parks with painted bays, fences, loading
 * docks and their aprons, gravel yards under the plant, rooftop units, overhead lines from the
 * substations to the buildings, trees). Illustrative, not surveyed: a pure function of the layout
 * and a seed, so the same layout and seed always give the same dressing. Nothing it places
 * overlaps a building, a hall or a plant group (yards lie under their plant by design), and
 * everything stays within `bounds`.
 */
import { placeLines, placeTrees } from './dressingNature'
import {
  CLEARANCE_M,
  fits,
  obstaclesOf,
  PAD_MARGIN_M,
  type Placing,
  type PowerLines,
  type Rect,
  type RectSet,
  ROAD_WIDTH_M,
  rectIn,
  rectSet,
  ringOf,
  segmentRect,
  siteExtents,
  type Trees,
} from './dressingShapes'
import { applyInto, type PointXZ, rectCorners, type Transform2 } from './geometry'
import { campusBounds } from './layout/buildLayout'
import type { BoundsXZ, Layout } from './layout/types'

export type { PowerLines, Rect, RectSet, Trees } from './dressingShapes'
export { CLEARANCE_M, FENCE_HEIGHT_M, PAD_MARGIN_M, ROAD_WIDTH_M, siteExtents } from './dressingShapes'

/** The seed the app dresses every layout with. */
export const DEFAULT_DRESSING_SEED = 11

/** Metres of ground around the campus bounds that the dressing covers. */
export const GROUND_MARGIN_M = 170

/** Fence runs: straight segments from (x0, z0) to (x1, z1). */
export interface Segments {
  count: number
  x0: Float32Array
  z0: Float32Array
  x1: Float32Array
  z1: Float32Array
}

/** Loading-dock doors: centre on the wall face, the wall's outward angle, door width and height. */
export interface Doors {
  count: number
  x: Float32Array
  z: Float32Array
  /** Rotation about +y of the wall the door sits on (the door faces the wall's outward normal). */
  angle: Float32Array
  widthM: Float32Array
  heightM: Float32Array
}

/** Boxes on roofs: a footprint (x, z, sx, sz, angle), a height and the roof level they stand on. */
export interface RoofUnits extends RectSet {
  heightM: Float32Array
  baseY: Float32Array
}

/** Everything the dressing adds to a campus. */
export interface Dressing {
  seed: number
  /** The ground the dressing covers: the campus bounds plus GROUND_MARGIN_M. */
  bounds: BoundsXZ
  roads: RectSet
  carParks: RectSet
  /** Painted bay lines, inside the car parks. */
  bays: RectSet
  /** Concrete aprons in front of loading docks. */
  aprons: RectSet
  /** Gravel yards under plant groups, in the order of the phases that build their plant. */
  yards: RectSet
  /** Index of the phase that builds each yard's plant (ascending): a yard appears with its plant. */
  yardPhase: Int32Array
  fences: Segments
  docks: Doors
  rooftop: RoofUnits
  trees: Trees
  lines: PowerLines
}

/** A small seeded generator (mulberry32): uniform numbers in [0, 1). Pure given its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Ring roads around each site's pad, then roads joining the sites (a spanning tree, nearest first). */
function placeRoads(p: Placing): Rect[] {
  const roads: Rect[] = []
  const add = (r: Rect | null) => {
    if (!r || !fits(p, r, true)) return false
    roads.push(r)
    p.paved.push(rectCorners(r, r.sx, r.sz))
    return true
  }
  const w = ROAD_WIDTH_M
  const rings = p.extents.map(ringOf)
  for (const g of rings) {
    const cx = (g.minX + g.maxX) / 2
    const cz = (g.minZ + g.maxZ) / 2
    const lx = g.maxX - g.minX + w
    const lz = g.maxZ - g.minZ - w
    add(rectIn(cx, g.minZ, lx, w))
    add(rectIn(cx, g.maxZ, lx, w))
    add(rectIn(g.minX, cz, w, lz))
    add(rectIn(g.maxX, cz, w, lz))
  }
  // Join the rings: Prim's tree over the gaps between rings, a straight road where two rings
  // face each other, an L where they do not.
  const joined = [0]
  while (joined.length < rings.length) {
    let best: [number, number, number] | null = null
    for (const a of joined)
      for (let b = 0; b < rings.length; b++) {
        if (joined.includes(b)) continue
        const d = gap(rings[a]!, rings[b]!)
        if (!best || d < best[2]) best = [a, b, d]
      }
    if (!best) break
    joined.push(best[1])
    for (const r of connector(rings[best[0]]!, rings[best[1]]!)) add(r)
  }
  // The public road along the south edge of the ground, and a spur to it from the nearest ring.
  const edgeZ = p.bounds.maxZ - 40
  if (add(rectIn((p.bounds.minX + p.bounds.maxX) / 2, edgeZ, p.bounds.maxX - p.bounds.minX - 20, w + 2))) {
    const south = rings.reduce((a, b) => (b.maxZ > a.maxZ ? b : a))
    const x = (south.minX + south.maxX) / 2 + (p.random() - 0.5) * (south.maxX - south.minX) * 0.4
    add(rectIn(x, (south.maxZ + edgeZ) / 2, w, edgeZ - south.maxZ - w - 1))
  }
  return roads
}

function gap(a: BoundsXZ, b: BoundsXZ): number {
  const dx = Math.max(0, a.minX - b.maxX, b.minX - a.maxX)
  const dz = Math.max(0, a.minZ - b.maxZ, b.minZ - a.maxZ)
  return Math.hypot(dx, dz)
}

/** Road rectangles joining ring `a` to ring `b`. */
function connector(a: BoundsXZ, b: BoundsXZ): Rect[] {
  const w = ROAD_WIDTH_M
  const ox0 = Math.max(a.minX, b.minX)
  const ox1 = Math.min(a.maxX, b.maxX)
  const oz0 = Math.max(a.minZ, b.minZ)
  const oz1 = Math.min(a.maxZ, b.maxZ)
  if (ox1 - ox0 > 2 * w) {
    // Facing north-south: a straight road at the middle of the shared x range.
    const [top, bottom] = a.maxZ < b.minZ ? [a.maxZ, b.minZ] : [b.maxZ, a.minZ]
    return bottom - top > w ? [rectIn((ox0 + ox1) / 2, (top + bottom) / 2, w, bottom - top - w)] : []
  }
  if (oz1 - oz0 > 2 * w) {
    const [left, right] = a.maxX < b.minX ? [a.maxX, b.minX] : [b.maxX, a.minX]
    return right - left > w ? [rectIn((left + right) / 2, (oz0 + oz1) / 2, right - left - w, w)] : []
  }
  // An L: along x from a's east/west side at a's middle z, then along z into b.
  const az = (a.minZ + a.maxZ) / 2
  const bx = (b.minX + b.maxX) / 2
  const ax = b.minX > a.maxX ? a.maxX : a.minX
  const bz = b.minZ > a.maxZ ? b.minZ : b.maxZ
  return [
    rectIn((ax + bx) / 2, az, Math.abs(bx - ax) + w, w),
    rectIn(bx, (az + bz) / 2, w, Math.max(1, Math.abs(bz - az) - w)),
  ]
}

/** A car park beside each site, outside its ring road, on the first side (seeded order) where one fits. */
function placeCarParks(p: Placing): { parks: Rect[]; bays: Rect[] } {
  const parks: Rect[] = []
  const bays: Rect[] = []
  for (const extent of p.extents) {
    const g = ringOf(extent)
    const depth = 41
    const off = ROAD_WIDTH_M / 2 + 1 + depth / 2
    const len = (a: number, b: number) => Math.min(140, Math.max(50, (b - a) * 0.45))
    const shift = (a: number, b: number) => (p.random() - 0.5) * (b - a - len(a, b)) * 0.6
    const cx = (g.minX + g.maxX) / 2
    const cz = (g.minZ + g.maxZ) / 2
    const sides: Rect[] = [
      rectIn(cx + shift(g.minX, g.maxX), g.minZ - off, len(g.minX, g.maxX), depth),
      rectIn(cx + shift(g.minX, g.maxX), g.maxZ + off, len(g.minX, g.maxX), depth),
      { ...rectIn(g.minX - off, cz + shift(g.minZ, g.maxZ), len(g.minZ, g.maxZ), depth), angle: Math.PI / 2 },
      { ...rectIn(g.maxX + off, cz + shift(g.minZ, g.maxZ), len(g.minZ, g.maxZ), depth), angle: Math.PI / 2 },
    ]
    const first = Math.floor(p.random() * 4)
    for (let k = 0; k < 4; k++) {
      const r = sides[(first + k) % 4]!
      if (!fits(p, r)) continue
      parks.push(r)
      p.paved.push(rectCorners(r, r.sx, r.sz))
      bays.push(...bayLines(r))
      break
    }
  }
  return { parks, bays }
}

/** Painted lines of a car park: two double rows of 2.6 m bays between three 7 m aisles. */
function bayLines(park: Rect): Rect[] {
  const out: Rect[] = []
  const t: Transform2 = { x: park.x, z: park.z, angle: park.angle }
  const at: PointXZ = { x: 0, z: 0 }
  const line = (lx: number, lz: number, sx: number, sz: number) => {
    applyInto(t, lx, lz, at)
    out.push({ x: at.x, z: at.z, sx, sz, angle: park.angle })
  }
  const usable = park.sx - 4
  const n = Math.floor(usable / 2.6)
  for (const bandZ of [-6.5, 6.5]) {
    // Centre z of each double row (two 5 m bays back to back) across the park's depth.
    line(0, bandZ, n * 2.6, 0.2)
    for (let k = 0; k <= n; k++) line(-usable / 2 + k * 2.6, bandZ, 0.2, 10)
  }
  return out
}

/** Loading docks and their aprons: one row of doors per building, on the first wall (seeded order) with room. */
function placeDocks(p: Placing): { aprons: Rect[]; doors: Rect[]; doorHeights: number[] } {
  const aprons: Rect[] = []
  const doors: Rect[] = []
  const doorHeights: number[] = []
  const at: PointXZ = { x: 0, z: 0 }
  for (const b of p.layout.buildings) {
    const [w, d, h] = b.sizeM
    const t = b.transform
    // Each wall: its centre and outward normal in the building's frame, and its length.
    const walls = [
      { nx: 0, nz: 1, len: w },
      { nx: 0, nz: -1, len: w },
      { nx: 1, nz: 0, len: d },
      { nx: -1, nz: 0, len: d },
    ]
    const first = Math.floor(p.random() * 4)
    for (let k = 0; k < 4; k++) {
      const wall = walls[(first + k) % 4]!
      const width = Math.min(60, wall.len * 0.35)
      const depth = 24
      const along = (p.random() - 0.5) * (wall.len - width) * 0.7
      const half = wall.nx !== 0 ? w / 2 : d / 2
      // The apron starts just past the clearance kept around the building.
      const out0 = half + CLEARANCE_M + 0.2 + depth / 2
      const lx = wall.nx !== 0 ? wall.nx * out0 : along
      const lz = wall.nz !== 0 ? wall.nz * out0 : along
      applyInto(t, lx, lz, at)
      const wallAngle = t.angle + (wall.nx !== 0 ? Math.PI / 2 : 0)
      const apron: Rect = { x: at.x, z: at.z, sx: width, sz: depth, angle: wallAngle }
      if (!fits(p, apron)) continue
      aprons.push(apron)
      p.paved.push(rectCorners(apron, apron.sx, apron.sz))
      const count = Math.floor(width / 6)
      for (let i = 0; i < count; i++) {
        const u = (i - (count - 1) / 2) * 6
        const dx = wall.nx !== 0 ? wall.nx * half : along + u
        const dz = wall.nz !== 0 ? wall.nz * half : along + u
        applyInto(t, dx, dz, at)
        // A door's angle turns its local +z to the wall's outward normal.
        const out = Math.atan2(wall.nx, wall.nz) + t.angle
        doors.push({ x: at.x, z: at.z, sx: 3.6, sz: 0, angle: out })
        doorHeights.push(Math.min(4.5, h * 0.4))
      }
      break
    }
  }
  return { aprons, doors, doorHeights }
}

/** Packaged rooftop units on each roof: a seeded pick of cells of a grid inset from the parapet. */
function placeRooftop(p: Placing): { units: Rect[]; heights: number[]; bases: number[] } {
  const units: Rect[] = []
  const heights: number[] = []
  const bases: number[] = []
  const at: PointXZ = { x: 0, z: 0 }
  for (const b of p.layout.buildings) {
    const [w, d, h] = b.sizeM
    const cell = 24
    const cols = Math.max(1, Math.floor((w - 16) / cell))
    const rows = Math.max(1, Math.floor((d - 16) / cell))
    const want = Math.min(cols * rows, Math.max(4, Math.round((w * d) / 5000)))
    const cells = Array.from({ length: cols * rows }, (_, i) => i)
    for (let k = 0; k < want; k++) {
      const j = k + Math.floor(p.random() * (cells.length - k))
      const c = cells[j]!
      cells[j] = cells[k]!
      cells[k] = c
      const lx = ((c % cols) - (cols - 1) / 2) * cell
      const lz = (Math.floor(c / cols) - (rows - 1) / 2) * cell
      applyInto(b.transform, lx, lz, at)
      const big = p.random() < 0.3
      units.push({ x: at.x, z: at.z, sx: big ? 9 : 5, sz: big ? 4 : 3, angle: b.transform.angle })
      heights.push(big ? 2.6 : 1.8)
      bases.push(h)
    }
  }
  return { units, heights, bases }
}

/** Gravel yards under each plant group (its footprint plus a 4 m margin), ordered by the phase of their plant. */
function placeYards(layout: Layout): { yards: Rect[]; phases: number[] } {
  const rects = obstaclesOf(layout, 0, 4).plant
  // obstaclesOf lists plant in layout order: one rectangle per infrastructure group.
  const order = rects
    .map((_, k) => k)
    .sort((a, b) => layout.infrastructure[a]!.phase - layout.infrastructure[b]!.phase)
  return { yards: order.map((k) => rects[k]!), phases: order.map((k) => layout.infrastructure[k]!.phase) }
}

/** A site's fence along its pad edge: four sides, each with a 14 m gate at its middle. */
function placeFences(p: Placing): Segments {
  const segs: [number, number, number, number][] = []
  for (const b of p.extents) {
    const o = PAD_MARGIN_M - 1
    const x0 = b.minX - o
    const x1 = b.maxX + o
    const z0 = b.minZ - o
    const z1 = b.maxZ + o
    const mx = (x0 + x1) / 2
    const mz = (z0 + z1) / 2
    const g = 7
    for (const z of [z0, z1]) segs.push([x0, z, mx - g, z], [mx + g, z, x1, z])
    for (const x of [x0, x1]) segs.push([x, z0, x, mz - g], [x, mz + g, x, z1])
  }
  const kept = segs.filter(([a, b, c, d]) => fits(p, segmentRect(a, b, c, d, 0.3), true))
  const pick = (k: number) => Float32Array.from(kept, (s) => s[k]!)
  return { count: kept.length, x0: pick(0), z0: pick(1), x1: pick(2), z1: pick(3) }
}

/** The dressing of `layout` for `seed`: deterministic, clear of buildings and plant, within its bounds. */
export function createDressing(layout: Layout, seed = DEFAULT_DRESSING_SEED): Dressing {
  const c = campusBounds(layout)
  const bounds: BoundsXZ = {
    minX: c.minX - GROUND_MARGIN_M,
    maxX: c.maxX + GROUND_MARGIN_M,
    minZ: c.minZ - GROUND_MARGIN_M,
    maxZ: c.maxZ + GROUND_MARGIN_M,
  }
  const obstacles = obstaclesOf(layout, CLEARANCE_M, 0)
  const p: Placing = {
    layout,
    random: seededRandom(seed),
    bounds,
    obstacles: obstacles.all.map((r) => rectCorners(r, r.sx, r.sz)),
    paved: [],
    extents: siteExtents(layout),
  }
  const roads = placeRoads(p)
  const { parks, bays } = placeCarParks(p)
  const { aprons, doors, doorHeights } = placeDocks(p)
  const { units, heights, bases } = placeRooftop(p)
  const fences = placeFences(p)
  const trees = placeTrees(p, roads)
  const lines = placeLines(p)
  const yards = placeYards(layout)
  const docks: Doors = {
    ...pickDoors(doors),
    heightM: Float32Array.from(doorHeights),
  }
  return {
    seed,
    bounds,
    roads: rectSet(roads),
    carParks: rectSet(parks),
    bays: rectSet(bays),
    aprons: rectSet(aprons),
    yards: rectSet(yards.yards),
    yardPhase: Int32Array.from(yards.phases),
    fences,
    docks,
    rooftop: { ...rectSet(units), heightM: Float32Array.from(heights), baseY: Float32Array.from(bases) },
    trees,
    lines,
  }
}

function pickDoors(doors: Rect[]): Omit<Doors, 'heightM'> {
  return {
    count: doors.length,
    x: Float32Array.from(doors, (d) => d.x),
    z: Float32Array.from(doors, (d) => d.z),
    angle: Float32Array.from(doors, (d) => d.angle),
    widthM: Float32Array.from(doors, (d) => d.sx),
  }
}
