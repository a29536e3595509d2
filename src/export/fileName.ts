/**
 * File names that say what a picture is: `<layout>-<phase>-<mode>-<w>x<h>.png` for a still,
 * `<layout>-<from>-to-<to>-<mode>-<w>x<h>.<ext>` for a video, `<layout>-<phase>-<mode>.glb`
 * (or `.usdz`) for a 3D model, `<layout>-story-<story>-<w>x<h>.<ext>` for a story's video or
 * its zip of stills, whose files are `01-<step title>.png`, … The default layout is "colossus";
 * a user's layout goes by its name.
 */
import type { AppState } from '../state/store'

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'view'

/** What the file names read from the app state. */
export type NamingState = Pick<AppState, 'layout' | 'layoutSource' | 'colorMode'>

/** The layout part of a file name: "colossus" for the default layout, else the layout's name. */
const layoutSlug = (s: NamingState): string =>
  slug(s.layoutSource === 'default' ? 'colossus' : s.layout.config.name)

/**
 * The file name of an export of `s`: `phases` is one phase index (a still) or the first and
 * last (a video); `ext` without the dot.
 */
export function exportFileName(
  s: NamingState,
  phases: readonly [number] | readonly [number, number],
  width: number,
  height: number,
  ext: string,
): string {
  const phasePart = phases.map((i) => slug(s.layout.phases[i]!.id)).join('-to-')
  return `${layoutSlug(s)}-${phasePart}-${slug(s.colorMode)}-${width}x${height}.${ext}`
}

/** The file name of a 3D model of phase `phaseIndex` of `s`: `<layout>-<phase>-<mode>.<format>`. */
export function modelFileName(s: NamingState, phaseIndex: number, format: 'glb' | 'usdz'): string {
  return `${layoutSlug(s)}-${slug(s.layout.phases[phaseIndex]!.id)}-${slug(s.colorMode)}.${format}`
}

/** The file name of a story's video or zip of stills: `<layout>-story-<id>-<w>x<h>.<ext>`. */
export function storyFileName(
  s: NamingState,
  storyId: string,
  width: number,
  height: number,
  ext: string,
): string {
  return `${layoutSlug(s)}-story-${slug(storyId)}-${width}x${height}.${ext}`
}

/** The name of step `index` (from 0) of a story in its zip: `01-<title>.png`, numbered to sort. */
export function storyStepFileName(index: number, title: string): string {
  return `${String(index + 1).padStart(2, '0')}-${slug(title)}.png`
}
