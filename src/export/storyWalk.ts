/**
 * Walking the live view through a story for an export: each step's look (colour mode, roof),
 * the camera set to a pose directly, the timeline clock scrubbed, and everything put back after.
 * The camera is posed here rather than flown by the camera rig, so every frame is where the
 * frame plan says, however slow the machine.
 */
import { Vector3 } from 'three'
import type { StoreApi } from 'zustand/vanilla'
import type { StoryConfig, StoryStepConfig } from '../config/schema'
import { type CameraPose, presetPose } from '../domain/camera'
import { type ResolvedStep, resolveStep } from '../domain/story'
import type { RenderHandle } from '../scene/renderHandle'
import { type AppState, allStories } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'

const _v = new Vector3()

/** Story `id` of those on offer with its steps resolved, or an error naming `caller` and the stories. */
export function storySteps(
  s: AppState,
  id: unknown,
  caller: string,
): { story: StoryConfig; steps: ResolvedStep[] } {
  const stories = allStories(s)
  const story = stories.find((x) => x.id === id)
  if (!story)
    throw new Error(
      `${caller}: unknown story "${String(id)}"; ${stories.length ? `stories are ${stories.map((x) => x.id).join(', ')}` : 'this layout has no stories'}`,
    )
  return { story, steps: story.steps.map((_, k) => resolveStep(s.layout, story, k)) }
}

/** Where the camera is now. */
export function cameraPose(h: RenderHandle): CameraPose {
  const c = h.controls
  if (!c) throw new Error('the camera controls have not started yet')
  c.getPosition(_v)
  const position: [number, number, number] = [_v.x, _v.y, _v.z]
  c.getTarget(_v)
  return { position, target: [_v.x, _v.y, _v.z] }
}

/**
 * The camera pose of each step in a picture of `aspect` (width / height): its own pose, or its
 * preset framed for that picture at the step's phase. A preset that finds nothing to frame (a
 * rack view before any rack stands) keeps the pose before it (`start` for the first step).
 */
export function stepPoses(
  s: AppState,
  steps: readonly ResolvedStep[],
  aspect: number,
  start: CameraPose,
): CameraPose[] {
  const poses: CameraPose[] = []
  let last = start
  for (const r of steps) {
    const cam = r.step.camera
    const pose =
      typeof cam === 'string' ? presetPose(s.layout, cam, aspect, s.selected, r.phaseIndex) : { ...cam }
    last = pose ?? last
    poses.push(last)
  }
  return poses
}

/** Sets a step's colour mode and roof, as going to the step does; the ones it leaves out stay. */
export function applyStepLook(s: AppState, cfg: StoryStepConfig): void {
  if (cfg.colorMode && cfg.colorMode !== s.colorMode) s.setColorMode(cfg.colorMode)
  if (cfg.roof && cfg.roof !== s.roofMode) s.setRoofMode(cfg.roof)
}

const near = (a: readonly number[], b: readonly number[]): boolean =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!) < 1e-3

/**
 * Shows the timeline at `reveal` and the camera at `pose`, and waits until the live scene has
 * drawn a frame of them, so what follows the camera (near and far planes, rack close-ups, the
 * faded roof) follows it. Posed again if something moved the camera meanwhile (the camera rig
 * reframes its preset when the panels change size).
 */
export async function showFrame(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  h: RenderHandle,
  reveal: number,
  pose: CameraPose,
): Promise<void> {
  clock.scrubTo(reveal)
  clock.endScrub()
  for (let tries = 0; tries < 4; tries++) {
    void h.controls?.setLookAt(...pose.position, ...pose.target, false)
    // As the controls hold it (any limit of theirs applied), to tell a later move from it.
    const set = cameraPose(h)
    await h.whenRendered(store.getState().layoutVersion)
    const now = cameraPose(h)
    if (near(now.position, set.position) && near(now.target, set.target)) return
  }
}

/**
 * Saves what a story export changes (phase, colour mode, roof, story, camera) and pauses
 * playback; the returned function puts it all back. The export counts as busy meanwhile, so
 * its view changes make no history entries.
 */
export function saveStoryView(store: StoreApi<AppState>, clock: TimelineClock, h: RenderHandle): () => void {
  const s = store.getState()
  const { phaseIndex, colorMode, roofMode, story, exportBusy } = s
  const pose = cameraPose(h)
  if (s.playing) s.setPlaying(false)
  if (!exportBusy) s.setExportBusy(true)
  return () => {
    const now = store.getState()
    now.setPhase(phaseIndex)
    clock.settle()
    now.setColorMode(colorMode)
    now.setRoofMode(roofMode)
    void h.controls?.setLookAt(...pose.position, ...pose.target, false)
    // Last: the changes above leave the story being told.
    now.setStory(story)
    if (!exportBusy) now.setExportBusy(false)
    h.invalidate()
  }
}
