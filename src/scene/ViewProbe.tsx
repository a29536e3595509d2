/**
 * Publishes, after camera moves, what the DOM overlay needs of the view: compass heading and
 * metres per pixel at the orbit target (for the north arrow and the scale bar). Listeners
 * update DOM directly; nothing goes through React state per frame.
 */
import { useFrame } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { Vector3 } from 'three'

/** The view as the overlay sees it. */
export interface ViewInfo {
  /** Compass heading the camera looks towards, degrees: 0 = north, 90 = east. */
  headingDeg: number
  /** Metres per CSS pixel at the orbit target. */
  metresPerPixel: number
}

type Listener = (v: ViewInfo) => void
const listeners = new Set<Listener>()
const last: ViewInfo = { headingDeg: 0, metresPerPixel: 1 }

/** Subscribes to view changes; returns the unsubscribe function. Called at once with the last view. */
export function onViewChange(fn: Listener): () => void {
  listeners.add(fn)
  fn(last)
  return () => listeners.delete(fn)
}

const _dir = new Vector3()
const _target = new Vector3()

/** Mounted inside the Canvas. */
export function ViewProbe() {
  useFrame((state) => {
    const cam = state.camera
    cam.getWorldDirection(_dir)
    // +x east, -z north: heading measured clockwise from north.
    const headingDeg = (Math.atan2(_dir.x, -_dir.z) * 180) / Math.PI
    const controls = state.controls as CameraControlsImpl | null
    if (controls) controls.getTarget(_target)
    else _target.set(0, 0, 0)
    const dist = cam.position.distanceTo(_target)
    const fov = 'fov' in cam ? (cam as { fov: number }).fov : 40
    const metresPerPixel = (2 * dist * Math.tan(((fov / 2) * Math.PI) / 180)) / Math.max(1, state.size.height)
    if (
      Math.abs(headingDeg - last.headingDeg) < 0.05 &&
      Math.abs(metresPerPixel / last.metresPerPixel - 1) < 0.001
    )
      return
    last.headingDeg = headingDeg
    last.metresPerPixel = metresPerPixel
    for (const fn of listeners) fn(last)
  })
  return null
}
