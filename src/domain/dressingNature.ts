/**
 * Trees and overhead lines of the procedural dressing (see domain/dressing.ts). Pure: numbers
 * from the layout and the seeded generator in `Placing`.
 */
import { unitPlacements } from './campus'
import {
  fits,
  PAD_MARGIN_M,
  type Placing,
  type PowerLines,
  type Rect,
  rectIn,
  segmentRect,
  type Trees,
} from './dressingShapes'
import { applyInto, type PointXZ, quadsOverlap, rectCorners } from './geometry'

/** At most this many trees: each costs a handful of triangles in every view of the campus. */
export const MAX_TREES = 300
/** Height of a free-standing line pylon, metres. */
export const PYLON_HEIGHT_M = 20

/** Site pads grown by `m`: no tree stands on a yard. */
const padCorners = (p: Placing, m: number): number[][] =>
  p.extents.map((b) => {
    const g = PAD_MARGIN_M + m
    const r = rectIn(
      (b.minX + b.maxX) / 2,
      (b.minZ + b.maxZ) / 2,
      b.maxX - b.minX + 2 * g,
      b.maxZ - b.minZ + 2 * g,
    )
    return rectCorners(r, r.sx, r.sz)
  })

/** Street trees along the roads, then seeded clumps on open ground; never on roads, yards, buildings or plant. */
export function placeTrees(p: Placing, roads: readonly Rect[]): Trees {
  const pads = padCorners(p, 2)
  const placed: { x: number; z: number; h: number; r: number; shape: number; tone: number }[] = []
  const tryTree = (x: number, z: number, shapeBias: number, cap: number) => {
    if (placed.length >= cap) return
    // Crowns of mature trees: 7 to 13 m across.
    const r = 3.5 + p.random() * 3
    const spot: Rect = rectIn(x, z, 2 * r, 2 * r)
    if (!fits(p, spot)) return
    const c = rectCorners(spot, spot.sx, spot.sz)
    if (pads.some((o) => quadsOverlap(c, o))) return
    for (const t of placed) if (Math.hypot(t.x - x, t.z - z) < t.r + r) return
    const shape = p.random() < shapeBias ? 0 : 1
    placed.push({ x, z, r, h: (shape === 0 ? 2.6 : 1.7) * r + p.random() * 3, shape, tone: p.random() })
  }
  // Along each road, both sides, every 18 m or so.
  const at: PointXZ = { x: 0, z: 0 }
  for (const road of roads) {
    const long = Math.max(road.sx, road.sz)
    const alongX = road.sx >= road.sz
    for (let u = -long / 2 + 8; u < long / 2 - 8; u += 24 + p.random() * 12)
      for (const side of [-1, 1]) {
        const off = side * (Math.min(road.sx, road.sz) / 2 + 8)
        applyInto(road, alongX ? u : off, alongX ? off : u, at)
        // Street trees take at most half the trees: the rest stand in clumps.
        tryTree(at.x, at.z, 0.2, MAX_TREES / 2)
      }
  }
  // Clumps on open ground.
  const b = p.bounds
  for (let k = 0; k < 90 && placed.length < MAX_TREES; k++) {
    const cx = b.minX + p.random() * (b.maxX - b.minX)
    const cz = b.minZ + p.random() * (b.maxZ - b.minZ)
    const n = 3 + Math.floor(p.random() * 8)
    for (let i = 0; i < n; i++) {
      const a = p.random() * Math.PI * 2
      const d = Math.sqrt(p.random()) * 34
      tryTree(cx + Math.cos(a) * d, cz + Math.sin(a) * d, 0.5, MAX_TREES)
    }
  }
  const pick = (f: (t: (typeof placed)[number]) => number) => Float32Array.from(placed, f)
  return {
    count: placed.length,
    x: pick((t) => t.x),
    z: pick((t) => t.z),
    heightM: pick((t) => t.h),
    radiusM: pick((t) => t.r),
    shape: Uint8Array.from(placed, (t) => t.shape),
    tone: pick((t) => t.tone),
  }
}

/** Where the lines leave a substation unit: its gantry (see gpu/plantGeometry), local (-8, 6), 13 m up. */
const GANTRY = { x: -8, z: 6, y: 13 }

/**
 * Overhead lines: from each substation's gantry to the nearest wall of its site's nearest
 * building, and a grid feed from the gantry to the edge of the ground on pylons every ~60 m,
 * along the first straight corridor clear of other sites and of other buildings and plant.
 */
