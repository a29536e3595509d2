/**
 * The close-up near set (src/domain/closeup.ts) against brute force over the rack table and
 * the hall rectangles: the grid walk finds exactly the racks a scan finds, capped to the
 * nearest, only among the racks standing.
 */
import { describe, expect, it } from 'vitest'
import {
  CLOSEUP_HALL_DISTANCE_M,
  CLOSEUP_MAX_RACKS,
  CLOSEUP_RACK_DISTANCE_M,
  CLOSEUP_RADIUS_M,
  closeUpLevel,
  nearHalls,
  nearRacks,
} from '../../src/domain/closeup'
import { buildRackGrid } from '../../src/domain/layout/pick'
import { defaultLayout } from '../fixtures'

const layout = defaultLayout()
const r = layout.racks
const grid = buildRackGrid(layout)
const LAST = layout.phases.length - 1

/** Racks with index < standing within radiusM of (x, z), by a scan of the whole table. */
function scan(standing: number, x: number, z: number, radiusM: number): number[] {
  const out: number[] = []
  for (let i = 0; i < standing; i++) if (Math.hypot(r.x[i]! - x, r.z[i]! - z) <= radiusM) out.push(i)
  return out
}

const near = (standing: number, x: number, z: number, radiusM: number, cap: number): number[] => {
  const out = new Uint32Array(cap)
  const n = nearRacks(layout, grid, standing, x, z, radiusM, out)
  return Array.from(out.subarray(0, n))
}

describe('nearRacks', () => {
  it('finds exactly the racks a full scan finds, each once, in build order', () => {
    const all = r.phaseEnd[LAST]!
    // Points on racks, between racks, in an aisle, at a hall corner and far off the campus.
    const points: [number, number][] = [
      [r.x[0]!, r.z[0]!],
      [r.x[1000]! + 1.7, r.z[1000]! - 2.1],
      [r.x[all - 1]!, r.z[all - 1]! + 3],
      [layout.halls[3]!.transform.x + 29, layout.halls[3]!.transform.z + 18],
      [1e5, 1e5],
    ]
    let total = 0
    for (const [x, z] of points) {
      const expected = scan(all, x, z, CLOSEUP_RADIUS_M)
      const got = near(all, x, z, CLOSEUP_RADIUS_M, 100_000)
      expect(got, `near (${x}, ${z})`).toEqual(expected)
      total += got.length
    }
    // The points are not all empty: the comparison covers many racks.
    expect(total).toBeGreaterThan(100)
  })

  it('leaves out racks not standing at the phase', () => {
    // A point among racks of the last phase: none of them stand at the first phase.
    const i = r.phaseEnd[LAST]! - 1
    const first = r.phaseEnd[0]!
    expect(r.phase[i]).toBe(LAST)
    expect(near(r.phaseEnd[LAST]!, r.x[i]!, r.z[i]!, 6, 1000).length).toBeGreaterThan(10)
    const early = near(first, r.x[i]!, r.z[i]!, 6, 1000)
    expect(early).toEqual(scan(first, r.x[i]!, r.z[i]!, 6))
    for (const k of early) expect(k).toBeLessThan(first)
  })

  it('keeps the nearest racks when more stand in the circle than the cap', () => {
    const x = r.x[200]!
    const z = r.z[200]!
    const all = scan(r.count, x, z, 30)
    expect(all.length).toBeGreaterThan(CLOSEUP_MAX_RACKS)
    const got = near(r.count, x, z, 30, CLOSEUP_MAX_RACKS)
    expect(got.length).toBe(CLOSEUP_MAX_RACKS)
    const d = (i: number) => Math.hypot(r.x[i]! - x, r.z[i]! - z)
    const farthestKept = Math.max(...got.map(d))
    const kept = new Set(got)
    for (const i of all) if (!kept.has(i)) expect(d(i)).toBeGreaterThanOrEqual(farthestKept)
    expect(got).toEqual([...got].sort((a, b) => a - b))
    expect(got).toContain(200)
  })
})

describe('nearHalls', () => {
  it('returns the fitted halls whose floor comes within the radius, nearest first', () => {
    const h = layout.halls[0]!
    const t = h.transform
    const got = nearHalls(layout, LAST, t.x, t.z, 20, 10)
    expect(got[0]).toBe(0)
    // Brute force on the hall rectangles (the default layout's halls are axis-aligned).
    const expected = layout.halls
      .map((hall, k) => ({ k, hall }))
      .filter(({ hall }) => hall.firstPhase >= 0 && hall.firstPhase <= LAST)
      .filter(({ hall }) => {
        const dx = Math.max(0, Math.abs(t.x - hall.transform.x) - hall.sizeM[0] / 2)
        const dz = Math.max(0, Math.abs(t.z - hall.transform.z) - hall.sizeM[1] / 2)
        return Math.hypot(dx, dz) <= 20
      })
      .map(({ k }) => k)
    expect([...got].sort((a, b) => a - b)).toEqual(expected)
    expect(nearHalls(layout, LAST, 1e5, 1e5, 20, 10)).toEqual([])
    expect(nearHalls(layout, LAST, t.x, t.z, 1000, 2)).toHaveLength(2)
  })

  it('leaves out halls not fitted out yet', () => {
    const late = layout.halls.findIndex((hall) => hall.firstPhase > 0)
    expect(late).toBeGreaterThanOrEqual(0)
    const t = layout.halls[late]!.transform
    const p = layout.halls[late]!.firstPhase
    expect(nearHalls(layout, p, t.x, t.z, 0, 1)).toEqual([late])
    expect(nearHalls(layout, p - 1, t.x, t.z, 0, 1)).toEqual([])
  })
})

describe('closeUpLevel', () => {
  it('draws rack detail only close to the target, hall interiors a little further', () => {
    expect(closeUpLevel(5)).toEqual({ racks: true, halls: true })
    expect(closeUpLevel(CLOSEUP_RACK_DISTANCE_M + 1)).toEqual({ racks: false, halls: true })
    expect(closeUpLevel(CLOSEUP_HALL_DISTANCE_M + 1)).toEqual({ racks: false, halls: false })
  })
})
