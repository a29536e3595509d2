/**
 * Telling a story: going to a step sets the phase (its build plays on the way, or cuts with
 * reduced motion), colour mode, roof, quality and camera (a flight, or a cut), and records
 * the step. Recording a step turns the current view into one. Autoplay (`toggleAutoplay`) goes
 * on to the next step when a step's time is up; its timer is the ui's `useAutoplay`.
 */

import type { StoreApi } from 'zustand/vanilla'
import type { StoryConfig, StoryStepConfig } from '../config/schema'
import type { CameraPose } from '../domain/camera'
import { type AutoplayMode, type ResolvedStep, resolveStep } from '../domain/story'
import { type AppState, allStories } from './store'

/** The story of `id` on offer in `state`, if any. */
export const findStory = (state: AppState, id: string): StoryConfig | undefined =>
  allStories(state).find((s) => s.id === id)

/**
 * Shows step `step` (0-based, clamped) of story `id`. `instant` cuts instead of flying (links,
 * stills). Going to a step by hand pauses autoplay; `autoplay` plays on (or starts) in that mode.
 * Returns the resolved step, or an error message naming the stories on offer.
 */
export function goToStep(
  store: StoreApi<AppState>,
  id: string,
  step: number,
  instant = false,
  autoplay: false | AutoplayMode = false,
): ResolvedStep | string {
  const s = store.getState()
  const story = findStory(s, id)
  if (!story) {
    const ids = allStories(s).map((x) => x.id)
    return `unknown story "${id}"; ${ids.length ? `stories are ${ids.join(', ')}` : 'this layout has no stories'}`
  }
  const r = resolveStep(s.layout, story, step)
  const { step: cfg } = r
  applying = true
  try {
    applyStep(s, cfg, r.phaseIndex, instant)
  } finally {
    applying = false
  }
  // Last: changing the view by hand clears the story, this sets it.
  s.setStory({ id, step: r.index }, autoplay)
  return r
}

/**
 * Plays or pauses the story being told (the A key, the caption band's button). Playing from the
 * last step starts again from the first; with no story told, it plays the first on offer. A paused
 * story resumes in the mode it last played in unless `asked` says otherwise.
 * Returns false when there is none.
 */
export function toggleAutoplay(store: StoreApi<AppState>, asked?: AutoplayMode): boolean {
  const s = store.getState()
  if (s.autoplay) {
    s.setAutoplay(false)
    return true
  }
  const told = s.story ? findStory(s, s.story.id) : undefined
  const story = told ?? allStories(s)[0]
  if (!story) {
    s.notify('info', 'This layout has no story to play.')
    return false
  }
  const at = told ? s.story!.step : 0
  // A paused story plays on as it last played (a loop stays a loop); a new one plays once.
  const last = s.lastAutoplay
  const mode = asked ?? (told && last?.id === told.id ? last.mode : 'once')
  if (!told || at >= story.steps.length - 1) goToStep(store, story.id, 0, false, mode)
  else s.setAutoplay(mode)
  return true
}

/** True while a story step is being applied (its changes are one move, not several). */
let applying = false
export const isApplyingStep = (): boolean => applying

function applyStep(s: AppState, cfg: StoryStepConfig, phaseIndex: number, instant: boolean): void {
  s.setPlaying(false)
  s.setPhase(phaseIndex)
  if (cfg.colorMode) s.setColorMode(cfg.colorMode)
  if (cfg.roof) s.setRoofMode(cfg.roof)
  if (cfg.quality) s.setQuality(cfg.quality)
  if (typeof cfg.camera === 'string') s.requestCamera(cfg.camera, instant)
  else s.requestCamera('pose', instant, { position: cfg.camera.position, target: cfg.camera.target })
}

/** Moves by `delta` steps in the story being told (no-op at either end); false if none is. */
export function stepStory(store: StoreApi<AppState>, delta: number): boolean {
  const s = store.getState()
  if (!s.story) return false
  const story = findStory(s, s.story.id)
  if (!story) return false
  const next = Math.max(0, Math.min(story.steps.length - 1, s.story.step + delta))
  if (next !== s.story.step) goToStep(store, s.story.id, next)
  return true
}

/** The id of the session story that "Record step" appends to. */
export const RECORDED_STORY_ID = 'my-story'

/**
 * Appends the current view (phase, camera pose, colour, roof, quality) as a step of the
 * session story "My story", titled after the phase. Returns the story.
 */
export function recordStep(store: StoreApi<AppState>, pose: CameraPose): StoryConfig {
  const s = store.getState()
  const phase = s.layout.phases[s.phaseIndex]!
  const step: StoryStepConfig = {
    title: '{phase}',
    caption: '{gpus} GPUs on {date} ({status}).',
    phase: phase.id,
    camera: { position: round3(pose.position), target: round3(pose.target) },
    colorMode: s.colorMode,
    roof: s.roofMode,
    quality: s.quality,
  }
  const old = s.extraStories.find((x) => x.id === RECORDED_STORY_ID)
  const story: StoryConfig = {
    id: RECORDED_STORY_ID,
    title: 'My story',
    steps: [...(old?.steps ?? []), step],
  }
  s.addStories([story])
  return story
}

const round3 = (v: readonly number[]): [number, number, number] =>
  [v[0]!, v[1]!, v[2]!].map((x) => Math.round(x * 10) / 10) as [number, number, number]

/** A stories file for `stories`, as JSON text (loadable with "Open stories"). */
export const storiesFileText = (stories: StoryConfig[]): string => `${JSON.stringify({ stories }, null, 2)}\n`
