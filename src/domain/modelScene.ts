/**
 * What a 3D model export holds, worked out from the layout alone (pure, no three): the racks
 * standing at the shown moment grouped site → building → hall → colour, the building shells
 * and the plant, all in campus metres (+x east, +z south, y up). `export/model` turns it into
 * a three scene for GLTFExporter or USDZExporter; the size estimate reads the same counts.
 */
import { type Box, campusBoxes, unitPlacements } from './campus'
import { type ColorMode, hexToRgb, type Rgb, rackColor, rgbToHex } from './color/colorModes'
import { campusBounds, type Layout, type PlacedInfrastructure } from './layout/buildLayout'

/** File formats of a model export. */
export type ModelFormat = 'glb' | 'usdz'

/** Every model format, in the order the UI offers them. */
export const MODEL_FORMATS: readonly ModelFormat[] = ['glb', 'usdz']

/** How roofs are drawn on screen (the store's roof mode); the model follows it. */
export type ModelRoof = 'solid' | 'faded' | 'hidden'

/** Racks of one hall that share a colour: one mesh in the file. */
export interface ModelRackGroup {
  /** Node name, e.g. `racks_GB200_NVL72`. */
  name: string
  /** What the colour stands for in the colour mode (generation, phase or power). */
  label: string
  /** sRGB colour as on screen, `#rrggbb`. */
  colorHex: string
  /** Rack indices (into the rack table), in build order. */
  racks: Uint32Array
}

/** A hall in the model: its floor and its standing racks by colour. */
export interface ModelHall {
  name: string
  /** The hall's fitted-out floor (null before the hall's first phase). */
  floor: Box | null
  /** Rack size of the hall, metres. */
  rack: { widthM: number; depthM: number; heightM: number }
  groups: ModelRackGroup[]
}

/** A building in the model: its shell and its halls. */
export interface ModelBuilding {
  name: string
  floor: Box
  walls: Box[]
  /** Null when roofs are hidden on screen. */
  roof: Box | null
  halls: ModelHall[]
}

/** A plant group (turbines, batteries, …) standing at the shown phase. */
export interface ModelPlant {
  name: string
  kind: PlacedInfrastructure['kind']
  units: { x: number; z: number; rotY: number }[]
}

/** A site in the model. */
export interface ModelSite {
  name: string
  buildings: ModelBuilding[]
  plant: ModelPlant[]
}

/** Everything a model export holds. */
export interface ModelScene {
  /** Root node name. */
  name: string
  /** Phase shown (its figures apply) and racks standing (a prefix of the rack table). */
  phaseIndex: number
  racks: number
  roof: ModelRoof
  /** Campus centre on the plane, metres: the root node moves it to the origin. */
  centreM: { x: number; z: number }
  sites: ModelSite[]
}

/** What the model shows: the layout, the colour mode and roof as on screen, the shown moment. */
export interface ModelRequest {
  layout: Layout
  colorMode: ColorMode
  roof: ModelRoof
  /** The phase whose figures apply at the shown moment. */
  phaseIndex: number
  /** Racks standing at the shown moment (a prefix of the rack table in build order). */
  racks: number
}

/** A node name of letters, digits and underscores (USD allows no others). */
export function nodeName(...parts: string[]): string {
  const s = parts
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return /^[0-9]/.test(s) ? `_${s}` : s || 'node'
}

/** What a rack's colour stands for in `mode`: its generation, its phase, or its power. */
function colourLabel(layout: Layout, mode: ColorMode, i: number): string {
  const r = layout.racks
  if (mode === 'generation') return layout.config.generations[r.generation[i]!]!.name
  if (mode === 'phase') return layout.config.phases[r.phase[i]!]!.name
  return `${Math.round(r.powerKw[i]! * 10) / 10} kW`
}

