/**
 * How big a model file will be, worked out from counts before anything is built, and the cap
 * above which an export is refused (a browser tab holds the whole file, and its text in USDZ,
 * in memory). The per-part figures were measured on three r187's exporters with the default
 * layout (test/unit/model.test.ts checks the estimate against real files).
 */
import type { PlacedInfrastructure } from './layout/buildLayout'
import type { ModelCounts, ModelFormat } from './modelScene'

/** Largest model file an export makes, bytes (decimal: 200 MB). */
export const MAX_MODEL_BYTES = 200_000_000

/**
 * Vertices of one plant unit of each kind as the scene draws it (gpu/plantGeometry, downward
 * faces dropped, not indexed); a unit test keeps these equal to the real geometry.
 */
export const PLANT_UNIT_VERTICES: Record<PlacedInfrastructure['kind'], number> = {
  turbine: 138,
  battery: 60,
  chiller: 60,
  substation: 660,
}

/** Bytes per part, by what the file holds (measured: test/unit/model.test.ts). */
interface PartBytes {
  /** Per rack: an instance transform, or a merged box. */
  rack: number
  /** Per mesh (one per hall and rack colour, one per plant group): node, mesh, accessors, material. */
  mesh: number
  /** Per shell box (a node of a shared cube). */
  shellBox: number
  /** Per plant unit: an instance transform (0 when merged). */
  plantInstance: number
  /** Per vertex of each merged plant unit (0 when instanced). */
  plantVertex: number
  /** Per vertex of a plant shape, once per kind present (instanced: the shared geometry). */
  plantShapeVertex: number
  /** Per grouping node. */
  groupNode: number
  /** Fixed: headers, the shared cube. */
  base: number
}

const PART_BYTES: Record<'glb-instanced' | 'glb-merged' | 'usdz', PartBytes> = {
  // Translation, rotation and scale per instance: 10 floats.
  'glb-instanced': {
    rack: 40,
    mesh: 700,
    shellBox: 100,
    plantInstance: 40,
    plantVertex: 0,
    plantShapeVertex: 36,
    groupNode: 40,
    base: 2200,
  },
  // 24 vertices of position and normal (6 floats) and 36 16-bit indices per rack; plant
  // vertices carry a colour too.
  'glb-merged': {
    rack: 650,
    mesh: 600,
    shellBox: 100,
    plantInstance: 0,
    plantVertex: 36,
    plantShapeVertex: 0,
    groupNode: 40,
    base: 2200,
  },
  // USDA text, stored uncompressed: points and normals as "(x, y, z)" with 7 significant
  // digits, face indices as text.
  usdz: {
    rack: 1880,
    mesh: 1000,
    shellBox: 450,
    plantInstance: 0,
    plantVertex: 108,
    plantShapeVertex: 0,
    groupNode: 180,
    base: 4000,
  },
}

/** Estimated size of a model file of `counts` in `format` (`instanced`: GLB with EXT_mesh_gpu_instancing), bytes. */
export function modelSizeEstimate(counts: ModelCounts, format: ModelFormat, instanced: boolean): number {
  const b = PART_BYTES[format === 'usdz' ? 'usdz' : instanced ? 'glb-instanced' : 'glb-merged']
  let plant = 0
  for (const kind of Object.keys(counts.plantUnits) as PlacedInfrastructure['kind'][]) {
    const units = counts.plantUnits[kind]
    const vertices = PLANT_UNIT_VERTICES[kind]
    if (units > 0)
      plant += units * (b.plantInstance + b.plantVertex * vertices) + b.plantShapeVertex * vertices
  }
  return Math.round(
    b.base +
      counts.racks * b.rack +
      (counts.rackGroups + counts.plantGroups) * b.mesh +
      counts.shellBoxes * b.shellBox +
      counts.groupNodes * b.groupNode +
      plant,
  )
}

/** Formats bytes as "12.3 MB" (decimal units). */
export function fmtBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`
}

/** Why a model of `estimatedBytes` in `format` is refused, or null when it can be exported. */
export function modelSizeProblem(estimatedBytes: number, format: ModelFormat): string | null {
  if (estimatedBytes <= MAX_MODEL_BYTES) return null
  const hint =
    format === 'usdz'
      ? ' USDZ has no instancing; a GLB of the same racks is far smaller, or choose an earlier phase.'
      : ' Choose an earlier phase or keep instancing on.'
  return `The ${format.toUpperCase()} would be about ${fmtBytes(estimatedBytes)}, over the ${fmtBytes(MAX_MODEL_BYTES)} cap.${hint}`
}
