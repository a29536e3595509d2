/**
 * `window.colossus`: the page's automation API, for browser tests, the stills command and
 * users' own scripts. Every method validates its arguments and fails with a clear message.
 */

import { type Object3D, Raycaster, type Scene, Vector2, Vector3 } from 'three'
import type { StoreApi } from 'zustand/vanilla'
import { cameraPresets } from '../domain/camera'
import { COLOR_MODES, type ColorMode } from '../domain/color/colorModes'
import { MAX_EXPORT_SIDE, MIN_EXPORT_SIDE } from '../domain/exportSize'
import { rotateY } from '../domain/geometry'
import type { Layout } from '../domain/layout/buildLayout'
import { pickRack } from '../domain/layout/pick'
import { type RackInfo, rackInfo } from '../domain/layout/rackInfo'
import { MODEL_FORMATS, type ModelFormat } from '../domain/modelScene'
import { isQualityTier, QUALITY_TIERS, type QualityTier } from '../domain/quality'
import { type PhaseSummaryWithDraw, phaseSummaries } from '../domain/stats/summary'
import { resolveStep } from '../domain/story'
import { exportStill, exportVideo } from '../export/exporter'
import { untilTierDrawn } from '../export/frame'
import { blobToBase64, INLINE_MAX_BYTES, keepFile, readKept, releaseKept } from '../export/keptFiles'
import { storyVideoMixProblem } from '../export/storyVideo'
import { storySteps } from '../export/storyWalk'
import { liveFrameRenderer } from '../gpu/quality/stage'
import { getRenderHandle, type RenderInfo, renderHandleReady } from '../scene/renderHandle'
import type { OverlayParts, StillResult, VideoRequest } from '../state/exportApi'
import { type AppState, allStories } from '../state/store'
import { goToStep } from '../state/story'
import type { TimelineClock } from '../state/timelineClock'
import { type LoadResult, loadLayoutInto, loadValidator } from './layoutLoader'

/** What `state()` returns. */
export interface AutomationState {
  layoutName: string
  layoutSource: string
  phaseIndex: number
  phaseId: string
  phases: string[]
  colorMode: ColorMode
  roofMode: string
  /** The quality tier drawn now, and whether it was chosen (else detected from the renderer). */
  quality: QualityTier
  qualityChosen: boolean
  /** Procedural context around the buildings shown. */
  dressing: boolean
  /** The training swing animation runs. */
  swing: boolean
  selected: string | null
  hovered: string | null
  camera: { position: [number, number, number]; target: [number, number, number] } | null
  cameraPresets: string[]
  /** The story step on screen (`step` from 0), or null. */
  story: { id: string; step: number } | null
  /** The story plays by itself: `once` (stops at its last step), `loop`, or false (paused, or no story). */
  autoplay: false | 'once' | 'loop'
  /** Presenter mode on. */
  presenting: boolean
}

/** A story as `stories()` lists it. */
export interface StorySummary {
  id: string
  title: string
  steps: {
    title: string
    caption: string
    phase: string
    camera: string | { position: number[]; target: number[] }
  }[]
}

