/**
 * The video of a whole story: each step held for its duration with its caption burned in, each
 * step after the first reached through a transition of STORY_TRANSITION_SECONDS in which the
 * camera flies (eased) from the step before and a later phase builds (an earlier one cuts).
 * Frame by frame, as the expansion video, so the result does not depend on the machine's speed.
 */
import type { StoreApi } from 'zustand/vanilla'
import type { QualityTier } from '../domain/quality'
import type { ResolvedStep } from '../domain/story'
import {
  flightPose,
  type StoryVideoPlan,
  storyFrameAt,
  storyReveal,
  storyVideoPlan,
} from '../domain/storyVideo'
import { type RenderHandle, renderHandleReady } from '../scene/renderHandle'
import type { VideoRequest, VideoResult } from '../state/exportApi'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { storyFileName } from './fileName'
import { type ExportQuality, overlayParts, stepCaption, withTier } from './frame'
import { loadOverlayFonts } from './overlay'
import { applyStepLook, cameraPose, saveStoryView, showFrame, stepPoses, storySteps } from './storyWalk'
import { type FrameLook, openVideo, renderVideoFrame, type VideoRecording } from './video'

/** The options of the expansion video, which a story video takes from its steps instead. */
const RANGE_OPTIONS = ['fromPhase', 'toPhase', 'secondsPerPhase', 'holdSeconds'] as const

/** Why a story video request mixes in the expansion's phase-range options, or null. */
export function storyVideoMixProblem(
  req: Partial<Record<(typeof RANGE_OPTIONS)[number], unknown>>,
): string | null {
  const mixed = RANGE_OPTIONS.filter((k) => req[k] !== undefined)
  if (mixed.length === 0) return null
  return `a story video takes its phases and pace from the story's steps: leave out ${mixed.join(', ')} (they set the expansion video)`
}

/** What the frames of one story video share. */
interface StoryRun {
  store: StoreApi<AppState>
  clock: TimelineClock
  h: RenderHandle
  rec: VideoRecording
  plan: StoryVideoPlan
  steps: ResolvedStep[]
  poses: ReturnType<typeof stepPoses>
  req: VideoRequest & ExportQuality
}

/** Renders and encodes the frames of step `k`'s segment (its transition, then its hold) in `look`. */
async function recordSegment(run: StoryRun, k: number, look: FrameLook): Promise<void> {
  const { plan, steps, poses, req } = run
  const seg = plan.segments[k]!
  const end = seg.start + seg.transitionFrames + seg.holdFrames
  for (let f = seg.start; f < end; f++) {
    if (req.signal?.aborted) throw new DOMException('video export cancelled', 'AbortError')
    const at = storyFrameAt(plan, f)
    const reveal = storyReveal(steps[at.from]!.phaseIndex, steps[at.step]!.phaseIndex, at.progress)
    await showFrame(
      run.store,
      run.clock,
      run.h,
      reveal,
      flightPose(poses[at.from]!, poses[at.step]!, at.progress),
    )
    await renderVideoFrame(run.store, run.clock, run.h, run.rec, look)
    await run.rec.add(f)
    req.onProgress?.(f + 1, plan.frames)
  }
}

/**
 * Records story `req.story` (see the file comment). Each step's colour mode, roof and quality
 * tier apply from its transition on, as going to the step does (a tier in `req` wins); the
 * phase, view, colours and story shown before are put back afterwards.
 */
export async function exportStoryVideo(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  req: VideoRequest & ExportQuality & { story: string },
): Promise<VideoResult> {
  const mix = storyVideoMixProblem(req)
  if (mix) throw new Error(mix)
  const { story, steps } = storySteps(store.getState(), req.story, 'exportVideo')
  const plan = storyVideoPlan(
    steps.map((r) => r.durationS),
    req.fps,
  )
  const h = await renderHandleReady()
  const parts = overlayParts(req.overlay)
  if (parts) await loadOverlayFonts()
  const rec = await openVideo(req)
  const poses = stepPoses(store.getState(), steps, req.width / req.height, cameraPose(h))
  const run: StoryRun = { store, clock, h, rec, plan, steps, poses, req }
  const restore = saveStoryView(store, clock, h)
  let tier: QualityTier = store.getState().quality
  try {
    for (const r of steps) {
      applyStepLook(store.getState(), r.step)
      tier = req.quality ?? r.step.quality ?? tier
      const look: FrameLook = {
        quality: tier,
        parts,
        caption: stepCaption(r, steps.length),
        ...(req.samples !== undefined ? { samples: req.samples } : {}),
      }
      await withTier(store, h, tier, () => recordSegment(run, r.index, look))
    }
    const { blob, mimeType } = await rec.finish()
    const s = store.getState()
    return {
      blob,
      fileName: storyFileName(s, story.id, req.width, req.height, req.format),
      frames: plan.frames,
      codec: rec.codec,
      mimeType,
    }
  } catch (e) {
    await rec.cancel()
    throw e
  } finally {
    restore()
  }
}
