/**
 * The procedural dressing (domain/dressing.ts, gpu/dressingMeshes.ts) of the current layout:
 * illustrative context, seeded, shown while the store's `dressing` is on. Rooftop units show
 * only while roofs are drawn solid.
 */
import { useThree } from '@react-three/fiber'
import { useCallback, useLayoutEffect, useMemo } from 'react'
import { createDressing } from '../domain/dressing'
import { createDressingMeshes } from '../gpu/dressingMeshes'
import { useApp } from '../state/context'
import { useDisposable } from './useDisposable'
import { useEnclosed } from './useEnclosed'
import { useVisiblePhase } from './useVisiblePhase'

/** The dressing of the current layout, hidden with the store's `dressing` toggle. */
export function Dressing() {
  const layout = useApp((s) => s.layout)
  const quality = useApp((s) => s.quality)
  const shown = useApp((s) => s.dressing)
  const roofMode = useApp((s) => s.roofMode)
  const invalidate = useThree((s) => s.invalidate)
  // Pure data: safe to memoise (no GPU resource).
  const dressing = useMemo(() => createDressing(layout), [layout])
  const meshes = useDisposable(
    () => createDressingMeshes(dressing, quality, layout.phases.length),
    [dressing, quality, layout],
  )
  // The yards under the plant show with their plant.
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        if (meshes) meshes.yards.geometry.setDrawRange(0, meshes.yardsAtPhase[phase] ?? 0)
      },
      [meshes],
    ),
  )
  useLayoutEffect(() => {
    if (!meshes) return
    meshes.group.visible = shown
    meshes.rooftop.visible = roofMode === 'solid'
    invalidate()
  }, [meshes, shown, roofMode, invalidate])
  // The ground outside the buildings: hidden by their walls from inside one.
  useEnclosed(
    useCallback(
      (enclosed: boolean) => {
        if (!meshes) return
        meshes.ground.visible = !enclosed
        meshes.yards.visible = !enclosed
      },
      [meshes],
    ),
  )
  return meshes && <primitive object={meshes.group} />
}
