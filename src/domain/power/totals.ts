/**
 * Totals of the power model: what the racks standing draw, in MW at the racks, at IT (with the
 * layout's overhead for networking and storage) and at the facility (× the phase's PUE), and
 * how densely each hall's floor draws, kW/m². Draw scales like nameplate power does in the
 * phase stats, so the two are comparable.
 */
import type { Layout } from '../layout/types'

/** Draw of the racks standing, MW. */
export interface DrawTotals {
  /** Σ rack draw. */
  rackMw: number
  /** rackMw × itOverheadFactor. */
  itMw: number
  /** itMw × the phase's PUE. */
  facilityMw: number
}

/** Draw of racks [0, standing) at a PUE of `pue`. */
export function drawTotals(layout: Layout, standing: number, pue: number): DrawTotals {
  const d = layout.power.drawKw
  let kw = 0
  for (let i = 0; i < standing; i++) kw += d[i]!
  const rackMw = kw / 1000
  const itMw = rackMw * layout.config.itOverheadFactor
  return { rackMw, itMw, facilityMw: itMw * pue }
}

/** Draw at the end of each phase (cumulative, at that phase's PUE). */
export function phaseDraws(layout: Layout): DrawTotals[] {
  return layout.phases.map((p, k) => drawTotals(layout, layout.racks.phaseEnd[k]!, p.pue))
}

/** Facility draw of each site (index into `layout.sites`) with racks [0, standing) at `pue`, MW. */
export function siteDrawsMw(layout: Layout, standing: number, pue: number): Float64Array {
  const out = new Float64Array(layout.sites.length)
  const d = layout.power.drawKw
  const site = layout.racks.site
  for (let i = 0; i < standing; i++) out[site[i]!]! += d[i]!
  const k = (layout.config.itOverheadFactor * pue) / 1000
  for (let s = 0; s < out.length; s++) out[s]! *= k
  return out
}

/**
 * Rack draw per square metre of each hall's floor (index into `layout.halls`), kW/m², for
 * racks [0, standing). Written into `out` when given (length ≥ halls), else a new array.
 */
export function hallDensityKwM2(layout: Layout, standing: number, out?: Float32Array): Float32Array {
  const halls = layout.halls
  const kw = out ?? new Float32Array(halls.length)
  kw.fill(0)
  const d = layout.power.drawKw
  const hall = layout.racks.hall
  for (let i = 0; i < standing; i++) kw[hall[i]!]! += d[i]!
  for (let h = 0; h < halls.length; h++) kw[h]! /= halls[h]!.sizeM[0] * halls[h]!.sizeM[1]
  return kw
}

/** Lowest and highest rack draw among racks [0, standing), kW (both 0 with none standing). */
export function drawRangeKw(layout: Layout, standing: number): { minKw: number; maxKw: number } {
  const d = layout.power.drawKw
  if (standing <= 0) return { minKw: 0, maxKw: 0 }
  let minKw = d[0]!
  let maxKw = d[0]!
  for (let i = 1; i < standing; i++) {
    minKw = Math.min(minKw, d[i]!)
    maxKw = Math.max(maxKw, d[i]!)
  }
  return { minKw, maxKw }
}
