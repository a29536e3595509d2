/** What the tooltip, the details panel and the automation API say about one rack. */
import { gpusPerRack } from '../generations'
import { type Layout, rackId } from './buildLayout'

/** Facts of one rack. */
export interface RackInfo {
  index: number
  id: string
  generation: string
  generationId: string
  gpus: number
  powerKw: number
  phase: string
  phaseId: string
  phaseDate: string
  site: string
  building: string
  hall: string
  row: number
  array: number
  slot: number
  servers: number
  hbmGb: number
  bf16Pflops: number
  positionM: [number, number]
  estimate: boolean
}

/** The facts of rack `i`, or null when there is no such rack. */
export function rackInfo(layout: Layout, i: number): RackInfo | null {
  const r = layout.racks
  if (!Number.isInteger(i) || i < 0 || i >= r.count) return null
  const g = layout.config.generations[r.generation[i]!]!
  const p = layout.config.phases[r.phase[i]!]!
  const gpus = gpusPerRack(g)
  return {
    index: i,
    id: rackId(layout, i),
    generation: g.name,
    generationId: g.id,
    gpus,
    powerKw: r.powerKw[i]!,
    phase: p.name,
    phaseId: p.id,
    phaseDate: p.date,
    site: layout.sites[r.site[i]!]!.name,
    building: layout.buildings[r.building[i]!]!.name,
    hall: layout.halls[r.hall[i]!]!.name,
    row: r.row[i]! + 1,
    array: r.array[i]! + 1,
    slot: r.slot[i]! + 1,
    servers: g.serversPerRack,
    hbmGb: gpus * g.hbmGb,
    bf16Pflops: (gpus * g.bf16Tflops) / 1000,
    positionM: [r.x[i]!, r.z[i]!],
    estimate: g.estimate ?? false,
  }
}
