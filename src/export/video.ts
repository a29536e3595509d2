/**
 * Video recording shared by the expansion video and the story video: the WebCodecs encoder and
 * its container (mediabunny, loaded on first use), and one frame rendered with its overlay.
 */
import type { CanvasSource as CanvasSourceType } from 'mediabunny'
import type { StoreApi } from 'zustand/vanilla'
import type { QualityTier } from '../domain/quality'
import type { RenderHandle } from '../scene/renderHandle'
import type { OverlayParts } from '../state/exportApi'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import type { CaptionText } from './captionOverlay'
import { overlayPainter } from './frame'
import { renderStill } from './renderStill'

/** Why video export is unavailable in this browser, or null when it is available. */
export function videoUnsupportedReason(): string | null {
  if (typeof VideoEncoder === 'undefined' || typeof VideoFrame === 'undefined')
    return 'This browser has no WebCodecs video encoder, so video cannot be recorded here. Use a recent Chrome, Edge or Firefox, or export stills.'
  return null
}

/** What a video is recorded as. */
export interface VideoFormat {
  width: number
  height: number
  fps: number
  format: 'webm' | 'mp4'
}

/** A video being recorded: draw each frame into `frame`, then `add` it. */
export interface VideoRecording {
  codec: string
  /** The canvas a frame is drawn into before it is added. */
  frame: CanvasRenderingContext2D
  /** Encodes what `frame` shows as frame number `f`. */
  add(f: number): Promise<void>
  /** Ends the file and returns it. */
  finish(): Promise<{ blob: Blob; mimeType: string }>
  /** Drops the file (after a failure or cancel). */
  cancel(): Promise<void>
}

/**
 * Starts a recording: picks the first codec this browser encodes at the size (H.264 first for
 * MP4, VP9 first for WebM) or says why none does.
 */
export async function openVideo(v: VideoFormat): Promise<VideoRecording> {
  const why = videoUnsupportedReason()
  if (why) throw new Error(why)
  const mb = await import('./videoEncoding')
  const candidates = v.format === 'mp4' ? (['avc', 'vp9', 'av1'] as const) : (['vp9', 'vp8', 'av1'] as const)
  const codec = await mb.getFirstEncodableVideoCodec([...candidates], { width: v.width, height: v.height })
  if (!codec)
    throw new Error(
      `This browser cannot encode ${v.format.toUpperCase()} video at ${v.width}x${v.height} (tried ${candidates.join(', ')}).`,
    )
  const output = new mb.Output({
    format:
      v.format === 'mp4' ? new mb.Mp4OutputFormat({ fastStart: 'in-memory' }) : new mb.WebMOutputFormat(),
    target: new mb.BufferTarget(),
  })
  const canvas = document.createElement('canvas')
  canvas.width = v.width
  canvas.height = v.height
  const frame = canvas.getContext('2d')
  if (!frame) throw new Error(`the browser could not make a ${v.width}x${v.height} canvas for video frames`)
  const source: CanvasSourceType = new mb.CanvasSource(canvas, { codec, bitrate: mb.QUALITY_HIGH })
  output.addVideoTrack(source, { frameRate: v.fps })
  await output.start()
  const mimeType = v.format === 'mp4' ? 'video/mp4' : 'video/webm'
  return {
    codec,
    frame,
    add: (f) => source.add(f / v.fps, 1 / v.fps),
    async finish() {
      await output.finalize()
      const buffer = (output.target as InstanceType<typeof mb.BufferTarget>).buffer
      if (!buffer) throw new Error('the video encoder produced no data')
      return { blob: new Blob([buffer], { type: mimeType }), mimeType }
    },
    cancel: () => output.cancel().catch(() => undefined),
  }
}

/** How the frames of a video are rendered. */
export interface FrameLook {
  quality: QualityTier
  samples?: number
  /** Overlay parts, or null for none. */
  parts: OverlayParts | null
  /** The story caption to burn in, when not the one of the step on screen. */
  caption?: CaptionText | null
}

/** Renders the live view as it stands into the recording's frame canvas, overlay burned in. */
export async function renderVideoFrame(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  h: RenderHandle,
  rec: VideoRecording,
  look: FrameLook,
): Promise<void> {
  const { width, height } = rec.frame.canvas
  const paint = look.parts
    ? await overlayPainter(store, clock, width, height, look.parts, look.caption)
    : null
  const samples = look.samples !== undefined ? { samples: look.samples } : {}
  await renderStill(
    h,
    { width, height, transparent: false, quality: look.quality, ...samples },
    ({ ctx, top, rows }) => {
      paint?.(ctx, top)
      rec.frame.drawImage(ctx.canvas, 0, 0, width, rows, 0, top, width, rows)
    },
  )
}
