/**
 * Renders the live scene at any size by tiles, one row of tiles at a time: the camera's view
 * offset selects one tile of the full image, the renderer draws it into a corner of its own
 * canvas (same pipeline as the screen, so tone mapping and colour space match), and the tile is
 * copied, in the same task, into a strip canvas as wide as the image and one tile high. Each
 * finished row goes to the caller (which burns in the overlay and streams the rows into the PNG,
 * or copies them into a video frame) and the strip is reused for the next row, so memory stays
 * near one row of tiles whatever the size. Sizes beyond the GPU's limits therefore work, and a
 * forced small tile size proves the stitching. The on-screen view is restored afterwards.
 */
import {
  type DirectionalLight,
  type PerspectiveCamera,
  Vector2,
  Vector3,
  Vector4,
  type WebGLRenderer,
} from 'three'
import { type GpuLimits, gpuTileLimit, MAX_TILE_SIDE, tileLimitProblem } from '../domain/exportSize'
import type { QualityTier } from '../domain/quality'
import {
  discJitter,
  pixelJitter,
  REST_SAMPLES,
  restJitter,
  tileViewOffset,
  type ViewOffset,
} from '../domain/sampling'
import { saveCameraView } from '../gpu/cameraView'
import type { QualityPipeline } from '../gpu/quality/pipeline'
import { SUN_NAME } from '../gpu/quality/stage'
import { fitSun, SUN_SOFTNESS_RAD } from '../gpu/quality/sun'
import { createRefiner } from '../gpu/refine'
import type { RenderHandle } from '../scene/renderHandle'

/** What to render. */
export interface StillOptions {
  width: number
  height: number
  /** Leave the background transparent (no page background, no ground grid). */
  transparent: boolean
  /** Largest tile side in pixels (defaults to the canvas size and the GPU's limits). */
  tileSize?: number
  /** Called after each tile with (done, total). */
  onProgress?: (done: number, total: number) => void
  /** Aborts between tiles. */
  signal?: AbortSignal
  /**
   * Quality tier of the picture: `draft` renders the scene directly; `high` and `presentation`
   * go through the post-processing pipeline, tile by tile with an overlap margin. The scene
   * must already be set up for that tier (its materials and lights). @default 'draft'
   */
  quality?: QualityTier
  /** Jittered samples averaged per pixel. @default 4 in draft, 1 in high, 16 in presentation */
  samples?: number
  /** Seed of the jitter: the same seed and scene give the same pixels. @default 1 */
  seed?: number
}

/** A finished row of tiles: row 0 of `ctx`'s canvas is image row `top`, and `rows` rows are drawn. */
export interface Strip {
  ctx: CanvasRenderingContext2D
  top: number
  rows: number
}

/** Takes each finished row of tiles, top to bottom; the strip is drawn over once it resolves. */
export type StripSink = (strip: Strip) => Promise<void> | void

/** How a still is cut into tiles: their size, and the margin rendered (and cropped) around each. */
export interface TilePlan {
  tileW: number
  tileH: number
  marginPx: number
}

/** Smallest tile side, pixels. */
const MIN_TILE_SIDE = 16

/** Default samples per pixel of a presentation still. */
export const PRESENTATION_SAMPLES = 16

/** Default samples per pixel of each tier's stills: draft has no other anti-aliasing, high has SMAA. */
const DEFAULT_SAMPLES: Record<QualityTier, number> = {
  draft: REST_SAMPLES,
  high: 1,
  presentation: PRESENTATION_SAMPLES,
}

/**
 * Samples per pixel a still of `opts` is rendered with: the samples asked for, by default 4 in
 * draft (jittered, averaged: the canvas has no multisampling), 1 in high (SMAA) and 16 in
 * presentation.
 */
export const stillSamples = (opts: Pick<StillOptions, 'quality' | 'samples'>): number =>
  Math.max(1, Math.round(opts.samples ?? DEFAULT_SAMPLES[opts.quality ?? 'draft']))
/**
 * Overlap around each tile of a pipelined still, pixels: ambient occlusion and SMAA see this
 * far past the tile, and the margin is cropped away, so tiles join without seams. Even, so the
 * half-resolution AO grid lines up across tiles.
 */
