/**
 * Orbit / pan / zoom with drei's CameraControls, limited so the camera never goes under the
 * ground, and camera presets requested through the store.
 */
import { CameraControls } from '@react-three/drei'
import { useThree } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useEffect, useRef } from 'react'
import { presetPose } from '../domain/camera'
import { useApp, useStoreApi } from '../state/context'

/** Keeps the camera a little above the ground plane. */
const MAX_POLAR = Math.PI / 2 - 0.04

/** The camera controller. */
export function CameraRig() {
  const ref = useRef<CameraControlsImpl>(null)
  const store = useStoreApi()
  const request = useApp((s) => s.cameraRequest)
  const layout = useApp((s) => s.layout)
  const size = useThree((s) => s.size)
  const reducedMotion = useRef(
    typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches,
  )
  useEffect(() => {
    const controls = ref.current
    if (!controls || !request) return
    const { selected, phaseIndex } = store.getState()
    const pose = presetPose(
      layout,
      request.preset,
      size.width / Math.max(1, size.height),
      selected,
      phaseIndex,
    )
    if (!pose) return
    void controls.setLookAt(...pose.position, ...pose.target, !request.instant && !reducedMotion.current)
  }, [request, layout, size, store])
  return (
    <CameraControls
      ref={ref}
      makeDefault
      maxPolarAngle={MAX_POLAR}
      minDistance={1.2}
      maxDistance={8000}
      dollyToCursor
      smoothTime={0.3}
      draggingSmoothTime={0.12}
    />
  )
}
