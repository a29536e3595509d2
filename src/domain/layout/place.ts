/**
 * Placement: where the config's sites, buildings, halls and plant stand on the campus. The
 * layout engine places everything with these functions and the geometry checks test the same
 * transforms, so what is checked is what is drawn.
 */
import type { BuildingConfig, HallTypeConfig, LayoutConfig, SiteConfig } from '../../config/schema'
import { compose, degToRad, gridCapacity, type Transform2 } from '../geometry'
import type { BoundsXZ, PlacedBuilding, PlacedHall, PlacedInfrastructure, PlacedSite } from './types'

/** Square around each plant group's centre that its site's bounds hold, metres a side (a group's units may reach further). */
const PLANT_BOUNDS_M = 20

/** The transform of a thing placed in its parent: its centre `positionM`, turned by `rotationDeg`. */
export const localTransform = (item: {
  positionM: readonly [number, number]
  rotationDeg?: number | undefined
}): Transform2 => ({ x: item.positionM[0], z: item.positionM[1], angle: degToRad(item.rotationDeg ?? 0) })

/** A site's transform on the campus: sites are not rotated. */
export const siteTransform = (site: Pick<SiteConfig, 'positionM'>): Transform2 => ({
  x: site.positionM[0],
  z: site.positionM[1],
  angle: 0,
})

/** A building's transform on the campus. */
export const buildingTransform = (siteT: Transform2, b: BuildingConfig): Transform2 =>
  compose(siteT, localTransform(b))

/** Bounds that contain nothing yet. */
export const emptyBounds = (): BoundsXZ => ({
  minX: Number.POSITIVE_INFINITY,
  maxX: Number.NEGATIVE_INFINITY,
  minZ: Number.POSITIVE_INFINITY,
  maxZ: Number.NEGATIVE_INFINITY,
})

/** Grows `bounds` to hold a w × d rectangle placed by `t`. */
export function growBounds(bounds: BoundsXZ, t: Transform2, w: number, d: number): void {
  const c = Math.abs(Math.cos(t.angle))
  const s = Math.abs(Math.sin(t.angle))
  const rx = (c * w + s * d) / 2
  const rz = (s * w + c * d) / 2
  bounds.minX = Math.min(bounds.minX, t.x - rx)
  bounds.maxX = Math.max(bounds.maxX, t.x + rx)
  bounds.minZ = Math.min(bounds.minZ, t.z - rz)
  bounds.maxZ = Math.max(bounds.maxZ, t.z + rz)
}

/** Everything but the racks, placed on the campus. */
export interface Placement {
  sites: PlacedSite[]
  buildings: PlacedBuilding[]
  halls: PlacedHall[]
  infrastructure: PlacedInfrastructure[]
}

/** The config being placed, its lookups, and what is placed so far. */
interface PlaceContext {
  config: LayoutConfig
  hallTypes: Map<string, HallTypeConfig>
  phaseIndex: Map<string, number>
  out: Placement
}

/** Places the buildings and halls of site `s`, growing `bounds`. */
function placeBuildings({ config, hallTypes, out }: PlaceContext, s: number, bounds: BoundsXZ): void {
  const site = config.sites[s]!
  const siteT = siteTransform(site)
  for (const b of site.buildings) {
    const bT = buildingTransform(siteT, b)
    growBounds(bounds, bT, b.sizeM[0], b.sizeM[1])
    const bIndex = out.buildings.length
    out.buildings.push({
      id: b.id,
      name: b.name,
      site: s,
      transform: bT,
      sizeM: b.sizeM,
      status: b.status ?? 'achieved',
      note: b.note ?? null,
    })
    for (const h of b.halls) {
      const type = hallTypes.get(h.type)!
      out.halls.push({
        id: h.id,
        name: h.name,
        building: bIndex,
        site: s,
        transform: compose(bT, localTransform(h)),
        sizeM: type.sizeM,
        grid: type,
        capacity: gridCapacity(type),
        firstPhase: -1,
      })
    }
  }
}

/** Places the power and cooling plant of site `s`, growing `bounds`. */
function placePlant({ config, phaseIndex, out }: PlaceContext, s: number, bounds: BoundsXZ): void {
  const site = config.sites[s]!
  const siteT = siteTransform(site)
  for (const inf of site.infrastructure ?? []) {
    const t = compose(siteT, localTransform(inf))
    growBounds(bounds, t, PLANT_BOUNDS_M, PLANT_BOUNDS_M)
    out.infrastructure.push({
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
}

/** Places every site, building, hall and plant group of a config `validateLayout` accepted. */
export function placeCampus(config: LayoutConfig): Placement {
  const out: Placement = { sites: [], buildings: [], halls: [], infrastructure: [] }
  const ctx: PlaceContext = {
    config,
    hallTypes: new Map(config.hallTypes.map((t) => [t.id, t])),
    phaseIndex: new Map(config.phases.map((p, i) => [p.id, i])),
    out,
  }
  config.sites.forEach((site, s) => {
    const bounds = emptyBounds()
    placeBuildings(ctx, s, bounds)
    placePlant(ctx, s, bounds)
    out.sites.push({
      id: site.id,
      name: site.name,
      address: site.address,
      transform: siteTransform(site),
      bounds,
    })
  })
  return out
}
