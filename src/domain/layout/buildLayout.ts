/**
 * The layout engine: a validated config in, a rack table (struct of typed arrays) and the
 * placed sites, buildings, halls and plant out. Pure and deterministic: no three, react or
 * zustand, no randomness, no clock. Only the config's *type* is imported.
 */
import type { LayoutConfig } from '../../config/schema'
import { compose, degToRad, gridCapacity, type HallGrid, slotLocal, type Transform2 } from '../geometry'
import { computePhaseStats, type PhaseStats } from '../stats/phaseStats'

/**
 * Every rack of the final phase, one entry per index. Racks are stored in build order:
 * phase by phase, and within a phase in the order its `adds` fill halls (hall by hall,
 * row by row), so the racks standing at phase p are exactly indices [0, phaseEnd[p]).
 */
export interface RackTable {
  /** Number of racks. */
  count: number
  /** Rack centre on the campus plane, metres (+x east). */
  x: Float32Array
  /** Rack centre on the campus plane, metres (+z south). */
  z: Float32Array
  /** Rotation about +y, radians: which way the rack faces. */
  rotY: Float32Array
  /** Index into `Layout.sites`. */
  site: Uint16Array
  /** Index into `Layout.buildings`. */
  building: Uint16Array
  /** Index into `Layout.halls`. */
  hall: Uint16Array
  /** Row within the hall, 0-based. */
  row: Uint16Array
  /** Array within the row, 0-based. */
  array: Uint16Array
  /** Rack within the array, 0-based. */
  slot: Uint16Array
  /** Index into `config.generations`. */
  generation: Uint8Array
  /** Index into `config.phases` of the phase that added the rack. */
  phase: Uint8Array
  /** Position in its phase's build order, 0-based. */
  orderInPhase: Uint32Array
  /** orderInPhase / racks added by the phase, in [0, 1): when in its phase the rack appears. */
  buildFraction: Float32Array
  /** Nameplate rack power, kW. */
  powerKw: Float32Array
  /** For each phase p, the number of racks standing at the end of p (racks [0, phaseEnd[p])). */
  phaseEnd: Uint32Array
}

/** A site placed on the campus. */
export interface PlacedSite {
  id: string
  name: string
  address: string | undefined
  transform: Transform2
  /** Axis-aligned bounds of its buildings and plant on the campus plane, metres. */
  bounds: { minX: number; maxX: number; minZ: number; maxZ: number }
}

/** A building placed on the campus. */
export interface PlacedBuilding {
  id: string
  name: string
  site: number
  transform: Transform2
  sizeM: readonly [number, number, number]
}

/** A hall placed on the campus. */
export interface PlacedHall {
  id: string
  name: string
  building: number
  site: number
  transform: Transform2
  sizeM: readonly [number, number]
  grid: HallGrid
  capacity: number
  /** Index of the first phase that puts racks in this hall, or -1. */
  firstPhase: number
}

/** A group of power or cooling plant placed on the campus. */
export interface PlacedInfrastructure {
  id: string
  kind: 'substation' | 'turbine' | 'battery' | 'chiller'
  name: string
  site: number
  transform: Transform2
  units: number
  capacityMw: number
  phase: number
  estimate: boolean
}

/** What the engine produces from a config. */
export interface Layout {
  config: LayoutConfig
  racks: RackTable
  sites: PlacedSite[]
  buildings: PlacedBuilding[]
  halls: PlacedHall[]
  infrastructure: PlacedInfrastructure[]
  phases: PhaseStats[]
}

