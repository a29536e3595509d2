/**
 * Building walls as one merged geometry: ribbed metal cladding (a generated rib texture, UVs in
 * metres along the wall) rising to a parapet 1 m above the roof, capped by a darker coping, on a
 * concrete plinth. Twelve walls cost a few hundred triangles in all.
 */
import {
  BoxGeometry,
  type BufferGeometry,
  type DataTexture,
  Float32BufferAttribute,
  Matrix4,
  Quaternion,
  Vector3,
} from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'
import type { Box } from '../domain/campus'
import { repeatingTexture } from './dataTexture'

/** Height of the parapet above the roof, metres. */
export const PARAPET_M = 1
/** Metres between two ribs of the cladding. */
const RIB_PITCH_M = 0.9
/** Height of the concrete plinth at the foot of the walls, metres. */
const PLINTH_M = 0.8

/** One rib of trapezoidal cladding across 16 texels: crest, flank in shade, trough, flank in light. */
export function claddingTexture(): DataTexture {
  const profile = [1, 1, 1, 0.97, 0.78, 0.7, 0.74, 0.86, 0.9, 0.9, 0.9, 0.9, 0.95, 1.04, 1.06, 1.02]
  const w = profile.length
  const data = new Uint8Array(w * 2 * 4)
  for (let y = 0; y < 2; y++)
    profile.forEach((v, x) => {
      const o = (y * w + x) * 4
      const c = Math.min(255, Math.round(v * 232))
      data[o] = c
      data[o + 1] = c
      data[o + 2] = c
      data[o + 3] = 255
    })
  return repeatingTexture(data, w, 2, { srgb: true })
}

const _m = new Matrix4()
const _q = new Quaternion()
const _p = new Vector3()
const _s = new Vector3(1, 1, 1)
const _y = new Vector3(0, 1, 0)

/** A box part of a wall: size in the wall's frame, its foot at `y0`, a grey level, ribbed or not. */
function part(
  wall: Box,
  sx: number,
  sy: number,
  sz: number,
  y0: number,
  shade: number,
  ribbed: boolean,
): BufferGeometry {
  const g = new BoxGeometry(sx, sy, sz)
  const pos = g.getAttribute('position')
  const uv = g.getAttribute('uv')
  const colors: number[] = []
  for (let i = 0; i < pos.count; i++) {
    // Ribs run up the wall: u in rib pitches along the wall (and across its ends), v in metres.
    uv.setXY(i, ribbed ? (pos.getX(i) + pos.getZ(i)) / RIB_PITCH_M : 0, pos.getY(i) + sy / 2)
    colors.push(shade, shade, shade)
  }
  g.setAttribute('color', new Float32BufferAttribute(colors, 3))
  _q.setFromAxisAngle(_y, wall.rotY)
  _p.set(wall.x, y0 + sy / 2, wall.z)
  g.applyMatrix4(_m.compose(_p, _q, _s))
  return g
}

/** The merged walls of `walls` (boxes from domain/campus: wall length along x, thickness along z). */
export function wallGeometry(walls: readonly Box[]): BufferGeometry {
  const parts: BufferGeometry[] = []
  for (const w of walls) {
    const h = w.sy + PARAPET_M
    parts.push(part(w, w.sx, PLINTH_M, w.sz + 0.1, 0, 0.82, false))
    parts.push(part(w, w.sx, h - PLINTH_M - 0.25, w.sz, PLINTH_M, 1, true))
    parts.push(part(w, w.sx + 0.3, 0.25, w.sz + 0.3, h - 0.25, 0.55, false))
  }
  const merged = mergeGeometries(parts, false)
  for (const p of parts) p.dispose()
  merged.computeBoundingBox()
  merged.computeBoundingSphere()
  return merged
}
