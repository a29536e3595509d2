/**
 * The sizes an export may have, in one place for the dialog, the automation API and the stills
 * command line, and the GPU limits that bound a still's tiles. Stills are streamed into the PNG
 * a row of tiles at a time, so no canvas of the whole image is ever made (Chromium's 2D canvas
 * silently stays blank from about 16384 × 16381 up); 16384 a side is the documented maximum.
 */

/** Smallest side of an export, pixels. */
export const MIN_EXPORT_SIDE = 16
/** Largest side of an export, pixels. */
export const MAX_EXPORT_SIDE = 16384

/** Why an image of width × height cannot be exported, or null when it can. */
export function exportSizeProblem(width: number, height: number): string | null {
  if (!Number.isInteger(width) || !Number.isInteger(height))
    return `${width}x${height} is not a whole number of pixels on each side`
  if (width < MIN_EXPORT_SIDE || height < MIN_EXPORT_SIDE)
    return `${width}x${height} is too small: each side must be at least ${MIN_EXPORT_SIDE} pixels`
  if (width > MAX_EXPORT_SIDE || height > MAX_EXPORT_SIDE)
    return `${width}x${height} is too large: each side must be at most ${MAX_EXPORT_SIDE} pixels`
  return null
}

/** Parses and checks "WxH"; returns an error message or the size. */
export function parseSize(text: string): { width: number; height: number } | { error: string } {
  const m = /^\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*$/i.exec(text)
  if (!m) return { error: `"${text}" is not a size like 1920x1080` }
  const width = Number(m[1])
  const height = Number(m[2])
  const problem = exportSizeProblem(width, height)
  return problem ? { error: problem } : { width, height }
}

/** The GPU's limits that bound the tiles of a still, as WebGL reports them. */
export interface GpuLimits {
  maxTextureSize: number
  maxRenderbufferSize: number
  maxViewportDims: readonly [number, number]
}

/**
 * Largest tile side the renderer uses whatever the GPU allows: larger tiles save little, and
 * their drawing buffer would cost more memory than a whole row of smaller tiles.
 */
export const MAX_TILE_SIDE = 8192

/** The largest square the GPU renders in one go, and the limit that sets it (as WebGL names it). */
export function gpuTileLimit(limits: GpuLimits): { side: number; limit: string } {
  const candidates: [number, string][] = [
    [limits.maxTextureSize, 'MAX_TEXTURE_SIZE'],
    [limits.maxRenderbufferSize, 'MAX_RENDERBUFFER_SIZE'],
    [limits.maxViewportDims[0], 'MAX_VIEWPORT_DIMS'],
    [limits.maxViewportDims[1], 'MAX_VIEWPORT_DIMS'],
  ]
  let best = candidates[0]!
  for (const c of candidates) if (c[0] < best[0]) best = c
  return { side: best[0], limit: best[1] }
}

/**
 * Why a still of width × height cannot be rendered in tiles of `tileW` × `tileH` plus `marginPx`
 * on each side on this GPU, or null when it can. The message names the size and the limit.
 */
export function tileLimitProblem(
  width: number,
  height: number,
  tileW: number,
  tileH: number,
  marginPx: number,
  limits: GpuLimits,
): string | null {
  const { side, limit } = gpuTileLimit(limits)
  const w = tileW + 2 * marginPx
  const h = tileH + 2 * marginPx
  if (w <= side && h <= side) return null
  const margin = marginPx > 0 ? ` (a tile of ${tileW}x${tileH} px and a ${marginPx} px margin around it)` : ''
  return `A ${width}x${height} still has to render ${w}x${h} px at a time${margin}, but this GPU's ${limit} is ${side} px.`
}