/** Axis-aligned bounds of all sites on the campus plane, metres. */
export function campusBounds(layout: Layout): { minX: number; maxX: number; minZ: number; maxZ: number } {
  const b = {
    minX: Number.POSITIVE_INFINITY,
    maxX: Number.NEGATIVE_INFINITY,
    minZ: Number.POSITIVE_INFINITY,
    maxZ: Number.NEGATIVE_INFINITY,
  }
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

/** Builds the layout of a config that `validateLayout` accepted. */
export function buildLayout(config: LayoutConfig): Layout {
  const sites: PlacedSite[] = []
  const buildings: PlacedBuilding[] = []
  const halls: PlacedHall[] = []
  const infrastructure: PlacedInfrastructure[] = []
  const hallIndex = new Map<string, number>()
  const hallTypes = new Map(config.hallTypes.map((t) => [t.id, t]))
  const phaseIndex = new Map(config.phases.map((p, i) => [p.id, i]))

  config.sites.forEach((site, s) => {
    const siteT: Transform2 = { x: site.positionM[0], z: site.positionM[1], angle: 0 }
    const bounds = {
      minX: Number.POSITIVE_INFINITY,
      maxX: Number.NEGATIVE_INFINITY,
      minZ: Number.POSITIVE_INFINITY,
      maxZ: Number.NEGATIVE_INFINITY,
    }
    const grow = (t: Transform2, w: number, d: number) => {
      const rx = (Math.abs(Math.cos(t.angle)) * w + Math.abs(Math.sin(t.angle)) * d) / 2
      const rz = (Math.abs(Math.sin(t.angle)) * w + Math.abs(Math.cos(t.angle)) * d) / 2
      bounds.minX = Math.min(bounds.minX, t.x - rx)
      bounds.maxX = Math.max(bounds.maxX, t.x + rx)
      bounds.minZ = Math.min(bounds.minZ, t.z - rz)
      bounds.maxZ = Math.max(bounds.maxZ, t.z + rz)
    }
    for (const b of site.buildings) {
      const bT = compose(siteT, { x: b.positionM[0], z: b.positionM[1], angle: degToRad(b.rotationDeg ?? 0) })
      grow(bT, b.sizeM[0], b.sizeM[1])
      const bIndex = buildings.length
      buildings.push({ id: b.id, name: b.name, site: s, transform: bT, sizeM: b.sizeM })
      for (const h of b.halls) {
        const type = hallTypes.get(h.type)!
        hallIndex.set(h.id, halls.length)
        halls.push({
          id: h.id,
          name: h.name,
          building: bIndex,
          site: s,
          transform: compose(bT, {
            x: h.positionM[0],
            z: h.positionM[1],
            angle: degToRad(h.rotationDeg ?? 0),
          }),
          sizeM: type.sizeM,
          grid: type,
          capacity: gridCapacity(type),
          firstPhase: -1,
        })
      }
    }
    for (const inf of site.infrastructure ?? []) {
      const t = compose(siteT, {
        x: inf.positionM[0],
        z: inf.positionM[1],
        angle: degToRad(inf.rotationDeg ?? 0),
      })
      grow(t, 20, 20)
      infrastructure.push({
        id: inf.id,
        kind: inf.kind,
        name: inf.name,
        site: s,
        transform: t,
        units: inf.units,
        capacityMw: inf.capacityMw,
        phase: phaseIndex.get(inf.phase) ?? 0,
        estimate: inf.estimate ?? false,
      })
    }
    sites.push({ id: site.id, name: site.name, address: site.address, transform: siteT, bounds })
  })

  let total = 0
  for (const p of config.phases) for (const add of p.adds) total += add.racks
  const racks: RackTable = {
    count: total,
    x: new Float32Array(total),
    z: new Float32Array(total),
    rotY: new Float32Array(total),
    site: new Uint16Array(total),
    building: new Uint16Array(total),
    hall: new Uint16Array(total),
    row: new Uint16Array(total),
    array: new Uint16Array(total),
    slot: new Uint16Array(total),
    generation: new Uint8Array(total),
    phase: new Uint8Array(total),
    orderInPhase: new Uint32Array(total),
    buildFraction: new Float32Array(total),
    powerKw: new Float32Array(total),
    phaseEnd: new Uint32Array(config.phases.length),
  }

  const generationIndex = new Map(config.generations.map((g, i) => [g.id, i]))
  const filled = new Uint32Array(halls.length)
  const local = { x: 0, z: 0, angle: 0, row: 0, array: 0, slot: 0 }
  let i = 0
  config.phases.forEach((phase, p) => {
    const phaseStart = i
    let phaseRacks = 0
    for (const add of phase.adds) phaseRacks += add.racks
    for (const add of phase.adds) {
      const g = generationIndex.get(add.generation)!
      const powerKw = config.generations[g]!.rackPowerKw
      let left = add.racks
      for (const hid of add.halls) {
        if (left === 0) break
        const h = hallIndex.get(hid)!
        const hall = halls[h]!
        if (hall.firstPhase < 0) hall.firstPhase = p
        const t = hall.transform
        const c = Math.cos(t.angle)
        const s = Math.sin(t.angle)
        const take = Math.min(left, hall.capacity - filled[h]!)
        for (let k = 0; k < take; k++, i++) {
          slotLocal(hall.grid, filled[h]! + k, local)
          racks.x[i] = t.x + c * local.x + s * local.z
          racks.z[i] = t.z - s * local.x + c * local.z
          racks.rotY[i] = t.angle + local.angle
          racks.site[i] = hall.site
          racks.building[i] = hall.building
          racks.hall[i] = h
          racks.row[i] = local.row
          racks.array[i] = local.array
          racks.slot[i] = local.slot
          racks.generation[i] = g
          racks.phase[i] = p
          racks.orderInPhase[i] = i - phaseStart
          racks.buildFraction[i] = (i - phaseStart) / phaseRacks
          racks.powerKw[i] = powerKw
        }
        filled[h] = filled[h]! + take
        left -= take
      }
    }
    racks.phaseEnd[p] = i
  })

  return {
    config,
    racks,
    sites,
    buildings,
    halls,
    infrastructure,
    phases: computePhaseStats(config, racks),
  }
}
