/**
 * The close-up's meshes: per rack kind, three InstancedMeshes (body, lights, rear door) of one
 * merged model each, sized to CLOSEUP_MAX_RACKS and filled with the near racks; and three
 * meshes (body, glass, floor) holding the merged interiors of the near halls. Instance data is
 * written only when the near set changes, never per frame. Nothing is drawn (count 0, hidden)
 * until a near set is given, so from afar the close-up costs no draw call and no triangle.
 */
import {
  BufferAttribute,
  BufferGeometry,
  InstancedBufferAttribute,
  InstancedMesh,
  Matrix4,
  Mesh,
  Vector3,
} from 'three'
import { CLOSEUP_MAX_RACKS } from '../../domain/closeup'
import { type ColorMode, writeRackColors } from '../../domain/color/colorModes'
import type { Layout } from '../../domain/layout/buildLayout'
import { BUILD_FADE } from '../../domain/timeline/timeline'
import { DRAW_ORDER } from '../drawOrder'
import { type RackKind, rackBuckets, srgbToLinear } from '../rackBuckets'
import type { CloseUpMaterials } from './closeUpMaterials'
import { hallModel } from './hallModels'
import { type RackSize, rackModel } from './rackModels'

/** The close-up meshes of one rack kind. */
export interface CloseUpKind {
  kind: RackKind
  /** The size its model is built at; racks of other sizes are scaled to theirs. */
  sizeM: RackSize
  body: InstancedMesh
  lights: InstancedMesh
  door: InstancedMesh
  /** Rack-table index of each instance (the first `count` are used). */
  racks: Uint32Array
  count: number
}

/** Every close-up mesh of a layout. */
export interface CloseUpMeshes {
  layout: Layout
  kinds: CloseUpKind[]
  hallBody: Mesh
  hallGlass: Mesh
  hallFloor: Mesh
  /** Halls whose interior the hall meshes hold, in the order given. */
  halls: number[]
  /** Each hall's interior geometries (body, glass, floor) in campus coordinates, built when first near. */
  hallCache: Map<number, [BufferGeometry, BufferGeometry, BufferGeometry]>
  /** Times instance data was written (near-set changes), for tests. */
  writes: number
  dispose: () => void
}

const noRaycast = () => {}

function instanced(name: string, geometry: BufferGeometry, withColor: boolean): InstancedMesh {
  const mesh = new InstancedMesh(geometry, undefined, CLOSEUP_MAX_RACKS)
  mesh.name = name
  mesh.count = 0
  mesh.visible = false
  mesh.frustumCulled = true
  mesh.raycast = noRaycast
  geometry.setAttribute('aBuild', new InstancedBufferAttribute(new Float32Array(CLOSEUP_MAX_RACKS), 1))
  if (withColor) mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(CLOSEUP_MAX_RACKS * 3), 3)
  return mesh
}

/** Builds the (empty) close-up meshes of a layout; materials are assigned with `useMaterials`. */
export function createCloseUpMeshes(layout: Layout): CloseUpMeshes {
  const kinds: CloseUpKind[] = rackBuckets(layout).map((bucket) => {
    const model = rackModel(bucket.kind, bucket.sizeM)
    const body = instanced(`closeup-${bucket.kind}-body`, model.body.geometry(), true)
    const lights = instanced(`closeup-${bucket.kind}-lights`, model.lights.geometry(), true)
    const door = instanced(`closeup-${bucket.kind}-door`, model.door.geometry(), false)
    for (const m of [body, lights]) {
      m.castShadow = true
      m.receiveShadow = true
    }
    lights.castShadow = false
    door.receiveShadow = true
    body.renderOrder = DRAW_ORDER.closeUpRacks
    lights.renderOrder = DRAW_ORDER.closeUpRacks
    return {
      kind: bucket.kind,
      sizeM: bucket.sizeM,
      body,
      lights,
      door,
      racks: new Uint32Array(CLOSEUP_MAX_RACKS),
      count: 0,
    }
  })
  const hall = (name: string) => {
    const m = new Mesh()
    m.name = name
    m.visible = false
    m.raycast = noRaycast
    m.receiveShadow = true
    return m
  }
  const hallBody = hall('closeup-hall-body')
  hallBody.castShadow = true
  const hallGlass = hall('closeup-hall-glass')
  const hallFloor = hall('closeup-hall-floor')
  hallFloor.renderOrder = DRAW_ORDER.closeUpFloor
  const cu: CloseUpMeshes = {
    layout,
    kinds,
    hallBody,
    hallGlass,
    hallFloor,
    halls: [],
    hallCache: new Map(),
    writes: 0,
    dispose: () => {
      for (const k of kinds) for (const m of [k.body, k.lights, k.door]) m.geometry.dispose()
      for (const m of [hallBody, hallGlass, hallFloor]) m.geometry.dispose()
      for (const parts of cu.hallCache.values()) for (const g of parts) g.dispose()
    },
  }
  return cu
}

/** Gives every close-up mesh its material of `materials` (after a quality tier change). */
export function assignMaterials(cu: CloseUpMeshes, materials: CloseUpMaterials): void {
  for (const k of cu.kinds) {
    k.body.material = materials.rackBody
    k.lights.material = materials.rackLights
    k.door.material = materials.rackDoor
    k.body.customDepthMaterial = materials.rackDepth
  }
  cu.hallBody.material = materials.hallBody
  cu.hallGlass.material = materials.hallGlass
  cu.hallFloor.material = materials.hallFloor
}

const _m = new Matrix4()
const _s = new Vector3()

/**
 * Fills the rack meshes with the racks `near[0..n)` (rack-table indices), split by kind:
 * matrices (rotation, the rack's own size, position), build keys and colours of `mode`.
 */
