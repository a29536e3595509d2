/**
 * Renders the live scene at any size by tiles: the camera's view offset selects one tile of
 * the full image, the renderer draws it into a corner of its own canvas (same pipeline as the
 * screen, so tone mapping and colour space match), and the tile is copied into a 2D canvas in
 * the same task. Sizes beyond the GPU's limits therefore work, and a forced small tile size
 * proves the stitching. The on-screen view is restored afterwards.
 */
import { type DirectionalLight, type PerspectiveCamera, Vector2, Vector3, Vector4 } from 'three'
import type { QualityTier } from '../domain/quality'
import { discJitter, pixelJitter, tileViewOffset, type ViewOffset } from '../domain/sampling'
import type { QualityPipeline } from '../gpu/quality/pipeline'
import { SUN_NAME } from '../gpu/quality/stage'
import { fitSun, SUN_SOFTNESS_RAD } from '../gpu/quality/sun'
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
  /** Canvas to draw into (resized to width × height); a new one when absent. */
  target?: HTMLCanvasElement
  /**
   * Quality tier of the picture: `draft` renders the scene directly; `high` and `presentation`
   * go through the post-processing pipeline, tile by tile with an overlap margin. The scene
   * must already be set up for that tier (its materials and lights). @default 'draft'
   */
  quality?: QualityTier
  /** Jittered samples averaged per pixel (presentation). @default 16 in presentation, else 1 */
  samples?: number
  /** Seed of the jitter: the same seed and scene give the same pixels. @default 1 */
  seed?: number
}

/** Default samples per pixel of a presentation still. */
export const PRESENTATION_SAMPLES = 16
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

/** Remembers a camera's aspect and view offset; the returned function puts them back. */
export function saveCameraView(camera: PerspectiveCamera): () => void {
  const aspect = camera.aspect
  const view = camera.view?.enabled ? { ...camera.view } : null
  return () => {
    camera.aspect = aspect
    if (view)
      camera.setViewOffset(
        view.fullWidth,
        view.fullHeight,
        view.offsetX,
        view.offsetY,
        view.width,
        view.height,
      )
    else camera.clearViewOffset()
    camera.updateProjectionMatrix()
  }
}

const _size = new Vector2()
const _viewport = new Vector4()
const _scissor = new Vector4()

/** How the tiles of a still are laid out (pure; exported for tests). */
export function tileGrid(
  width: number,
  height: number,
  tileW: number,
  tileH: number,
): { x: number; y: number; w: number; h: number }[] {
  const tiles: { x: number; y: number; w: number; h: number }[] = []
  for (let y = 0; y < height; y += tileH)
    for (let x = 0; x < width; x += tileW)
      tiles.push({ x, y, w: Math.min(tileW, width - x), h: Math.min(tileH, height - y) })
  return tiles
}

/** Renders a still into `opts.target` (or a new 2D canvas), sized to exactly width × height. */
export async function renderStill(handle: RenderHandle, opts: StillOptions): Promise<HTMLCanvasElement> {
  if ((opts.quality ?? 'draft') !== 'draft') return renderStillPipelined(handle, opts)
  const { gl, scene } = handle
  const camera = handle.camera as PerspectiveCamera
  const { out, ctx } = prepareOutput(opts)
  const savedSize = gl.getSize(_size).clone()
  const restore = saveRendererState(handle, opts.transparent)
  try {
    // One canvas pixel per output pixel while tiling.
    gl.setPixelRatio(1)
    gl.setSize(savedSize.x, savedSize.y, false)
    const maxSide = Math.min(gl.capabilities.maxTextureSize, 8192)
    const tileW = Math.max(16, Math.min(opts.tileSize ?? Number.POSITIVE_INFINITY, savedSize.x, maxSide))
    const tileH = Math.max(16, Math.min(opts.tileSize ?? Number.POSITIVE_INFINITY, savedSize.y, maxSide))
    const tiles = tileGrid(opts.width, opts.height, tileW, tileH)
    camera.aspect = opts.width / opts.height
    const bufferH = gl.domElement.height
    let done = 0
    for (const t of tiles) {
      if (opts.signal?.aborted) throw new DOMException('export cancelled', 'AbortError')
      camera.setViewOffset(opts.width, opts.height, t.x, t.y, t.w, t.h)
      camera.updateProjectionMatrix()
      gl.setViewport(0, 0, t.w, t.h)
      gl.setScissor(0, 0, t.w, t.h)
      gl.setScissorTest(true)
      gl.setClearColor(0x000000, 0)
      gl.clear()
      gl.render(scene, camera)
      // Same task as the render: the drawing buffer is still intact.
      ctx.drawImage(gl.domElement, 0, bufferH - t.h, t.w, t.h, t.x, t.y, t.w, t.h)
      // Make the copy happen now: Chromium may defer drawImage from a WebGL canvas, and a
      // deferred copy of a later tile's buffer shifted a 4K still by a pixel.
      ctx.getImageData(t.x, t.y, 1, 1)
      done++
      opts.onProgress?.(done, tiles.length)
      if (tiles.length > 1) await new Promise((r) => setTimeout(r, 0))
    }
  } finally {
    restore()
  }
  return out
}

