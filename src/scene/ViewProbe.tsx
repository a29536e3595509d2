/**
 * Publishes the view after every rendered frame into the app's view channel (state/view):
 * compass heading, metres per pixel at the orbit target, and the world-to-screen projection.
 * The maths is in domain/view; this only reads the camera.
 */
import { useFrame } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { Vector3 } from 'three'
import { describeView } from '../domain/view'
import { useViewChannel } from '../state/view'

const _target = new Vector3()
const _targetTuple: [number, number, number] = [0, 0, 0]

/** Mounted inside the Canvas. */
export function ViewProbe() {
  const channel = useViewChannel()
  useFrame((state) => {
    const cam = state.camera
    // Fresh world and inverse matrices: the camera controls may have moved the camera this frame.
    cam.updateMatrixWorld()
    const controls = state.controls as CameraControlsImpl | null
    if (controls) controls.getTarget(_target)
    else _target.set(0, 0, 0)
    _target.toArray(_targetTuple)
    describeView(
      {
        world: cam.matrixWorld.elements,
        worldInverse: cam.matrixWorldInverse.elements,
        projection: cam.projectionMatrix.elements,
        fovDeg: 'fov' in cam ? (cam as { fov: number }).fov : 40,
      },
      _targetTuple,
      state.size.width,
      state.size.height,
      channel.latest,
    )
    channel.publish()
  })
  return null
}