export function placeLines(p: Placing): PowerLines {
  const spans: number[] = []
  const pylons: { x: number; z: number }[] = []
  const gantry: PointXZ = { x: 0, z: 0 }
  for (const inf of p.layout.infrastructure) {
    if (inf.kind !== 'substation') continue
    for (const u of unitPlacements(inf)) {
      applyInto({ x: u.x, z: u.z, angle: u.rotY }, GANTRY.x, GANTRY.z, gantry)
      const wall = nearestWall(p, inf.site, gantry)
      if (wall) spans.push(gantry.x, GANTRY.y, gantry.z, wall.x, wall.y, wall.z)
      feed(p, inf.site, { x: gantry.x, z: gantry.z }, spans, pylons)
    }
  }
  return {
    spans: Float32Array.from(spans),
    spanCount: spans.length / 6,
    pylons: {
      count: pylons.length,
      x: Float32Array.from(pylons, (q) => q.x),
      z: Float32Array.from(pylons, (q) => q.z),
      heightM: Float32Array.from(pylons, () => PYLON_HEIGHT_M),
    },
  }
}

/** The point on the walls of site `site`'s buildings nearest `from`, just below the parapet. */
function nearestWall(p: Placing, site: number, from: PointXZ): { x: number; y: number; z: number } | null {
  let best: { x: number; y: number; z: number; d: number } | null = null
  const local: PointXZ = { x: 0, z: 0 }
  const out: PointXZ = { x: 0, z: 0 }
  for (const b of p.layout.buildings) {
    if (b.site !== site) continue
    const t = b.transform
    // Into the building's frame (inverse rotation), clamp onto the footprint, push to the nearest edge.
    const dx = from.x - t.x
    const dz = from.z - t.z
    const c = Math.cos(t.angle)
    const s = Math.sin(t.angle)
    local.x = c * dx - s * dz
    local.z = s * dx + c * dz
    const hw = b.sizeM[0] / 2
    const hd = b.sizeM[1] / 2
    let lx = Math.max(-hw, Math.min(hw, local.x))
    let lz = Math.max(-hd, Math.min(hd, local.z))
    if (Math.abs(lx) < hw && Math.abs(lz) < hd) {
      if (hw - Math.abs(lx) < hd - Math.abs(lz)) lx = Math.sign(lx || 1) * hw
      else lz = Math.sign(lz || 1) * hd
    }
    applyInto(t, lx, lz, out)
    const d = Math.hypot(out.x - from.x, out.z - from.z)
    if (!best || d < best.d) best = { x: out.x, z: out.z, y: Math.max(4, b.sizeM[2] - 1.5), d }
  }
  return best
}

/** The grid feed of a substation gantry at `from`: spans and pylons out to the edge of the ground. */
function feed(p: Placing, site: number, from: PointXZ, spans: number[], pylons: PointXZ[]): void {
  const b = p.bounds
  const edge = 15
  const ends: PointXZ[] = [
    { x: from.x, z: b.minZ + edge },
    { x: b.maxX - edge, z: from.z },
    { x: from.x, z: b.maxZ - edge },
    { x: b.minX + edge, z: from.z },
  ]
  // Start with the direction away from the site's centre.
  const s = p.extents[site]!
  const awayX = from.x - (s.minX + s.maxX) / 2
  const awayZ = from.z - (s.minZ + s.maxZ) / 2
  const first = Math.abs(awayX) > Math.abs(awayZ) ? (awayX > 0 ? 1 : 3) : awayZ > 0 ? 2 : 0
  const others = padCorners(p, 0).filter((_, i) => i !== site)
  for (let k = 0; k < 4; k++) {
    const end = ends[(first + k) % 4]!
    // The corridor starts 20 m out, past the substation's own yard.
    const len = Math.hypot(end.x - from.x, end.z - from.z)
    if (len < 80) continue
    const ux = (end.x - from.x) / len
    const uz = (end.z - from.z) / len
    const corridor = segmentRect(from.x + ux * 20, from.z + uz * 20, end.x, end.z, 12)
    const c = rectCorners(corridor, corridor.sx, corridor.sz)
    if (others.some((o) => quadsOverlap(c, o)) || p.obstacles.some((o) => quadsOverlap(c, o))) continue
    let prev = { x: from.x, y: 13, z: from.z }
    const n = Math.ceil(len / 60)
    for (let i = 1; i <= n; i++) {
      const q = { x: from.x + ((end.x - from.x) * i) / n, z: from.z + ((end.z - from.z) * i) / n }
      if (!fits(p, rectIn(q.x, q.z, 4, 4))) continue
      pylons.push(q)
      spans.push(prev.x, prev.y, prev.z, q.x, PYLON_HEIGHT_M - 1, q.z)
      prev = { x: q.x, y: PYLON_HEIGHT_M - 1, z: q.z }
    }
    return
  }
}