export const TILE_MARGIN_PX = 48
/** Default tile side of pipelined stills (fewer tiles: less geometry and shadow work per sample). */
export const QUALITY_TILE_PX = 2048

/** The page's background, painted under opaque stills (the canvas itself is transparent). */
export function paintBackground(ctx: CanvasRenderingContext2D, width: number, height: number): void {
  const g = ctx.createRadialGradient(
    width / 2,
    height * 0.35,
    0,
    width / 2,
    height * 0.35,
    Math.hypot(width, height) * 0.6,
  )
  g.addColorStop(0, '#17202c')
  g.addColorStop(1, '#0b1018')
  ctx.fillStyle = g
  ctx.fillRect(0, 0, width, height)
}

const _size = new Vector2()
const _viewport = new Vector4()
const _scissor = new Vector4()

/** One tile of a still: its rectangle in the image, pixels from the top left. */
export interface Tile {
  x: number
  y: number
  w: number
  h: number
}

/** How the tiles of a still are laid out, row by row, top to bottom (pure; exported for tests). */
export function tileGrid(width: number, height: number, tileW: number, tileH: number): Tile[] {
  const tiles: Tile[] = []
  for (let y = 0; y < height; y += tileH)
    for (let x = 0; x < width; x += tileW)
      tiles.push({ x, y, w: Math.min(tileW, width - x), h: Math.min(tileH, height - y) })
  return tiles
}

/** The GPU limits that bound a still's tiles, read from the renderer's WebGL context. */
export function gpuLimits(gl: WebGLRenderer): GpuLimits {
  const c = gl.getContext()
  const dims = c.getParameter(c.MAX_VIEWPORT_DIMS) as Int32Array
  return {
    maxTextureSize: c.getParameter(c.MAX_TEXTURE_SIZE) as number,
    maxRenderbufferSize: c.getParameter(c.MAX_RENDERBUFFER_SIZE) as number,
    maxViewportDims: [dims[0]!, dims[1]!],
  }
}

/**
 * How this renderer cuts a still into tiles. Draft tiles fit the live canvas (drawn at one
 * pixel per CSS pixel); pipelined tiles, with their margin, fit the GPU's limits.
 */
export function planTiles(handle: RenderHandle, opts: StillOptions): TilePlan {
  const limit = Math.min(gpuTileLimit(gpuLimits(handle.gl)).side, MAX_TILE_SIDE)
  if ((opts.quality ?? 'draft') === 'draft') {
    const size = handle.gl.getSize(_size)
    const side = (canvas: number) =>
      Math.max(MIN_TILE_SIDE, Math.min(opts.tileSize ?? Number.POSITIVE_INFINITY, canvas, limit))
    return { tileW: side(size.x), tileH: side(size.y), marginPx: 0 }
  }
  const side = qualityTileSide(opts.tileSize, limit)
  const [tileW, tileH] = qualityTileSize(opts.width, opts.height, side, opts.tileSize !== undefined)
  return { tileW, tileH, marginPx: TILE_MARGIN_PX }
}

/**
 * A 2D canvas for one row of tiles. With `check`, its far corner is written and read back first:
 * a browser that cannot back a canvas that large hands out one that silently stays blank (null
 * then). The check is a read-back, which can move Chromium's canvas off the GPU, so only the
 * trial strip of `stillProblem` makes it and the strip drawn into stays as the old full canvas was.
 */
function createStrip(width: number, height: number, check: boolean): CanvasRenderingContext2D | null {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  // Not `willReadFrequently`, although every strip is read back: on that (CPU) canvas Chromium
  // 156 redrew the tiles a fraction of a pixel off once the overlay's text was drawn over them.
  const ctx = canvas.getContext('2d')
  if (!ctx || !check) return ctx
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(width - 1, height - 1, 1, 1)
  if (ctx.getImageData(width - 1, height - 1, 1, 1).data[3] !== 255) {
    releaseStrip(ctx)
    return null
  }
  return ctx
}

