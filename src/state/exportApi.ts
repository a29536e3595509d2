/**
 * What the export dialog needs of the exporter, as a contract: the UI calls it through React
 * context without importing src/export, and the app injects the implementation
 * (`createExportApi` in export/exporter).
 */
import { createContext, useContext } from 'react'
import type { ModelFormat } from '../domain/modelScene'
import type { QualityTier } from '../domain/quality'

/** Which parts of the overlay to draw. */
export interface OverlayParts {
  title: boolean
  phase: boolean
  figures: boolean
  legend: boolean
  labels: boolean
  scaleBar: boolean
  sources: boolean
  /** The story step's caption band, when a story is being told. */
  caption: boolean
}

/** Every part on. */
export const ALL_OVERLAY_PARTS: OverlayParts = {
  title: true,
  phase: true,
  figures: true,
  legend: true,
  labels: true,
  scaleBar: true,
  sources: true,
  caption: true,
}

/** The quality an export renders in. */
export interface ExportQuality {
  /** Tier to render in. @default the page's tier (the export dialog and the stills command ask for presentation) */
  quality?: QualityTier
  /** Jittered samples averaged per pixel. @default 4 in draft, 1 in high, 16 in presentation */
  samples?: number
}

/** Options of a still. */
export interface StillRequest extends ExportQuality {
  width: number
  height: number
  /** Leave the background transparent. @default false */
  transparent?: boolean
  /** Overlay parts; `false` for none. Default: all. */
  overlay?: Partial<OverlayParts> | false
  /** Largest tile side, pixels (tests force small tiles). */
  tileSize?: number
  /** Called after each tile with (done, total). */
  onProgress?: (done: number, total: number) => void
  /** Cancels between tiles (the promise rejects with an AbortError). */
  signal?: AbortSignal
}

/** A finished still. */
export interface StillResult {
  blob: Blob
  fileName: string
  width: number
  height: number
  tiles: number
  /** The tier it was rendered in. */
  quality: QualityTier
  /** Samples per pixel it averaged (1 in draft). */
  samples: number
}

/**
 * Options of a video: the expansion (a phase range), or a story with `story` (each step's
 * phase, view and caption for its duration, reached through a transition); the phase-range
 * options are refused with a story.
 */
export interface VideoRequest extends ExportQuality {
  width: number
  height: number
  fps: number
  /** Id of a story on offer to record instead of the expansion. */
  story?: string
  /** First and last phase index (inclusive); the video builds them one after another. @default all phases */
  fromPhase?: number
  toPhase?: number
  /** Seconds each phase takes to build. @default 2 */
  secondsPerPhase?: number
  /** Seconds to hold on the last phase. @default 1 */
  holdSeconds?: number
  format: 'webm' | 'mp4'
  /** Overlay parts; `false` for none. Default: all. */
  overlay?: Partial<OverlayParts> | false
  /** Called after each frame with (frame, frames). */
  onProgress?: (frame: number, frames: number) => void
  /** Cancels between frames (the promise rejects with an AbortError). */
  signal?: AbortSignal
}

/** A finished video. */
export interface VideoResult {
  blob: Blob
  fileName: string
  frames: number
  codec: string
  mimeType: string
}

/** Options of a story's stills: one PNG per step, caption burned in, in one zip. */
export interface StoryStillsRequest extends ExportQuality {
  /** Id of a story on offer. */
  story: string
  width: number
  height: number
  /** Leave the background transparent. @default false */
  transparent?: boolean
  /** Overlay parts; `false` for none. Default: all. */
  overlay?: Partial<OverlayParts> | false
  /** Called after each step with (steps done, steps). */
  onProgress?: (done: number, total: number) => void
  /** Cancels between steps and tiles (the promise rejects with an AbortError). */
  signal?: AbortSignal
}

/** A finished zip of a story's stills. */
export interface StoryStillsResult {
  blob: Blob
  fileName: string
  /** Names of the PNGs in the zip, in step order. */
  files: string[]
}

/** Options of a 3D model of what stands at the shown moment. */
export interface ModelRequest {
  format: ModelFormat
  /**
   * GLB only: racks and plant as EXT_mesh_gpu_instancing (small; three.js, Blender), or merged
   * into plain meshes for viewers without the extension. USDZ is always merged. @default true
   */
  instanced?: boolean
}

/** A finished 3D model. */
export interface ModelResult {
  blob: Blob
  fileName: string
  bytes: number
  /** Racks in the model. */
  racks: number
}

/** Exports of the live view, bound to one app's store and timeline clock. */
export interface ExportApi {
  exportStill(req: StillRequest): Promise<StillResult>
  exportVideo(req: VideoRequest): Promise<VideoResult>
  /** One PNG per step of a story in a zip (the zip code loads on first use). */
  exportStoryStills(req: StoryStillsRequest): Promise<StoryStillsResult>
  /** A 3D model of the shown moment (the exporter code loads on first use). */
  exportModel(req: ModelRequest): Promise<ModelResult>
  /** Why video cannot be recorded in this browser, or null when it can. */
  videoUnsupportedReason(): string | null
}

/** Provides the app's exporter to the UI. */
export const ExportApiContext = createContext<ExportApi | null>(null)

/** The app's exporter. */
export function useExportApi(): ExportApi {
  const api = useContext(ExportApiContext)
  if (!api) throw new Error('useExportApi must be used inside <ExportApiContext.Provider>')
  return api
}
