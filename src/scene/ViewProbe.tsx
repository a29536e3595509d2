/**
 * Publishes the view after every rendered frame (frames render on demand, so this is cheap):
 * compass heading, metres per pixel at the orbit target, and a projector from world to CSS
 * pixels, for the DOM overlay (north arrow, scale bar, site labels). Listeners update the DOM
 * directly; nothing goes through React state per frame.
 */
import { useFrame } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { type Camera, Vector3 } from 'three'

/** The view as the overlay sees it. */
export interface ViewInfo {
  /** Compass heading the camera looks towards, degrees: 0 = north, 90 = east. */
  headingDeg: number
  /** Metres per CSS pixel at the orbit target. */
  metresPerPixel: number
  /** Viewport size in CSS pixels. */
  width: number
  height: number
  /** The camera (read only). */
  camera: Camera | null
}

type Listener = (v: ViewInfo) => void
const listeners = new Set<Listener>()
const last: ViewInfo = { headingDeg: 0, metresPerPixel: 1, width: 1, height: 1, camera: null }

/** Subscribes to view changes; returns the unsubscribe function. Called at once with the last view. */
export function onViewChange(fn: Listener): () => void {
  listeners.add(fn)
  fn(last)
  return () => {
    listeners.delete(fn)
  }
}

const _p = new Vector3()

/**
 * Projects a world point to CSS pixels of the viewport of `view`; null when it is behind the
 * camera. `out` is reused.
 */
export function projectToScreen(
  view: ViewInfo,
  x: number,
  y: number,
  z: number,
  out: { x: number; y: number },
): { x: number; y: number } | null {
  if (!view.camera) return null
  _p.set(x, y, z).project(view.camera)
  if (_p.z > 1 || _p.z < -1) return null
  out.x = ((_p.x + 1) / 2) * view.width
  out.y = ((1 - _p.y) / 2) * view.height
  return out
}

const _dir = new Vector3()
const _target = new Vector3()

/** Mounted inside the Canvas. */
export function ViewProbe() {
  useFrame((state) => {
    const cam = state.camera
    cam.getWorldDirection(_dir)
    // +x east, -z north: heading measured clockwise from north.
    last.headingDeg = (Math.atan2(_dir.x, -_dir.z) * 180) / Math.PI
    const controls = state.controls as CameraControlsImpl | null
    if (controls) controls.getTarget(_target)
    else _target.set(0, 0, 0)
    const dist = cam.position.distanceTo(_target)
    const fov = 'fov' in cam ? (cam as { fov: number }).fov : 40
    last.metresPerPixel = (2 * dist * Math.tan(((fov / 2) * Math.PI) / 180)) / Math.max(1, state.size.height)
    last.width = state.size.width
    last.height = state.size.height
    last.camera = cam
    for (const fn of listeners) fn(last)
  })
  return null
}
