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
