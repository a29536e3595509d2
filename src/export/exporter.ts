/**
 * Stills and videos of the live view: render (tiled), burn in the overlay, encode. Used by the
 * export dialog (through `createExportApi`) and by the automation API, which the stills command
 * line drives.
 */
import type { CanvasSource as CanvasSourceType } from 'mediabunny'
import { type PerspectiveCamera, Vector3 } from 'three'
import type { StoreApi } from 'zustand/vanilla'
import type { QualityTier } from '../domain/quality'
import { resolveStep } from '../domain/story'
import { buildPrefix, statsAtReveal } from '../domain/timeline/timeline'
import { describeView, emptyView, type ViewSnapshot } from '../domain/view'
import { whenLiveTier } from '../gpu/quality/stage'
import { type RenderHandle, renderHandleReady } from '../scene/renderHandle'
import {
  ALL_OVERLAY_PARTS,
  type ExportApi,
  type OverlayParts,
  type StillRequest,
  type StillResult,
  type VideoRequest,
  type VideoResult,
} from '../state/exportApi'
import type { AppState } from '../state/store'
import { findStory } from '../state/story'
import type { TimelineClock } from '../state/timelineClock'
import type { CaptionText } from './captionOverlay'
import { exportFileName } from './fileName'
import { drawOverlay, loadOverlayFonts, type OverlayInput } from './overlay'
import { PngStreamEncoder } from './pngStream'
import { renderStill, type StillOptions, saveCameraView, stillProblem } from './renderStill'

const _target = new Vector3()
const _targetTuple: [number, number, number] = [0, 0, 0]

function overlayParts(o: StillRequest['overlay']): OverlayParts | null {
  if (o === false) return null
  return { ...ALL_OVERLAY_PARTS, ...(o ?? {}) }
}

/** Burns the overlay into a strip whose canvas row 0 is image row `top`. */
type OverlayPainter = (ctx: CanvasRenderingContext2D, top: number) => void

/**
 * The overlay of a width × height image as a painter for its strips: the view is taken once,
 * with the camera as the still sees it (aspect of the image, no view offset), and each strip
 * draws the whole overlay shifted up by its top, clipped to the strip, so text across two
 * strips joins without a seam.
 */
async function overlayPainter(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  width: number,
  height: number,
  parts: OverlayParts,
): Promise<OverlayPainter> {
  const h = await renderHandleReady()
  const camera = h.camera as PerspectiveCamera
  const s = store.getState()
  const restoreCamera = saveCameraView(camera)
  camera.aspect = width / height
  camera.clearViewOffset()
  camera.updateProjectionMatrix()
  camera.updateMatrixWorld()
  if (h.controls) h.controls.getTarget(_target)
  else _target.set(0, 0, 0)
  let view: ViewSnapshot
  try {
    view = describeView(
      {
        world: camera.matrixWorld.elements,
        worldInverse: camera.matrixWorldInverse.elements,
        projection: camera.projectionMatrix.elements,
        fovDeg: camera.fov,
      },
      _target.toArray(_targetTuple),
      width,
      height,
      emptyView(),
    )
  } finally {
    restoreCamera()
  }
  const input: OverlayInput = {
    layout: s.layout,
    phaseIndex: s.phaseIndex,
    colorMode: s.colorMode,
    stats: statsAtReveal(s.layout, buildPrefix(s.layout), clock.reveal),
    view,
    parts,
    caption: storyCaption(s),
  }
  return (ctx, top) => {
    ctx.save()
    ctx.translate(0, -top)
    drawOverlay(ctx, width, height, input)
    ctx.restore()
  }
}

/** The caption of the story step on screen, for the overlay; null when no story is told. */
function storyCaption(s: AppState): CaptionText | null {
  const story = s.story ? findStory(s, s.story.id) : undefined
  if (!s.story || !story) return null
  const r = resolveStep(s.layout, story, s.story.step)
  return {
    title: r.title,
    caption: r.caption,
    sources: r.sources,
    counter: `${r.index + 1} / ${story.steps.length}`,
  }
}

/** Quality of an exported picture (stills and every video frame). */
export interface ExportQuality {
  /** Tier to render in. @default the page's tier */
  quality?: QualityTier
  /** Jittered samples averaged per pixel (presentation). @default 16 in presentation */
  samples?: number
}

/** How long a tier switch may take (loading the pipeline, compiling shaders) before an export gives up. */
const TIER_SWITCH_TIMEOUT_MS = 120_000

/**
 * Runs `render` with the scene in `tier` (its materials, lights and shadows): switches the
 * store's tier when it differs, waits until the live scene draws it, and switches back after.
 */
async function withTier<T>(
  store: StoreApi<AppState>,
  h: RenderHandle,
  tier: QualityTier,
  render: () => Promise<T>,
): Promise<T> {
  const saved = store.getState().quality
  if (tier !== saved) store.setState({ quality: tier })
  try {
    let timer: ReturnType<typeof setInterval> | undefined
    const started = performance.now()
    await Promise.race([
      whenLiveTier(tier),
      new Promise<never>((_, reject) => {
        // Frames render on demand: keep asking until the tier's stage has drawn one.
        timer = setInterval(() => {
          if (performance.now() - started > TIER_SWITCH_TIMEOUT_MS)
            reject(new Error(`the scene did not switch to the ${tier} quality tier`))
          h.invalidate()
        }, 50)
      }),
    ]).finally(() => clearInterval(timer))
    return await render()
  } finally {
    if (tier !== saved) {
      store.setState({ quality: saved })
      h.invalidate()
    }
  }
}