/** The output canvas of a still, sized and cleared, with the page background unless transparent. */
function prepareOutput(opts: StillOptions): { out: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const out = opts.target ?? document.createElement('canvas')
  if (out.width !== opts.width) out.width = opts.width
  if (out.height !== opts.height) out.height = opts.height
  const ctx = out.getContext('2d')
  if (!ctx) throw new Error('the browser could not create a 2D canvas of that size')
  ctx.clearRect(0, 0, opts.width, opts.height)
  if (!opts.transparent) paintBackground(ctx, opts.width, opts.height)
  return { out, ctx }
}

/** Remembers what a still changes on the renderer and the scene; the returned function restores it. */
function saveRendererState(handle: RenderHandle, hideGrid: boolean): () => void {
  const { gl, scene } = handle
  const restoreCamera = saveCameraView(handle.camera as PerspectiveCamera)
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

/** Tile side of a pipelined still: the requested or default size, within the GPU's limits, even. */
export function qualityTileSide(requested: number | undefined, maxTextureSize: number): number {
  const max = Math.min(maxTextureSize, 8192) - 2 * TILE_MARGIN_PX
  const side = Math.max(16, Math.min(requested ?? QUALITY_TILE_PX, max))
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
function renderQualityTile(job: TileJob, t: { x: number; y: number; w: number; h: number }): void {
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
async function renderStillPipelined(handle: RenderHandle, opts: StillOptions): Promise<HTMLCanvasElement> {
  const { gl, scene } = handle
  const { out, ctx } = prepareOutput(opts)
  const samples = Math.max(
    1,
    Math.round(opts.samples ?? (opts.quality === 'presentation' ? PRESENTATION_SAMPLES : 1)),
  )
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
    const side = qualityTileSide(opts.tileSize, gl.capabilities.maxTextureSize)
    const [tileW, tileH] = qualityTileSize(opts.width, opts.height, side, opts.tileSize !== undefined)
    const tiles = tileGrid(opts.width, opts.height, tileW, tileH)
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
    let done = 0
    let w = 0
    let h = 0
    for (const t of tiles) {
      if (opts.signal?.aborted) throw new DOMException('export cancelled', 'AbortError')
      if (w !== t.w + 2 * TILE_MARGIN_PX || h !== t.h + 2 * TILE_MARGIN_PX) {
        w = t.w + 2 * TILE_MARGIN_PX
        h = t.h + 2 * TILE_MARGIN_PX
        pipeline.setSize(w, h)
      }
      renderQualityTile(job, t)
      // Same task as the render: the drawing buffer is intact. The margin is cropped away.
      ctx.drawImage(gl.domElement, TILE_MARGIN_PX, TILE_MARGIN_PX, t.w, t.h, t.x, t.y, t.w, t.h)
      ctx.getImageData(t.x, t.y, 1, 1)
      done++
      opts.onProgress?.(done, tiles.length)
      await new Promise((r) => setTimeout(r, 0))
    }
  } finally {
    pipeline.dispose()
    restore()
  }
  return out
}
