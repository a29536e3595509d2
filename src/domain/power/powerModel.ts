/**
 * The power model: what each rack draws under the layout's workload scenario. A rack's load is
 * the share of its nameplate it draws (the `loads` entry of its workload); its draw is nameplate
 * kW × load. Without a scenario every rack draws its nameplate. Struct of typed arrays over the
 * rack table, built once per layout.
 */
import type { LayoutConfig } from '../../config/schema'
import type { RackTable } from '../layout/rackTable'

/** The scenario's label, as the legend and the CLI show it. */
export interface ScenarioLabel {
  name: string
  /** True when the scenario is made up to illustrate (the app says so). */
  illustrative: boolean
  /** Source ids the scenario cites. */
  sources: readonly string[]
}

/** A synchronised job that swings between compute and communication. */
export interface SwingSpec {
  periodS: number
  /** Share of its load a job rack sheds while the job communicates. */
  depth: number
}

/** Per-rack load and draw, indexed like the rack table. */
export interface PowerModel {
  /** null when the layout has no scenario (every rack at nameplate). */
  scenario: ScenarioLabel | null
  /** Workload names; index k is the value `workload[i] === k`. */
  workloads: string[]
  /** Index into `workloads` of each rack. */
  workload: Uint8Array
  /** Share of nameplate each rack draws, 0 to 1. */
  load: Float32Array
  /** nameplate kW × load of each rack. */
  drawKw: Float32Array
  /** 1 for racks of the swing job, else 0. */
  job: Uint8Array
  swing: SwingSpec | null
  /**
   * The lowest draw any rack can have (at communication load when in the job), or a lower
   * generation nameplate: the bottom of the power colour ramp, kW.
   */
  lowKw: number
  /** The highest generation nameplate: the top of the power colour ramp, kW. */
  highKw: number
  /** Draw per m² of floor of the densest hall with every rack standing, kW/m² (draw only grows). */
  densestHallKwM2: number
}

/** What the model needs of a placed hall. */
export interface HallFloor {
  id: string
  /** [width, depth], metres. */
  sizeM: readonly [number, number]
}

/** Name of the one workload of a layout without a scenario. */
export const NAMEPLATE_WORKLOAD = 'nameplate'

/** Which workload (index into `names`) runs on racks of hall `hallId` added by phase `phaseId`. */
function workloadFor(config: LayoutConfig, names: string[], hallId: string, phaseId: string): number {
  const sc = config.scenario!
  for (const rule of sc.assign ?? []) {
    if (rule.halls && !rule.halls.includes(hallId)) continue
    if (rule.phases && !rule.phases.includes(phaseId)) continue
    return names.indexOf(rule.workload)
  }
  return names.indexOf(sc.default)
}

/** Builds the power model of a validated config over its rack table and placed halls. */
export function buildPowerModel(
  config: LayoutConfig,
  racks: RackTable,
  halls: readonly HallFloor[],
): PowerModel {
  const n = racks.count
  const hallIds = halls.map((h) => h.id)
  const hallKw = new Float64Array(halls.length)
  const sc = config.scenario
  const names = sc ? Object.keys(sc.loads) : [NAMEPLATE_WORKLOAD]
  const loads = sc ? names.map((w) => sc.loads[w]!) : [1]
  const workload = new Uint8Array(n)
  const load = new Float32Array(n)
  const drawKw = new Float32Array(n)
  const job = new Uint8Array(n)
  const jobHalls = new Set(sc?.swing?.jobHalls ?? [])
  const depth = sc?.swing?.depth ?? 0
  // Rules depend on hall and phase only: decide once per (hall, phase) pair.
  const byHallPhase = new Map<number, number>()
  const phases = config.phases.length
  let lowKw = Number.POSITIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const h = racks.hall[i]!
    const p = racks.phase[i]!
    const key = h * phases + p
    let w = byHallPhase.get(key)
    if (w === undefined) {
      w = sc ? workloadFor(config, names, hallIds[h]!, config.phases[p]!.id) : 0
      byHallPhase.set(key, w)
    }
    workload[i] = w
    load[i] = loads[w]!
    drawKw[i] = racks.powerKw[i]! * loads[w]!
    job[i] = jobHalls.has(hallIds[h]!) ? 1 : 0
    lowKw = Math.min(lowKw, job[i] ? drawKw[i]! * (1 - depth) : drawKw[i]!)
    hallKw[h]! += drawKw[i]!
  }
  let densestHallKwM2 = 0
  halls.forEach((hall, h) => {
    densestHallKwM2 = Math.max(densestHallKwM2, hallKw[h]! / (hall.sizeM[0] * hall.sizeM[1]))
  })
  let highKw = 0
  for (const g of config.generations) {
    lowKw = Math.min(lowKw, g.rackPowerKw)
    highKw = Math.max(highKw, g.rackPowerKw)
  }
  return {
    scenario: sc ? { name: sc.name, illustrative: sc.illustrative, sources: sc.sources ?? [] } : null,
    workloads: names,
    workload,
    load,
    drawKw,
    job,
    swing: sc?.swing ? { periodS: sc.swing.periodS, depth: sc.swing.depth } : null,
    lowKw,
    highKw,
    densestHallKwM2,
  }
}
