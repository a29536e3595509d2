/**
 * Training swings: a synchronised job alternates between computing (its racks at their
 * scenario load) and communicating (each rack sheds `depth` of its load), every `periodS`.
 * Grid and turbines supply the mean; the batteries cover the difference, discharging at the
 * compute peaks and charging in the communication troughs. The same wave drives the rack
 * colours on the GPU (gpu/rackMaterial mirrors `swingWave` in GLSL).
 */
import type { Layout } from '../layout/types'

/**
 * How square the wave is: sin scaled by this and clamped, so a cycle is mostly flat compute and
 * flat communication with quick steps between, as measured traces of training look.
 */
export const SWING_SHARPNESS = 2

/** 1 while the job computes, 0 while it communicates, smooth steps between; at time `tS`. */
export function swingWave(tS: number, periodS: number): number {
  const x = 0.5 + SWING_SHARPNESS * Math.sin((2 * Math.PI * tS) / periodS)
  return Math.min(1, Math.max(0, x))
}

/** The share of its scenario load a job rack draws at wave value `wave`. */
export const swingLoadFactor = (wave: number, depth: number): number => 1 - depth * (1 - wave)

/** The swing of the job at one phase, facility MW (racks × IT overhead × PUE). */
export interface SwingSummary {
  periodS: number
  depth: number
  /** Racks of the job standing. */
  jobRacks: number
  /** Draw of the racks outside the job (steady). */
  baseMw: number
  /** Draw of the job's racks while it computes. */
  jobMw: number
  /** What grid and turbines supply: the mean draw over a cycle (steady). */
  flatMw: number
  /** Peak-to-peak swing of the draw: jobMw × depth. */
  swingMw: number
  /**
   * Battery power standing at the job's sites at the phase (the battery plant's capacityMw):
   * batteries at another site, on another grid connection, cannot buffer the job.
   */
  batteryCapacityMw: number
  /** Names of the sites the job's racks stand in. */
  jobSites: string[]
}

/** The sites (indices) the job's racks among the first `standing` stand in. */
function jobSitesOf(layout: Layout, standing: number): Set<number> {
  const sites = new Set<number>()
  for (let i = 0; i < standing; i++)
    if (layout.power.job[i]) sites.add(layout.halls[layout.racks.hall[i]!]!.site)
  return sites
}

/** Battery MW of the plant standing at phase `phaseIndex` on `sites`. */
function batteryMwAt(layout: Layout, sites: Set<number>, phaseIndex: number): number {
  let mw = 0
  for (const inf of layout.infrastructure)
    if (inf.kind === 'battery' && sites.has(inf.site) && inf.phase <= phaseIndex) mw += inf.capacityMw
  return mw
}

/** The job's swing at phase `phaseIndex`, or null when the scenario has no swing. */
export function swingSummary(layout: Layout, phaseIndex: number): SwingSummary | null {
  const spec = layout.power.swing
  if (!spec) return null
  const phase = layout.phases[phaseIndex]!
  const standing = layout.racks.phaseEnd[phaseIndex]!
  const { drawKw, job } = layout.power
  let baseKw = 0
  let jobKw = 0
  let jobRacks = 0
  for (let i = 0; i < standing; i++) {
    if (job[i]) {
      jobKw += drawKw[i]!
      jobRacks++
    } else baseKw += drawKw[i]!
  }
  const k = (layout.config.itOverheadFactor * phase.pue) / 1000
  const jobMw = jobKw * k
  const sites = jobSitesOf(layout, standing)
  // The wave is symmetric about 1/2, so over a cycle the job draws 1 − depth/2 of its load.
  return {
    periodS: spec.periodS,
    depth: spec.depth,
    jobRacks,
    baseMw: baseKw * k,
    jobMw,
    flatMw: baseKw * k + jobMw * (1 - spec.depth / 2),
    swingMw: jobMw * spec.depth,
    batteryCapacityMw: batteryMwAt(layout, sites, phaseIndex),
    jobSites: [...sites].sort((a, b) => a - b).map((i) => layout.sites[i]!.name),
  }
}

/** Draw and battery power at time `tS`. */
export interface SwingSample {
  /** Facility draw, MW. */
  drawMw: number
  /** Battery power, MW: positive discharging (draw above the flat supply), negative charging. */
  batteryMw: number
}

/** The draw and battery power of `s` at time `tS`, written into `out` (no allocation: per frame). */
export function swingSample(s: SwingSummary, tS: number, out: SwingSample): SwingSample {
  const drawMw = s.baseMw + s.jobMw * swingLoadFactor(swingWave(tS, s.periodS), s.depth)
  out.drawMw = drawMw
  out.batteryMw = drawMw - s.flatMw
  return out
}
