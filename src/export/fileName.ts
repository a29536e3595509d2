/** File names that say what a picture is: `colossus-<phase>-<mode>-<w>x<h>.png`. */
import type { AppState } from '../state/store'

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

/** What the file names read from the app state. */
export type NamingState = Pick<AppState, 'layout' | 'layoutSource' | 'phaseIndex' | 'colorMode'>

/** The still's file name for the current phase and colour mode of `s`. */
export function stillFileNameFor(s: NamingState, width: number, height: number): string {
  const slug = s.layoutSource === 'default' ? 'colossus' : s.layout.config.name
  return stillFileName(s.layout.phases[s.phaseIndex]!.id, s.colorMode, width, height, slug)
}

/** The video's file name for phases `from` … `to` of `s`. */
export function videoFileNameFor(
  s: NamingState,
  from: number,
  to: number,
  width: number,
  height: number,
  ext: string,
): string {
  return videoFileName(s.layout.phases[from]!.id, s.layout.phases[to]!.id, s.colorMode, width, height, ext)
}