/** The API object. */
export interface ColossusApi {
  /** The stories on offer (the layout's, then this session's), captions filled from the stats. */
  stories(): StorySummary[]
  /**
   * Shows step `step` (from 0) of story `id`: its phase (jumping there), colours, roof, quality
   * and camera (cut). Resolves once it has rendered. `autoplay` (`true` = `'once'`, or `'loop'`)
   * then plays the story from there: each step stays its `durationS`, flights and builds play
   * between steps, and `state().autoplay` turns false when it stops or is paused.
   */
  setStory(id: string, step?: number, options?: { autoplay?: boolean | 'once' | 'loop' }): Promise<void>
  /** Loads a stories file (`{"stories": [...]}`) for the open layout; returns its problems if refused. */
  loadStories(text: string): Promise<{ ok: boolean; problems: { path: string; message: string }[] }>
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
  /** Sets the quality tier (`draft`, `high`, `presentation`); resolves once it has rendered. */
  setQuality(tier: QualityTier): Promise<void>
  /** Shows or hides the procedural context (roads, yards, trees); resolves once it has rendered. */
  setDressing(on: boolean): Promise<void>
  /**
   * Starts or stops the training swing animation of the layout's scenario; resolves once it has
   * rendered. Fails when the scenario has no swing.
   */
  setSwing(on: boolean): Promise<void>
  setCamera(presetOrPose: string | { position: number[]; target: number[] }): Promise<void>
  select(rack: string | number | null): Promise<void>
  state(): AutomationState
  stats(): PhaseSummaryWithDraw
  renderInfo(): RenderInfo
  rack(index: number): RackInfo | null
  /** Screen position (CSS px, relative to the viewport) of the top centre of rack `index`, or null if off screen. */
  rackScreenPosition(index: number): { x: number; y: number } | null
  /**
   * Renders a PNG of the current view (tiled, streamed into the file a row of tiles at a time).
   * Returns it base64-encoded, with `handle` null; with `chunked: true` the file stays in the
   * page instead (`base64` empty, `handle` names it) to be read with `readExport` and freed
   * with `releaseExport`: the way for large stills (without it, a PNG over 128 MiB is refused).
   * `overlay: false` leaves the overlay out; `tileSize` forces smaller tiles. `quality` renders
   * in that tier (default: the page's); `samples` jittered samples are averaged (presentation, default 16).
   */
  exportStill(options: {
    width: number
    height: number
    transparent?: boolean
    overlay?: boolean | Partial<OverlayParts>
    tileSize?: number
    quality?: QualityTier
    samples?: number
    chunked?: boolean
  }): Promise<Omit<StillResult, 'blob'> & { base64: string; handle: string | null; bytes: number }>
  /** Base64 of `length` bytes (at most 32 MiB) from `offset` of a file kept by `exportStill({chunked: true})`. */
  readExport(handle: string, offset: number, length: number): Promise<string>
  /** Frees a file kept by `exportStill({chunked: true})`; true when there was one. */
  releaseExport(handle: string): boolean
  /**
   * Records the expansion as video, or with `story` that story: each step held for its
   * `durationS` with its caption, reached through a 2 s transition (camera flight, build).
   * The phase-range options (`fromPhase`, `toPhase`, `secondsPerPhase`, `holdSeconds`) are
   * refused with `story`. Returns it base64-encoded.
   */
  exportVideo(options: {
    width: number
    height: number
    story?: string
    fps?: number
    fromPhase?: string | number
    toPhase?: string | number
    secondsPerPhase?: number
    holdSeconds?: number
    format?: 'webm' | 'mp4'
    overlay?: boolean
  }): Promise<{ base64: string; fileName: string; frames: number; codec: string; mimeType: string }>
  /**
   * A 3D model of what stands at the shown moment, coloured as on screen: `glb` (racks as
   * EXT_mesh_gpu_instancing unless `instanced: false`) or `usdz` (merged). Returns it
   * base64-encoded with its size in bytes and the racks it holds.
   */
  exportModel(options: {
    format: ModelFormat
    instanced?: boolean
  }): Promise<{ base64: string; fileName: string; bytes: number; racks: number }>
  /**
   * For benchmarks: renders `frames` frames back to back (each completed by reading back one
   * pixel, so the time covers the GPU work) and returns each frame's milliseconds. Frames are
   * drawn as the quality tier draws them while the view moves (high and presentation: their
   * pipeline, shadow map included; draft: plain frames, not the refined picture at rest). With
   * `empty: true` every object is hidden first: the floor cost of a frame with the same
   * renderer settings. `hide` hides objects by name; `only` draws only the named objects
   * (and what is inside them), lights kept: what one part costs on its own.
   */
  benchmarkFrames(frames: number, options?: BenchmarkOptions): Promise<number[]>
  /** Validates a layout (JSON text or object) and shows it; on problems keeps the current one. */
  loadLayout(layout: unknown, sourceName?: string): Promise<LoadResult>
}

/** What `benchmarkFrames` leaves out of the frames it times. */
export interface BenchmarkOptions {
  empty?: boolean
  hide?: string[]
  only?: string[]
}

const _v = new Vector3()
const _ndc = new Vector2()
const _ray = new Raycaster()
const _xz = { x: 0, z: 0 }

function checkSize(what: string, width: unknown, height: unknown): void {
  const ok = (n: unknown) =>
    typeof n === 'number' && Number.isInteger(n) && n >= MIN_EXPORT_SIDE && n <= MAX_EXPORT_SIDE
  if (!ok(width) || !ok(height))
    throw new Error(
      `${what}: width and height must be whole numbers from ${MIN_EXPORT_SIDE} to ${MAX_EXPORT_SIDE} (got ${String(width)} x ${String(height)})`,
    )
}

