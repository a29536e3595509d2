/**
 * Orbit / pan / zoom with drei's CameraControls, limited so the camera never goes under the
 * ground, and camera presets requested through the store.
 */
import { CameraControls } from '@react-three/drei'
import { useFrame, useThree } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useEffect, useRef } from 'react'
import { type PerspectiveCamera, Vector3 } from 'three'
import { MAX_CAMERA_DISTANCE_M, presetPose } from '../domain/camera'
import { useApp, useStoreApi } from '../state/context'

import { SteadyCameraControls } from './steadyControls'

/** Keeps the camera a little above the ground plane. */
const MAX_POLAR = Math.PI / 2 - 0.04

const _target = new Vector3()

/**
 * Near and far planes follow the orbit distance, so depth precision is spent where the camera
 * looks: from a rack close-up (near 0.1 m) to the whole campus (near ≈ 3 m), floors, walls and
 * the ground never z-fight.
 */
function fitDepthRange(camera: PerspectiveCamera, controls: CameraControlsImpl): void {
  controls.getTarget(_target)
  const dist = camera.position.distanceTo(_target)
  const near = Math.min(50, Math.max(0.1, dist * 0.002))
  const far = Math.max(5000, dist * 20)
  if (Math.abs(camera.near / near - 1) > 0.05 || Math.abs(camera.far / far - 1) > 0.05) {
    camera.near = near
    camera.far = far
    camera.updateProjectionMatrix()
  }
}

/** The camera controller. */
export function CameraRig() {
  const ref = useRef<CameraControlsImpl>(null)
  const store = useStoreApi()
  const request = useApp((s) => s.cameraRequest)
  const layout = useApp((s) => s.layout)
  const size = useThree((s) => s.size)
  const camera = useThree((s) => s.camera) as PerspectiveCamera
  const invalidate = useThree((s) => s.invalidate)
  const insets = useApp((s) => s.viewInsets)
  // Panels cover the left, right and bottom of the view: shift the optical centre so the orbit
  // target sits in the middle of what is left uncovered (stills clear this offset).
  // In narrow views (portrait) the side panels stand above the subject rather than beside it:
  // honouring them would shrink the subject to a sliver, so they are left out of the framing.
  const sides = insets.left + insets.right <= size.width * 0.45
  const left = sides ? Math.min(insets.left, size.width * 0.35) : 0
  const right = sides ? Math.min(insets.right, size.width * 0.35) : 0
  const dx = (left - right) / 2
  const freeW = Math.max(1, size.width - left - right)
  const dy = Math.min(insets.bottom, size.height * 0.4) / 2
  useEffect(() => {
    if (dx !== 0 || dy > 0) camera.setViewOffset(size.width, size.height, -dx, dy, size.width, size.height)
    else camera.clearViewOffset()
    invalidate()
  }, [camera, size, dx, dy, invalidate])
  const reducedMotion = useRef(
    typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches,
  )
  // A preset is framed again when the view size or insets change, until the user moves the camera.
  const userMoved = useRef(false)
  const lastSeq = useRef(-1)
  useEffect(() => {
    const controls = ref.current
    if (!controls) return
    const onStart = () => {
      userMoved.current = true
    }
    controls.addEventListener('controlstart', onStart)
    return () => controls.removeEventListener('controlstart', onStart)
  }, [])
  useEffect(() => {
    const controls = ref.current
    if (!controls || !request) return
    const fresh = request.seq !== lastSeq.current
    if (!fresh && userMoved.current) return
    lastSeq.current = request.seq
    userMoved.current = false
    const { selected, phaseIndex } = store.getState()
    // The subject fills the part of the view the panels leave uncovered (centred there by the
    // view offset above).
    const free = { width: freeW / size.width, height: Math.max(1, size.height - 2 * dy) / size.height }
    const pose =
      request.pose ??
      presetPose(layout, request.preset, size.width / Math.max(1, size.height), selected, phaseIndex, free)
    // Autoplay counts a story step's time from when its camera has arrived (state/story).
    const arrived = () => store.getState().setCameraArrived(request.seq)
    if (!pose) {
      // Say why nothing moved (hall and rack presets need a rack standing at this phase).
      if (fresh && (request.preset === 'hall' || request.preset === 'rack'))
        store
          .getState()
          .notify('info', `No rack stands at this phase yet: the ${request.preset} view needs one.`)
      arrived()
      return
    }
    // Resolves when the flight comes to rest (at once for a cut).
    void controls
      .setLookAt(...pose.position, ...pose.target, fresh && !request.instant && !reducedMotion.current)
      .then(arrived)
  }, [request, layout, size, store, dy, freeW])
  useFrame((state) => {
    if (ref.current) fitDepthRange(state.camera as PerspectiveCamera, ref.current)
  })
  return (
    <CameraControls
      ref={ref}
      impl={SteadyCameraControls}
      makeDefault
      maxPolarAngle={MAX_POLAR}
      minDistance={1.2}
      maxDistance={MAX_CAMERA_DISTANCE_M}
      dollyToCursor
      smoothTime={0.3}
      draggingSmoothTime={0.12}
    />
  )
}
