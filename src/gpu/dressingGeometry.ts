/**
 * Merged geometries of the procedural dressing (domain/dressing.ts): flat-shaded, vertex-coloured
 * triangles, so each group of dressing costs one draw call whatever its size.
 */
import { BufferGeometry, Color, ConeGeometry, Float32BufferAttribute } from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'
import type { Dressing, RectSet } from '../domain/dressing'
import { FENCE_HEIGHT_M } from '../domain/dressing'
import { rectCorners } from '../domain/geometry'

/** Colours of the dressing (sRGB): calm and desaturated, so the racks stay the most saturated thing. */
export const DRESSING_COLORS = {
  grass: '#687d55',
  grassDry: '#808a64',
  earth: '#8d846f',
  edge: '#1a222c',
  asphalt: '#4a4d52',
  carPark: '#55585c',
  paint: '#d9d8d2',
  concrete: '#b3b1ab',
  gravel: '#aaa69d',
  fence: '#70767b',
  door: '#3d434a',
  pylon: '#8d949c',
  rooftop: '#c3c6c8',
  rooftopFans: '#7d8287',
} as const

/** Triangles with a normal and a colour per vertex, flat shaded. */
class TriangleSoup {
  readonly position: number[] = []
  readonly normal: number[] = []
  readonly color: number[] = []
  private readonly c = new Color()

  /**
   * A quad a-b-c-d (3 numbers each), wound to face `facing` (dot of its normal with it > 0), in
   * one colour or one per corner (in the order a, b, c, d).
   */
  quad(
    a: number[],
    b: number[],
    c: number[],
    d: number[],
    facing: number[],
    color: string | Color | Color[],
  ): void {
    const col = typeof color === 'string' ? this.c.set(color) : color
    const ux = b[0]! - a[0]!
    const uy = b[1]! - a[1]!
    const uz = b[2]! - a[2]!
    const vx = c[0]! - a[0]!
    const vy = c[1]! - a[1]!
    const vz = c[2]! - a[2]!
    let nx = uy * vz - uz * vy
    let ny = uz * vx - ux * vz
    let nz = ux * vy - uy * vx
    const len = Math.hypot(nx, ny, nz) || 1
    const flip = nx * facing[0]! + ny * facing[1]! + nz * facing[2]! < 0
    const s = flip ? -1 / len : 1 / len
    nx *= s
    ny *= s
    nz *= s
    const order = flip ? [0, 2, 1, 0, 3, 2] : [0, 1, 2, 0, 2, 3]
    const corners = [a, b, c, d]
    for (const k of order) {
      const p = corners[k]!
      const ck = Array.isArray(col) ? col[k]! : col
      this.position.push(p[0]!, p[1]!, p[2]!)
      this.normal.push(nx, ny, nz)
      this.color.push(ck.r, ck.g, ck.b)
    }
  }

  /** The rectangles of `set` lying flat at height `y`, facing up. */
  rects(set: RectSet, y: number, color: string): void {
    for (let i = 0; i < set.count; i++) {
      const r = { x: set.x[i]!, z: set.z[i]!, angle: set.angle[i]! }
      const c = rectCorners(r, set.sx[i]!, set.sz[i]!)
      const p = (k: number) => [c[k * 2]!, y, c[k * 2 + 1]!]
      this.quad(p(0), p(1), p(2), p(3), UP, color)
    }
  }

  /** A box without its bottom: centre (x, z) on the ground at `y0`, size sx × sy × sz, turned by `angle`. */
  box(
    x: number,
    y0: number,
    z: number,
    sx: number,
    sy: number,
    sz: number,
    angle: number,
    side: string,
    top = side,
  ): void {
    const c = rectCorners({ x, z, angle }, sx, sz)
    const lo = (k: number) => [c[k * 2]!, y0, c[k * 2 + 1]!]
    const hi = (k: number) => [c[k * 2]!, y0 + sy, c[k * 2 + 1]!]
    this.quad(hi(0), hi(1), hi(2), hi(3), UP, top)
    for (let k = 0; k < 4; k++) {
      const n = (k + 1) % 4
      const out = [(c[k * 2]! + c[n * 2]!) / 2 - x, 0, (c[k * 2 + 1]! + c[n * 2 + 1]!) / 2 - z]
      this.quad(lo(k), lo(n), hi(n), hi(k), out, side)
    }
  }

  geometry(): BufferGeometry {
    const g = new BufferGeometry()
    g.setAttribute('position', new Float32BufferAttribute(this.position, 3))
    g.setAttribute('normal', new Float32BufferAttribute(this.normal, 3))
    g.setAttribute('color', new Float32BufferAttribute(this.color, 3))
    g.computeBoundingBox()
    g.computeBoundingSphere()
    return g
  }
}

