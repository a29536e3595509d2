/**
 * What code outside React (automation API, stills, tests) needs of the live renderer. Filled
 * by <RenderProbe> inside the Canvas; one per page.
 */

import type CameraControlsImpl from 'camera-controls'
import type { Camera, Scene, WebGLRenderer } from 'three'

/** Renderer figures of the last rendered frame. */
export interface RenderInfo {
  drawCalls: number
  triangles: number
  geometries: number
  textures: number
  programs: number
  /** Frames rendered since the Canvas mounted. */
  frames: number
  /** Rack buffer rewrites so far (gpu/counters). */
  rackMatrixWrites: number
  rackColorWrites: number
}

/** The live renderer, scene and camera, once the Canvas has mounted. */
export interface RenderHandle {
  gl: WebGLRenderer
  scene: Scene
  camera: Camera
  invalidate: () => void
  controls: CameraControlsImpl | null
  lastInfo: RenderInfo
  /** Resolves after the next frame that shows layout `version` has rendered (in draft: its refined picture). */
  whenRendered: (version: number) => Promise<void>
}

let handle: RenderHandle | null = null
const waiting: ((h: RenderHandle) => void)[] = []

/** Sets the handle (from inside the Canvas). Waiters are served once camera controls exist. */
export function setRenderHandle(h: RenderHandle | null): void {
  handle = h
  if (h?.controls) for (const w of waiting.splice(0)) w(h)
}

/** The handle, or null before the Canvas mounted. */
export const getRenderHandle = (): RenderHandle | null => handle

/** Resolves with the handle once the Canvas has mounted with its camera controls. */
export function renderHandleReady(): Promise<RenderHandle> {
  return handle?.controls ? Promise.resolve(handle) : new Promise((resolve) => waiting.push(resolve))
}