/**
 * Renders a still of the current view and streams it into a PNG a row of tiles at a time: each
 * strip gets the overlay, is read back and deflated, so no canvas or buffer of the whole image
 * exists. What this browser and GPU cannot do is refused before anything changes.
 */
export async function exportStill(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  req: StillRequest & ExportQuality,
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
  const paint = parts ? await overlayPainter(store, clock, req.width, req.height, parts) : null
  // Opaque stills are written as RGB: a quarter less to deflate and store.
  const png = new PngStreamEncoder(req.width, req.height, { alpha: opts.transparent })
  let blob: Blob
  let tiles: number
  try {
    tiles = await withTier(store, h, quality, () =>
      renderStill(h, opts, async ({ ctx, top, rows }) => {
        paint?.(ctx, top)
        await png.writeRows(ctx.getImageData(0, 0, req.width, rows).data, rows)
      }),
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
  }
}

/** Why video export is unavailable in this browser, or null when it is available. */
export function videoUnsupportedReason(): string | null {
  if (typeof VideoEncoder === 'undefined' || typeof VideoFrame === 'undefined')
    return 'This browser has no WebCodecs video encoder, so video cannot be recorded here. Use a recent Chrome, Edge or Firefox, or export stills.'
  return null
}

/**
 * Records the expansion frame by frame: each frame sets the timeline clock to its exact time,
 * renders and encodes it, so the video is smooth however slow the machine is. The view is
 * returned to where it was afterwards.
 */
export async function exportVideo(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  req: VideoRequest & ExportQuality,
): Promise<VideoResult> {
  const why = videoUnsupportedReason()
  if (why) throw new Error(why)
  const mb = await import('./videoEncoding')
  const candidates =
    req.format === 'mp4' ? (['avc', 'vp9', 'av1'] as const) : (['vp9', 'vp8', 'av1'] as const)
  const codec = await mb.getFirstEncodableVideoCodec([...candidates], {
    width: req.width,
    height: req.height,
  })
  if (!codec)
    throw new Error(
      `This browser cannot encode ${req.format.toUpperCase()} video at ${req.width}x${req.height} (tried ${candidates.join(', ')}).`,
    )
  const h = await renderHandleReady()
  const parts = overlayParts(req.overlay)
  if (parts) await loadOverlayFonts()
  const s0 = store.getState()
  const savedPhase = s0.phaseIndex
  if (s0.playing) s0.setPlaying(false)
  const output = new mb.Output({
    format:
      req.format === 'mp4' ? new mb.Mp4OutputFormat({ fastStart: 'in-memory' }) : new mb.WebMOutputFormat(),
    target: new mb.BufferTarget(),
  })
  const frameCanvas = document.createElement('canvas')
  frameCanvas.width = req.width
  frameCanvas.height = req.height
  const frame = frameCanvas.getContext('2d')
  if (!frame)
    throw new Error(`the browser could not make a ${req.width}x${req.height} canvas for video frames`)
  const source: CanvasSourceType = new mb.CanvasSource(frameCanvas, { codec, bitrate: mb.QUALITY_HIGH })
  output.addVideoTrack(source, { frameRate: req.fps })
  await output.start()
  const from = Math.max(0, Math.min(req.fromPhase, req.toPhase))
  const to = Math.min(s0.layout.phases.length - 1, Math.max(req.fromPhase, req.toPhase))
  const buildFrames = Math.max(1, Math.round((to - from + 1) * req.secondsPerPhase * req.fps))
  const holdFrames = Math.round((req.holdSeconds ?? 1) * req.fps)
  const frames = buildFrames + holdFrames
  const quality = req.quality ?? s0.quality
  const samples = req.samples !== undefined ? { samples: req.samples } : {}
  try {
    await withTier(store, h, quality, async () => {
      for (let f = 0; f < frames; f++) {
        if (req.signal?.aborted) throw new DOMException('video export cancelled', 'AbortError')
        const t = Math.min(1, f / buildFrames)
        clock.scrubTo(from + t * (to - from + 1))
        clock.endScrub()
        const still = { width: req.width, height: req.height, transparent: false }
        const paint = parts ? await overlayPainter(store, clock, req.width, req.height, parts) : null
        await renderStill(h, { ...still, quality, ...samples }, ({ ctx, top, rows }) => {
          paint?.(ctx, top)
          frame.drawImage(ctx.canvas, 0, 0, req.width, rows, 0, top, req.width, rows)
        })
        await source.add(f / req.fps, 1 / req.fps)
        req.onProgress?.(f + 1, frames)
      }
    })
    await output.finalize()
  } catch (e) {
    await output.cancel().catch(() => undefined)
    throw e
  } finally {
    store.getState().setPhase(savedPhase)
    clock.settle()
    h.invalidate()
  }
  const buffer = (output.target as InstanceType<typeof mb.BufferTarget>).buffer
  if (!buffer) throw new Error('the video encoder produced no data')
  const mimeType = req.format === 'mp4' ? 'video/mp4' : 'video/webm'
  return {
    blob: new Blob([buffer], { type: mimeType }),
    fileName: exportFileName(store.getState(), [from, to], req.width, req.height, req.format),
    frames,
    codec,
    mimeType,
  }
}

/** The exporter as the export dialog sees it, bound to `store` and `clock`. */
export function createExportApi(store: StoreApi<AppState>, clock: TimelineClock): ExportApi {
  return {
    exportStill: (req) => exportStill(store, clock, req),
    exportVideo: (req) => exportVideo(store, clock, req),
    // Loaded on first use: the glTF and USD exporters stay out of the page's first load.
    exportModel: (req) => import('./model').then((m) => m.exportModel(store, clock, req)),
    videoUnsupportedReason,
  }
}
