/**
 * The view in the URL: `?phase=<id>&mode=<mode>&roof=<mode>&cam=<preset | x,y,z,tx,ty,tz>`, plus
 * `quality=<tier>` when a tier was chosen and `context=off` when the dressing is hidden, so a
 * copied link opens the same view; `story=<id>&step=<n>` a story step, and `autoplay=1|loop`
 * plays the story from there (kiosks, embeds). Parameters are validated like config: a bad value is
 * dropped with a message naming it, and the rest of the link still applies.
 */

import type { StoryConfig } from '../config/schema'
import { type CameraPose, cameraPresets, MAX_CAMERA_DISTANCE_M } from '../domain/camera'
import { COLOR_MODES, type ColorMode } from '../domain/color/colorModes'
import type { Layout } from '../domain/layout/buildLayout'
import { isQualityTier, QUALITY_TIERS, type QualityTier } from '../domain/quality'
import type { AutoplayMode } from '../domain/story'
import type { RoofMode } from '../state/store'

const ROOF_MODES: readonly RoofMode[] = ['solid', 'faded', 'hidden']
const MAX_PARAM = 200
/** Camera coordinates beyond this many metres from the origin are refused. */
const MAX_COORD_M = 100_000

/** What a link asks for; fields absent when not given or refused. */
export interface UrlView {
  phaseIndex?: number
  colorMode?: ColorMode
  roofMode?: RoofMode
  camera?: { preset: string } | { pose: CameraPose }
  quality?: QualityTier
  /** Procedural context (roads, yards, trees) shown. */
  dressing?: boolean
  /** A story step to open (`story=<id>&step=<n>`, n from 1); `step` here is 0-based. */
  story?: { id: string; step: number }
  /** `autoplay=1` plays the story once from that step, `autoplay=loop` again and again. */
  autoplay?: AutoplayMode
}

/** `autoplay=` values and what they play. */
const AUTOPLAY_PARAMS: Record<string, AutoplayMode> = { '1': 'once', loop: 'loop' }

/** `story=<id>&step=<n>` (n from 1, default 1) against the stories on offer. */
function parseStoryParams(
  get: (name: string) => string | null,
  stories: readonly StoryConfig[],
  problems: string[],
): UrlView['story'] {
  const id = get('story')
  if (id === null) return undefined
  const story = stories.find((x) => x.id === id)
  if (!story) {
    problems.push(
      `story: "${id}" is not a story of this layout${stories.length ? ` (${stories.map((x) => x.id).join(', ')})` : ''}`,
    )
    return undefined
  }
  const raw = get('step')
  const n = raw === null ? 1 : Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > story.steps.length) {
    problems.push(
      `step: "${raw}" is not a step of story "${id}" (1 to ${story.steps.length}); showing step 1`,
    )
    return { id, step: 0 }
  }
  return { id, step: n - 1 }
}

/** `autoplay=1|loop`, which needs a story to play. */
function parseAutoplayParam(
  get: (name: string) => string | null,
  story: UrlView['story'],
  problems: string[],
): AutoplayMode | undefined {
  const raw = get('autoplay')
  if (raw === null) return undefined
  const mode = AUTOPLAY_PARAMS[raw]
  if (!mode) problems.push(`autoplay: "${raw}" is neither 1 nor loop`)
  else if (!story) problems.push('autoplay: there is no story to play (add story=<id>)')
  else return mode
  return undefined
}

/**
 * Parses a query string against a layout and the stories on offer (the layout's by default;
 * the page adds this session's). Unknown parameters are ignored (other tools add them).
 */