/** Checks an export's quality tier and sample count (1 to 256). */
function checkQuality(what: string, quality: unknown, samples: unknown): void {
  if (quality !== undefined && !isQualityTier(quality))
    throw new Error(`${what}: quality must be draft, high or presentation (got ${String(quality)})`)
  if (
    samples !== undefined &&
    !(typeof samples === 'number' && Number.isInteger(samples) && samples >= 1 && samples <= 256)
  )
    throw new Error(`${what}: samples must be a whole number from 1 to 256 (got ${String(samples)})`)
}

/** Waits on the renderer: `rendered` after the current layout has drawn a frame, `settled` after the timeline has stopped moving too. */
interface RenderWaits {
  rendered(): Promise<void>
  settled(): Promise<void>
}

function renderWaits(store: StoreApi<AppState>, clock: TimelineClock): RenderWaits {
  const rendered = async () => {
    const h = await renderHandleReady()
    await h.whenRendered(store.getState().layoutVersion)
  }
  return {
    rendered,
    async settled() {
      while (clock.animating()) {
        const h = await renderHandleReady()
        h.invalidate()
        await new Promise((r) => setTimeout(r, 50))
      }
      await rendered()
    },
  }
}

/** The index of a phase given by id or index, or an error naming the caller and the valid phases. */
function phaseIndexOf(layout: Layout, idOrIndex: string | number, caller: string): number {
  const ids = layout.phases.map((p) => p.id)
  if (typeof idOrIndex === 'number') {
    if (!Number.isInteger(idOrIndex) || idOrIndex < 0 || idOrIndex >= ids.length)
      throw new Error(`${caller}: index ${idOrIndex} is out of range 0..${ids.length - 1}`)
    return idOrIndex
  }
  const index = ids.indexOf(String(idOrIndex))
  if (index < 0) throw new Error(`${caller}: unknown phase "${idOrIndex}"; phases are ${ids.join(', ')}`)
  return index
}

/** Applies a camera preset or an explicit pose. */
async function setCamera(store: StoreApi<AppState>, presetOrPose: Parameters<ColossusApi['setCamera']>[0]) {
  const h = await renderHandleReady()
  if (typeof presetOrPose === 'string') {
    const ids = cameraPresets(store.getState().layout).map((p) => p.id)
    if (!ids.includes(presetOrPose))
      throw new Error(`setCamera: unknown preset "${presetOrPose}"; presets are ${ids.join(', ')}`)
    store.getState().requestCamera(presetOrPose, true)
    return
  }
  const ok = (a: unknown) => Array.isArray(a) && a.length === 3 && a.every((n) => Number.isFinite(n))
  if (!ok(presetOrPose.position) || !ok(presetOrPose.target))
    throw new Error('setCamera: a pose needs position and target as [x, y, z] finite numbers')
  const [px, py, pz] = presetOrPose.position as [number, number, number]
  const [tx, ty, tz] = presetOrPose.target as [number, number, number]
  await h.controls?.setLookAt(px, py, pz, tx, ty, tz, false)
}

/** The rack index of `rack` (index, id or null for none), or an error. */
function rackIndexOf(layout: Layout, rack: string | number | null): number {
  if (rack === null) return -1
  let index = typeof rack === 'number' ? rack : -1
  if (typeof rack === 'string') {
    for (let i = 0; i < layout.racks.count && index < 0; i++) if (rackInfo(layout, i)?.id === rack) index = i
    if (index < 0) throw new Error(`select: unknown rack "${rack}"`)
  }
  if (!rackInfo(layout, index)) throw new Error(`select: no rack ${String(rack)}`)
  return index
}

type ViewControls = Pick<
  ColossusApi,
  | 'setPhase'
  | 'play'
  | 'reveal'
  | 'setColorMode'
  | 'setQuality'
  | 'setDressing'
  | 'setSwing'
  | 'setCamera'
  | 'select'
>