const UP = [0, 1, 0]

/** A smooth seeded value in [0, 1) at (x, z): sums of sines, cheap and repeatable. */
const noise = (x: number, z: number, seed: number): number => {
  const v =
    Math.sin(x * 0.013 + seed) * Math.cos(z * 0.011 - seed * 0.7) +
    0.5 * Math.sin(x * 0.041 - z * 0.037 + seed * 1.3) +
    0.25 * Math.sin(x * 0.11 + z * 0.093)
  return Math.min(0.999, Math.max(0, 0.5 + v * 0.35))
}

/** Cells a side of the ground grid: enough for the colour to vary and the edge to fade. */
const GROUND_CELLS = 24

/** Heights of the flat layers above the ground, metres: far enough apart not to fight in depth. */
export const LAYER_Y = {
  ground: -0.25,
  road: 0.05,
  carPark: 0.05,
  yard: 0.1,
  apron: 0.12,
  paint: 0.16,
} as const

/** The ground (grass and earth fading to the background at its edge) and everything flat on it. */
export function groundGeometry(d: Dressing): BufferGeometry {
  const soup = new TriangleSoup()
  const b = d.bounds
  const n = GROUND_CELLS
  const grass = new Color(DRESSING_COLORS.grass)
  const dry = new Color(DRESSING_COLORS.grassDry)
  const earth = new Color(DRESSING_COLORS.earth)
  const edge = new Color(DRESSING_COLORS.edge)
  const colors: Color[] = []
  const points: number[][] = []
  for (let j = 0; j <= n; j++)
    for (let i = 0; i <= n; i++) {
      const x = b.minX + ((b.maxX - b.minX) * i) / n
      const z = b.minZ + ((b.maxZ - b.minZ) * j) / n
      const t = noise(x, z, d.seed)
      const c = t < 0.5 ? grass.clone().lerp(dry, t * 2) : dry.clone().lerp(earth, (t - 0.5) * 1.2)
      // Fade to the background over the outer two cells: no hard edge against the grid.
      const ring = Math.min(i, j, n - i, n - j)
      if (ring < 2) c.lerp(edge, ring === 0 ? 1 : 0.55)
      colors.push(c)
      points.push([x, LAYER_Y.ground, z])
    }
  const at = (i: number, j: number) => j * (n + 1) + i
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      // Colours blend smoothly between the grid's vertices.
      const k = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)]
      const p = (q: number) => points[k[q]!]!
      soup.quad(
        p(0),
        p(1),
        p(2),
        p(3),
        UP,
        k.map((q) => colors[q]!),
      )
    }
  soup.rects(d.roads, LAYER_Y.road, DRESSING_COLORS.asphalt)
  soup.rects(d.carParks, LAYER_Y.carPark, DRESSING_COLORS.carPark)
  soup.rects(d.aprons, LAYER_Y.apron, DRESSING_COLORS.concrete)
  soup.rects(d.bays, LAYER_Y.paint, DRESSING_COLORS.paint)
  return soup.geometry()
}

/**
 * The gravel yards under the plant, in phase order (as `d.yards`), and how many of the
 * geometry's vertices draw the yards standing at each phase: a yard shows with its plant.
 */
export function yardGeometry(
  d: Dressing,
  phases: number,
): { geometry: BufferGeometry; countAtPhase: Uint32Array } {
  const soup = new TriangleSoup()
  soup.rects(d.yards, LAYER_Y.yard, DRESSING_COLORS.gravel)
  const geometry = soup.geometry()
  const perYard = d.yards.count ? geometry.getAttribute('position').count / d.yards.count : 0
  const countAtPhase = new Uint32Array(phases)
  for (let p = 0; p < phases; p++) {
    let n = 0
    while (n < d.yards.count && d.yardPhase[n]! <= p) n++
    countAtPhase[p] = n * perYard
  }
  return { geometry, countAtPhase }
}

