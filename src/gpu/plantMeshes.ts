/**
 * The power and cooling plant of a layout: one InstancedMesh per kind of plant, in full detail,
 * and a far level of detail for the draft tier (one box per row of units).
 */
import { type BufferGeometry, Float32BufferAttribute, type InstancedMesh, type Material } from 'three'
import { type Box, unitPlacements, unitRowBoxes } from '../domain/campus'
import type { Layout, PlacedInfrastructure } from '../domain/layout/buildLayout'
import type { QualityTier } from '../domain/quality'
import { createBoxInstances, unitBox } from './boxInstances'
import { PLANT_COLORS, plantGeometry, turbineFarGeometry } from './plantGeometry'
import { createSurfaceMaterial, SURFACES } from './surface'

const KINDS: PlacedInfrastructure['kind'][] = ['substation', 'turbine', 'battery', 'chiller']

/**
 * How each kind is drawn from afar: Megapacks and chillers as a box per row of units (their
 * 2 m gaps are under a pixel there), turbines as units of two boxes (see turbineFarGeometry).
 * Substations are few (a handful per campus) and keep their detail at every distance.
 */
const FAR: Partial<Record<PlacedInfrastructure['kind'], 'rows' | 'units'>> = {
  turbine: 'units',
  battery: 'rows',
  chiller: 'rows',
}

/**
 * Where a screen pixel spans more than this many metres at the orbit target, the draft tier
 * draws plant simplified: the campus views (about 2 m a pixel at 1280×720), where a unit is a
 * few pixels. Software renderers pay for every triangle: at the 1M campus view on llvmpipe the
 * units' 21.6k triangles took about a third of the frame (~30 ms); simplified they are 4.4k
 * and ~7 ms. Site views (about 0.6 m a pixel) and nearer keep every unit.
 */
export const PLANT_FAR_M_PER_PX = 1.2

/**
 * Metres a pixel spans at `distanceM` from a camera of vertical field of view `fovDeg` whose
 * picture is `heightPx` tall.
 */
export const metresPerPixel = (distanceM: number, fovDeg: number, heightPx: number): number =>
  (2 * distanceM * Math.tan((fovDeg * Math.PI) / 360)) / Math.max(1, heightPx)

/** Whether plant is drawn simplified: in the draft tier, when a pixel spans more than PLANT_FAR_M_PER_PX. */
export const plantFarAt = (tier: QualityTier, mPerPx: number): boolean =>
  tier === 'draft' && mPerPx > PLANT_FAR_M_PER_PX

/** One kind of plant at one level of detail: its mesh and, per phase, how many instances stand. */
export interface PlantGroup {
  kind: PlacedInfrastructure['kind']
  mesh: InstancedMesh
  countAtPhase: Uint32Array
}

/** The plant meshes of a layout; kinds the layout has no unit of are left out. */
export interface PlantMeshes {
  /** Every unit in full detail. */
  groups: PlantGroup[]
  /** From afar in the draft tier: the kinds in FAR, simplified. */
  farGroups: PlantGroup[]
  /** What `showPlant` last showed: the phase, and whether simplified. */
  shown: { phase: number; far: boolean }
  dispose: () => void
}

/**
 * The top of a row seen from afar, as a grey level of the kind's colour: the mean of what
 * covers a unit's roof (plantGeometry), so rows read as the units did. Chillers: 5 dark fans
 * (shade 0.22) over 59 % of a light roof; Megapacks: the grey lid (0.78).
 */
const ROW_TOP_SHADE: Partial<Record<PlacedInfrastructure['kind'], number>> = { chiller: 0.54, battery: 0.78 }

/** A unit box without its bottom face (plant stands on the ground): white sides, a `topShade` top. */
function rowBoxGeometry(topShade: number): BufferGeometry {
  const box = unitBox()
  const index = box.getIndex()!
  // BoxGeometry's faces, 4 vertices and 6 indices each, in the order +x, −x, +y, −y, +z, −z.
  const kept = Array.from(index.array).filter((_, k) => Math.floor(k / 6) !== 3)
  box.setIndex(kept)
  const shade = new Float32Array(box.getAttribute('position').count * 3).fill(1)
  shade.fill(topShade, 2 * 4 * 3, 3 * 4 * 3)
  box.setAttribute('color', new Float32BufferAttribute(shade, 3))
  return box
}

