/**
 * The sun of the physically based tiers: a directional light whose shadow map covers what the
 * camera sees around its orbit target (fitted to the view, not to the whole campus, so its
 * texels stay small close up), optionally tilted by a soft-shadow jitter. Light enough to load
 * with the page: no post-processing here.
 */
import { type DirectionalLight, type PerspectiveCamera, Vector3 } from 'three'

/** Direction towards the sun (from the ground), the same as the draft tier's key light. */
export const SUN_DIRECTION = new Vector3(-400, 900, 500).normalize()

/** Angular radius of the soft-shadow jitter of the presentation tier, radians (a hazy sun). */
export const SUN_SOFTNESS_RAD = 0.035

/** Side of the sun's shadow map, pixels. */
export const SHADOW_MAP_SIZE = 2048

const _dir = new Vector3()
const _t1 = new Vector3()
const _t2 = new Vector3()
const _up = new Vector3(0, 1, 0)

/** Half the side of the square the shadow map covers, metres, for a camera at `distanceM` from its target. */
export function shadowHalfSizeM(
  camera: PerspectiveCamera,
  distanceM: number,
  aspect = camera.aspect,
): number {
  const halfH = distanceM * Math.tan(((camera.fov / 2) * Math.PI) / 180)
  return Math.min(4000, Math.max(12, halfH * Math.max(1, aspect) * 1.6))
}

/**
 * Points `light` from the sun (tilted by (u, v) radians across its direction) at `target` and
 * fits its orthographic shadow camera to the view. Returns true when anything changed, so the
 * caller knows whether the shadow map must be rendered again.
 */
export function fitSun(
  light: DirectionalLight,
  camera: PerspectiveCamera,
  target: Vector3,
  u = 0,
  v = 0,
  aspect = camera.aspect,
): boolean {
  const half = shadowHalfSizeM(camera, camera.position.distanceTo(target), aspect)
  _dir.copy(SUN_DIRECTION)
  if (u !== 0 || v !== 0) {
    _t1.crossVectors(_dir, _up).normalize()
    _t2.crossVectors(_t1, _dir)
    _dir.addScaledVector(_t1, u).addScaledVector(_t2, v).normalize()
  }
  const distance = half * 2 + 400
  const px = target.x + _dir.x * distance
  const py = target.y + _dir.y * distance
  const pz = target.z + _dir.z * distance
  const cam = light.shadow.camera
  const changed =
    light.position.x !== px ||
    light.position.y !== py ||
    light.position.z !== pz ||
    cam.right !== half ||
    !light.target.position.equals(target)
  if (!changed) return false
  light.position.set(px, py, pz)
  light.target.position.copy(target)
  light.target.updateMatrixWorld()
  light.updateMatrixWorld()
  cam.left = -half
  cam.right = half
  cam.top = half
  cam.bottom = -half
  cam.near = Math.max(1, distance - half * 3 - 200)
  cam.far = distance + half * 3 + 200
  cam.updateProjectionMatrix()
  // A texel-sized normal offset keeps large flat roofs free of acne at every fit.
  light.shadow.normalBias = ((2 * half) / light.shadow.mapSize.x) * 1.5
  light.shadow.bias = -0.0004
  return true
}
