/** File names that say what a picture is: `colossus-<phase>-<mode>-<w>x<h>.png`. */

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'view'

/** The still's file name. `layoutSlug` defaults to "colossus" for the default layout. */
export function stillFileName(
  phaseId: string,
  mode: string,
  width: number,
  height: number,
  layoutSlug = 'colossus',
): string {
  return `${slug(layoutSlug)}-${slug(phaseId)}-${slug(mode)}-${width}x${height}.png`
}

/** The video's file name. */
export function videoFileName(
  fromPhase: string,
  toPhase: string,
  mode: string,
  width: number,
  height: number,
  ext: string,
  layoutSlug = 'colossus',
): string {
  return `${slug(layoutSlug)}-${slug(fromPhase)}-to-${slug(toPhase)}-${slug(mode)}-${width}x${height}.${ext}`
}

/** Largest side of an export, pixels. */
export const MAX_EXPORT_SIDE = 16384

/** Parses and checks "WxH"; returns an error message or the size. */
export function parseSize(text: string): { width: number; height: number } | { error: string } {
  const m = /^\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*$/i.exec(text)
  if (!m) return { error: `"${text}" is not a size like 1920x1080` }
  const width = Number(m[1])
  const height = Number(m[2])
  if (width < 16 || height < 16)
    return { error: `${width}x${height} is too small: each side must be at least 16 pixels` }
  if (width > MAX_EXPORT_SIDE || height > MAX_EXPORT_SIDE)
    return { error: `${width}x${height} is too large: each side must be at most ${MAX_EXPORT_SIDE} pixels` }
  return { width, height }
}
