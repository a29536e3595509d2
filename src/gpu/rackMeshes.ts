/**
 * The rack meshes of a layout: one InstancedMesh per rack kind, sized to the final phase, one
 * per kind for runs of touching racks seen from afar, and one per kind for whole rows seen from
 * further still. Matrices and build keys are written
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
  type RackRows,
  type RackRuns,
  rackBuckets,
  rackRows,
  rackRuns,
  srgbToLinear,
  writeBuildKeys,
  writeRackMatrices,
  writeRowAttributes,
  writeRunAttributes,
} from './rackBuckets'
import { rackGeometry, rackTextures } from './rackDetail'
import {
  createRackDepthMaterial,
  createRackMaterial,
  type RevealUniform,
  type SwingUniforms,
} from './rackMaterial'
import { createRackRowMaterial } from './rackRowMaterial'

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
  /** One instance per row segment, drawn from further still (same bucket order). */
  rowMeshes: InstancedMesh[]
  rows: RackRows[]
  /** For each bucket, the rack index of each row's first rack (for colours). */
  rowFirstRack: Uint32Array[]
  dispose: () => void
}

/** Beyond this distance from the orbit target (metres) racks are drawn as runs. */
export const RUN_LOD_DISTANCE_M = 220

/**
 * Beyond this distance racks are drawn as rows (one box per row segment, array gaps cut out
 * in its shader): a seventh of the runs' triangles. At 600 m a 1080p view spans about 0.4 m a
 * pixel, 4K about 0.13 m: a rack is one to five pixels wide, and the only thing rows leave out,
 * the end faces of arrays across a 3 m gap, is one or two pixels.
 */
export const ROW_LOD_DISTANCE_M = 600

/** Which level of detail racks are drawn at. */
export type RackDetail = 'racks' | 'runs' | 'rows'

/** The level of detail for a camera `distanceM` from the orbit target. */
export const rackDetailAt = (distanceM: number): RackDetail =>
  distanceM > ROW_LOD_DISTANCE_M ? 'rows' : distanceM > RUN_LOD_DISTANCE_M ? 'runs' : 'racks'

/** Picking goes through the layout's spatial grid, not three's per-instance raycast. */
const noRaycast = () => {}

function finishMesh(mesh: InstancedMesh): void {
  mesh.instanceMatrix.needsUpdate = true
  mesh.computeBoundingBox()
  mesh.computeBoundingSphere()
  mesh.raycast = noRaycast
}

/** The row boxes of a bucket: one instance per row segment, on a geometry of their own. */
function createRowMesh(
  layout: Layout,
  bucket: RackBucket,
  material: Material,
): { mesh: InstancedMesh; rows: RackRows; firstRack: Uint32Array } {
  const rows = rackRows(layout, bucket)
  const n = rows.start.length
  const capacity = Math.max(1, n)
  const geometry = rackGeometry(bucket.sizeM)
  const mesh = new InstancedMesh(geometry, material, capacity)
  mesh.name = `rack-rows-${bucket.kind}`
  const out = {
    matrices: mesh.instanceMatrix.array as Float32Array,
    buildKeys: new Float32Array(capacity),
    spec: new Float32Array(capacity * 4),
    build: new Float32Array(capacity * 4),
  }
  writeRowAttributes(layout, bucket, rows, out)
  geometry.setAttribute('aBuild', new InstancedBufferAttribute(out.buildKeys, 1))
  geometry.setAttribute('aRepeat', new InstancedBufferAttribute(new Float32Array(capacity).fill(1), 1))
  geometry.setAttribute('aRowSpec', new InstancedBufferAttribute(out.spec, 4))
  geometry.setAttribute('aRowBuild', new InstancedBufferAttribute(out.build, 4))
  mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3)
  mesh.visible = false
  finishMesh(mesh)
  return { mesh, rows, firstRack: rows.start.map((k) => bucket.indices[k]!) }
}

/**
 * Builds the rack meshes of a layout (matrices and build keys written, colours not yet). Their
 * material (of `tier`) reads the build animation clock from `reveal`, and the training swing
 * from `swing` when given.
 */
export function createRackMeshes(
  layout: Layout,
  reveal: RevealUniform,
  tier: QualityTier = 'draft',
  swing?: SwingUniforms,
): RackMeshes {
  const buckets = rackBuckets(layout)
  const depth = createRackDepthMaterial(reveal)
  const owned: { dispose: () => void }[] = [depth]
  const meshes: InstancedMesh[] = []
  const runMeshes: InstancedMesh[] = []
  const runs: RackRuns[] = []
  const runFirstRack: Uint32Array[] = []
  const rowMeshes: InstancedMesh[] = []
  const rows: RackRows[] = []
  const rowFirstRack: Uint32Array[] = []
  for (const bucket of buckets) {
    const geometry = rackGeometry(bucket.sizeM)
    const runGeometry = geometry.clone()
    const textures: { map: Texture; emissiveMap: Texture } = rackTextures(bucket.kind, tier)
    const material: Material = createRackMaterial(textures.map, textures.emissiveMap, reveal, tier, swing)
    const rowMaterial = createRackRowMaterial(material, bucket.sizeM)
    owned.push(geometry, runGeometry, textures.map, textures.emissiveMap, material, rowMaterial)
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
      finishMesh(x)
      // Shadows (high and presentation tiers) follow the build animation.
      x.castShadow = true
      x.receiveShadow = true
      x.customDepthMaterial = depth
    }
    meshes.push(mesh)
    runMeshes.push(runMesh)
    runs.push(r)
    runFirstRack.push(r.start.map((k) => bucket.indices[k]!))
    // One instance per row segment.
    const row = createRowMesh(layout, bucket, rowMaterial)
    owned.push(row.mesh.geometry)
    rowMeshes.push(row.mesh)
    rows.push(row.rows)
    rowFirstRack.push(row.firstRack)
  }
  uploadCounters.rackMatrixWrites++
  return {
    layout,
    buckets,
    meshes,
    runMeshes,
    runs,
    runFirstRack,
    rowMeshes,
    rows,
    rowFirstRack,
    dispose: () => {
      for (const x of [...meshes, ...runMeshes, ...rowMeshes]) x.dispose()
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
    writeLinearColors(rm.layout, mode, rm.rowFirstRack[b]!, rm.rowMeshes[b]!)
  })
  uploadCounters.rackColorWrites++
}

/** Sets how many racks (and runs and rows) of each bucket are drawn at a phase. */
export function showRackPhase(rm: RackMeshes, phaseIndex: number): void {
  rm.buckets.forEach((bucket, b) => {
    rm.meshes[b]!.count = bucket.countAtPhase[phaseIndex] ?? 0
    rm.runMeshes[b]!.count = rm.runs[b]!.countAtPhase[phaseIndex] ?? 0
    rm.rowMeshes[b]!.count = rm.rows[b]!.countAtPhase[phaseIndex] ?? 0
  })
}

/** Shows racks one by one near the camera, runs of racks from afar, rows from further. */
export function chooseRackDetail(rm: RackMeshes, distanceM: number): void {
  const detail = rackDetailAt(distanceM)
  for (const m of rm.meshes) m.visible = detail === 'racks'
  for (const m of rm.runMeshes) m.visible = detail === 'runs'
  for (const m of rm.rowMeshes) m.visible = detail === 'rows'
}