/** The standing racks of each hall grouped by colour, groups in order of first appearance. */
function rackGroupsByHall(req: ModelRequest): ModelRackGroup[][] {
  const { layout, colorMode, racks } = req
  // Colours in double precision, as the legend computes them: through a Float32Array a
  // channel can round to the next byte and the hex would differ from the legend's.
  const keyOf =
    colorMode === 'generation' ? layout.racks.generation : colorMode === 'phase' ? layout.racks.phase : null
  const hexByKey = new Map<number, number>()
  const colourKey = (i: number): number => {
    const k = keyOf ? keyOf[i]! : -1 - i
    let hex = hexByKey.get(k)
    if (hex === undefined) {
      hex = Number.parseInt(rgbToHex(rackColor(layout, colorMode, i)).slice(1), 16)
      if (keyOf) hexByKey.set(k, hex)
    }
    return hex
  }
  // hall → colour (packed 24-bit) → rack indices
  const byHall = layout.halls.map(() => new Map<number, number[]>())
  const labels = new Map<number, string>()
  for (let i = 0; i < racks; i++) {
    const key = colourKey(i)
    if (!labels.has(key)) labels.set(key, colourLabel(layout, colorMode, i))
    const hall = byHall[layout.racks.hall[i]!]!
    const list = hall.get(key)
    if (list) list.push(i)
    else hall.set(key, [i])
  }
  return byHall.map((groups) =>
    [...groups.entries()].map(([key, list]) => {
      const label = labels.get(key)!
      return {
        name: nodeName('racks', label),
        label,
        colorHex: `#${key.toString(16).padStart(6, '0')}`,
        racks: Uint32Array.from(list),
      }
    }),
  )
}

/** Campus centre: the middle of the sites' bounds. */
function campusCentre(layout: Layout): { x: number; z: number } {
  const b = campusBounds(layout)
  return Number.isFinite(b.minX) ? { x: (b.minX + b.maxX) / 2, z: (b.minZ + b.maxZ) / 2 } : { x: 0, z: 0 }
}

/** The model of what stands at the shown moment. */
export function modelScene(req: ModelRequest): ModelScene {
  const { layout, phaseIndex, roof } = req
  const boxes = campusBoxes(layout)
  const groups = rackGroupsByHall(req)
  const buildings: ModelBuilding[] = layout.buildings.map((b, k) => ({
    name: nodeName('building', b.id),
    floor: boxes.floors[k]!,
    // campusBoxes adds one floor, one roof and four walls per building, in building order.
    walls: boxes.walls.slice(k * 4, k * 4 + 4),
    roof: roof === 'hidden' ? null : boxes.roofs[k]!,
    halls: [],
  }))
  layout.halls.forEach((hall, h) => {
    const shown = hall.firstPhase >= 0 && hall.firstPhase <= phaseIndex
    const hallGroups = groups[h]!
    if (!shown && hallGroups.length === 0) return
    buildings[hall.building]!.halls.push({
      name: nodeName('hall', hall.id),
      floor: shown ? boxes.hallFloors[h]! : null,
      rack: { ...hall.grid.rack },
      groups: hallGroups,
    })
  })
  const sites: ModelSite[] = layout.sites.map((s) => ({
    name: nodeName('site', s.id),
    buildings: [],
    plant: [],
  }))
  layout.buildings.forEach((b, k) => {
    sites[b.site]!.buildings.push(buildings[k]!)
  })
  for (const inf of layout.infrastructure)
    if (inf.phase <= phaseIndex)
      sites[inf.site]!.plant.push({
        name: nodeName('plant', inf.id),
        kind: inf.kind,
        units: unitPlacements(inf),
      })
  return {
    name: nodeName(layout.config.name),
    phaseIndex,
    racks: req.racks,
    roof,
    centreM: campusCentre(layout),
    sites,
  }
}

/** Counts of what a model holds, for the size estimate. */
export interface ModelCounts {
  racks: number
  /** Rack meshes (one per hall and colour). */
  rackGroups: number
  /** Shell boxes: building floors, walls and roofs, hall floors. */
  shellBoxes: number
  /** Plant units by kind, and plant groups (one mesh each). */
  plantUnits: Record<PlacedInfrastructure['kind'], number>
  plantGroups: number
  /** Nodes that only group (root, sites, buildings, halls). */
  groupNodes: number
}

/** Counts the parts of a model. */
export function modelCounts(m: ModelScene): ModelCounts {
  const c: ModelCounts = {
    racks: 0,
    rackGroups: 0,
    shellBoxes: 0,
    plantUnits: { turbine: 0, battery: 0, chiller: 0, substation: 0 },
    plantGroups: 0,
    groupNodes: 1,
  }
  for (const s of m.sites) {
    c.groupNodes++
    for (const p of s.plant) {
      c.plantGroups++
      c.plantUnits[p.kind] += p.units.length
    }
    for (const b of s.buildings) {
      c.groupNodes++
      c.shellBoxes += 1 + b.walls.length + (b.roof ? 1 : 0)
      for (const h of b.halls) {
        c.groupNodes++
        c.shellBoxes += h.floor ? 1 : 0
        c.rackGroups += h.groups.length
        for (const g of h.groups) c.racks += g.racks.length
      }
    }
  }
  return c
}

/** The sRGB colour of a group as three floats in [0, 1]. */
export const groupRgb = (g: ModelRackGroup): Rgb => hexToRgb(g.colorHex)
