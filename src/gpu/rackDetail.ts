/**
 * Close-up rack detail without extra meshes: the front and back of each rack box carry a
 * generated texture of its servers (8 × 4U HGX servers and a CDU for Hopper racks; compute
 * trays, NVLink switch trays and power shelves for NVL72), with one lit mark per GPU in an
 * emissive map. From afar the mipmaps average it out, so detail costs nothing there.
 * Textures are generated here (no file, no network) and shared by every rack of a kind.
 */
import {
  BoxGeometry,
  type BufferGeometry,
  DataTexture,
  LinearFilter,
  LinearMipmapLinearFilter,
  RepeatWrapping,
  RGBAFormat,
  SRGBColorSpace,
  type Texture,
} from 'three'
import type { QualityTier } from '../domain/quality'
import type { RackKind } from './rackBuckets'

const TEX_W = 64
const TEX_H = 256

/** The band layout of a rack face, bottom to top, in rack units (U). */
interface Band {
  kind: 'cdu' | 'server' | 'compute' | 'switch' | 'power' | 'blank' | 'tor'
  units: number
  gpus: number
}

/** Bands of each rack kind: what a close-up shows, bottom to top. */
function rackBands(kind: RackKind): Band[] {
  if (kind === 'hgx') {
    // Supermicro liquid-cooled HGX H100 rack: CDU at the bottom, eight 4U 8-GPU servers,
    // a 1U top-of-rack switch.
    const bands: Band[] = [
      { kind: 'cdu', units: 5, gpus: 0 },
      { kind: 'blank', units: 1, gpus: 0 },
    ]
    for (let s = 0; s < 8; s++) bands.push({ kind: 'server', units: 4, gpus: 8 })
    bands.push(
      { kind: 'blank', units: 2, gpus: 0 },
      { kind: 'tor', units: 1, gpus: 0 },
      { kind: 'blank', units: 7, gpus: 0 },
    )
    return bands
  }
  // GB200/GB300 NVL72: power shelves, 8 compute trays, 9 NVLink switch trays, 10 compute trays,
  // power shelves. 18 trays × 4 GPUs = 72.
  const bands: Band[] = [
    { kind: 'power', units: 4, gpus: 0 },
    { kind: 'blank', units: 1, gpus: 0 },
  ]
  for (let t = 0; t < 8; t++) bands.push({ kind: 'compute', units: 1, gpus: 4 })
  for (let t = 0; t < 9; t++) bands.push({ kind: 'switch', units: 1, gpus: 0 })
  for (let t = 0; t < 10; t++) bands.push({ kind: 'compute', units: 1, gpus: 4 })
  bands.push(
    { kind: 'blank', units: 1, gpus: 0 },
    { kind: 'power', units: 4, gpus: 0 },
    { kind: 'blank', units: 10, gpus: 0 },
  )
  return bands
}

/** GPU marks a rack kind's face shows (must equal its GPUs per rack in the default layout). */
export const gpuMarks = (kind: RackKind): number => rackBands(kind).reduce((n, b) => n + b.gpus, 0)

/**
 * Paints the face of a rack kind: `albedo` (multiplied by the instance colour; light = the
 * rack's colour shows) and `glow` (GPU marks only). RGBA8, TEX_W × TEX_H, row 0 at the bottom.
 * The top row is a plain side-panel colour that the box's other faces sample.
 */
