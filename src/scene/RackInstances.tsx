/**
 * Every rack as instanced boxes (gpu/rackMeshes): built per layout, coloured per colour mode,
 * drawn up to the visible phase, and raised by this scene's reveal uniform as the timeline
 * clock moves.
 */
import { useFrame, useThree } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useCallback, useLayoutEffect, useState } from 'react'
import { Vector3 } from 'three'
import type { RevealUniform } from '../gpu/rackMaterial'
import { chooseRackDetail, colourRackMeshes, createRackMeshes, showRackPhase } from '../gpu/rackMeshes'
import { useApp, useClock } from '../state/context'
import { useDisposable } from './useDisposable'
import { useVisiblePhase } from './useVisiblePhase'

const _target = new Vector3()

/** The rack instances of the current layout, phase and colour mode. */
export function RackInstances() {
  const layout = useApp((s) => s.layout)
  const colorMode = useApp((s) => s.colorMode)
  const quality = useApp((s) => s.quality)
  const clock = useClock()
  const invalidate = useThree((s) => s.invalidate)
  // The build animation clock of this mount's rack materials, kept equal to the timeline clock.
  const [reveal] = useState<RevealUniform>(() => ({ value: clock.reveal }))
  useLayoutEffect(() => {
    reveal.value = clock.reveal
    return clock.subscribe((r) => {
      reveal.value = r
    })
  }, [clock, reveal])
  const rm = useDisposable(() => createRackMeshes(layout, reveal, quality), [layout, reveal, quality])
  useLayoutEffect(() => {
    if (!rm) return
    colourRackMeshes(rm, colorMode)
    invalidate()
  }, [rm, colorMode, invalidate])
  // Racks drawn: those of the phase shown, plus any still animating out after a step back.
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        if (rm) showRackPhase(rm, phase)
      },
      [rm],
    ),
  )
  // Level of detail, chosen each rendered frame from the orbit distance (no React state).
  useFrame((state) => {
    const controls = state.controls as CameraControlsImpl | null
    if (!controls || !rm) return
    controls.getTarget(_target)
    chooseRackDetail(rm, state.camera.position.distanceTo(_target))
  })
  return (
    <group name="racks">
      {rm &&
        [...rm.meshes, ...rm.runMeshes, ...rm.rowMeshes].map((m) => <primitive key={m.uuid} object={m} />)}
    </group>
  )
}
