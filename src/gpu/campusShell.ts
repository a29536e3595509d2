/**
 * The campus shell of a layout: site pads, building floors, hall floors, walls (ribbed metal
 * cladding up to a parapet with its coping), roofs and soft ground shadows, one InstancedMesh
 * each. Surfaces come from gpu/surface.ts, so the quality tier picks Lambert (draft: these
 * surfaces cover much of the screen) or physically based materials.
 */
import type {
  BufferGeometry,
  InstancedMesh,
  Material,
  MeshLambertMaterial,
  MeshStandardMaterial,
} from 'three'
import { MeshBasicMaterial } from 'three'
import { type Box, campusBoxes } from '../domain/campus'
import { PAD_MARGIN_M, siteExtents } from '../domain/dressing'
import type { Layout } from '../domain/layout/buildLayout'
import type { QualityTier } from '../domain/quality'
import { createBoxInstances, softShadowTexture, unitBox, unitGroundQuad } from './boxInstances'
import { claddingTexture, wallGeometry } from './campusWalls'
import { DRAW_ORDER } from './drawOrder'
import { createSurfaceMaterial, SURFACES } from './surface'

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
  roofMaterial: MeshLambertMaterial | MeshStandardMaterial
  dispose: () => void
}

/**
 * Builds the shell of a layout with materials for `tier`. Buildings stand from the start: they
 * predate the cluster.
 */
export function createCampusShell(layout: Layout, tier: QualityTier = 'draft'): CampusShell {
  const boxes = campusBoxes(layout)
  const geometry = unitBox()
  const surface = (spec: Parameters<typeof createSurfaceMaterial>[0]) => createSurfaceMaterial(spec, tier)
  const padMat = surface(SURFACES.yard)
  const floorMat = surface(SURFACES.slab)
  const hallMat = surface(SURFACES.hallFloor)
  const wallMat = surface(SURFACES.cladding)
  const ribs = claddingTexture()
  wallMat.map = ribs
  const walls = wallGeometry(boxes.walls)
  const roofMaterial = surface({ ...SURFACES.roofMembrane, transparent: true, depthWrite: false })
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
  // Yards reach past the site bounds where plant does (so no unit stands on the grass).
  const padBoxes: Box[] = siteExtents(layout).map((b) => ({
    x: (b.minX + b.maxX) / 2,
    y: -0.05,
    z: (b.minZ + b.maxZ) / 2,
    sx: b.maxX - b.minX + 2 * PAD_MARGIN_M,
    sy: 0.1,
    sz: b.maxZ - b.minZ + 2 * PAD_MARGIN_M,
    rotY: 0,
    phase: -1,
  }))
  const pads = part('site-pads', padBoxes, padMat).mesh
  const floors = part('building-floors', boxes.floors, floorMat).mesh
  const halls = part('hall-floors', boxes.hallFloors, hallMat)
  // The walls are merged into one geometry (the ribs need UVs in metres): one identity instance.
  const wallMesh = part(
    'walls',
    [{ x: 0, y: 0, z: 0, sx: 1, sy: 1, sz: 1, rotY: 0, phase: -1 }],
    wallMat,
    walls,
  ).mesh
  const roofs = part('roofs', boxes.roofs, roofMaterial).mesh
  // Soft ground shadows: buildings sit on the ground instead of floating (a cheap stand-in
  // for ambient occlusion; one draw call).
  const shadows = part('ground-shadows', boxes.shadows, shadowMat, shadowGeometry).mesh
  shadows.renderOrder = -1
  roofs.renderOrder = 10
  pads.renderOrder = DRAW_ORDER.sitePads
  floors.renderOrder = DRAW_ORDER.buildingFloors
  halls.mesh.renderOrder = DRAW_ORDER.hallFloors
  const meshes = [pads, floors, halls.mesh, wallMesh, roofs, shadows]
  for (const m of meshes) m.receiveShadow = true
  for (const m of [wallMesh, roofs]) m.castShadow = true
  shadows.receiveShadow = false
  return {
    pads,
    floors,
    halls: halls.mesh,
    walls: wallMesh,
    roofs,
    shadows,
    meshes,
    hallsAtPhase: halls.countAtPhase,
    roofMaterial,
    dispose: () => {
      geometry.dispose()
      walls.dispose()
      shadowGeometry.dispose()
      shadowTexture.dispose()
      ribs.dispose()
      for (const m of [padMat, floorMat, hallMat, wallMat, roofMaterial, shadowMat]) m.dispose()
      for (const m of meshes) m.dispose()
    },
  }
}
