/**
 * Camera flights stay visible after the page idles: the scene renders on demand, so the first
 * frame of a flight can carry seconds of delta, which would finish the flight at once.
 */
import CameraControlsImpl from 'camera-controls'
import * as THREE from 'three'
import { describe, expect, it } from 'vitest'
import { MAX_STEP_S, SteadyCameraControls } from '../../src/scene/steadyControls'
// camera-controls installed with three, and DOMRect for node, as the scene tests have them.
import './harness'

/** Metres left to fly after one frame of `delta` seconds, from (0, 50, 50) to (200, 50, 250). */
function leftAfterOneFrame(Controls: typeof CameraControlsImpl, delta: number): number {
  const camera = new THREE.PerspectiveCamera(35, 16 / 9, 0.5, 5000)
  const c = new Controls(camera)
  c.smoothTime = 0.3
  void c.setLookAt(0, 50, 50, 0, 0, 0, false)
  c.update(0)
  void c.setLookAt(200, 50, 250, 200, 0, 200, true)
  c.update(delta)
  const left = camera.position.distanceTo(new THREE.Vector3(200, 50, 250))
  c.dispose()
  return left
}

describe('steady camera controls', () => {
  it('a frame after a long idle moves the camera one step of a flight, not all of it', () => {
    // Plain camera-controls: five idle seconds in one frame all but end the 290 m flight.
    expect(leftAfterOneFrame(CameraControlsImpl, 5)).toBeLessThan(3)
    // Capped: the same frame moves no further than a MAX_STEP_S frame does.
    const capped = leftAfterOneFrame(SteadyCameraControls, 5)
    expect(capped).toBeGreaterThan(100)
    expect(capped).toBeCloseTo(leftAfterOneFrame(SteadyCameraControls, MAX_STEP_S), 6)
  })
})
