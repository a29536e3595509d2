/**
 * Sample positions of the presentation tier's progressive accumulation: sub-pixel camera jitter
 * (anti-aliasing) and a jittered sun (soft shadows), both low-discrepancy (Halton) sequences
 * rotated by a seed, so the same seed gives the same samples and the same picture. Plus how a
 * tile of a still, its overlap margin and a jitter compose into one camera view offset.
 */

/** The radical inverse of `index` in `base`: element `index` of the Halton sequence, in [0, 1). */
export function halton(index: number, base: number): number {
  let f = 1
  let r = 0
  let i = index
  while (i > 0) {
    f /= base
    r += f * (i % base)
    i = Math.floor(i / base)
  }
  return r
}

/** A number in [0, 1) from a seed and a stream (integer hash, no state, no clock). */
export function seededUnit(seed: number, stream: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream | 0, 0x85ebca6b)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  h = (h ^ (h >>> 16)) >>> 0
  return h / 4294967296
}

const wrap = (v: number): number => v - Math.floor(v)

/**
 * Sub-pixel camera offsets of `samples` samples, in pixels, each in [-0.5, 0.5): Halton (2, 3)
 * rotated by the seed (Cranley–Patterson). Written as x0, y0, x1, y1, … into `out` (length
 * 2 × samples). A single sample is not jittered (0, 0), so one sample equals an unjittered frame.
 */
export function pixelJitter(
  samples: number,
  seed: number,
  out = new Float64Array(samples * 2),
): Float64Array {
  if (samples <= 1) {
    out.fill(0)
    return out
  }
  const rx = seededUnit(seed, 1)
  const ry = seededUnit(seed, 2)
  for (let k = 0; k < samples; k++) {
    out[2 * k] = wrap(halton(k + 1, 2) + rx) - 0.5
    out[2 * k + 1] = wrap(halton(k + 1, 3) + ry) - 0.5
  }
  return out
}

/** Samples a draft picture at rest is averaged from (gpu/refine: the canvas has no multisampling). */
export const REST_SAMPLES = 4

/** 4× MSAA's sample pattern, a rotated grid: no two samples share a row or a column. */
const ROTATED_GRID = [-0.125, -0.375, 0.375, -0.125, 0.125, 0.375, -0.375, 0.125]

/**
 * Sub-pixel offsets of a draft picture's `samples` samples at rest (x0, y0, x1, y1, …): the
 * rotated grid for 4, else pixelJitter with seed 1. The same samples every time, so the same
 * view gives the same pixels.
 */
export function restJitter(samples: number): Float64Array {
  return samples === 4 ? Float64Array.from(ROTATED_GRID) : pixelJitter(samples, 1)
}

/**
 * Offsets of the sun direction for soft shadows: `samples` points spread evenly over a disc of
 * radius `radius` (Halton (5, 7), rotated by the seed, mapped to the disc by area), written as
 * u0, v0, u1, v1, … into `out`. The caller tilts the sun by (u, v) across its direction. One
 * sample is the unjittered sun (0, 0).
 */
export function discJitter(
  samples: number,
  seed: number,
  radius: number,
  out = new Float64Array(samples * 2),
): Float64Array {
  if (samples <= 1) {
    out.fill(0)
    return out
  }
  const ra = seededUnit(seed, 3)
  const rr = seededUnit(seed, 4)
  for (let k = 0; k < samples; k++) {
    const r = radius * Math.sqrt(wrap(halton(k + 1, 5) + rr))
    const a = 2 * Math.PI * wrap(halton(k + 1, 7) + ra)
    out[2 * k] = r * Math.cos(a)
    out[2 * k + 1] = r * Math.sin(a)
  }
  return out
}

/** A camera view offset (as PerspectiveCamera.setViewOffset takes it). */
export interface ViewOffset {
  fullWidth: number
  fullHeight: number
  offsetX: number
  offsetY: number
  width: number
  height: number
}

/**
 * The view offset that renders tile (x, y, w, h) of a width × height image with `marginPx`
 * extra pixels on every side (screen-space effects see past the tile; the margin is cropped
 * away) and a sub-pixel jitter on top (jx, jy in pixels). The jitter moves the whole image, not
 * the tile, so every tile of one sample sees the same jittered image.
 */
export function tileViewOffset(
  width: number,
  height: number,
  tile: { x: number; y: number; w: number; h: number },
  marginPx: number,
  jx: number,
  jy: number,
  out: ViewOffset = { fullWidth: 0, fullHeight: 0, offsetX: 0, offsetY: 0, width: 0, height: 0 },
): ViewOffset {
  out.fullWidth = width
  out.fullHeight = height
  out.offsetX = tile.x - marginPx + jx
  out.offsetY = tile.y - marginPx + jy
  out.width = tile.w + 2 * marginPx
  out.height = tile.h + 2 * marginPx
  return out
}