/** Fences, loading-dock doors and line pylons: the dressing's upright parts. */
export function structureGeometry(d: Dressing): BufferGeometry {
  const soup = new TriangleSoup()
  const f = d.fences
  for (let i = 0; i < f.count; i++) {
    const a0 = [f.x0[i]!, 0, f.z0[i]!]
    const a1 = [f.x1[i]!, 0, f.z1[i]!]
    const b0 = [f.x0[i]!, FENCE_HEIGHT_M, f.z0[i]!]
    const b1 = [f.x1[i]!, FENCE_HEIGHT_M, f.z1[i]!]
    const nx = -(f.z1[i]! - f.z0[i]!)
    const nz = f.x1[i]! - f.x0[i]!
    // Both faces: a fence is seen from either side.
    soup.quad(a0, a1, b1, b0, [nx, 0, nz], DRESSING_COLORS.fence)
    soup.quad(a0, a1, b1, b0, [-nx, 0, -nz], DRESSING_COLORS.fence)
  }
  const k = d.docks
  for (let i = 0; i < k.count; i++) {
    // A door 8 cm proud of the wall face, facing out.
    const ox = Math.sin(k.angle[i]!)
    const oz = Math.cos(k.angle[i]!)
    const x = k.x[i]! + ox * 0.08
    const z = k.z[i]! + oz * 0.08
    const hw = k.widthM[i]! / 2
    const p = (u: number, y: number) => [x + oz * u, y, z - ox * u]
    soup.quad(
      p(-hw, 0.2),
      p(hw, 0.2),
      p(hw, k.heightM[i]!),
      p(-hw, k.heightM[i]!),
      [ox, 0, oz],
      DRESSING_COLORS.door,
    )
  }
  const py = d.lines.pylons
  for (let i = 0; i < py.count; i++) pylon(soup, py.x[i]!, py.z[i]!, py.heightM[i]!)
  return soup.geometry()
}

/** A pylon: a tapered square mast and a cross-arm. */
function pylon(soup: TriangleSoup, x: number, z: number, h: number): void {
  const base = 2.2
  const top = 0.6
  const lo = [-1, -1, 1, -1, 1, 1, -1, 1]
  for (let k = 0; k < 4; k++) {
    const n = (k + 1) % 4
    const p = (c: number, y: number, r: number) => [x + lo[c * 2]! * r, y, z + lo[c * 2 + 1]! * r]
    const out = [lo[k * 2]! + lo[n * 2]!, 0, lo[k * 2 + 1]! + lo[n * 2 + 1]!]
    soup.quad(p(k, 0, base), p(n, 0, base), p(n, h, top), p(k, h, top), out, DRESSING_COLORS.pylon)
  }
  soup.box(x, h - 1.6, z, 9, 0.5, 0.5, 0, DRESSING_COLORS.pylon)
}

/** Packaged units on the roofs. */
export function rooftopGeometry(d: Dressing): BufferGeometry {
  const soup = new TriangleSoup()
  const r = d.rooftop
  for (let i = 0; i < r.count; i++)
    soup.box(
      r.x[i]!,
      r.baseY[i]!,
      r.z[i]!,
      r.sx[i]!,
      r.heightM[i]!,
      r.sz[i]!,
      r.angle[i]!,
      DRESSING_COLORS.rooftop,
      DRESSING_COLORS.rooftopFans,
    )
  return soup.geometry()
}

/** Overhead conductors: three per span, each a sagging polyline, as line-segment endpoints. */
export function lineSegmentsOf(d: Dressing, segmentsPerSpan = 8): Float32Array {
  const s = d.lines.spans
  const out: number[] = []
  for (let i = 0; i < d.lines.spanCount; i++) {
    const [x0, y0, z0, x1, y1, z1] = [
      s[i * 6]!,
      s[i * 6 + 1]!,
      s[i * 6 + 2]!,
      s[i * 6 + 3]!,
      s[i * 6 + 4]!,
      s[i * 6 + 5]!,
    ]
    const len = Math.hypot(x1 - x0, z1 - z0) || 1
    const px = -(z1 - z0) / len
    const pz = (x1 - x0) / len
    const sag = 0.025 * len + 0.3
    for (const off of [-1.6, 0, 1.6]) {
      const at = (t: number) => [
        x0 + (x1 - x0) * t + px * off,
        y0 + (y1 - y0) * t - sag * 4 * t * (1 - t),
        z0 + (z1 - z0) * t + pz * off,
      ]
      for (let k = 0; k < segmentsPerSpan; k++)
        out.push(...at(k / segmentsPerSpan), ...at((k + 1) / segmentsPerSpan))
    }
  }
  return Float32Array.from(out)
}

/** Tree shapes of unit size (base on the ground, 1 high, radius 1), flat shaded: [conifer, broadleaf]. */
export function treeGeometries(): [BufferGeometry, BufferGeometry] {
  const conifer = new ConeGeometry(1, 1, 6, 1, true).translate(0, 0.5, 0).toNonIndexed()
  conifer.computeVertexNormals()
  // Broadleaf: a crown of two cones (wide in the middle) on nothing: trunks are hidden from afar.
  const top = new ConeGeometry(1, 0.55, 6, 1, true).translate(0, 0.725, 0)
  const bottom = new ConeGeometry(1, 0.3, 6, 1, true).rotateX(Math.PI).translate(0, 0.3, 0)
  const crown = mergeGeometries([top.toNonIndexed(), bottom.toNonIndexed()], false)
  top.dispose()
  bottom.dispose()
  crown.computeVertexNormals()
  for (const g of [conifer, crown]) g.deleteAttribute('uv')
  return [conifer, crown]
}