export function paintRackFace(kind: RackKind): { albedo: Uint8Array; glow: Uint8Array } {
  const albedo = new Uint8Array(TEX_W * TEX_H * 4)
  const glow = new Uint8Array(TEX_W * TEX_H * 4)
  const put = (buf: Uint8Array, x: number, y: number, v: number, a = 255) => {
    const o = (y * TEX_W + x) * 4
    buf[o] = v
    buf[o + 1] = v
    buf[o + 2] = v
    buf[o + 3] = a
  }
  const rect = (buf: Uint8Array, x0: number, y0: number, x1: number, y1: number, v: number) => {
    for (let y = Math.max(0, y0); y < Math.min(TEX_H, y1); y++)
      for (let x = Math.max(0, x0); x < Math.min(TEX_W, x1); x++) put(buf, x, y, v)
  }
  // Frame: the rack's colour, slightly darkened.
  rect(albedo, 0, 0, TEX_W, TEX_H, 200)
  for (let y = 0; y < TEX_H; y++) for (let x = 0; x < TEX_W; x++) put(glow, x, y, 0)
  const bands = rackBands(kind)
  const totalU = bands.reduce((n, b) => n + b.units, 0)
  const pxPerU = (TEX_H - 8) / totalU
  const inset = 4
  let u = 0
  for (const b of bands) {
    const y0 = 4 + Math.round(u * pxPerU)
    const y1 = 4 + Math.round((u + b.units) * pxPerU)
    u += b.units
    const shade = { cdu: 150, server: 105, compute: 100, switch: 135, power: 175, blank: 55, tor: 120 }[
      b.kind
    ]
    rect(albedo, inset, y0, TEX_W - inset, y1 - 1, shade)
    if (b.kind === 'cdu') {
      // Coolant manifolds: two light pipes.
      rect(albedo, inset + 6, y0 + 3, inset + 10, y1 - 3, 235)
      rect(albedo, TEX_W - inset - 10, y0 + 3, TEX_W - inset - 6, y1 - 3, 235)
    }
    if (b.kind === 'switch' || b.kind === 'tor') {
      for (let x = inset + 3; x < TEX_W - inset - 3; x += 4) rect(albedo, x, y0 + 1, x + 2, y1 - 2, 30)
    }
    if (b.gpus > 0) {
      // One lit mark per GPU, evenly spaced in a row.
      const h = Math.max(1, Math.min(y1 - y0 - 2, b.kind === 'server' ? 6 : 2))
      const my = Math.round((y0 + y1 - 1) / 2 - h / 2)
      const span = TEX_W - 2 * inset - 8
      const w = Math.max(2, Math.floor(span / b.gpus) - 2)
      for (let g = 0; g < b.gpus; g++) {
        const mx = inset + 4 + Math.round(((g + 0.5) * span) / b.gpus - w / 2)
        rect(albedo, mx, my, mx + w, my + h, 255)
        rect(glow, mx, my, mx + w, my + h, 255)
      }
    }
  }
  // Side panel texels (top row): the rack's colour.
  rect(albedo, 0, TEX_H - 2, TEX_W, TEX_H, 215)
  rect(glow, 0, TEX_H - 2, TEX_W, TEX_H, 0)
  return { albedo, glow }
}

function makeTexture(data: Uint8Array, srgb: boolean, anisotropy: number): Texture {
  const t = new DataTexture(data, TEX_W, TEX_H, RGBAFormat)
  t.generateMipmaps = true
  t.minFilter = LinearMipmapLinearFilter
  t.magFilter = LinearFilter
  t.anisotropy = anisotropy
  // Runs of racks repeat the face along the row.
  t.wrapS = RepeatWrapping
  if (srgb) t.colorSpace = SRGBColorSpace
  t.needsUpdate = true
  return t
}

/** The UV of the plain side-panel texels. */
const SIDE_U = 0.5
const SIDE_V = (TEX_H - 1) / TEX_H

/**
 * A rack box standing on y = 0 (origin at the centre of its footprint), front facing +z.
 * Front and back faces map the whole face texture; the other faces sample the side panel.
 */
export function rackGeometry(sizeM: { widthM: number; depthM: number; heightM: number }): BufferGeometry {
  const g = new BoxGeometry(sizeM.widthM, sizeM.heightM, sizeM.depthM)
  g.translate(0, sizeM.heightM / 2, 0)
  const uv = g.getAttribute('uv')
  // BoxGeometry faces: +x, -x, +y, -y, +z, -z; 4 vertices each.
  for (let v = 0; v < 16; v++) uv.setXY(v, SIDE_U, SIDE_V)
  uv.needsUpdate = true
  // Racks stand on the floor: the bottom face (-y, index entries 18..23) is never seen.
  // Dropping it saves a sixth of the rack triangles.
  const index = g.getIndex()!
  const kept = Array.from(index.array as ArrayLike<number>).filter((_, k) => k < 18 || k >= 24)
  g.setIndex(kept)
  g.clearGroups()
  return g
}

/**
 * Anisotropic filtering of the rack face textures per tier. Software renderers filter in
 * software: 4× cost llvmpipe about a tenth of the frame at the campus and rack views
 * (measured with `benchmarkFrames`), so the draft tier filters plainly (mipmaps only).
 */
const FACE_ANISOTROPY: Record<QualityTier, number> = { draft: 1, high: 4, presentation: 4 }

/** Shared face textures of a rack kind, filtered as `tier` affords. */
export function rackTextures(kind: RackKind, tier: QualityTier): { map: Texture; emissiveMap: Texture } {
  const { albedo, glow } = paintRackFace(kind)
  const a = FACE_ANISOTROPY[tier]
  return { map: makeTexture(albedo, true, a), emissiveMap: makeTexture(glow, true, a) }
}
