/**
 * The procedural dressing as meshes: one merged mesh for the ground and everything flat on it,
 * one for the yards under the plant (they show with their plant's phase), one for the upright
 * parts (fences, dock doors, pylons), one for rooftop units, one instanced mesh per tree shape
 * and one set of line segments for the overhead conductors. Seven draw calls at most, whatever
 * the campus.
 */
import {
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  Group,
  InstancedMesh,
  LineBasicMaterial,
  LineSegments,
  type Material,
  Matrix4,
  Mesh,
  Quaternion,
  Vector3,
} from 'three'
import type { Dressing } from '../domain/dressing'
import type { QualityTier } from '../domain/quality'
import { DRAW_ORDER } from './drawOrder'
import {
  groundGeometry,
  lineSegmentsOf,
  rooftopGeometry,
  structureGeometry,
  treeGeometries,
  yardGeometry,
} from './dressingGeometry'
import { createSurfaceMaterial, SURFACES } from './surface'

/** The dressing's objects and what the scene toggles on them. */
export interface DressingMeshes {
  group: Group
  /** The ground and everything flat on it: hidden while the camera is inside a building. */
  ground: Mesh
  /** The yards under the plant: drawn up to the phase shown (`showYards`), hidden with the ground. */
  yards: Mesh
  /** Per phase, how many vertices of `yards` draw the yards standing. */
  yardsAtPhase: Uint32Array
  /** Rooftop units: shown only while roofs are drawn solid. */
  rooftop: Mesh
  dispose: () => void
}

/** Tree tones (sRGB): muted greens, a few olive ones. */
const TREE_TONES = {
  conifer: ['#3f5140', '#4a5d45', '#56664a'],
  broadleaf: ['#5d6e4b', '#6b7a52', '#7a7c55'],
} as const

const _m = new Matrix4()
const _q = new Quaternion()
const _p = new Vector3()
const _s = new Vector3()
const _y = new Vector3(0, 1, 0)
const _c = new Color()

/** One instanced mesh of the trees of `shape` (0 conifer, 1 broadleaf). */
function trees(d: Dressing, shape: 0 | 1, geometry: BufferGeometry, material: Material): InstancedMesh {
  const t = d.trees
  const list: number[] = []
  for (let i = 0; i < t.count; i++) if (t.shape[i] === shape) list.push(i)
  const mesh = new InstancedMesh(geometry, material, Math.max(1, list.length))
  const tones = shape === 0 ? TREE_TONES.conifer : TREE_TONES.broadleaf
  list.forEach((i, k) => {
    _q.setFromAxisAngle(_y, t.tone[i]! * 6.283)
    _p.set(t.x[i]!, 0, t.z[i]!)
    _s.set(t.radiusM[i]!, t.heightM[i]!, t.radiusM[i]!)
    mesh.setMatrixAt(k, _m.compose(_p, _q, _s))
    mesh.setColorAt(k, _c.set(tones[Math.floor(t.tone[i]! * tones.length) % tones.length]!))
  })
  mesh.count = list.length
  mesh.visible = list.length > 0
  mesh.instanceMatrix.needsUpdate = true
  if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true
  mesh.computeBoundingBox()
  mesh.computeBoundingSphere()
  mesh.name = shape === 0 ? 'dressing-conifers' : 'dressing-broadleaves'
  return mesh
}

/** Builds the dressing's meshes with materials for `tier`. */
export function createDressingMeshes(d: Dressing, tier: QualityTier, phases: number): DressingMeshes {
  const solid = createSurfaceMaterial(SURFACES.vertexColored, tier)
  const treeMaterial = createSurfaceMaterial(SURFACES.foliage, tier)
  const lineMaterial = new LineBasicMaterial({ color: '#50565c' })
  const ground = new Mesh(groundGeometry(d), solid)
  ground.name = 'dressing-ground'
  ground.receiveShadow = true
  // Drawn after the other opaque meshes: where yards, buildings and plant already stand, the
  // depth test rejects the ground's fragments before they are shaded (per-pixel cost is what
  // software renderers pay for a ground).
  ground.renderOrder = DRAW_ORDER.dressingGround
  const yard = yardGeometry(d, phases)
  const yards = new Mesh(yard.geometry, solid)
  yards.name = 'dressing-yards'
  yards.receiveShadow = true
  // With the site pads: under the plant, over the dressing's ground.
  yards.renderOrder = DRAW_ORDER.sitePads
  const structures = new Mesh(structureGeometry(d), solid)
  structures.name = 'dressing-structures'
  structures.castShadow = true
  structures.receiveShadow = true
  const rooftop = new Mesh(rooftopGeometry(d), solid)
  rooftop.name = 'dressing-rooftop'
  rooftop.castShadow = true
  rooftop.receiveShadow = true
  const [coniferGeometry, crownGeometry] = treeGeometries()
  const conifers = trees(d, 0, coniferGeometry, treeMaterial)
  const broadleaves = trees(d, 1, crownGeometry, treeMaterial)
  for (const t of [conifers, broadleaves]) {
    t.castShadow = true
    t.receiveShadow = true
  }
  const lineGeometry = new BufferGeometry()
  lineGeometry.setAttribute('position', new Float32BufferAttribute(lineSegmentsOf(d), 3))
  const lines = new LineSegments(lineGeometry, lineMaterial)
  lines.name = 'dressing-lines'
  lines.visible = d.lines.spanCount > 0
  const group = new Group()
  group.name = 'dressing'
  const parts = [ground, yards, structures, rooftop, conifers, broadleaves, lines]
  for (const o of parts) {
    // Dressing is never picked: it is not part of the data.
    o.raycast = () => {}
    group.add(o)
  }
  return {
    group,
    ground,
    yards,
    yardsAtPhase: yard.countAtPhase,
    rooftop,
    dispose: () => {
      for (const o of parts) o.geometry.dispose()
      conifers.dispose()
      broadleaves.dispose()
      for (const m of [solid, treeMaterial, lineMaterial]) m.dispose()
    },
  }
}
