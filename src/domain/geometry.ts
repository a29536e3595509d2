/**
 * Plane geometry shared by the layout checks and the layout engine. Pure: numbers in, numbers out.
 * Coordinates are metres on the campus plane, +x east, +z south; angles are radians,
 * counter-clockwise seen from above (which, with +z south, is a rotation about +y in three.js).
 */

/** A 2D rigid transform: rotate by `angle`, then translate by (x, z). */
export interface Transform2 {
  x: number
  z: number
  angle: number
}

/** Degrees to radians. */
export const degToRad = (deg: number): number => (deg * Math.PI) / 180

/** A point on the campus plane, metres. */
export interface PointXZ {
  x: number
  z: number
}

/**
 * Rotates (x, z) about +y by `angleRad` (three.js convention: counter-clockwise seen from
 * above, with +z south): x' = x cos + z sin, z' = -x sin + z cos. Writes into `out` and
 * returns it, so hot loops allocate nothing.
 */
export function rotateY<T extends PointXZ>(x: number, z: number, angleRad: number, out: T): T {
  const c = Math.cos(angleRad)
  const s = Math.sin(angleRad)
  out.x = c * x + s * z
  out.z = -s * x + c * z
  return out
}

/** Maps a local point through a transform (rotate, then translate), writing into `out`. */
export function applyInto(t: Transform2, x: number, z: number, out: PointXZ): void {
  rotateY(x, z, t.angle, out)
  out.x += t.x
  out.z += t.z
}

/** Composes parent ∘ child: a point in child space mapped to the parent's parent space. */
export function compose(parent: Transform2, child: Transform2): Transform2 {
  const at = { x: 0, z: 0 }
  applyInto(parent, child.x, child.z, at)
  return { x: at.x, z: at.z, angle: parent.angle + child.angle }
}

/** The four corners of a centred rectangle of size w × d placed by `t`, as [x0,z0,x1,z1,...]. */
export function rectCorners(t: Transform2, w: number, d: number): number[] {
  const out = { x: 0, z: 0 }
  const corners: number[] = []
  for (const [sx, sz] of [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ] as const) {
    applyInto(t, (sx * w) / 2, (sz * d) / 2, out)
    corners.push(out.x, out.z)
  }
  return corners
}

function project(corners: number[], ax: number, az: number): [number, number] {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < corners.length; i += 2) {
    const p = corners[i]! * ax + corners[i + 1]! * az
    if (p < min) min = p
    if (p > max) max = p
  }
  return [min, max]
}

/**
 * True when two convex quads (corner lists from `rectCorners`) overlap by more than `epsM`
 * (separating axis test). Touching edges do not count as overlap.
 */
export function quadsOverlap(a: number[], b: number[], epsM = 1e-6): boolean {
  for (const quad of [a, b]) {
    for (let i = 0; i < 2; i++) {
      const ex = quad[(i + 1) * 2]! - quad[i * 2]!
      const ez = quad[(i + 1) * 2 + 1]! - quad[i * 2 + 1]!
      const len = Math.hypot(ex, ez) || 1
      const ax = -ez / len
      const az = ex / len
      const [minA, maxA] = project(a, ax, az)
      const [minB, maxB] = project(b, ax, az)
      if (maxA <= minB + epsM || maxB <= minA + epsM) return false
    }
  }
  return true
}

/** True when every corner lies inside the centred w × d rectangle (in its own frame), within `epsM`. */
export function cornersInsideRect(corners: number[], w: number, d: number, epsM = 1e-6): boolean {
  for (let i = 0; i < corners.length; i += 2) {
    if (Math.abs(corners[i]!) > w / 2 + epsM || Math.abs(corners[i + 1]!) > d / 2 + epsM) return false
  }
  return true
}

/** The grid of a hall type, as the layout engine and the layout checks need it. */
export interface HallGrid {
  sizeM: readonly [number, number]
  rows: number
  arraysPerRow: number
  racksPerArray: number
  rack: { widthM: number; depthM: number; heightM: number }
  aisleM: number
  arrayGapM: number
}

/** Width (x) and depth (z) that the racks of a hall grid occupy, aisles and gaps included. */
export function gridExtentM(g: HallGrid): { widthM: number; depthM: number } {
  return {
    widthM: g.arraysPerRow * g.racksPerArray * g.rack.widthM + (g.arraysPerRow - 1) * g.arrayGapM,
    depthM: g.rows * g.rack.depthM + (g.rows - 1) * g.aisleM,
  }
}

/** Racks a hall grid holds. */
export const gridCapacity = (g: HallGrid): number => g.rows * g.arraysPerRow * g.racksPerArray

/**
 * Centre of rack slot `index` (0-based, row-major: row, then array, then slot) in hall-local
 * metres, and which way it faces (0 or π: alternate rows face each other across the cold aisle).
 */
export function slotLocal(
  g: HallGrid,
  index: number,
  out: { x: number; z: number; angle: number; row: number; array: number; slot: number },
): void {
  const perRow = g.arraysPerRow * g.racksPerArray
  const row = Math.floor(index / perRow)
  const inRow = index - row * perRow
  const array = Math.floor(inRow / g.racksPerArray)
  const slot = inRow - array * g.racksPerArray
  const ext = gridExtentM(g)
  out.x = -ext.widthM / 2 + (array * g.racksPerArray + slot + 0.5) * g.rack.widthM + array * g.arrayGapM
  out.z = -ext.depthM / 2 + row * (g.rack.depthM + g.aisleM) + g.rack.depthM / 2
  out.angle = row % 2 === 0 ? 0 : Math.PI
  out.row = row
  out.array = array
  out.slot = slot
}
