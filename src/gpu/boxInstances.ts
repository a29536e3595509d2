/** Instanced unit boxes placed from plain box lists (campus shell, plant). */
import {
  BoxGeometry,
  type BufferGeometry,
  DataTexture,
  InstancedMesh,
  LinearFilter,
  type Material,
  Matrix4,
  PlaneGeometry,
  Quaternion,
  RGBAFormat,
  Vector3,
} from 'three'
import type { Box } from '../domain/campus'

const _m = new Matrix4()
const _q = new Quaternion()
const _p = new Vector3()
const _s = new Vector3()
const _y = new Vector3(0, 1, 0)

/** A unit cube with its origin at its centre; scaled per instance. */
export const unitBox = (): BufferGeometry => new BoxGeometry(1, 1, 1)

/** A unit square lying on the ground (facing up), scaled per instance. */
export const unitGroundQuad = (): BufferGeometry => new PlaneGeometry(1, 1).rotateX(-Math.PI / 2)

/**
 * A soft rectangular shadow: opaque in the middle, fading to nothing at the edges over
 * `edge` of the half-size. Alpha only (RGBA8, size × size); generated, never fetched.
 */
export function softShadowTexture(size = 64, edge = 0.35): DataTexture {
  const data = new Uint8Array(size * size * 4)
  const ramp = (u: number) => {
    const d = 1 - Math.abs(u * 2 - 1)
    const t = Math.min(1, d / edge)
    return t * t * (3 - 2 * t)
  }
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const a = ramp((x + 0.5) / size) * ramp((y + 0.5) / size)
      const o = (y * size + x) * 4
      data[o + 3] = Math.round(a * 255)
    }
  const t = new DataTexture(data, size, size, RGBAFormat)
  t.magFilter = LinearFilter
  t.minFilter = LinearFilter
  t.needsUpdate = true
  return t
}

/**
 * One InstancedMesh of `boxes`, ordered by phase so that the boxes standing at phase p are a
 * prefix: returns the mesh and, per phase, how many instances to draw.
 */
export function createBoxInstances(
  boxes: readonly Box[],
  geometry: BufferGeometry,
  material: Material,
  phases: number,
): { mesh: InstancedMesh; countAtPhase: Uint32Array } {
  const sorted = [...boxes].sort((a, b) => a.phase - b.phase)
  const mesh = new InstancedMesh(geometry, material, Math.max(1, sorted.length))
  sorted.forEach((b, i) => {
    _q.setFromAxisAngle(_y, b.rotY)
    _p.set(b.x, b.y, b.z)
    _s.set(b.sx, b.sy, b.sz)
    mesh.setMatrixAt(i, _m.compose(_p, _q, _s))
  })
  mesh.count = sorted.length
  mesh.instanceMatrix.needsUpdate = true
  mesh.computeBoundingBox()
  mesh.computeBoundingSphere()
  mesh.raycast = () => {}
  const countAtPhase = new Uint32Array(phases)
  for (let p = 0; p < phases; p++) countAtPhase[p] = sorted.filter((b) => b.phase <= p).length
  return { mesh, countAtPhase }
}