/** Builds one level of one kind: `geometry` placed at `boxes`, with the kind's material for `tier`. */
function plantGroup(
  kind: PlacedInfrastructure['kind'],
  boxes: Box[],
  geometry: BufferGeometry,
  tier: QualityTier,
  phases: number,
  name: string,
): PlantGroup {
  const material = createSurfaceMaterial({ ...SURFACES.plantBody, color: PLANT_COLORS[kind] }, tier)
  const made = createBoxInstances(boxes, geometry, material, phases)
  made.mesh.name = name
  made.mesh.castShadow = true
  made.mesh.receiveShadow = true
  return { kind, ...made }
}

/** Builds the plant meshes of a layout with materials for `tier`, units ordered by the phase that adds them. */
export function createPlantMeshes(layout: Layout, tier: QualityTier = 'draft'): PlantMeshes {
  const groups: PlantGroup[] = []
  const farGroups: PlantGroup[] = []
  const phases = layout.phases.length
  for (const kind of KINDS) {
    const units: Box[] = []
    const rows: Box[] = []
    for (const inf of layout.infrastructure) {
      if (inf.kind !== kind) continue
      for (const u of unitPlacements(inf))
        units.push({ x: u.x, y: 0, z: u.z, sx: 1, sy: 1, sz: 1, rotY: u.rotY, phase: inf.phase })
      rows.push(...unitRowBoxes(inf, inf.phase))
    }
    if (units.length === 0) continue
    groups.push(plantGroup(kind, units, plantGeometry(kind), tier, phases, `plant-${kind}`))
    const far = FAR[kind]
    if (far === 'rows')
      farGroups.push(
        plantGroup(kind, rows, rowBoxGeometry(ROW_TOP_SHADE[kind] ?? 1), tier, phases, `plant-far-${kind}`),
      )
    if (far === 'units')
      farGroups.push(plantGroup(kind, units, turbineFarGeometry(), tier, phases, `plant-far-${kind}`))
  }
  return {
    groups,
    farGroups,
    shown: { phase: 0, far: false },
    dispose: () => {
      for (const { mesh } of [...groups, ...farGroups]) {
        mesh.dispose()
        mesh.geometry.dispose()
        ;(mesh.material as Material).dispose()
      }
    },
  }
}

/**
 * Shows the plant standing at `phase`, in full detail or, when `far`, simplified (each kind drawn
 * at one level only; kinds not in FAR keep their detail).
 */
export function showPlant(pm: PlantMeshes, phase: number, far: boolean): void {
  pm.shown.phase = phase
  pm.shown.far = far
  const show = (g: PlantGroup, on: boolean) => {
    g.mesh.count = on ? (g.countAtPhase[phase] ?? 0) : 0
    g.mesh.visible = g.mesh.count > 0
  }
  for (const g of pm.groups) show(g, !far || FAR[g.kind] === undefined)
  for (const g of pm.farGroups) show(g, far)
}

/** Plant meshes on screen (registered by the scene), for `withPlantDetail`. */
const onScreen = new Set<PlantMeshes>()

/** Registers plant meshes as on screen; returns the call that unregisters them. */
export function registerPlant(pm: PlantMeshes): () => void {
  onScreen.add(pm)
  return () => {
    onScreen.delete(pm)
  }
}

/**
 * Runs `render` with every plant on screen in full detail, then simplifies again what was. The
 * level is chosen for the screen's pixels; a still has its own, often far finer (a 4K still of
 * the campus view spans 0.6 m a pixel), so stills draw every unit.
 */
export async function withPlantDetail<T>(render: () => Promise<T>): Promise<T> {
  const simplified = [...onScreen].filter((pm) => pm.shown.far)
  for (const pm of simplified) showPlant(pm, pm.shown.phase, false)
  try {
    return await render()
  } finally {
    for (const pm of simplified) showPlant(pm, pm.shown.phase, true)
  }
}
