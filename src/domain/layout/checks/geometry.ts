/**
 * Geometry checks: racks fit their hall type, halls stand inside their building and apart,
 * buildings stand apart on the campus, and the campus is within the size limits. The
 * transforms are the layout engine's own (`../place`).
 */
import { LIMITS } from '../../../config/parse'
import type { BuildingConfig, HallTypeConfig } from '../../../config/schema'
import {
  cornersInsideRect,
  gridCapacity,
  gridExtentM,
  quadsOverlap,
  rectCorners,
  type Transform2,
} from '../../geometry'
import { buildingTransform, localTransform, siteTransform } from '../place'
import { type CheckContext, count } from './context'
import { checkSourceRefs } from './references'

/** Overlap or overhang smaller than this is rounding, not a fault, metres. */
const TOLERANCE_M = 1e-3

/** A placed rectangle's corners and the JSON path of what it is. */
interface Footprint {
  at: string
  quad: number[]
}

/** The rack grid of each hall type fits the hall's floor. */
export function checkHallTypes({ config, problems }: CheckContext): void {
  config.hallTypes.forEach((t, i) => {
    const ext = gridExtentM(t)
    if (ext.widthM > t.sizeM[0] + 1e-6)
      problems.push({
        path: `hallTypes[${i}]`,
        message: `racks need ${ext.widthM.toFixed(1)} m of width but the hall is ${t.sizeM[0]} m wide (sizeM[0])`,
      })
    if (ext.depthM > t.sizeM[1] + 1e-6)
      problems.push({
        path: `hallTypes[${i}]`,
        message: `racks need ${ext.depthM.toFixed(1)} m of depth but the hall is ${t.sizeM[1]} m deep (sizeM[1])`,
      })
  })
}

/**
 * The halls of building `b` (at path `bAt`) have known types, stand inside it and do not
 * overlap each other; records each hall's capacity. Returns the halls counted, known type or not.
 */
function checkHalls(
  ctx: CheckContext,
  hallTypes: Map<string, HallTypeConfig>,
  b: BuildingConfig,
  bAt: string,
): number {
  const { problems } = ctx
  const placed: Footprint[] = []
  b.halls.forEach((h, hi) => {
    const hAt = `${bAt}.halls[${hi}]`
    const type = hallTypes.get(h.type)
    if (!type) {
      problems.push({ path: `${hAt}.type`, message: `unknown hall type "${h.type}"` })
      return
    }
    ctx.hallSlots.set(h.id, ctx.capacity.length)
    ctx.capacity.push(gridCapacity(type))
    // In the building's own frame, where it is the centred rectangle sizeM[0] × sizeM[1].
    const quad = rectCorners(localTransform(h), type.sizeM[0], type.sizeM[1])
    if (!cornersInsideRect(quad, b.sizeM[0], b.sizeM[1], TOLERANCE_M))
      problems.push({
        path: `${hAt}.positionM`,
        message: `hall "${h.id}" (${type.sizeM[0]} × ${type.sizeM[1]} m) reaches outside building "${b.id}" (${b.sizeM[0]} × ${b.sizeM[1]} m)`,
      })
    for (const other of placed) {
      if (quadsOverlap(other.quad, quad, TOLERANCE_M))
        problems.push({ path: `${hAt}.positionM`, message: `hall "${h.id}" overlaps ${other.at}` })
    }
    placed.push({ at: hAt, quad })
  })
  return b.halls.length
}

/** No two buildings overlap on the campus (`buildings` holds their campus footprints). */
function checkBuildingsApart({ problems }: CheckContext, buildings: readonly Footprint[]): void {
  for (let i = 0; i < buildings.length; i++) {
    for (let j = 0; j < i; j++) {
      if (quadsOverlap(buildings[j]!.quad, buildings[i]!.quad, TOLERANCE_M))
        problems.push({
          path: `${buildings[i]!.at}.positionM`,
          message: `building overlaps ${buildings[j]!.at}`,
        })
    }
  }
}

/** The campus holds at most `LIMITS.maxHalls` halls and `LIMITS.maxSlots` rack slots. */
function checkCampusSize({ problems, capacity }: CheckContext, halls: number): void {
  const slots = capacity.reduce((n, c) => n + c, 0)
  if (halls > LIMITS.maxHalls)
    problems.push({ path: 'sites', message: `${count(halls)} halls; the limit is ${count(LIMITS.maxHalls)}` })
  if (slots > LIMITS.maxSlots)
    problems.push({
      path: 'sites',
      message: `halls hold ${count(slots)} rack slots; the limit is ${count(LIMITS.maxSlots)} (each slot costs memory)`,
    })
}

/**
 * Each site's sources exist, its halls fit their buildings, buildings stand apart, and the
 * campus is within the size limits. Records every hall's capacity for the phase checks.
 */
export function checkSites(ctx: CheckContext): void {
  const hallTypes = new Map(ctx.config.hallTypes.map((t) => [t.id, t]))
  const buildings: Footprint[] = []
  let halls = 0
  ctx.config.sites.forEach((site, s) => {
    checkSourceRefs(ctx, site.sources, `sites[${s}].sources`)
    const siteT: Transform2 = siteTransform(site)
    site.buildings.forEach((b, bi) => {
      const bAt = `sites[${s}].buildings[${bi}]`
      buildings.push({ at: bAt, quad: rectCorners(buildingTransform(siteT, b), b.sizeM[0], b.sizeM[1]) })
      halls += checkHalls(ctx, hallTypes, b, bAt)
    })
  })
  checkBuildingsApart(ctx, buildings)
  checkCampusSize(ctx, halls)
}