/** Gives a strip's memory back now rather than when the canvas is collected. */
function releaseStrip(ctx: CanvasRenderingContext2D): void {
  ctx.canvas.width = 0
  ctx.canvas.height = 0
}

const stripProblem = (width: number, height: number, tileH: number): string =>
  `A ${width}x${height} still is drawn a row of tiles at a time into a ${width}x${tileH} px canvas, which this browser could not make.`

/**
 * Why this renderer cannot render the still, or null when it can: its tiles (with their margin)
 * must fit the GPU's limits, and the browser must give a 2D canvas as wide as the image and one
 * tile high. Changes nothing, so a refusal leaves the app as it was.
 */
export function stillProblem(handle: RenderHandle, opts: StillOptions): string | null {
  const plan = planTiles(handle, opts)
  const gpu = tileLimitProblem(
    opts.width,
    opts.height,
    plan.tileW,
    plan.tileH,
    plan.marginPx,
    gpuLimits(handle.gl),
  )
  if (gpu) return gpu
  const strip = createStrip(opts.width, plan.tileH, true)
  if (!strip) return stripProblem(opts.width, opts.height, plan.tileH)
  releaseStrip(strip)
  return null
}

/** Throws when the browser gave the WebGL canvas a smaller drawing buffer than a tile needs. */
function checkDrawingBuffer(gl: WebGLRenderer, width: number, height: number): void {
  const c = gl.getContext()
  if (c.drawingBufferWidth < width || c.drawingBufferHeight < height)
    throw new Error(
      `The browser gave the renderer a ${c.drawingBufferWidth}x${c.drawingBufferHeight} px drawing buffer where a tile needs ${width}x${height} px.`,
    )
}

/** Where a rendered tile sits on the WebGL canvas, in canvas pixels from the top left. */
type TileSource = { x: number; y: number }

/**
 * Renders the tiles row by row (`renderTile` draws one and says where it is on the WebGL
 * canvas), copies them into one strip canvas over the page background (unless transparent) and
 * hands each finished row to `sink`. Returns the number of tiles.
 */
async function drawRows(
  handle: RenderHandle,
  opts: StillOptions,
  plan: TilePlan,
  sink: StripSink,
  renderTile: (t: Tile) => TileSource,
): Promise<number> {
  const { width, height } = opts
  const tiles = tileGrid(width, height, plan.tileW, plan.tileH)
  const ctx = createStrip(width, plan.tileH, false)
  if (!ctx) throw new Error(stripProblem(width, height, plan.tileH))
  const source = handle.gl.domElement
  let done = 0
  try {
    for (let i = 0; i < tiles.length; ) {
      const { y: top, h: rows } = tiles[i]!
      ctx.clearRect(0, 0, width, plan.tileH)
      if (!opts.transparent) {
        // The whole image's gradient, shifted: strips join into the one background.
        ctx.save()
        ctx.translate(0, -top)
        paintBackground(ctx, width, height)
        ctx.restore()
      }
      for (; i < tiles.length && tiles[i]!.y === top; i++) {
        if (opts.signal?.aborted) throw new DOMException('export cancelled', 'AbortError')
        const t = tiles[i]!
        const at = renderTile(t)
        // Same task as the render: the drawing buffer is still intact.
        ctx.drawImage(source, at.x, at.y, t.w, t.h, t.x, t.y - top, t.w, t.h)
        // Make the copy happen now: Chromium may defer drawImage from a WebGL canvas, and a
        // deferred copy of a later tile's buffer shifted a 4K still by a pixel.
        ctx.getImageData(t.x, t.y - top, 1, 1)
        done++
        opts.onProgress?.(done, tiles.length)
        if (tiles.length > 1) await new Promise((r) => setTimeout(r, 0))
      }
      await sink({ ctx, top, rows })
    }
  } finally {
    releaseStrip(ctx)
  }
  return tiles.length
}

/**
 * Renders a still, handing it to `sink` a row of tiles at a time, top to bottom; returns the
 * number of tiles. `quality` draft renders the scene directly, the other tiers go through the
 * post-processing pipeline (renderStillPipelined).
 */
