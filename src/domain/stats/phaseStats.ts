/**
 * Per-phase totals, cumulative: what is standing at the end of each phase. Derived from the
 * rack table and the generations' figures, so every number traces back to the config.
 */
import type { ContestedFigureConfig, LayoutConfig, PhaseStatus } from '../../config/schema'
import { gpusPerRack, h100Equivalents } from '../generations'
import type { RackTable } from '../layout/rackTable'

/** Power available at the end of a phase, MW, by source. */
export interface Supply {
  gridMw: number
  turbineMw: number
  batteryMw: number
  totalMw: number
}

/** Totals standing at the end of one phase. */
export interface PhaseStats {
  id: string
  name: string
  /** YYYY-MM-DD. */
  date: string
  headline: boolean
  /** True when what the phase adds is an estimate (config `estimate`). */
  estimate: boolean
  /** achieved, claimed or planned; null when the layout does not say. */
  status: PhaseStatus | null
  /** Contested figures with their range (min and max over the sources). */
  contested: ContestedRange[]
  gpus: number
  racks: number
  gpusByGeneration: Record<string, number>
  racksByGeneration: Record<string, number>
  /** Σ rack nameplate kW × itOverheadFactor, MW. An estimate by construction. */
  itPowerMw: number
  /** itPowerMw × PUE. An estimate by construction. */
  facilityPowerMw: number
  /** Dense BF16 exaFLOPS. */
  bf16Exaflops: number
  /** Σ GPUs × dense BF16 ÷ 989 TFLOPS (one H100 SXM), whole H100s' worth. */
  h100Equivalents: number
  /** Dense FP8 exaFLOPS. */
  fp8Exaflops: number
  /** HBM, petabytes. */
  hbmPb: number
  pue: number
  supply: Supply
}

/** A quantity sources disagree on: its figures and their range. */
export interface ContestedRange extends ContestedFigureConfig {
  min: number
  max: number
}

/** The range of a contested figure. */
export function contestedRange(c: ContestedFigureConfig): ContestedRange {
  const values = c.figures.map((f) => f.value)
  return { ...c, min: Math.min(...values), max: Math.max(...values) }
}

/** The CLI's JSON fields of one phase (a stable subset of PhaseStats). */
export interface PhaseSummary {
  id: string
  name: string
  date: string
  /** achieved, claimed or planned; null when the layout does not say. */
  status: PhaseStatus | null
  gpus: number
  racks: number
  gpusByGeneration: Record<string, number>
  h100Equivalents: number
  itPowerMw: number
  facilityPowerMw: number
  bf16Exaflops: number
}

/** Picks the CLI/automation fields of a phase, rounded to what the figures can support. */
export function summarisePhase(p: PhaseStats): PhaseSummary {
  return {
    id: p.id,
    name: p.name,
    date: p.date,
    status: p.status,
    gpus: p.gpus,
    racks: p.racks,
    gpusByGeneration: { ...p.gpusByGeneration },
    h100Equivalents: p.h100Equivalents,
    itPowerMw: Math.round(p.itPowerMw * 10) / 10,
    facilityPowerMw: Math.round(p.facilityPowerMw * 10) / 10,
    bf16Exaflops: Math.round(p.bf16Exaflops * 10) / 10,
  }
}

/** Computes cumulative totals for each phase from the rack table. */
export function computePhaseStats(config: LayoutConfig, racks: RackTable): PhaseStats[] {
  const gens = config.generations
  const racksByGen = new Float64Array(gens.length)
  const out: PhaseStats[] = []
  let start = 0
  config.phases.forEach((phase, p) => {
    const end = racks.phaseEnd[p]!
    for (let i = start; i < end; i++) racksByGen[racks.generation[i]!]!++
    start = end
    let gpus = 0
    let rackCount = 0
    let rackKw = 0
    let bf16 = 0
    let fp8 = 0
    let hbm = 0
    const gpusByGeneration: Record<string, number> = {}
    const racksByGeneration: Record<string, number> = {}
    gens.forEach((g, k) => {
      const n = racksByGen[k]!
      if (n === 0) return
      const gpuCount = n * gpusPerRack(g)
      gpusByGeneration[g.id] = gpuCount
      racksByGeneration[g.id] = n
      gpus += gpuCount
      rackCount += n
      rackKw += n * g.rackPowerKw
      bf16 += gpuCount * g.bf16Tflops
      fp8 += gpuCount * g.fp8Tflops
      hbm += gpuCount * g.hbmGb
    })
    const itPowerMw = (rackKw * config.itOverheadFactor) / 1000
    const { gridMw, turbineMw, batteryMw } = phase.supply
    out.push({
      id: phase.id,
      name: phase.name,
      date: phase.date,
      headline: phase.headline ?? false,
      estimate: phase.estimate ?? false,
      status: phase.status ?? null,
      contested: (phase.contested ?? []).map(contestedRange),
      gpus,
      racks: rackCount,
      gpusByGeneration,
      racksByGeneration,
      itPowerMw,
      facilityPowerMw: itPowerMw * phase.pue,
      bf16Exaflops: bf16 / 1e6,
      h100Equivalents: Math.floor(h100Equivalents(bf16)),
      fp8Exaflops: fp8 / 1e6,
      hbmPb: hbm / 1e6,
      pue: phase.pue,
      supply: { gridMw, turbineMw, batteryMw, totalMw: gridMw + turbineMw + batteryMw },
    })
  })
  return out
}