export function parseViewParams(
  search: string,
  layout: Layout,
  stories: readonly StoryConfig[] = layout.config.stories ?? [],
): { view: UrlView; problems: string[] } {
  const params = new URLSearchParams(search)
  const view: UrlView = {}
  const problems: string[] = []
  const get = (name: string): string | null => {
    const v = params.get(name)
    if (v === null) return null
    if (v.length > MAX_PARAM) {
      problems.push(`${name}: value is longer than ${MAX_PARAM} characters`)
      return null
    }
    return v
  }
  const phase = get('phase')
  if (phase !== null) {
    const i = layout.phases.findIndex((p) => p.id === phase)
    if (i >= 0) view.phaseIndex = i
    else
      problems.push(
        `phase: "${phase}" is not a phase of this layout (${layout.phases.map((p) => p.id).join(', ')})`,
      )
  }
  const mode = get('mode')
  if (mode !== null) {
    if ((COLOR_MODES as readonly string[]).includes(mode)) view.colorMode = mode as ColorMode
    else problems.push(`mode: "${mode}" is not a colour mode (${COLOR_MODES.join(', ')})`)
  }
  const roof = get('roof')
  if (roof !== null) {
    if ((ROOF_MODES as readonly string[]).includes(roof)) view.roofMode = roof as RoofMode
    else problems.push(`roof: "${roof}" is not a roof mode (${ROOF_MODES.join(', ')})`)
  }
  const quality = get('quality')
  if (quality !== null) {
    if (isQualityTier(quality)) view.quality = quality
    else problems.push(`quality: "${quality}" is not a quality tier (${QUALITY_TIERS.join(', ')})`)
  }
  const context = get('context')
  if (context !== null) {
    if (context === 'on' || context === 'off') view.dressing = context === 'on'
    else problems.push(`context: "${context}" is neither on nor off`)
  }
  const cam = get('cam')
  if (cam !== null) {
    const presets = cameraPresets(layout).map((p) => p.id)
    if (presets.includes(cam)) view.camera = { preset: cam }
    else {
      const nums = cam.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s)))
      if (nums.length === 6 && nums.every((n) => Number.isFinite(n) && Math.abs(n) <= MAX_COORD_M)) {
        const [x, y, z, tx, ty, tz] = nums as [number, number, number, number, number, number]
        const distance = Math.hypot(x - tx, y - ty, z - tz)
        if (y <= 0) problems.push('cam: the camera must be above the ground (y > 0)')
        else if (distance > MAX_CAMERA_DISTANCE_M)
          problems.push(
            `cam: the camera is ${Math.round(distance)} m from its target; the most is ${MAX_CAMERA_DISTANCE_M} m`,
          )
        else view.camera = { pose: { position: [x, y, z], target: [tx, ty, tz] } }
      } else
        problems.push(
          `cam: "${cam}" is neither a camera preset (${presets.join(', ')}) nor six numbers x,y,z,targetX,targetY,targetZ`,
        )
    }
  }
  const story = parseStoryParams(get, stories, problems)
  if (story) view.story = story
  const autoplay = parseAutoplayParam(get, story, problems)
  if (autoplay) view.autoplay = autoplay
  return { view, problems }
}

const round = (n: number): string => String(Math.round(n * 10) / 10)

/** Builds the query string of a view; keeps parameters it does not own (e.g. `layout`). */
export function viewToSearch(
  current: string,
  view: {
    phaseId: string
    colorMode: ColorMode
    roofMode: RoofMode
    camera: { preset: string } | { pose: CameraPose } | null
    /** A tier the user chose; a detected default stays out of links. */
    quality?: QualityTier | null
    dressing?: boolean
    /** `layout=`: an address on this site or `file:<name>`; null removes it; absent keeps it. */
    layout?: string | null
    /** The story step on screen (0-based), or null for none. */
    story?: { id: string; step: number } | null
    /** The story's autoplay, or false when paused. */
    autoplay?: false | AutoplayMode
  },
): string {
  const params = new URLSearchParams(current)
  if (view.layout === null) params.delete('layout')
  else if (view.layout !== undefined) params.set('layout', view.layout)
  params.set('phase', view.phaseId)
  params.set('mode', view.colorMode)
  params.set('roof', view.roofMode)
  if (view.quality) params.set('quality', view.quality)
  else params.delete('quality')
  if (view.dressing === false) params.set('context', 'off')
  else params.delete('context')
  if (view.camera && 'preset' in view.camera) params.set('cam', view.camera.preset)
  else if (view.camera) {
    const [x, y, z] = view.camera.pose.position
    // A camera just above the ground must stay above it after rounding to 0.1 m.
    params.set('cam', [x, Math.max(0.1, y), z, ...view.camera.pose.target].map(round).join(','))
  } else params.delete('cam')
  if (view.story) {
    params.set('story', view.story.id)
    params.set('step', String(view.story.step + 1))
  } else {
    params.delete('story')
    params.delete('step')
  }
  if (view.story && view.autoplay) params.set('autoplay', view.autoplay === 'loop' ? 'loop' : '1')
  else params.delete('autoplay')
  return `?${params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/')}`
}
