/**
 * The rack meshes of a layout: one InstancedMesh per rack kind, sized to the final phase, and
 * one per kind for runs of touching racks seen from afar. Matrices and build keys are written
 * once per layout, colours once per colour mode; the timeline only sets `count` (which phases
 * are drawn) and the reveal uniform (which racks of the phase being built have risen).
 */
import { InstancedBufferAttribute, InstancedMesh, type Material, type Texture } from 'three'
import { type ColorMode, writeRackColors } from '../domain/color/colorModes'
import type { Layout } from '../domain/layout/buildLayout'
import type { QualityTier } from '../domain/quality'
import { uploadCounters } from './counters'
import {
  type RackBucket,
  type RackRuns,
  rackBuckets,
  rackRuns,
  srgbToLinear,
  writeBuildKeys,
  writeRackMatrices,
  writeRunAttributes,
} from './rackBuckets'
import { rackGeometry, rackTextures } from './rackDetail'
import { createRackDepthMaterial, createRackMaterial, type RevealUniform } from './rackMaterial'

/** Meshes of a layout's rack buckets. */
export interface RackMeshes {
  /** The layout the meshes were built from. */
  layout: Layout
  buckets: RackBucket[]
  /** One instance per rack, drawn near the camera. */
  meshes: InstancedMesh[]
  /** One instance per run of touching racks, drawn from afar (same bucket order). */
  runMeshes: InstancedMesh[]
  runs: RackRuns[]
  /** For each bucket, the rack index of each run's first rack (for colours). */
  runFirstRack: Uint32Array[]
  dispose: () => void
}

/** Beyond this distance from the orbit target (metres) racks are drawn as runs. */
export const RUN_LOD_DISTANCE_M = 220

/** Picking goes through the layout's spatial grid, not three's per-instance raycast. */
const noRaycast = () => {}

/**
 * Builds the rack meshes of a layout (matrices and build keys written, colours not yet). Their
 * material (of `tier`) reads the build animation clock from `reveal`.
 */
export function createRackMeshes(
  layout: Layout,
  reveal: RevealUniform,
  tier: QualityTier = 'draft',
): RackMeshes {
  const buckets = rackBuckets(layout)
  const depth = createRackDepthMaterial(reveal)
  const owned: { dispose: () => void }[] = [depth]
  const meshes: InstancedMesh[] = []
  const runMeshes: InstancedMesh[] = []
  const runs: RackRuns[] = []
  const runFirstRack: Uint32Array[] = []
  for (const bucket of buckets) {
    const geometry = rackGeometry(bucket.sizeM)
    const runGeometry = geometry.clone()
    const textures: { map: Texture; emissiveMap: Texture } = rackTextures(bucket.kind)
    const material: Material = createRackMaterial(textures.map, textures.emissiveMap, reveal, tier)
    owned.push(geometry, runGeometry, textures.map, textures.emissiveMap, material)
    // One instance per rack.
    const n = bucket.indices.length
    const mesh = new InstancedMesh(geometry, material, n)
    mesh.name = `racks-${bucket.kind}`
    writeRackMatrices(layout, bucket, mesh.instanceMatrix.array as Float32Array)
    const keys = new Float32Array(n)
    writeBuildKeys(layout, bucket, keys)
    geometry.setAttribute('aBuild', new InstancedBufferAttribute(keys, 1))
    geometry.setAttribute('aRepeat', new InstancedBufferAttribute(new Float32Array(n).fill(1), 1))
    mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(n * 3), 3)
    // One instance per run.
    const r = rackRuns(layout, bucket)
    const m = r.start.length
    const runMesh = new InstancedMesh(runGeometry, material, Math.max(1, m))
    runMesh.name = `rack-runs-${bucket.kind}`
    const runKeys = new Float32Array(m)
    const repeats = new Float32Array(m)
    writeRunAttributes(layout, bucket, r, runMesh.instanceMatrix.array as Float32Array, runKeys, repeats)
    runGeometry.setAttribute('aBuild', new InstancedBufferAttribute(runKeys, 1))
    runGeometry.setAttribute('aRepeat', new InstancedBufferAttribute(repeats, 1))
    runMesh.instanceColor = new InstancedBufferAttribute(new Float32Array(Math.max(1, m) * 3), 3)
    runMesh.visible = false
    for (const x of [mesh, runMesh]) {
      x.instanceMatrix.needsUpdate = true
      x.computeBoundingBox()
      x.computeBoundingSphere()
      x.raycast = noRaycast
      // Shadows (high and presentation tiers) follow the build animation.
      x.castShadow = true
      x.receiveShadow = true
      x.customDepthMaterial = depth
    }
    meshes.push(mesh)
    runMeshes.push(runMesh)
    runs.push(r)
    runFirstRack.push(r.start.map((k) => bucket.indices[k]!))
  }
  uploadCounters.rackMatrixWrites++
  return {
    layout,
    buckets,
    meshes,
    runMeshes,
    runs,
    runFirstRack,
    dispose: () => {
      for (const x of [...meshes, ...runMeshes]) x.dispose()
      for (const o of owned) o.dispose()
    },
  }
}

function writeLinearColors(layout: Layout, mode: ColorMode, indices: Uint32Array, mesh: InstancedMesh): void {
  const attr = mesh.instanceColor!
  const arr = attr.array as Float32Array
  writeRackColors(layout, mode, indices, arr)
  for (let k = 0; k < indices.length * 3; k++) arr[k] = srgbToLinear(arr[k]!)
  attr.needsUpdate = true
}

/** Writes the colours of `mode` into every rack and run mesh (linear space), once. */
export function colourRackMeshes(rm: RackMeshes, mode: ColorMode): void {
  rm.buckets.forEach((bucket, b) => {
    writeLinearColors(rm.layout, mode, bucket.indices, rm.meshes[b]!)
    writeLinearColors(rm.layout, mode, rm.runFirstRack[b]!, rm.runMeshes[b]!)
  })
  uploadCounters.rackColorWrites++
}

/** Sets how many racks (and runs) of each bucket are drawn at a phase. */
export function showRackPhase(rm: RackMeshes, phaseIndex: number): void {
  rm.buckets.forEach((bucket, b) => {
    rm.meshes[b]!.count = bucket.countAtPhase[phaseIndex] ?? 0
    rm.runMeshes[b]!.count = rm.runs[b]!.countAtPhase[phaseIndex] ?? 0
  })
}

/** Shows racks one by one near the camera, runs of racks from afar. */
export function chooseRackDetail(rm: RackMeshes, distanceM: number): void {
  const far = distanceM > RUN_LOD_DISTANCE_M
  for (const m of rm.meshes) m.visible = !far
  for (const m of rm.runMeshes) m.visible = far
}