export async function renderStill(
  handle: RenderHandle,
  opts: StillOptions,
  sink: StripSink,
): Promise<number> {
  const plan = planTiles(handle, opts)
  if ((opts.quality ?? 'draft') !== 'draft') return renderStillPipelined(handle, opts, plan, sink)
  const { gl, scene } = handle
  const camera = handle.camera as PerspectiveCamera
  const savedSize = gl.getSize(_size).clone()
  const restore = saveRendererState(handle, opts.transparent)
  // The canvas has no multisampling: a draft still is anti-aliased by jittered samples.
  const samples = stillSamples(opts)
  const jitter = restJitter(samples)
  const refiner = createRefiner()
  try {
    // One canvas pixel per output pixel while tiling.
    gl.setPixelRatio(1)
    gl.setSize(savedSize.x, savedSize.y, false)
    checkDrawingBuffer(gl, plan.tileW, plan.tileH)
    camera.aspect = opts.width / opts.height
    const bufferH = gl.domElement.height
    return await drawRows(handle, opts, plan, sink, (t) => {
      camera.setViewOffset(opts.width, opts.height, t.x, t.y, t.w, t.h)
      camera.updateProjectionMatrix()
      gl.setViewport(0, 0, t.w, t.h)
      gl.setScissor(0, 0, t.w, t.h)
      gl.setScissorTest(true)
      gl.setClearColor(0x000000, 0)
      gl.clear()
      if (samples > 1) refiner.refine(gl, scene, camera, t.w, t.h, jitter)
      else gl.render(scene, camera)
      // WebGL's origin is the bottom left: the tile sits at the bottom of the canvas.
      return { x: 0, y: bufferH - t.h }
    })
  } finally {
    refiner.dispose()
    restore()
  }
}

/** Remembers what a still changes on the renderer and the scene; the returned function restores it. */
function saveRendererState(handle: RenderHandle, hideGrid: boolean): () => void {
  const { gl, scene } = handle
  const restoreCamera = saveCameraView(handle.camera as PerspectiveCamera).restore
  const pixelRatio = gl.getPixelRatio()
  const size = gl.getSize(_size).clone()
  const viewport = gl.getViewport(_viewport).clone()
  const scissor = gl.getScissor(_scissor).clone()
  const scissorTest = gl.getScissorTest()
  const autoClear = gl.autoClear
  const grid = scene.getObjectByName('ground-grid')
  const gridVisible = grid?.visible ?? false
  if (grid && hideGrid) grid.visible = false
  return () => {
    if (grid) grid.visible = gridVisible
    restoreCamera()
    gl.setPixelRatio(pixelRatio)
    gl.setSize(size.x, size.y, false)
    gl.setViewport(viewport)
    gl.setScissor(scissor)
    gl.setScissorTest(scissorTest)
    gl.autoClear = autoClear
    gl.shadowMap.needsUpdate = true
    handle.invalidate()
  }
}

/**
 * Tile side of a pipelined still: the requested or default size, even, such that the tile and
 * its margin fit `gpuSide` (the largest square the GPU renders) and MAX_TILE_SIDE.
 */
export function qualityTileSide(requested: number | undefined, gpuSide: number): number {
  const max = Math.min(gpuSide, MAX_TILE_SIDE) - 2 * TILE_MARGIN_PX
  const side = Math.max(MIN_TILE_SIDE, Math.min(requested ?? QUALITY_TILE_PX, max))
  return side - (side % 2)
}

/**
 * Tile width and height for an image: a requested size is kept as is (tests force small tiles);
 * the default splits the image into equal tiles (even sides) of at most `side`, so no thin strip
 * of tiles pays the per-tile geometry, shadow and margin cost for a few rows.
 */
export function qualityTileSize(
  width: number,
  height: number,
  side: number,
  requested: boolean,
): [number, number] {
  if (requested) return [side, side]
  const even = (n: number) => n + (n % 2)
  return [
    even(Math.ceil(width / Math.ceil(width / side))),
    even(Math.ceil(height / Math.ceil(height / side))),
  ]
}

