/** The power and cooling plant of a layout: one InstancedMesh per kind of plant. */
import { type InstancedMesh, MeshLambertMaterial } from 'three'
import { type Box, unitPlacements } from '../domain/campus'
import type { Layout, PlacedInfrastructure } from '../domain/layout/buildLayout'
import { createBoxInstances } from './boxInstances'
import { PLANT_COLORS, plantGeometry } from './plantGeometry'

const KINDS: PlacedInfrastructure['kind'][] = ['substation', 'turbine', 'battery', 'chiller']

/** The plant meshes of a layout; kinds the layout has no unit of are left out. */
export interface PlantMeshes {
  groups: { mesh: InstancedMesh; countAtPhase: Uint32Array }[]
  dispose: () => void
}

/** Builds the plant meshes of a layout, units ordered by the phase that adds them. */
export function createPlantMeshes(layout: Layout): PlantMeshes {
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
    const material = new MeshLambertMaterial({ color: PLANT_COLORS[kind], vertexColors: true })
    const made = createBoxInstances(units, geometry, material, layout.phases.length)
    made.mesh.name = `plant-${kind}`
    groups.push(made)
  }
  return {
    groups,
    dispose: () => {
      for (const { mesh } of groups) {
        mesh.dispose()
        mesh.geometry.dispose()
        ;(mesh.material as MeshLambertMaterial).dispose()
      }
    },
  }
}