/** The methods that change what is shown. Each resolves once the change has rendered. */
function viewControls(store: StoreApi<AppState>, clock: TimelineClock, waits: RenderWaits): ViewControls {
  return {
    async setPhase(idOrIndex, options) {
      store.getState().setPhase(phaseIndexOf(store.getState().layout, idOrIndex, 'setPhase'))
      if (options?.animate) await waits.settled()
      else {
        clock.settle()
        await waits.rendered()
      }
    },
    async play() {
      store.getState().setPlaying(true)
      await waits.settled()
    },
    reveal: () => clock.reveal,
    async setColorMode(mode) {
      if (!COLOR_MODES.includes(mode))
        throw new Error(`setColorMode: unknown mode "${String(mode)}"; modes are ${COLOR_MODES.join(', ')}`)
      store.getState().setColorMode(mode)
      await waits.rendered()
    },
    async setQuality(tier) {
      if (!isQualityTier(tier))
        throw new Error(`setQuality: unknown tier "${String(tier)}"; tiers are ${QUALITY_TIERS.join(', ')}`)
      store.getState().setQuality(tier)
      // Resolves once the tier itself has drawn (its pipeline loads on demand), not any frame.
      await untilTierDrawn(await renderHandleReady(), tier)
      await waits.rendered()
    },
    async setDressing(on) {
      if (typeof on !== 'boolean') throw new Error(`setDressing: expected true or false, got ${String(on)}`)
      store.getState().setDressing(on)
      await waits.rendered()
    },
    async setSwing(on) {
      if (typeof on !== 'boolean') throw new Error(`setSwing: expected true or false, got ${String(on)}`)
      if (on && !store.getState().layout.power.swing)
        throw new Error('setSwing: the layout has no training swing (scenario.swing)')
      store.getState().setSwing(on)
      await waits.rendered()
    },
    async setCamera(presetOrPose) {
      await setCamera(store, presetOrPose)
      // Let the request reach the camera rig, then render.
      await new Promise((r) => requestAnimationFrame(r))
      await waits.rendered()
    },
    async select(rack) {
      store.getState().setSelected(rackIndexOf(store.getState().layout, rack))
      await waits.rendered()
    },
  }
}

/** The stories on offer, each step's texts filled from the layout's figures. */
function storySummaries(store: StoreApi<AppState>): StorySummary[] {
  const s = store.getState()
  return allStories(s).map((story) => ({
    id: story.id,
    title: story.title,
    steps: story.steps.map((step, k) => {
      const r = resolveStep(s.layout, story, k)
      return { title: r.title, caption: r.caption, phase: step.phase, camera: step.camera }
    }),
  }))
}

/** What `state()` reports. */
function automationState(store: StoreApi<AppState>): AutomationState {
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
    quality: s.quality,
    qualityChosen: s.qualityChosen,
    dressing: s.dressing,
    swing: s.swing,
    selected: rackInfo(s.layout, s.selected)?.id ?? null,
    hovered: rackInfo(s.layout, s.hovered)?.id ?? null,
    camera,
    cameraPresets: cameraPresets(s.layout).map((p) => p.id),
    story: s.story ? { ...s.story } : null,
    autoplay: s.autoplay,
    presenting: s.presenting,
  }
}

/**
 * Screen position of rack `index`: the first of a few points on the rack (top centre, then the
 * middle of each face, then corners of the top) whose pixel really picks this rack (nothing in
 * front), or null.
 */
function rackScreenPosition(store: StoreApi<AppState>, index: number): { x: number; y: number } | null {
  const h = getRenderHandle()
  const s = store.getState()
  const info = rackInfo(s.layout, index)
  if (!h || !info) return null
  const r = s.layout.racks
  const rack = s.layout.halls[r.hall[index]!]!.grid.rack
  const rect = h.gl.domElement.getBoundingClientRect()
  const visible = r.phaseEnd[s.phaseIndex] ?? 0
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
    const p = rotateY(lx, lz, r.rotY[index]!, _xz)
    _v.set(r.x[index]! + p.x, y, r.z[index]! + p.z).project(h.camera)
    if (_v.z > 1 || Math.abs(_v.x) > 0.98 || Math.abs(_v.y) > 0.98) continue
    _ndc.set(_v.x, _v.y)
    _ray.setFromCamera(_ndc, h.camera)
    const o = _ray.ray.origin
    const d = _ray.ray.direction
    if (pickRack(s.layout, s.rackGrid, visible, o.x, o.y, o.z, d.x, d.y, d.z) !== index) continue
    return { x: rect.left + ((_v.x + 1) / 2) * rect.width, y: rect.top + ((1 - _v.y) / 2) * rect.height }
  }
  return null
}

type Queries = Pick<ColossusApi, 'state' | 'stats' | 'renderInfo' | 'rack' | 'rackScreenPosition'>

