/**
 * Renders the live scene at any size by tiles: the camera's view offset selects one tile of
 * the full image, the renderer draws it into a corner of its own canvas (same pipeline as the
 * screen, so tone mapping and colour space match), and the tile is copied into a 2D canvas in
 * the same task. Sizes beyond the GPU's limits therefore work, and a forced small tile size
 * proves the stitching. The on-screen view is restored afterwards.
 */
import { type PerspectiveCamera, Vector2, Vector4 } from 'three'
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
}

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
  const { gl, scene } = handle
  const camera = handle.camera as PerspectiveCamera
  const out = opts.target ?? document.createElement('canvas')
  if (out.width !== opts.width) out.width = opts.width
  if (out.height !== opts.height) out.height = opts.height
  const ctx = out.getContext('2d')
  if (!ctx) throw new Error('the browser could not create a 2D canvas of that size')
  ctx.clearRect(0, 0, opts.width, opts.height)
  if (!opts.transparent) paintBackground(ctx, opts.width, opts.height)

  const restoreCamera = saveCameraView(camera)
  const saved = {
    pixelRatio: gl.getPixelRatio(),
    size: gl.getSize(_size).clone(),
    viewport: gl.getViewport(_viewport).clone(),
    scissor: gl.getScissor(_scissor).clone(),
    scissorTest: gl.getScissorTest(),
    autoClear: gl.autoClear,
  }
  const grid = scene.getObjectByName('ground-grid')
  const gridVisible = grid?.visible ?? false
  try {
    // One canvas pixel per output pixel while tiling.
    gl.setPixelRatio(1)
    gl.setSize(saved.size.x, saved.size.y, false)
    const maxSide = Math.min(gl.capabilities.maxTextureSize, 8192)
    const tileW = Math.max(16, Math.min(opts.tileSize ?? Number.POSITIVE_INFINITY, saved.size.x, maxSide))
    const tileH = Math.max(16, Math.min(opts.tileSize ?? Number.POSITIVE_INFINITY, saved.size.y, maxSide))
    const tiles = tileGrid(opts.width, opts.height, tileW, tileH)
    if (grid && opts.transparent) grid.visible = false
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
    if (grid) grid.visible = gridVisible
    restoreCamera()
    gl.setPixelRatio(saved.pixelRatio)
    gl.setSize(saved.size.x, saved.size.y, false)
    gl.setViewport(saved.viewport)
    gl.setScissor(saved.scissor)
    gl.setScissorTest(saved.scissorTest)
    gl.autoClear = saved.autoClear
    handle.invalidate()
  }
  return out
}
