/**
 * Every rack as instanced boxes: one InstancedMesh per rack kind, sized to the final phase.
 * Matrices and build keys are written once per layout, colours once per colour mode; the
 * timeline only sets `count` (which phases are drawn) and the reveal uniform (which racks of
 * the phase being built have risen).
 */
import { useThree } from '@react-three/fiber'
import { useCallback, useEffect, useLayoutEffect, useMemo } from 'react'
import { InstancedBufferAttribute, InstancedMesh, type Material, type Texture } from 'three'
import { writeRackColors } from '../domain/color/colorModes'
import type { Layout } from '../domain/layout/buildLayout'
import { uploadCounters } from '../gpu/counters'
import {
  type RackBucket,
  rackBuckets,
  srgbToLinear,
  writeBuildKeys,
  writeRackMatrices,
} from '../gpu/rackBuckets'
import { rackGeometry, rackTextures } from '../gpu/rackDetail'
import { createRackMaterial } from '../gpu/rackMaterial'
import { useApp } from '../state/context'
import { useVisiblePhase } from './useVisiblePhase'

/** Meshes of a layout's rack buckets; exported for tests and the stills code. */
export interface RackMeshes {
  buckets: RackBucket[]
  meshes: InstancedMesh[]
  dispose: () => void
}

/** Builds the rack meshes of a layout (matrices and build keys written, colours not yet). */
export function createRackMeshes(layout: Layout): RackMeshes {
  const buckets = rackBuckets(layout)
  const owned: { dispose: () => void }[] = []
  const meshes = buckets.map((bucket) => {
    const geometry = rackGeometry(bucket.sizeM)
    const textures: { map: Texture; emissiveMap: Texture } = rackTextures(bucket.kind)
    const material: Material = createRackMaterial(textures.map, textures.emissiveMap)
    owned.push(geometry, textures.map, textures.emissiveMap, material)
    const n = bucket.indices.length
    const mesh = new InstancedMesh(geometry, material, n)
    mesh.name = `racks-${bucket.kind}`
    writeRackMatrices(layout, bucket, mesh.instanceMatrix.array as Float32Array)
    uploadCounters.rackMatrixWrites++
    mesh.instanceMatrix.needsUpdate = true
    const keys = new Float32Array(n)
    writeBuildKeys(layout, bucket, keys)
    geometry.setAttribute('aBuild', new InstancedBufferAttribute(keys, 1))
    mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(n * 3), 3)
    mesh.computeBoundingBox()
    mesh.computeBoundingSphere()
    // Picking goes through the layout's spatial grid, not three's per-instance raycast.
    mesh.raycast = () => {}
    return mesh
  })
  return {
    buckets,
    meshes,
    dispose: () => {
      for (const m of meshes) m.dispose()
      for (const o of owned) o.dispose()
    },
  }
}

/** Writes the colours of `mode` into every rack mesh (linear space), once. */
export function colourRackMeshes(
  layout: Layout,
  rm: RackMeshes,
  mode: Parameters<typeof writeRackColors>[1],
): void {
  rm.buckets.forEach((bucket, b) => {
    const mesh = rm.meshes[b]!
    const attr = mesh.instanceColor!
    const arr = attr.array as Float32Array
    writeRackColors(layout, mode, bucket.indices, arr)
    for (let k = 0; k < arr.length; k++) arr[k] = srgbToLinear(arr[k]!)
    attr.needsUpdate = true
  })
  uploadCounters.rackColorWrites++
}

/** Sets how many racks of each bucket are drawn at a phase. */
export function showRackPhase(rm: RackMeshes, phaseIndex: number): void {
  rm.buckets.forEach((bucket, b) => {
    rm.meshes[b]!.count = bucket.countAtPhase[phaseIndex] ?? 0
  })
}

/** The rack instances of the current layout, phase and colour mode. */
export function RackInstances() {
  const layout = useApp((s) => s.layout)
  const colorMode = useApp((s) => s.colorMode)
  const invalidate = useThree((s) => s.invalidate)
  const rm = useMemo(() => createRackMeshes(layout), [layout])
  useEffect(() => () => rm.dispose(), [rm])
  useLayoutEffect(() => {
    colourRackMeshes(layout, rm, colorMode)
    invalidate()
  }, [layout, rm, colorMode, invalidate])
  // Racks drawn: those of the phase shown, plus any still animating out after a step back.
  useVisiblePhase(useCallback((phase: number) => showRackPhase(rm, phase), [rm]))
  return (
    <group name="racks">
      {rm.meshes.map((m) => (
        <primitive key={m.uuid} object={m} />
      ))}
    </group>
  )
}
