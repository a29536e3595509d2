/** The power and cooling plant of a layout: one InstancedMesh per kind of plant. */
import type { InstancedMesh, Material } from 'three'
import { type Box, unitPlacements } from '../domain/campus'
import type { Layout, PlacedInfrastructure } from '../domain/layout/buildLayout'
import type { QualityTier } from '../domain/quality'
import { createBoxInstances } from './boxInstances'
import { PLANT_COLORS, plantGeometry } from './plantGeometry'
import { createSurfaceMaterial, SURFACES } from './surface'

const KINDS: PlacedInfrastructure['kind'][] = ['substation', 'turbine', 'battery', 'chiller']

/** The plant meshes of a layout; kinds the layout has no unit of are left out. */
export interface PlantMeshes {
  groups: { mesh: InstancedMesh; countAtPhase: Uint32Array }[]
  dispose: () => void
}

/** Builds the plant meshes of a layout with materials for `tier`, units ordered by the phase that adds them. */
export function createPlantMeshes(layout: Layout, tier: QualityTier = 'draft'): PlantMeshes {
  const groups: PlantMeshes['groups'] = []
  for (const kind of KINDS) {
    const units: Box[] = []
    for (const inf of layout.infrastructure) {
      if (inf.kind !== kind) continue
      for (const u of unitPlacements(inf))
        units.push({ x: u.x, y: 0, z: u.z, sx: 1, sy: 1, sz: 1, rotY: u.rotY, phase: inf.phase })
    }
    if (units.length === 0) continue
    const geometry = plantGeometry(kind)
    const material = createSurfaceMaterial({ ...SURFACES.plantBody, color: PLANT_COLORS[kind] }, tier)
    const made = createBoxInstances(units, geometry, material, layout.phases.length)
    made.mesh.name = `plant-${kind}`
    made.mesh.castShadow = true
    made.mesh.receiveShadow = true
    groups.push(made)
  }
  return {
    groups,
    dispose: () => {
      for (const { mesh } of groups) {
        mesh.dispose()
        mesh.geometry.dispose()
        ;(mesh.material as Material).dispose()
      }
    },
  }
}
