/** What the layout engine produces: the placed campus, the rack table and per-phase totals. */
import type { LayoutConfig, PhaseStatus } from '../../config/schema'
import type { HallGrid, Transform2 } from '../geometry'
import type { PowerModel } from '../power/powerModel'
import type { PhaseStats } from '../stats/phaseStats'
import type { RackTable } from './rackTable'

/** Axis-aligned bounds on the campus plane, metres. */
export interface BoundsXZ {
  minX: number
  maxX: number
  minZ: number
  maxZ: number
}

/** A site placed on the campus. */
export interface PlacedSite {
  id: string
  name: string
  address: string | undefined
  transform: Transform2
  /** Axis-aligned bounds of its buildings and plant on the campus plane, metres. */
  bounds: BoundsXZ
}

/** A building placed on the campus. */
export interface PlacedBuilding {
  id: string
  name: string
  site: number
  transform: Transform2
  sizeM: readonly [number, number, number]
  /** planned: permitted or announced, not standing; drawn as a footprint outline. */
  status: PhaseStatus
  /** What the layout says about it (e.g. a permit), or null. */
  note: string | null
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
  /** Per-rack load and draw under the layout's workload scenario. */
  power: PowerModel
}