export function setNearRacks(cu: CloseUpMeshes, near: Uint32Array, n: number, mode: ColorMode): void {
  const { layout } = cu
  const r = layout.racks
  const gens = layout.config.generations
  for (const k of cu.kinds) k.count = 0
  for (let j = 0; j < n; j++) {
    const i = near[j]!
    const k = cu.kinds.find((c) => c.kind === gens[r.generation[i]!]!.rackKind)
    if (!k || k.count >= CLOSEUP_MAX_RACKS) continue
    k.racks[k.count++] = i
  }
  for (const k of cu.kinds) {
    const keys = k.body.geometry.getAttribute('aBuild') as InstancedBufferAttribute
    for (let j = 0; j < k.count; j++) {
      const i = k.racks[j]!
      const rack = layout.halls[r.hall[i]!]!.grid.rack
      _m.makeRotationY(r.rotY[i]!)
      _m.scale(
        _s.set(rack.widthM / k.sizeM.widthM, rack.heightM / k.sizeM.heightM, rack.depthM / k.sizeM.depthM),
      )
      _m.setPosition(r.x[i]!, 0, r.z[i]!)
      for (const m of [k.body, k.lights, k.door]) m.setMatrixAt(j, _m)
      keys.setX(j, r.phase[i]! + r.buildFraction[i]! * (1 - BUILD_FADE))
    }
    for (const m of [k.body, k.lights, k.door]) {
      const a = m.geometry.getAttribute('aBuild') as InstancedBufferAttribute
      if (a !== keys) (a.array as Float32Array).set(keys.array as Float32Array)
      a.needsUpdate = true
      m.count = k.count
      m.visible = k.count > 0
      m.instanceMatrix.needsUpdate = true
      m.computeBoundingBox()
      m.computeBoundingSphere()
    }
  }
  colourNearRacks(cu, mode)
  cu.writes++
}

/** Writes the colours of `mode` (linear) into the near racks' instances. */
export function colourNearRacks(cu: CloseUpMeshes, mode: ColorMode): void {
  for (const k of cu.kinds) {
    for (const m of [k.body, k.lights]) {
      const attr = m.instanceColor!
      const arr = attr.array as Float32Array
      writeRackColors(cu.layout, mode, k.racks.subarray(0, k.count), arr)
      for (let c = 0; c < k.count * 3; c++) arr[c] = srgbToLinear(arr[c]!)
      attr.needsUpdate = true
    }
  }
}

/** Hides every close-up rack (count 0, not visible). */
export function clearNearRacks(cu: CloseUpMeshes): void {
  for (const k of cu.kinds) {
    k.count = 0
    for (const m of [k.body, k.lights, k.door]) {
      m.count = 0
      m.visible = false
    }
  }
}

/** The interior geometries of hall h in campus coordinates (built once per hall and layout). */
function hallGeometries(cu: CloseUpMeshes, h: number): [BufferGeometry, BufferGeometry, BufferGeometry] {
  const cached = cu.hallCache.get(h)
  if (cached) return cached
  const hall = cu.layout.halls[h]!
  const model = hallModel(hall)
  const place = new Matrix4()
    .makeRotationY(hall.transform.angle)
    .setPosition(hall.transform.x, 0, hall.transform.z)
  const made = [model.body, model.glass, model.floor].map((b) => b.geometry().applyMatrix4(place)) as [
    BufferGeometry,
    BufferGeometry,
    BufferGeometry,
  ]
  cu.hallCache.set(h, made)
  return made
}

/**
 * One indexed geometry holding all of `list` (made by PartBuilder: same attributes, indexed).
 * Written out rather than three's mergeGeometries, which would add its whole module to the
 * first page load.
 */
function concatGeometries(list: BufferGeometry[]): BufferGeometry {
  const out = new BufferGeometry()
  if (list.length === 0) return out
  for (const name of Object.keys(list[0]!.attributes)) {
    const size = list[0]!.getAttribute(name).itemSize
    const arrays = list.map((g) => g.getAttribute(name).array as Float32Array)
    const data = new Float32Array(arrays.reduce((n, a) => n + a.length, 0))
    let o = 0
    for (const a of arrays) {
      data.set(a, o)
      o += a.length
    }
    out.setAttribute(name, new BufferAttribute(data, size))
  }
  const index: number[] = []
  let base = 0
  for (const g of list) {
    const idx = g.getIndex()!.array
    for (let k = 0; k < idx.length; k++) index.push(idx[k]! + base)
    base += g.getAttribute('position').count
  }
  out.setIndex(index)
  out.computeBoundingBox()
  out.computeBoundingSphere()
  return out
}

/**
 * Shows the interiors of `halls` (merged into the three hall meshes); [] hides them. The tiled
 * floor only with `floor` (close up: from further the tiles average out to the hall floor's
 * own colour, and a textured plane over the whole hall would cost every pixel).
 */
export function setNearHalls(cu: CloseUpMeshes, halls: number[], floor: boolean): void {
  cu.hallFloor.visible = floor && halls.length > 0
  if (halls.length === cu.halls.length && halls.every((h, k) => cu.halls[k] === h)) return
  cu.halls = [...halls]
  const parts = halls.map((h) => hallGeometries(cu, h))
  ;[cu.hallBody, cu.hallGlass, cu.hallFloor].forEach((mesh, p) => {
    mesh.geometry.dispose()
    const list = parts.map((g) => g[p]!)
    mesh.geometry = concatGeometries(list)
    if (mesh !== cu.hallFloor) mesh.visible = list.length > 0
  })
}