/** Distinct sun directions of a presentation still: each is shared by a run of samples (one shadow map each). */
export const SUN_SAMPLES = 4

/** Which of the `sunSamples` sun directions sample `k` of `samples` uses: consecutive runs share one. */
export const sunSampleOf = (k: number, samples: number, sunSamples: number): number =>
  Math.floor((k * sunSamples) / samples)

const _sunTarget = new Vector3()
const _offset: ViewOffset = { fullWidth: 0, fullHeight: 0, offsetX: 0, offsetY: 0, width: 0, height: 0 }

/** What every tile of a pipelined still shares. */
interface TileJob {
  handle: RenderHandle
  pipeline: QualityPipeline
  sun: DirectionalLight | null
  samples: number
  jitter: Float64Array
  sunJitter: Float64Array
  width: number
  height: number
}

/** Renders one tile (plus margin) of a pipelined still: `samples` jittered samples averaged on the GPU. */
function renderQualityTile(job: TileJob, t: Tile): void {
  const camera = job.handle.camera as PerspectiveCamera
  const aspect = job.width / job.height
  for (let k = 0; k < job.samples; k++) {
    const o = tileViewOffset(
      job.width,
      job.height,
      t,
      TILE_MARGIN_PX,
      job.jitter[2 * k]!,
      job.jitter[2 * k + 1]!,
      _offset,
    )
    camera.aspect = aspect
    camera.setViewOffset(o.fullWidth, o.fullHeight, o.offsetX, o.offsetY, o.width, o.height)
    camera.updateProjectionMatrix()
    camera.updateMatrixWorld()
    // The sun is fitted to the whole image (same for every tile), tilted per sample.
    if (
      job.sun &&
      fitSun(job.sun, camera, _sunTarget, job.sunJitter[2 * k]!, job.sunJitter[2 * k + 1]!, aspect)
    )
      job.handle.gl.shadowMap.needsUpdate = true
    job.pipeline.render(job.samples > 1 ? k : -1)
  }
}

/**
 * The high and presentation path: each tile is drawn with a margin through the post-processing
 * pipeline (a fresh one, sized to the tile, so the live view's buffers stay as they are), its
 * samples jittered on top of the tile's view offset and averaged, and the tile without its
 * margin copied out.
 */
async function renderStillPipelined(
  handle: RenderHandle,
  opts: StillOptions,
  plan: TilePlan,
  sink: StripSink,
): Promise<number> {
  const { gl, scene } = handle
  const samples = stillSamples(opts)
  const seed = opts.seed ?? 1
  const { createQualityPipeline } = await import('../gpu/quality/pipeline')
  const restore = saveRendererState(handle, opts.transparent)
  const pipeline = createQualityPipeline(gl, scene, handle.camera, {
    smaa: samples === 1,
    aoSamples: samples > 1 ? 8 : 16,
  })
  try {
    gl.setPixelRatio(1)
    gl.setScissorTest(false)
    if (handle.controls) handle.controls.getTarget(_sunTarget)
    else _sunTarget.set(0, 0, 0)
    const job: TileJob = {
      handle,
      pipeline,
      sun: (scene.getObjectByName(SUN_NAME) as DirectionalLight | undefined) ?? null,
      samples,
      jitter: pixelJitter(samples, seed),
      sunJitter: discJitter(Math.min(samples, SUN_SAMPLES), seed, SUN_SOFTNESS_RAD),
      width: opts.width,
      height: opts.height,
    }
    gl.shadowMap.needsUpdate = true
    let w = 0
    let h = 0
    return await drawRows(handle, opts, plan, sink, (t) => {
      if (w !== t.w + 2 * plan.marginPx || h !== t.h + 2 * plan.marginPx) {
        w = t.w + 2 * plan.marginPx
        h = t.h + 2 * plan.marginPx
        pipeline.setSize(w, h)
        checkDrawingBuffer(gl, w, h)
      }
      renderQualityTile(job, t)
      // The margin is cropped away.
      return { x: plan.marginPx, y: plan.marginPx }
    })
  } finally {
    pipeline.dispose()
    restore()
  }
}
