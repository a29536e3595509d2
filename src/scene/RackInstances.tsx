/**
 * Every rack as instanced boxes (gpu/rackMeshes): built per layout, coloured per colour mode,
 * drawn up to the visible phase, and raised by this scene's reveal uniform as the timeline
 * clock moves.
 */
import { useFrame, useThree } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useCallback, useLayoutEffect, useState } from 'react'
import { Vector3 } from 'three'
import { createSwingUniforms, type RevealUniform, type SwingUniforms } from '../gpu/rackMaterial'
import { chooseRackDetail, colourRackMeshes, createRackMeshes, showRackPhase } from '../gpu/rackMeshes'
import { advanceSwing, configureSwing, writeRackPowerAttributes } from '../gpu/rackPower'
import { useApp, useClock } from '../state/context'
import { useDisposable } from './useDisposable'
import { useVisiblePhase } from './useVisiblePhase'

const _target = new Vector3()

/** The rack instances of the current layout, phase and colour mode. */
export function RackInstances() {
  const layout = useApp((s) => s.layout)
  const colorMode = useApp((s) => s.colorMode)
  const quality = useApp((s) => s.quality)
  const swing = useApp((s) => s.swing)
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
  // The training swing's uniforms, shared by this mount's rack materials.
  const [swingUniforms] = useState<SwingUniforms>(createSwingUniforms)
  const rm = useDisposable(() => {
    const meshes = createRackMeshes(layout, reveal, quality, swingUniforms)
    writeRackPowerAttributes(meshes)
    return meshes
  }, [layout, reveal, quality, swingUniforms])
  useLayoutEffect(() => {
    if (!rm) return
    colourRackMeshes(rm, colorMode)
    invalidate()
  }, [rm, colorMode, invalidate])
  useLayoutEffect(() => {
    configureSwing(swingUniforms, layout, colorMode, swing)
    invalidate()
  }, [swingUniforms, layout, colorMode, swing, invalidate])
  // Racks drawn: those of the phase shown, plus any still animating out after a step back.
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        if (rm) showRackPhase(rm, phase)
      },
      [rm],
    ),
  )
  // Level of detail, chosen each rendered frame from the orbit distance (no React state); the
  // swing's phase, one uniform, on the page's clock (the power chart reads the same clock).
  useFrame((state) => {
    if (advanceSwing(swingUniforms, layout, performance.now() / 1000)) invalidate()
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