/** The methods that read the current state and render figures. */
function queries(store: StoreApi<AppState>): Queries {
  return {
    state: () => automationState(store),
    stats() {
      const s = store.getState()
      return phaseSummaries(s.layout)[s.phaseIndex]!
    },
    renderInfo() {
      const h = getRenderHandle()
      if (!h) throw new Error('renderInfo: the renderer has not started yet; await colossus.ready first')
      return { ...h.lastInfo }
    },
    rack: (index) => rackInfo(store.getState().layout, index),
    rackScreenPosition: (index) => rackScreenPosition(store, index),
  }
}

type Exports = Pick<
  ColossusApi,
  'exportStill' | 'exportVideo' | 'exportModel' | 'readExport' | 'releaseExport'
>

/**
 * What a video records: story `options.story` (the phase-range options refused beside it), or
 * the expansion over a phase range, with its defaults filled in.
 */
function videoContent(
  s: AppState,
  options: Parameters<ColossusApi['exportVideo']>[0],
): Pick<VideoRequest, 'story' | 'fromPhase' | 'toPhase' | 'secondsPerPhase' | 'holdSeconds'> {
  if (options.story !== undefined) {
    const mix = storyVideoMixProblem(options)
    if (mix) throw new Error(`exportVideo: ${mix}`)
    // Throws naming the stories on offer when there is no such story.
    storySteps(s, options.story, 'exportVideo')
    return { story: options.story }
  }
  const phase = (v: string | number | undefined, fallback: number) =>
    v === undefined ? fallback : phaseIndexOf(s.layout, v, 'exportVideo')
  return {
    fromPhase: phase(options.fromPhase, 0),
    toPhase: phase(options.toPhase, s.layout.phases.length - 1),
    secondsPerPhase: options.secondsPerPhase ?? 2,
    holdSeconds: options.holdSeconds ?? 1,
  }
}

/** The export methods: validate the options, fill in defaults, return the file base64-encoded. */
function exportMethods(store: StoreApi<AppState>, clock: TimelineClock, waits: RenderWaits): Exports {
  return {
    async exportStill(options) {
      checkSize('exportStill', options.width, options.height)
      checkQuality('exportStill', options.quality, options.samples)
      if (options.chunked !== undefined && typeof options.chunked !== 'boolean')
        throw new Error(`exportStill: chunked must be true or false, not ${String(options.chunked)}`)
      await waits.rendered()
      const overlay = options.overlay === undefined || options.overlay === true ? {} : options.overlay
      const r = await exportStill(store, clock, {
        width: options.width,
        height: options.height,
        transparent: options.transparent ?? false,
        overlay,
        ...(options.tileSize !== undefined ? { tileSize: options.tileSize } : {}),
        ...(options.quality !== undefined ? { quality: options.quality } : {}),
        ...(options.samples !== undefined ? { samples: options.samples } : {}),
      })
      const { fileName, width, height, tiles, quality, samples } = r
      const bytes = r.blob.size
      const about = { bytes, fileName, width, height, tiles, quality, samples }
      if (options.chunked) return { base64: '', handle: keepFile(r.blob, 'still'), ...about }
      if (bytes > INLINE_MAX_BYTES)
        throw new Error(
          `exportStill: the PNG is ${bytes} bytes, too large for one base64 string (at most ${INLINE_MAX_BYTES}); pass chunked: true and read it with readExport`,
        )
      return { base64: await blobToBase64(r.blob), handle: null, ...about }
    },
    readExport: (handle, offset, length) => readKept('readExport', handle, offset, length),
    releaseExport: (handle) => releaseKept(handle),
    async exportVideo(options) {
      checkSize('exportVideo', options.width, options.height)
      const fps = options.fps ?? 30
      if (!(typeof fps === 'number' && fps > 0 && fps <= 120))
        throw new Error(`exportVideo: fps must be a number above 0, at most 120 (got ${String(fps)})`)
      await waits.rendered()
      const r = await exportVideo(store, clock, {
        width: options.width,
        height: options.height,
        fps,
        ...videoContent(store.getState(), options),
        format: options.format ?? 'webm',
        overlay: options.overlay === false ? false : {},
      })
      const { fileName, frames, codec, mimeType } = r
      return { base64: await blobToBase64(r.blob), fileName, frames, codec, mimeType }
    },
    async exportModel(options) {
      const format = options?.format
      if (!MODEL_FORMATS.includes(format))
        throw new Error(`exportModel: format must be ${MODEL_FORMATS.join(' or ')} (got ${String(format)})`)
      if (options.instanced !== undefined && typeof options.instanced !== 'boolean')
        throw new Error(`exportModel: instanced must be true or false (got ${String(options.instanced)})`)
      await waits.rendered()
      // Loaded on first use, like the dialog's: the exporters stay out of the first page load.
      const { exportModel } = await import('../export/model')
      const r = await exportModel(store, clock, {
        format,
        ...(options.instanced !== undefined ? { instanced: options.instanced } : {}),
      })
      return { base64: await blobToBase64(r.blob), fileName: r.fileName, bytes: r.bytes, racks: r.racks }
    },
  }
}

