/**
 * `window.colossus`: the page's automation API, for browser tests, the stills command and
 * users' own scripts. Every method validates its arguments and fails with a clear message.
 */

import { Raycaster, Vector2, Vector3 } from 'three'
import type { StoreApi } from 'zustand/vanilla'
import { cameraPresets } from '../domain/camera'
import { COLOR_MODES, type ColorMode } from '../domain/color/colorModes'
import { MAX_EXPORT_SIDE } from '../domain/exportSize'
import { pickRack } from '../domain/layout/pick'
import { type RackInfo, rackInfo } from '../domain/layout/rackInfo'
import { type PhaseSummary, summarisePhase } from '../domain/stats/phaseStats'
import { exportStill, exportVideo } from '../export/exporter'
import { getRenderHandle, type RenderInfo, renderHandleReady } from '../scene/renderHandle'
import type { OverlayParts } from '../state/exportApi'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { type LoadResult, loadLayoutInto } from './layoutLoader'

/** What `state()` returns. */
export interface AutomationState {
  layoutName: string
  layoutSource: string
  phaseIndex: number
  phaseId: string
  phases: string[]
  colorMode: ColorMode
  roofMode: string
  selected: string | null
  hovered: string | null
  camera: { position: [number, number, number]; target: [number, number, number] } | null
  cameraPresets: string[]
}

/** The API object. */
export interface ColossusApi {
  /** Resolves once the current layout has rendered a frame. */
  readonly ready: Promise<void>
  /**
   * Shows a phase. By default it jumps there (deterministic, for scripts and stills); with
   * `{ animate: true }` racks rise as when stepping in the UI, and the promise resolves when
   * the animation has finished.
   */
  setPhase(idOrIndex: string | number, options?: { animate?: boolean }): Promise<void>
  /** Plays the expansion from the current phase to the end; resolves when playback stops. */
  play(): Promise<void>
  /** The timeline clock, in phases (p + fraction built). */
  reveal(): number
  setColorMode(mode: ColorMode): Promise<void>
  setCamera(presetOrPose: string | { position: number[]; target: number[] }): Promise<void>
  select(rack: string | number | null): Promise<void>
  state(): AutomationState
  stats(): PhaseSummary
  renderInfo(): RenderInfo
  rack(index: number): RackInfo | null
  /** Screen position (CSS px, relative to the viewport) of the top centre of rack `index`, or null if off screen. */
  rackScreenPosition(index: number): { x: number; y: number } | null
  /**
   * Renders a PNG of the current view (tiled when large). Returns it base64-encoded.
   * `overlay: false` leaves the overlay out; `tileSize` forces smaller tiles.
   */
  exportStill(options: {
    width: number
    height: number
    transparent?: boolean
    overlay?: boolean | Partial<OverlayParts>
    tileSize?: number
  }): Promise<{ base64: string; fileName: string; width: number; height: number; tiles: number }>
  /** Records the expansion as video. Returns it base64-encoded. */
  exportVideo(options: {
    width: number
    height: number
    fps?: number
    fromPhase?: string | number
    toPhase?: string | number
    secondsPerPhase?: number
    holdSeconds?: number
    format?: 'webm' | 'mp4'
    overlay?: boolean
  }): Promise<{ base64: string; fileName: string; frames: number; codec: string; mimeType: string }>
  /**
   * For benchmarks: renders `frames` frames back to back (each completed by reading back one
   * pixel, so the time covers the GPU work) and returns each frame's milliseconds. With
   * `empty: true` every object is hidden first: the floor cost of a frame with the same
   * renderer settings.
   */
  benchmarkFrames(frames: number, options?: { empty?: boolean; hide?: string[] }): Promise<number[]>
  /** Validates a layout (JSON text or object) and shows it; on problems keeps the current one. */
  loadLayout(layout: unknown, sourceName?: string): Promise<LoadResult>
}

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

const _v = new Vector3()
const _ndc = new Vector2()
const _ray = new Raycaster()

function checkSize(what: string, width: unknown, height: unknown): void {
  const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 16 && n <= MAX_EXPORT_SIDE
  if (!ok(width) || !ok(height))
    throw new Error(
      `${what}: width and height must be whole numbers from 16 to ${MAX_EXPORT_SIDE} (got ${String(width)} x ${String(height)})`,
    )
}

