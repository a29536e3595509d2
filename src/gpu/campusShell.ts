/**
 * The campus shell of a layout as instanced boxes: site pads, building floors, hall floors,
 * walls, roofs and soft ground shadows, one InstancedMesh each. Lambert, not PBR: these
 * surfaces cover much of the screen and need no reflections.
 */
import {
  type BufferGeometry,
  type InstancedMesh,
  type Material,
  MeshBasicMaterial,
  MeshLambertMaterial,
} from 'three'
import { type Box, campusBoxes } from '../domain/campus'
import type { Layout } from '../domain/layout/buildLayout'
import { createBoxInstances, softShadowTexture, unitBox, unitGroundQuad } from './boxInstances'

/** The shell's meshes by part, and what the scene changes on them. */
export interface CampusShell {
  pads: InstancedMesh
  floors: InstancedMesh
  /** Hall floors (their fit-out): drawn from the first phase that puts racks in the hall. */
  halls: InstancedMesh
  walls: InstancedMesh
  roofs: InstancedMesh
  shadows: InstancedMesh
  /** Every mesh above, in drawing order. */
  meshes: InstancedMesh[]
  /** For each phase, how many hall floors are drawn. */
  hallsAtPhase: Uint32Array
  roofMaterial: MeshLambertMaterial
  dispose: () => void
}

/** Builds the shell of a layout. Buildings stand from the start: they predate the cluster. */
export function createCampusShell(layout: Layout): CampusShell {
  const boxes = campusBoxes(layout)
  const geometry = unitBox()
  const lambert = (color: string) => new MeshLambertMaterial({ color })
  const padMat = lambert('#3a4658')
  const floorMat = lambert('#c9d1dc')
  const hallMat = lambert('#eef2f6')
  const wallMat = lambert('#8d99a8')
  const roofMaterial = new MeshLambertMaterial({ color: '#9aa6b5', transparent: true, depthWrite: false })
  const shadowGeometry = unitGroundQuad()
  const shadowTexture = softShadowTexture()
  const shadowMat = new MeshBasicMaterial({
    color: '#000000',
    alphaMap: shadowTexture,
    transparent: true,
    opacity: 0.55,
    depthWrite: false,
  })
  const n = layout.phases.length
  const part = (name: string, list: Box[], material: Material, shape: BufferGeometry = geometry) => {
    const made = createBoxInstances(list, shape, material, n)
    made.mesh.name = name
    return made
  }
  const pads = part('site-pads', boxes.pads, padMat).mesh
  const floors = part('building-floors', boxes.floors, floorMat).mesh
  const halls = part('hall-floors', boxes.hallFloors, hallMat)
  const walls = part('walls', boxes.walls, wallMat).mesh
  const roofs = part('roofs', boxes.roofs, roofMaterial).mesh
  // Soft ground shadows: buildings sit on the ground instead of floating (a cheap stand-in
  // for ambient occlusion; one draw call).
  const shadows = part('ground-shadows', boxes.shadows, shadowMat, shadowGeometry).mesh
  shadows.renderOrder = -1
  roofs.renderOrder = 10
  const meshes = [pads, floors, halls.mesh, walls, roofs, shadows]
  return {
    pads,
    floors,
    halls: halls.mesh,
    walls,
    roofs,
    shadows,
    meshes,
    hallsAtPhase: halls.countAtPhase,
    roofMaterial,
    dispose: () => {
      geometry.dispose()
      shadowGeometry.dispose()
      shadowTexture.dispose()
      for (const m of [padMat, floorMat, hallMat, wallMat, roofMaterial, shadowMat]) m.dispose()
      for (const m of meshes) m.dispose()
    },
  }
}
