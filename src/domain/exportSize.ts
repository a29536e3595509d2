/**
 * The sizes an export may have, in one place for the dialog, the automation API and the stills
 * command line. The largest square still, 16384 × 16384, is the largest 2D canvas area Chromium
 * allocates.
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