/** Creates the API for a store (and installs it on window when `install`). */
export function createAutomation(store: StoreApi<AppState>, clock: TimelineClock): ColossusApi {
  const rendered = async () => {
    const h = await renderHandleReady()
    await h.whenRendered(store.getState().layoutVersion)
  }
  /** Resolves after the timeline has stopped moving and that state has rendered. */
  const settled = async () => {
    while (clock.animating()) {
      const h = await renderHandleReady()
      h.invalidate()
      await new Promise((r) => setTimeout(r, 50))
    }
    await rendered()
  }
  const api: ColossusApi = {
    get ready() {
      return rendered()
    },
    async setPhase(idOrIndex, options) {
      const s = store.getState()
      const ids = s.layout.phases.map((p) => p.id)
      let index: number
      if (typeof idOrIndex === 'number') {
        if (!Number.isInteger(idOrIndex) || idOrIndex < 0 || idOrIndex >= ids.length)
          throw new Error(`setPhase: index ${idOrIndex} is out of range 0..${ids.length - 1}`)
        index = idOrIndex
      } else {
        index = ids.indexOf(String(idOrIndex))
        if (index < 0) throw new Error(`setPhase: unknown phase "${idOrIndex}"; phases are ${ids.join(', ')}`)
      }
      s.setPhase(index)
      if (options?.animate) await settled()
      else {
        clock.settle()
        await rendered()
      }
    },
    async play() {
      store.getState().setPlaying(true)
      await settled()
    },
    reveal() {
      return clock.reveal
    },
    async setColorMode(mode) {
      if (!COLOR_MODES.includes(mode))
        throw new Error(`setColorMode: unknown mode "${String(mode)}"; modes are ${COLOR_MODES.join(', ')}`)
      store.getState().setColorMode(mode)
      await rendered()
    },
    async setCamera(presetOrPose) {
      const h = await renderHandleReady()
      if (typeof presetOrPose === 'string') {
        const ids = cameraPresets(store.getState().layout).map((p) => p.id)
        if (!ids.includes(presetOrPose))
          throw new Error(`setCamera: unknown preset "${presetOrPose}"; presets are ${ids.join(', ')}`)
        store.getState().requestCamera(presetOrPose, true)
      } else {
        const ok = (a: unknown) => Array.isArray(a) && a.length === 3 && a.every((n) => Number.isFinite(n))
        if (!ok(presetOrPose.position) || !ok(presetOrPose.target))
          throw new Error('setCamera: a pose needs position and target as [x, y, z] finite numbers')
        const [px, py, pz] = presetOrPose.position as [number, number, number]
        const [tx, ty, tz] = presetOrPose.target as [number, number, number]
        await h.controls?.setLookAt(px, py, pz, tx, ty, tz, false)
      }
      // Let the request reach the camera rig, then render.
      await new Promise((r) => requestAnimationFrame(r))
      await rendered()
    },
    async select(rack) {
      const s = store.getState()
      let index = -1
      if (typeof rack === 'number') index = rack
      else if (typeof rack === 'string') {
        for (let i = 0; i < s.layout.racks.count && index < 0; i++)
          if (rackInfo(s.layout, i)?.id === rack) index = i
        if (index < 0) throw new Error(`select: unknown rack "${rack}"`)
      }
      if (rack !== null && !rackInfo(s.layout, index)) throw new Error(`select: no rack ${String(rack)}`)
      s.setSelected(index)
      await rendered()
    },
    state() {
      const s = store.getState()
      const h = getRenderHandle()
      let camera: AutomationState['camera'] = null
      if (h?.controls) {
        h.controls.getPosition(_v)
        const position: [number, number, number] = [_v.x, _v.y, _v.z]
        h.controls.getTarget(_v)
        camera = { position, target: [_v.x, _v.y, _v.z] }
      }
      return {
        layoutName: s.layout.config.name,
        layoutSource: s.layoutSource,
        phaseIndex: s.phaseIndex,
        phaseId: s.layout.phases[s.phaseIndex]!.id,
        phases: s.layout.phases.map((p) => p.id),
        colorMode: s.colorMode,
        roofMode: s.roofMode,
        selected: rackInfo(s.layout, s.selected)?.id ?? null,
        hovered: rackInfo(s.layout, s.hovered)?.id ?? null,
        camera,
        cameraPresets: cameraPresets(s.layout).map((p) => p.id),
      }
    },
    stats() {
      const s = store.getState()
      return summarisePhase(s.layout.phases[s.phaseIndex]!)
    },
    renderInfo() {
      const h = getRenderHandle()
      if (!h) throw new Error('renderInfo: the renderer has not started yet; await colossus.ready first')
      return { ...h.lastInfo }
    },
    rack(index) {
      return rackInfo(store.getState().layout, index)
    },
    async exportStill(options) {
      checkSize('exportStill', options.width, options.height)
      await rendered()
      const overlay = options.overlay === undefined || options.overlay === true ? {} : options.overlay
      const r = await exportStill(store, clock, {
        width: options.width,
        height: options.height,
        transparent: options.transparent ?? false,
        overlay,
        ...(options.tileSize !== undefined ? { tileSize: options.tileSize } : {}),
      })
      return {
        base64: await blobToBase64(r.blob),
        fileName: r.fileName,
        width: r.width,
        height: r.height,
        tiles: r.tiles,
      }
    },
    async exportVideo(options) {
      checkSize('exportVideo', options.width, options.height)
      const s = store.getState()
      const phaseIndexOf = (v: string | number | undefined, fallback: number) => {
        if (v === undefined) return fallback
        const i = typeof v === 'number' ? v : s.layout.phases.findIndex((p) => p.id === v)
        if (!Number.isInteger(i) || i < 0 || i >= s.layout.phases.length)
          throw new Error(`exportVideo: unknown phase "${v}"`)
        return i
      }
      await rendered()
      const r = await exportVideo(store, clock, {
        width: options.width,
        height: options.height,
        fps: options.fps ?? 30,
        fromPhase: phaseIndexOf(options.fromPhase, 0),
        toPhase: phaseIndexOf(options.toPhase, s.layout.phases.length - 1),
        secondsPerPhase: options.secondsPerPhase ?? 2,
        holdSeconds: options.holdSeconds ?? 1,
        format: options.format ?? 'webm',
        overlay: options.overlay === false ? false : {},
      })
      return {
        base64: await blobToBase64(r.blob),
        fileName: r.fileName,
        frames: r.frames,
        codec: r.codec,
        mimeType: r.mimeType,
      }
    },
    async benchmarkFrames(frames, options) {
      if (!Number.isInteger(frames) || frames < 1 || frames > 10_000)
        throw new Error('benchmarkFrames: frames must be a whole number from 1 to 10000')
      const h = await renderHandleReady()
      await rendered()
      const { gl, scene, camera } = h
      const hidden: { visible: boolean }[] = []
      if (options?.empty)
        for (const child of scene.children)
          if (child.visible) {
            child.visible = false
            hidden.push(child)
          }
      // `hide`: objects by name (e.g. "racks-nvl", "ground-grid"), to see what a part costs.
      for (const name of options?.hide ?? []) {
        const o = scene.getObjectByName(name)
        if (o?.visible) {
          o.visible = false
          hidden.push(o)
        }
      }
      const pixel = new Uint8Array(4)
      const ctx = gl.getContext()
      const times: number[] = []
      try {
        for (let f = 0; f < frames; f++) {
          const t0 = performance.now()
          gl.render(scene, camera)
          ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, pixel)
          times.push(performance.now() - t0)
        }
      } finally {
        for (const o of hidden) o.visible = true
        h.invalidate()
      }
      return times
    },
    async loadLayout(layout, sourceName = 'script') {
      const result = loadLayoutInto(store, layout, sourceName)
      clock.settle()
      await rendered()
      return result
    },
    rackScreenPosition(index) {
      const h = getRenderHandle()
      const s = store.getState()
      const info = rackInfo(s.layout, index)
      if (!h || !info) return null
      const r = s.layout.racks
      const rack = s.layout.halls[r.hall[index]!]!.grid.rack
      const rect = h.gl.domElement.getBoundingClientRect()
      const visible = r.phaseEnd[s.phaseIndex] ?? 0
      const c = Math.cos(r.rotY[index]!)
      const sn = Math.sin(r.rotY[index]!)
      // Candidate points on the rack: top centre, then the middle of each face, then corners of
      // the top. The first whose pixel really picks this rack (nothing in front) is returned.
      const candidates: [number, number, number][] = [
        [0, rack.heightM * 0.98, 0],
        [0, rack.heightM * 0.6, rack.depthM * 0.49],
        [0, rack.heightM * 0.6, -rack.depthM * 0.49],
        [rack.widthM * 0.49, rack.heightM * 0.6, 0],
        [-rack.widthM * 0.49, rack.heightM * 0.6, 0],
        [rack.widthM * 0.3, rack.heightM * 0.98, rack.depthM * 0.3],
        [-rack.widthM * 0.3, rack.heightM * 0.98, -rack.depthM * 0.3],
      ]
      for (const [lx, y, lz] of candidates) {
        _v.set(r.x[index]! + c * lx + sn * lz, y, r.z[index]! - sn * lx + c * lz).project(h.camera)
        if (_v.z > 1 || Math.abs(_v.x) > 0.98 || Math.abs(_v.y) > 0.98) continue
        _ndc.set(_v.x, _v.y)
        _ray.setFromCamera(_ndc, h.camera)
        const o = _ray.ray.origin
        const d = _ray.ray.direction
        if (pickRack(s.layout, s.rackGrid, visible, o.x, o.y, o.z, d.x, d.y, d.z) !== index) continue
        return { x: rect.left + ((_v.x + 1) / 2) * rect.width, y: rect.top + ((1 - _v.y) / 2) * rect.height }
      }
      return null
    },
  }
  return api
}

declare global {
  interface Window {
    colossus: ColossusApi
  }
}
