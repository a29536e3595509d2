/**
 * Ray picking of racks without a GPU and without testing every rack: racks are bucketed in a
 * uniform grid on the ground plane (CSR arrays), and a ray walks only the cells under its path
 * between rack-top height and the ground (Amanatides–Woo traversal).
 */
import { rotateY } from '../geometry'
import type { Layout } from './buildLayout'

/** Spatial index of a layout's racks. */
export interface RackGrid {
  cellM: number
  minX: number
  minZ: number
  cols: number
  rowsZ: number
  /** cellStart[c]..cellStart[c+1] index into `items`. */
  cellStart: Uint32Array
  /** Rack indices, grouped by cell. */
  items: Uint32Array
  /** Half extents per rack (x = width / 2, z = depth / 2) and height, metres. */
  halfW: Float32Array
  halfD: Float32Array
  height: Float32Array
  maxHeightM: number
}

/** Upper bound on grid cells (memory: 4 bytes a cell). */
const MAX_CELLS = 1_000_000

/** Builds the grid; `cellM` is the smallest cell size in metres. */
export function buildRackGrid(layout: Layout, cellM = 4): RackGrid {
  const r = layout.racks
  const n = r.count
  const halfW = new Float32Array(n)
  const halfD = new Float32Array(n)
  const height = new Float32Array(n)
  let minX = Number.POSITIVE_INFINITY
  let minZ = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxZ = Number.NEGATIVE_INFINITY
  let maxHeightM = 0
  let maxHalf = 0
  for (let i = 0; i < n; i++) {
    const rack = layout.halls[r.hall[i]!]!.grid.rack
    halfW[i] = rack.widthM / 2
    halfD[i] = rack.depthM / 2
    height[i] = rack.heightM
    maxHeightM = Math.max(maxHeightM, rack.heightM)
    maxHalf = Math.max(maxHalf, Math.hypot(halfW[i]!, halfD[i]!))
    minX = Math.min(minX, r.x[i]!)
    minZ = Math.min(minZ, r.z[i]!)
    maxX = Math.max(maxX, r.x[i]!)
    maxZ = Math.max(maxZ, r.z[i]!)
  }
  if (n === 0) {
    minX = minZ = 0
    maxX = maxZ = 0
  }
  // A rack is put in every cell its bounding circle touches, so a cell holds all it may hit.
  minX -= maxHalf
  minZ -= maxHalf
  maxX += maxHalf
  maxZ += maxHalf
  // At most about a million cells however wide the campus: cells grow instead.
  cellM = Math.max(cellM, Math.sqrt(((maxX - minX) * (maxZ - minZ)) / MAX_CELLS))
  const cols = Math.max(1, Math.ceil((maxX - minX) / cellM) + 1)
  const rowsZ = Math.max(1, Math.ceil((maxZ - minZ) / cellM) + 1)
  const counts = new Uint32Array(cols * rowsZ + 1)
  const forEachCell = (i: number, fn: (c: number) => void) => {
    const rad = Math.hypot(halfW[i]!, halfD[i]!)
    const c0 = Math.floor((r.x[i]! - rad - minX) / cellM)
    const c1 = Math.floor((r.x[i]! + rad - minX) / cellM)
    const z0 = Math.floor((r.z[i]! - rad - minZ) / cellM)
    const z1 = Math.floor((r.z[i]! + rad - minZ) / cellM)
    for (let zc = z0; zc <= z1; zc++) for (let xc = c0; xc <= c1; xc++) fn(zc * cols + xc)
  }
  for (let i = 0; i < n; i++) forEachCell(i, (c) => counts[c + 1]!++)
  for (let c = 0; c < cols * rowsZ; c++) counts[c + 1]! += counts[c]!
  const cellStart = counts
  const items = new Uint32Array(cellStart[cols * rowsZ]!)
  const fill = cellStart.slice(0, cols * rowsZ)
  for (let i = 0; i < n; i++)
    forEachCell(i, (c) => {
      items[fill[c]!++] = i
    })
  return { cellM, minX, minZ, cols, rowsZ, cellStart, items, halfW, halfD, height, maxHeightM }
}

// Scratch for hitRack: the ray's origin and direction in rack-local coordinates.
const origin = { x: 0, z: 0 }
const direction = { x: 0, z: 0 }