/** Hides every drawn object (mesh, line, point) of `scene` neither named in `keep` nor inside one that is. */
function hideAllBut(scene: Scene, keep: Set<string>, hide: (o: Object3D) => void): void {
  const visit = (o: Object3D) => {
    if (keep.has(o.name)) return
    if ('isMesh' in o || 'isLine' in o || 'isPoints' in o) hide(o)
    for (const c of o.children) visit(c)
  }
  visit(scene)
}

/** Renders `frames` frames back to back, each completed by a one-pixel read-back; see ColossusApi. */
async function benchmarkFrames(
  waits: RenderWaits,
  frames: number,
  options: BenchmarkOptions = {},
): Promise<number[]> {
  if (!Number.isInteger(frames) || frames < 1 || frames > 10_000)
    throw new Error('benchmarkFrames: frames must be a whole number from 1 to 10000')
  const h = await renderHandleReady()
  await waits.rendered()
  const { gl, scene, camera } = h
  const hidden: { visible: boolean }[] = []
  const hide = (o: { visible: boolean } | undefined) => {
    if (!o?.visible) return
    o.visible = false
    hidden.push(o)
  }
  if (options.empty) for (const child of scene.children) hide(child)
  // `hide`: objects by name (e.g. "racks-nvl", "ground-grid"), to see what a part costs.
  for (const name of options.hide ?? []) hide(scene.getObjectByName(name))
  if (options.only) hideAllBut(scene, new Set(options.only), hide)
  const pixel = new Uint8Array(4)
  const ctx = gl.getContext()
  const times: number[] = []
  // The tier's own pipeline when it has one (high, presentation: composer, AO, shadows).
  const render = liveFrameRenderer() ?? (() => gl.render(scene, camera))
  // Let the GPU finish what is queued (draft's refinement at rest is several frames of work),
  // so the first timed frame is only itself.
  ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, pixel)
  try {
    for (let f = 0; f < frames; f++) {
      const t0 = performance.now()
      render()
      ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, pixel)
      times.push(performance.now() - t0)
    }
  } finally {
    for (const o of hidden) o.visible = true
  }
  // The view as it was, drawn again (in draft refined): what is on the canvas after the call.
  await waits.rendered()
  return times
}

/** Creates the API for a store and its timeline clock. */
export function createAutomation(store: StoreApi<AppState>, clock: TimelineClock): ColossusApi {
  const waits = renderWaits(store, clock)
  return {
    get ready() {
      return waits.rendered()
    },
    ...viewControls(store, clock, waits),
    ...queries(store),
    ...exportMethods(store, clock, waits),
    benchmarkFrames: (frames, options) => benchmarkFrames(waits, frames, options),
    stories: () => storySummaries(store),
    async setStory(id, step = 0, options = {}) {
      if (!Number.isInteger(step) || step < 0) throw new Error(`setStory: step must be a whole number from 0`)
      const play = options.autoplay ?? false
      if (play !== true && play !== false && play !== 'once' && play !== 'loop')
        throw new Error(`setStory: autoplay must be true, false, 'once' or 'loop'`)
      const r = goToStep(store, id, step, true, play === true ? 'once' : play)
      if (typeof r === 'string') throw new Error(`setStory: ${r}`)
      clock.settle()
      await waits.rendered()
    },
    async loadStories(text) {
      const { parseStoriesText } = await loadValidator()
      const read = parseStoriesText(text, store.getState().layout.config)
      if (!read.ok) return { ok: false, problems: read.problems }
      store.getState().addStories(read.stories)
      return { ok: true, problems: [] }
    },
    async loadLayout(layout, sourceName = 'script') {
      const result = await loadLayoutInto(store, layout, sourceName)
      clock.settle()
      await waits.rendered()
      return result
    },
  }
}

declare global {
  interface Window {
    colossus: ColossusApi
  }
}
