/**
 * The close-up level of detail: which racks and halls get real geometry, as a pure function of
 * the orbit target. Only racks within a few metres of the target are detailed, and only while
 * the camera is close to it, so the detail costs nothing in the campus view.
 */
import type { Layout } from './layout/buildLayout'
import type { RackGrid } from './layout/pick'

/** Racks within this distance of the orbit target (metres, on the ground) are drawn in detail. */
export const CLOSEUP_RADIUS_M = 12

/** At most this many racks are detailed at once (the nearest ones): bounds triangles per frame. */
export const CLOSEUP_MAX_RACKS = 48

/** Rack detail is drawn only while the camera is at most this far from the orbit target, metres. */
export const CLOSEUP_RACK_DISTANCE_M = 45

/** Hall interiors are drawn while the camera is at most this far from the orbit target, metres. */
export const CLOSEUP_HALL_DISTANCE_M = 160

/** Halls whose floor lies within this distance of the orbit target get an interior, metres. */
export const CLOSEUP_HALL_RADIUS_M = 20

/** At most this many hall interiors at once. */
export const CLOSEUP_MAX_HALLS = 4

/** The near set is recomputed when the orbit target has moved this far since the last time, metres. */
export const CLOSEUP_REFRESH_M = 2

// Scratch for nearRacks: grows to the largest candidate count seen.
let candIndex = new Uint32Array(256)
let candDist = new Float64Array(256)

function pushCandidate(n: number, i: number, d2: number): void {
  if (n === candIndex.length) {
    const index = new Uint32Array(n * 2)
    const dist = new Float64Array(n * 2)
    index.set(candIndex)
    dist.set(candDist)
    candIndex = index
    candDist = dist
  }
  candIndex[n] = i
  candDist[n] = d2
}

/**
 * Writes into `out` the racks with index < `standingCount` whose centre lies within `radiusM`
 * of (x, z), at most `out.length` of them (the nearest when there are more), in ascending index
 * (build) order. Walks only the picking grid's cells under the circle. Returns how many.
 */
export function nearRacks(
  layout: Layout,
  grid: RackGrid,
  standingCount: number,
  x: number,
  z: number,
  radiusM: number,
  out: Uint32Array,
): number {
  const r = layout.racks
  const { cellM, minX, minZ, cols, rowsZ } = grid
  const c0 = Math.max(0, Math.floor((x - radiusM - minX) / cellM))
  const c1 = Math.min(cols - 1, Math.floor((x + radiusM - minX) / cellM))
  const z0 = Math.max(0, Math.floor((z - radiusM - minZ) / cellM))
  const z1 = Math.min(rowsZ - 1, Math.floor((z + radiusM - minZ) / cellM))
  const r2 = radiusM * radiusM
  let n = 0
  for (let zc = z0; zc <= z1; zc++)
    for (let xc = c0; xc <= c1; xc++) {
      const c = zc * cols + xc
      for (let j = grid.cellStart[c]!; j < grid.cellStart[c + 1]!; j++) {
        const i = grid.items[j]!
        if (i >= standingCount) continue
        const rx = r.x[i]!
        const rz = r.z[i]!
        // A rack sits in every cell its footprint touches: count it only in its centre's cell.
        if (Math.floor((rx - minX) / cellM) !== xc || Math.floor((rz - minZ) / cellM) !== zc) continue
        const d2 = (rx - x) ** 2 + (rz - z) ** 2
        if (d2 > r2) continue
        pushCandidate(n++, i, d2)
      }
    }
  let picked: Uint32Array = candIndex.subarray(0, n)
  if (n > out.length) {
    const order = Array.from({ length: n }, (_, k) => k)
    // Nearest first; equal distances by index, so the result does not depend on cell order.
    order.sort((a, b) => candDist[a]! - candDist[b]! || candIndex[a]! - candIndex[b]!)
    picked = Uint32Array.from(order.slice(0, out.length), (k) => candIndex[k]!)
  }
  const count = Math.min(n, out.length)
  out.set(picked.subarray(0, count))
  out.subarray(0, count).sort()
  return count
}

/**
 * The halls fitted out at phase `phaseIndex` whose floor rectangle comes within `radiusM` of
 * (x, z), nearest first, at most `maxCount`.
 */
export function nearHalls(
  layout: Layout,
  phaseIndex: number,
  x: number,
  z: number,
  radiusM: number,
  maxCount: number,
): number[] {
  const found: { h: number; d: number }[] = []
  layout.halls.forEach((hall, h) => {
    if (hall.firstPhase < 0 || hall.firstPhase > phaseIndex) return
    const t = hall.transform
    // Into hall-local coordinates (inverse rotation about +y), then distance to the rectangle.
    const c = Math.cos(-t.angle)
    const s = Math.sin(-t.angle)
    const lx = c * (x - t.x) + s * (z - t.z)
    const lz = -s * (x - t.x) + c * (z - t.z)
    const dx = Math.max(0, Math.abs(lx) - hall.sizeM[0] / 2)
    const dz = Math.max(0, Math.abs(lz) - hall.sizeM[1] / 2)
    const d = Math.hypot(dx, dz)
    if (d <= radiusM) found.push({ h, d })
  })
  found.sort((a, b) => a.d - b.d || a.h - b.h)
  return found.slice(0, maxCount).map((f) => f.h)
}

/** What the close-up draws for a camera `distanceM` from its orbit target. */
export function closeUpLevel(distanceM: number): { racks: boolean; halls: boolean } {
  return { racks: distanceM <= CLOSEUP_RACK_DISTANCE_M, halls: distanceM <= CLOSEUP_HALL_DISTANCE_M }
}
