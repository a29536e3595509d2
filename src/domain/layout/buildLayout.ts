/**
 * The layout engine: a validated config in, a rack table (struct of typed arrays) and the
 * placed sites, buildings, halls and plant out. Pure and deterministic: no three, react or
 * zustand, no randomness, no clock. Only the config's *type* is imported.
 */
import type { LayoutConfig } from '../../config/schema'
import { applyInto, slotLocal } from '../geometry'
import { buildPowerModel } from '../power/powerModel'
import { computePhaseStats } from '../stats/phaseStats'
import { fillHalls } from './fill'
import { emptyBounds, placeCampus } from './place'
import { allocateRackTable, type RackTable } from './rackTable'
import type { BoundsXZ, Layout, PlacedHall } from './types'

export type { RackTable } from './rackTable'
export type {
  BoundsXZ,
  Layout,
  PlacedBuilding,
  PlacedHall,
  PlacedInfrastructure,
  PlacedSite,
} from './types'

/** Axis-aligned bounds of all sites on the campus plane, metres. */
export function campusBounds(layout: Layout): BoundsXZ {
  const b = emptyBounds()
  for (const s of layout.sites) {
    b.minX = Math.min(b.minX, s.bounds.minX)
    b.maxX = Math.max(b.maxX, s.bounds.maxX)
    b.minZ = Math.min(b.minZ, s.bounds.minZ)
    b.maxZ = Math.max(b.maxZ, s.bounds.maxZ)
  }
  return b
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** A rack's human id, e.g. `C1-H2-R03-A05-R7` (hall id, row, array, rack; 1-based). */
export function rackId(layout: Layout, index: number): string {
  const r = layout.racks
  const hall = layout.halls[r.hall[index]!]!
  return `${hall.id}-R${pad2(r.row[index]! + 1)}-A${pad2(r.array[index]! + 1)}-R${r.slot[index]! + 1}`
}

/** What every rack of one phase `add` shares. */
interface AddStamp {
  generation: number
  powerKw: number
  phase: number
  /** Index of the phase's first rack. */
  phaseStart: number
  /** Racks the whole phase adds. */
  phaseRacks: number
}

// Scratch for writeRacks: one slot's hall-local place, and its campus position.
const local = { x: 0, z: 0, angle: 0, row: 0, array: 0, slot: 0 }
const world = { x: 0, z: 0 }

/** Writes `count` racks from table index `i` into slots [firstSlot, firstSlot + count) of hall `h`. */
function writeRacks(
  racks: RackTable,
  i: number,
  hall: PlacedHall,
  h: number,
  firstSlot: number,
  count: number,
  stamp: AddStamp,
): void {
  const t = hall.transform
  for (let k = 0; k < count; k++, i++) {
    slotLocal(hall.grid, firstSlot + k, local)
    applyInto(t, local.x, local.z, world)
    racks.x[i] = world.x
    racks.z[i] = world.z
    racks.rotY[i] = t.angle + local.angle
    racks.site[i] = hall.site
    racks.building[i] = hall.building
    racks.hall[i] = h
    racks.row[i] = local.row
    racks.array[i] = local.array
    racks.slot[i] = local.slot
    racks.generation[i] = stamp.generation
    racks.phase[i] = stamp.phase
    racks.orderInPhase[i] = i - stamp.phaseStart
    racks.buildFraction[i] = (i - stamp.phaseStart) / stamp.phaseRacks
    racks.powerKw[i] = stamp.powerKw
  }
}

const racksOf = (adds: readonly { racks: number }[]): number => adds.reduce((n, add) => n + add.racks, 0)

/** Fills the placed halls phase by phase, add by add, with the fill rule; sets each hall's firstPhase. */
function fillRackTable(config: LayoutConfig, halls: PlacedHall[]): RackTable {
  const racks = allocateRackTable(racksOf(config.phases.flatMap((p) => p.adds)), config.phases.length)
  const hallIndex = new Map(halls.map((hall, h) => [hall.id, h]))
  const generationIndex = new Map(config.generations.map((g, k) => [g.id, k]))
  const capacity = halls.map((hall) => hall.capacity)
  const filled = new Uint32Array(halls.length)
  let i = 0
  config.phases.forEach((phase, p) => {
    const phaseStart = i
    const phaseRacks = racksOf(phase.adds)
    for (const add of phase.adds) {
      const generation = generationIndex.get(add.generation)!
      const powerKw = config.generations[generation]!.rackPowerKw
      const stamp: AddStamp = { generation, powerKw, phase: p, phaseStart, phaseRacks }
      const addHalls = add.halls.map((id) => hallIndex.get(id)!)
      fillHalls(add.racks, addHalls, capacity, filled, (h, firstSlot, count) => {
        const hall = halls[h]!
        if (hall.firstPhase < 0) hall.firstPhase = p
        writeRacks(racks, i, hall, h, firstSlot, count, stamp)
        i += count
      })
    }
    racks.phaseEnd[p] = i
  })
  return racks
}

/** Builds the layout of a config that `validateLayout` accepted. */
export function buildLayout(config: LayoutConfig): Layout {
  const { sites, buildings, halls, infrastructure } = placeCampus(config)
  const racks = fillRackTable(config, halls)
  return {
    config,
    racks,
    sites,
    buildings,
    halls,
    infrastructure,
    phases: computePhaseStats(config, racks),
    power: buildPowerModel(config, racks, halls),
  }
}
