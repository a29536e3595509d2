/** Power and cooling plant (gpu/plantMeshes) of the current layout: units appear with their phase. */
import { useFrame } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useCallback, useEffect, useRef } from 'react'
import { type PerspectiveCamera, Vector3 } from 'three'
import { createPlantMeshes, metresPerPixel, plantFarAt, registerPlant, showPlant } from '../gpu/plantMeshes'
import { useApp } from '../state/context'
import { useDisposable } from './useDisposable'
import { useVisiblePhase } from './useVisiblePhase'

const _target = new Vector3()

/** Plant of the current layout, shown up to the current phase; as rows from afar in the draft tier. */
export function Infrastructure() {
  const layout = useApp((s) => s.layout)
  const quality = useApp((s) => s.quality)
  // Rebuilt when the tier changes: its materials follow the tier.
  const plant = useDisposable(() => createPlantMeshes(layout, quality), [layout, quality])
  // Stills draw it in full detail (withPlantDetail).
  useEffect(() => (plant ? registerPlant(plant) : undefined), [plant])
  // What is shown (phase and level), so that a frame changes the meshes only when one changes.
  const shown = useRef({ phase: -1, far: false })
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        shown.current.phase = phase
        if (plant) showPlant(plant, phase, shown.current.far)
      },
      [plant],
    ),
  )
  // Level of detail from the size of a pixel at the orbit target, chosen each rendered frame
  // (no React state).
  useFrame((state) => {
    const controls = state.controls as CameraControlsImpl | null
    if (!controls || !plant) return
    controls.getTarget(_target)
    const distance = state.camera.position.distanceTo(_target)
    const fov = (state.camera as PerspectiveCamera).fov ?? 45
    const far = plantFarAt(quality, metresPerPixel(distance, fov, state.size.height))
    if (far === shown.current.far) return
    shown.current.far = far
    // Before this frame renders: it draws the new level.
    showPlant(plant, shown.current.phase, far)
  })
  return (
    <group name="infrastructure">
      {plant &&
        [...plant.groups, ...plant.farGroups].map((g) => <primitive key={g.mesh.uuid} object={g.mesh} />)}
    </group>
  )
}
