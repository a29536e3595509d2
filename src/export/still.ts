/** A still of the live view: rendered in tiles, overlay burned in, streamed into a PNG. */
import type { StoreApi } from 'zustand/vanilla'
import { withPlantDetail } from '../gpu/plantMeshes'
import { renderHandleReady } from '../scene/renderHandle'
import type { StillRequest, StillResult } from '../state/exportApi'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import type { CaptionText } from './captionOverlay'
import { exportFileName } from './fileName'
import { type ExportQuality, overlayPainter, overlayParts, withTier } from './frame'
import { stillMetadata } from './metadata'
import { loadOverlayFonts } from './overlay'
import { PngStreamEncoder } from './pngStream'
import { renderStill, type StillOptions, stillProblem, stillSamples } from './renderStill'

/**
 * Renders a still of the current view and streams it into a PNG a row of tiles at a time: each
 * strip gets the overlay, is read back and deflated, so no canvas or buffer of the whole image
 * exists. What this browser and GPU cannot do is refused before anything changes. `caption`
 * replaces the story caption of the step on screen (a story's stills burn in each step's).
 */
export async function exportStill(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  req: StillRequest & ExportQuality & { caption?: CaptionText | null },
): Promise<StillResult> {
  const h = await renderHandleReady()
  const quality = req.quality ?? store.getState().quality
  const opts: StillOptions = {
    width: req.width,
    height: req.height,
    transparent: req.transparent ?? false,
    quality,
    ...(req.samples !== undefined ? { samples: req.samples } : {}),
    ...(req.tileSize !== undefined ? { tileSize: req.tileSize } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  }
  const problem = stillProblem(h, opts)
  if (problem) throw new Error(problem)
  const parts = overlayParts(req.overlay)
  if (parts) await loadOverlayFonts()
  const paint = parts ? await overlayPainter(store, clock, req.width, req.height, parts, req.caption) : null
  // Opaque stills are written as RGB: a quarter less to deflate and store.
  const png = new PngStreamEncoder(req.width, req.height, {
    alpha: opts.transparent,
    text: stillMetadata(store.getState(), quality, stillSamples(opts)),
  })
  let blob: Blob
  let tiles: number
  try {
    tiles = await withTier(store, h, quality, () =>
      withPlantDetail(() =>
        renderStill(h, opts, async ({ ctx, top, rows }) => {
          paint?.(ctx, top)
          await png.writeRows(ctx.getImageData(0, 0, req.width, rows).data, rows)
        }),
      ),
    )
    blob = await png.finish()
  } catch (e) {
    await png.abort('the still was not finished')
    throw e
  }
  const s = store.getState()
  return {
    blob,
    fileName: exportFileName(s, [s.phaseIndex], req.width, req.height, 'png'),
    width: req.width,
    height: req.height,
    tiles,
    quality,
    samples: stillSamples(opts),
  }
}
