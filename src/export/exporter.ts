/**
 * Stills and videos of the live view: render (tiled), burn in the overlay, encode. Used by the
 * export dialog (through `createExportApi`) and by the automation API, which the stills command
 * line drives. A story's video and its zip of stills walk the view through the story's steps
 * (storyVideo, storyStills).
 */
import type { StoreApi } from 'zustand/vanilla'
import { renderHandleReady } from '../scene/renderHandle'
import type { ExportApi, VideoRequest, VideoResult } from '../state/exportApi'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { exportFileName } from './fileName'
import { type ExportQuality, overlayParts, withTier } from './frame'
import { loadOverlayFonts } from './overlay'
import { exportStill } from './still'
import { exportStoryVideo } from './storyVideo'
import { openVideo, renderVideoFrame, videoUnsupportedReason } from './video'

export type { ExportQuality } from './frame'
export { exportStill } from './still'
export { videoUnsupportedReason } from './video'

/** Seconds each phase builds in the expansion video when the request does not say. */
const DEFAULT_SECONDS_PER_PHASE = 2

/**
 * Records the expansion frame by frame: each frame sets the timeline clock to its exact time,
 * renders and encodes it, so the video is smooth however slow the machine is. The view is
 * returned to where it was afterwards. With `story`, records that story instead (storyVideo).
 */
export async function exportVideo(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  req: VideoRequest & ExportQuality,
): Promise<VideoResult> {
  if (req.story !== undefined) return exportStoryVideo(store, clock, { ...req, story: req.story })
  const h = await renderHandleReady()
  const parts = overlayParts(req.overlay)
  if (parts) await loadOverlayFonts()
  const rec = await openVideo(req)
  const s0 = store.getState()
  const savedPhase = s0.phaseIndex
  if (s0.playing) s0.setPlaying(false)
  const last = s0.layout.phases.length - 1
  const fromPhase = req.fromPhase ?? 0
  const toPhase = req.toPhase ?? last
  const from = Math.max(0, Math.min(fromPhase, toPhase))
  const to = Math.min(last, Math.max(fromPhase, toPhase))
  const secondsPerPhase = req.secondsPerPhase ?? DEFAULT_SECONDS_PER_PHASE
  const buildFrames = Math.max(1, Math.round((to - from + 1) * secondsPerPhase * req.fps))
  const holdFrames = Math.round((req.holdSeconds ?? 1) * req.fps)
  const frames = buildFrames + holdFrames
  const quality = req.quality ?? s0.quality
  const look = { quality, parts, ...(req.samples !== undefined ? { samples: req.samples } : {}) }
  let file: { blob: Blob; mimeType: string }
  try {
    await withTier(store, h, quality, async () => {
      for (let f = 0; f < frames; f++) {
        if (req.signal?.aborted) throw new DOMException('video export cancelled', 'AbortError')
        const t = Math.min(1, f / buildFrames)
        clock.scrubTo(from + t * (to - from + 1))
        clock.endScrub()
        await renderVideoFrame(store, clock, h, rec, look)
        await rec.add(f)
        req.onProgress?.(f + 1, frames)
      }
    })
    file = await rec.finish()
  } catch (e) {
    await rec.cancel()
    throw e
  } finally {
    store.getState().setPhase(savedPhase)
    clock.settle()
    h.invalidate()
  }
  return {
    ...file,
    fileName: exportFileName(store.getState(), [from, to], req.width, req.height, req.format),
    frames,
    codec: rec.codec,
  }
}

/** The exporter as the export dialog sees it, bound to `store` and `clock`. */
export function createExportApi(store: StoreApi<AppState>, clock: TimelineClock): ExportApi {
  return {
    exportStill: (req) => exportStill(store, clock, req),
    exportVideo: (req) => exportVideo(store, clock, req),
    // Loaded on first use: the zip code stays out of the page's first load.
    exportStoryStills: (req) => import('./storyStills').then((m) => m.exportStoryStills(store, clock, req)),
    // Loaded on first use: the glTF and USDZ exporters stay out of the page's first load.
    exportModel: (req) => import('./model').then((m) => m.exportModel(store, clock, req)),
    videoUnsupportedReason,
  }
}