/** Distance along the ray to rack i's box, or Infinity. Direction need not be normalised. */
function hitRack(
  layout: Layout,
  grid: RackGrid,
  i: number,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
): number {
  const r = layout.racks
  // Into rack-local coordinates: the inverse of the rack's rotation about +y.
  const a = -r.rotY[i]!
  const { x: lx, z: lz } = rotateY(ox - r.x[i]!, oz - r.z[i]!, a, origin)
  const { x: ldx, z: ldz } = rotateY(dx, dz, a, direction)
  let tMin = 0
  let tMax = Number.POSITIVE_INFINITY
  const slab = (o: number, d: number, lo: number, hi: number): boolean => {
    if (Math.abs(d) < 1e-12) return o >= lo && o <= hi
    let t0 = (lo - o) / d
    let t1 = (hi - o) / d
    if (t0 > t1) [t0, t1] = [t1, t0]
    if (t0 > tMin) tMin = t0
    if (t1 < tMax) tMax = t1
    return tMin <= tMax
  }
  if (!slab(lx, ldx, -grid.halfW[i]!, grid.halfW[i]!)) return Number.POSITIVE_INFINITY
  if (!slab(lz, ldz, -grid.halfD[i]!, grid.halfD[i]!)) return Number.POSITIVE_INFINITY
  if (!slab(oy, dy, 0, grid.height[i]!)) return Number.POSITIVE_INFINITY
  return tMin
}

/**
 * The nearest rack with index < `visibleCount` hit by the ray (origin o, direction d), or -1.
 * Racks stand on y = 0.
 */
export function pickRack(
  layout: Layout,
  grid: RackGrid,
  visibleCount: number,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
): number {
  // Clip the ray to the slab of rack heights.
  let t0 = 0
  let t1 = Number.POSITIVE_INFINITY
  if (Math.abs(dy) < 1e-12) {
    if (oy < 0 || oy > grid.maxHeightM) return -1
  } else {
    let ta = (grid.maxHeightM - oy) / dy
    let tb = (0 - oy) / dy
    if (ta > tb) [ta, tb] = [tb, ta]
    t0 = Math.max(0, ta)
    t1 = tb
    if (t1 < t0) return -1
  }
  if (!Number.isFinite(t1)) t1 = t0 + 1e5
  const { cellM, minX, minZ, cols, rowsZ } = grid
  const x = (ox + dx * t0 - minX) / cellM
  const z = (oz + dz * t0 - minZ) / cellM
  const x1 = (ox + dx * t1 - minX) / cellM
  const z1 = (oz + dz * t1 - minZ) / cellM
  let cx = Math.floor(x)
  let cz = Math.floor(z)
  const ex = Math.floor(x1)
  const ez = Math.floor(z1)
  const sx = Math.sign(x1 - x)
  const sz = Math.sign(z1 - z)
  const ddx = Math.abs(x1 - x)
  const ddz = Math.abs(z1 - z)
  const tdx = ddx > 0 ? 1 / ddx : Number.POSITIVE_INFINITY
  const tdz = ddz > 0 ? 1 / ddz : Number.POSITIVE_INFINITY
  let tx = ddx > 0 ? (sx > 0 ? cx + 1 - x : x - cx) * tdx : Number.POSITIVE_INFINITY
  let tz = ddz > 0 ? (sz > 0 ? cz + 1 - z : z - cz) * tdz : Number.POSITIVE_INFINITY
  let best = -1
  let bestT = Number.POSITIVE_INFINITY
  const steps = Math.abs(ex - cx) + Math.abs(ez - cz) + 1
  for (let k = 0; k < steps; k++) {
    if (cx >= 0 && cz >= 0 && cx < cols && cz < rowsZ) {
      const c = cz * cols + cx
      for (let j = grid.cellStart[c]!; j < grid.cellStart[c + 1]!; j++) {
        const i = grid.items[j]!
        if (i >= visibleCount) continue
        const t = hitRack(layout, grid, i, ox, oy, oz, dx, dy, dz)
        if (t < bestT) {
          bestT = t
          best = i
        }
      }
      // Cells are visited front to back: once a hit lies before the next cell, stop.
      if (best >= 0) {
        const tNextCell = t0 + Math.min(tx, tz) * (t1 - t0)
        if (bestT <= tNextCell) break
      }
    }
    if (tx < tz) {
      cx += sx
      tx += tdx
    } else {
      cz += sz
      tz += tdz
    }
  }
  return best
}
