/**
 * A story as slides: one PNG per step, its caption burned in, all in one zip named after the
 * story (`01-<step title>.png`, …). Each step is shown as going to it does (phase complete,
 * colours, roof, quality, camera framed for the picture's shape), then exported as a still.
 */
import type { StoreApi } from 'zustand/vanilla'
import { exportSizeProblem } from '../domain/exportSize'
import type { QualityTier } from '../domain/quality'
import { renderHandleReady } from '../scene/renderHandle'
import type { StoryStillsRequest, StoryStillsResult } from '../state/exportApi'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { storyFileName, storyStepFileName } from './fileName'
import { type ExportQuality, stepCaption } from './frame'
import { exportStill } from './still'
import { applyStepLook, cameraPose, saveStoryView, showFrame, stepPoses, storySteps } from './storyWalk'

/** Renders each step of `req.story` as a still and zips them (stored, not deflated again: PNGs are deflated). */
export async function exportStoryStills(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  req: StoryStillsRequest & ExportQuality,
): Promise<StoryStillsResult> {
  const size = exportSizeProblem(req.width, req.height)
  if (size) throw new Error(`exportStoryStills: ${size}`)
  const { story, steps } = storySteps(store.getState(), req.story, 'exportStoryStills')
  const h = await renderHandleReady()
  // Loaded on first use, like the zip code as a whole: it stays out of the page's first load.
  const { zipSync } = await import('three/examples/jsm/libs/fflate.module.js')
  const poses = stepPoses(store.getState(), steps, req.width / req.height, cameraPose(h))
  const files: Record<string, Uint8Array> = {}
  const names: string[] = []
  const restore = saveStoryView(store, clock, h)
  let tier: QualityTier = store.getState().quality
  try {
    for (const r of steps) {
      if (req.signal?.aborted) throw new DOMException('export cancelled', 'AbortError')
      applyStepLook(store.getState(), r.step)
      tier = req.quality ?? r.step.quality ?? tier
      await showFrame(store, clock, h, r.phaseIndex + 1, poses[r.index]!)
      const still = await exportStill(store, clock, {
        width: req.width,
        height: req.height,
        quality: tier,
        transparent: req.transparent ?? false,
        caption: stepCaption(r, steps.length),
        ...(req.overlay !== undefined ? { overlay: req.overlay } : {}),
        ...(req.samples !== undefined ? { samples: req.samples } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      })
      const name = storyStepFileName(r.index, r.title)
      files[name] = new Uint8Array(await still.blob.arrayBuffer())
      names.push(name)
      req.onProgress?.(names.length, steps.length)
    }
  } finally {
    restore()
  }
  const zip = zipSync(files, { level: 0 })
  return {
    blob: new Blob([zip], { type: 'application/zip' }),
    fileName: storyFileName(store.getState(), story.id, req.width, req.height, 'zip'),
    files: names,
  }
}
