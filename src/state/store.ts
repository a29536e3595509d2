/**
 * The one app store (zustand vanilla + a React hook), built from four typed slices in
 * zustand's slices pattern: the layout shown, the view of it, the UI around it, and stories. Holds slow
 * state only; per-frame values (camera pose, animation clock) live in refs, the timeline clock
 * and uniforms, never here.
 */
import { useStore } from 'zustand'
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import type { Problem } from '../config/parse'
import type { LayoutConfig, StoryConfig } from '../config/schema'
import type { CameraPose } from '../domain/camera'
import type { ColorMode } from '../domain/color/colorModes'
import { buildLayout, type Layout } from '../domain/layout/buildLayout'
import { buildRackGrid, type RackGrid } from '../domain/layout/pick'
import type { QualityTier } from '../domain/quality'
import type { AutoplayMode } from '../domain/story'

/** How the roof of buildings is drawn. */
export type RoofMode = 'solid' | 'faded' | 'hidden'

/** A request to move the camera to a preset; `seq` makes repeated requests distinct. */
export interface CameraRequest {
  preset: string
  /** An explicit pose (a story step's), instead of the preset's own. */
  pose?: CameraPose
  seq: number
  /** Jump without a transition (URL restore, stills). */
  instant: boolean
}

/** A message shown to the user for a while. */
export interface Notice {
  id: number
  kind: 'info' | 'warning' | 'error'
  text: string
}

/** CSS pixels of the view covered by panels on each side. */
export interface ViewInsets {
  left: number
  right: number
  bottom: number
}

/** The layout shown, and the last one refused. */
export interface LayoutSlice {
  layout: Layout
  /** Spatial index for picking, rebuilt with the layout. */
  rackGrid: RackGrid
  /** Where the layout came from, e.g. "default" or a file name. */
  layoutSource: string
  /**
   * The address the layout was loaded from on this site (`?layout=`, the examples), or null
   * (the default layout, a file, a script): links name it so they reopen the same layout.
   */
  layoutRef: string | null
  /** Bumped on every layout change: lets effects tell layouts apart. */
  layoutVersion: number
  /** Problems of the last layout that was refused, or null. */
  layoutProblems: { source: string; problems: Problem[] } | null
  /** Shows a validated config from the last phase, with nothing selected and playback stopped. */
  setLayoutConfig: (config: LayoutConfig, source: string, ref?: string | null) => void
  setLayoutProblems: (source: string, problems: Problem[] | null) => void
}

/** What is shown of the layout and how: phase, colours, roof, selection, camera requests. */
export interface ViewSlice {
  phaseIndex: number
  /**
   * Counts every request for a phase, also for the phase already shown (a marker click, → at
   * the end): the timeline clock finishes a build left part-done by a scrub on any of them.
   */
  phaseRequests: number
  colorMode: ColorMode
  roofMode: RoofMode
  /** Rack under the pointer, or -1. */
  hovered: number
  /** Selected rack, or -1. */
  selected: number
  cameraRequest: CameraRequest | null
  /** The `seq` of the latest camera request whose move has arrived (flight ended, or cut). */
  cameraArrivedSeq: number
  /** True while the timeline plays through the phases. */
  playing: boolean
  /** Camera follows the area being built while the timeline animates. */
  followBuild: boolean
  /** CSS pixels of the view covered by panels (left column, bottom bars): framing avoids them. */
  viewInsets: ViewInsets
  /** How much the renderer spends on a picture (see domain/quality.ts). */
  quality: QualityTier
  /** False until a tier was chosen (URL, key, menu, automation) or detected from the renderer. */
  qualityChosen: boolean
  /** Procedural context around the buildings (roads, yards, trees): illustrative, not from the layout. */
  dressing: boolean
  /** The training swing animation of the layout's scenario runs (off by default). */
  swing: boolean
  /** Shows a phase (clamped into range); hover and selection of racks it hides are dropped. */
  setPhase: (index: number) => void
  stepPhase: (delta: number) => void
  setColorMode: (mode: ColorMode) => void
  setRoofMode: (mode: RoofMode) => void
  setHovered: (rack: number) => void
  setSelected: (rack: number) => void
  requestCamera: (preset: string, instant?: boolean, pose?: CameraPose) => void
  /** The camera rig says the move of request `seq` has arrived. */
  setCameraArrived: (seq: number) => void
  /** Starts or stops playback; playing from the last phase starts again from the first. */
  setPlaying: (playing: boolean) => void
  setFollowBuild: (follow: boolean) => void
  /** Ignores moves of 2 px or less, so panels settling do not reframe the camera. */
  setViewInsets: (insets: ViewInsets) => void
  /** Sets the tier; `chosen` false is a detected default that a later choice overrides. */
  setQuality: (tier: QualityTier, chosen?: boolean) => void
  setDressing: (on: boolean) => void
  setSwing: (on: boolean) => void
}

/** The page around the scene: dialogs, notices, context loss, export. */
export interface UiSlice {
  /** Keyboard help overlay open. */
  helpOpen: boolean
  /** Export dialog open. */
  exportOpen: boolean
  /** An export is running: the view changes it makes are not user navigation (no history entries). */
  exportBusy: boolean
  /** The WebGL context is lost (until the browser restores it). */
  contextLost: boolean
  /** The newest notices, at most four. */
  notices: Notice[]
  setHelpOpen: (open: boolean) => void
  setExportOpen: (open: boolean) => void
  setExportBusy: (busy: boolean) => void
  setContextLost: (lost: boolean) => void
  notify: (kind: Notice['kind'], text: string) => void
  dismissNotice: (id: number) => void
}

/** The story being told, presenter mode and the stories of this session. */
export interface StorySlice {
  /** The story step on screen (0-based), or null when no story is being told. */
  story: { id: string; step: number } | null
  /**
   * Autoplay of the story being told: `once` stops at its last step, `loop` starts it again;
   * false when paused or when no story is told.
   */
  autoplay: false | AutoplayMode
  /**
   * How a story last played (kept when it pauses, for whatever reason), so that playing the
   * same story again (the A key) resumes a loop as a loop.
   */
  lastAutoplay: { id: string; mode: AutoplayMode } | null
  /** Presenter mode: full screen, only the caption band and the step counter. */
  presenting: boolean
  /** Presenter mode's black screen (B). */
  blackout: boolean
  /** Stories recorded in this session or loaded from a file, besides the layout's own. */
  extraStories: StoryConfig[]
  /** Sets the story step on screen; it pauses autoplay unless `autoplay` says to go on. */
  setStory: (story: { id: string; step: number } | null, autoplay?: false | AutoplayMode) => void
  /** Plays (or pauses) the story being told; ignored when none is. */
  setAutoplay: (mode: false | AutoplayMode) => void
  /** Leaving presenter mode pauses autoplay. */
  setPresenting: (on: boolean) => void
  /** The black screen pauses autoplay. */
  setBlackout: (on: boolean) => void
  /** Adds stories, replacing any of the same id. */
  addStories: (stories: StoryConfig[]) => void
}

/** Everything the app state holds. */
export type AppState = LayoutSlice & ViewSlice & UiSlice & StorySlice

/** The stories on offer: the layout's own, then this session's (a session story replaces one of the same id). */
export function allStories(s: Pick<AppState, 'layout' | 'extraStories'>): StoryConfig[] {
  const extra = new Set(s.extraStories.map((x) => x.id))
  return [...(s.layout.config.stories ?? []).filter((x) => !extra.has(x.id)), ...s.extraStories]
}

/** What leaving the story sets: no story, so no autoplay either. */
const NO_STORY = { story: null, autoplay: false } as const

const storySlice = (): Slice<StorySlice> => (set, get) => ({
  story: null,
  autoplay: false,
  lastAutoplay: null,
  presenting: false,
  blackout: false,
  extraStories: [],
  setStory: (story, autoplay = false) =>
    set({
      story,
      autoplay: story ? autoplay : false,
      ...(story && autoplay ? { lastAutoplay: { id: story.id, mode: autoplay } } : {}),
    }),
  setAutoplay: (autoplay) => {
    const story = get().story
    set({
      autoplay: story ? autoplay : false,
      ...(story && autoplay ? { lastAutoplay: { id: story.id, mode: autoplay } } : {}),
    })
  },
  setPresenting: (presenting) =>
    set({ presenting, blackout: false, ...(presenting ? {} : { autoplay: false as const }) }),
  setBlackout: (blackout) => set({ blackout, ...(blackout ? { autoplay: false as const } : {}) }),
  addStories: (stories) => {
    const ids = new Set(stories.map((x) => x.id))
    set({ extraStories: [...get().extraStories.filter((x) => !ids.has(x.id)), ...stories] })
  },
})

/** A slice of the app state: sees (and may set) the whole state, makes its own part. */
type Slice<T> = StateCreator<AppState, [], [], T>

/** Clamps a phase index into the layout's range. */
const clampPhase = (layout: Layout, index: number): number =>
  Math.min(layout.phases.length - 1, Math.max(0, Math.trunc(Number.isFinite(index) ? index : 0)))

const NOTICES_KEPT = 4
/** Insets that differ by no more than this (CSS px) are the same for framing. */
const INSET_TOLERANCE_PX = 2

const layoutSlice =
  (first: Layout, source: string): Slice<LayoutSlice> =>
  (set, get) => ({
    layout: first,
    rackGrid: buildRackGrid(first),
    layoutSource: source,
    layoutRef: null,
    layoutVersion: 1,
    layoutProblems: null,
    setLayoutConfig: (config, layoutSource, layoutRef = null) => {
      const layout = buildLayout(config)
      set({
        layout,
        rackGrid: buildRackGrid(layout),
        layoutSource,
        layoutRef,
        layoutVersion: get().layoutVersion + 1,
        layoutProblems: null,
        phaseIndex: layout.phases.length - 1,
        playing: false,
        hovered: -1,
        selected: -1,
        // Stories name the layout's phases and sites: they leave with it.
        ...NO_STORY,
        extraStories: [],
      })
    },
    setLayoutProblems: (source, problems) => set({ layoutProblems: problems ? { source, problems } : null }),
  })

const viewSlice =
  (first: Layout): Slice<ViewSlice> =>
  (set, get) => ({
    phaseIndex: first.phases.length - 1,
    phaseRequests: 0,
    colorMode: 'generation',
    roofMode: 'faded',
    hovered: -1,
    selected: -1,
    cameraRequest: null,
    cameraArrivedSeq: 0,
    playing: false,
    followBuild: false,
    viewInsets: { left: 0, right: 0, bottom: 0 },
    quality: 'draft',
    qualityChosen: false,
    dressing: true,
    swing: false,
    setPhase: (index) => {
      const phaseIndex = clampPhase(get().layout, index)
      const phaseRequests = get().phaseRequests + 1
      if (phaseIndex === get().phaseIndex) {
        set({ phaseRequests, ...NO_STORY })
        return
      }
      const end = get().layout.racks.phaseEnd[phaseIndex]!
      const { hovered, selected } = get()
      set({
        phaseIndex,
        phaseRequests,
        ...NO_STORY,
        hovered: hovered < end ? hovered : -1,
        selected: selected < end ? selected : -1,
      })
    },
    stepPhase: (delta) => get().setPhase(get().phaseIndex + delta),
    // Changing the view by hand leaves the story being told (a story step sets its story last).
    setColorMode: (colorMode) => set({ colorMode, ...NO_STORY }),
    setRoofMode: (roofMode) => set({ roofMode, ...NO_STORY }),
    setHovered: (hovered) => {
      if (hovered !== get().hovered) set({ hovered })
    },
    setSelected: (selected) => set({ selected }),
    requestCamera: (preset, instant = false, pose) =>
      set({
        cameraRequest: {
          preset,
          instant,
          seq: (get().cameraRequest?.seq ?? 0) + 1,
          ...(pose ? { pose } : {}),
        },
      }),
    setCameraArrived: (seq) => {
      if (seq > get().cameraArrivedSeq) set({ cameraArrivedSeq: seq })
    },
    setPlaying: (playing) => {
      if (playing && get().phaseIndex === get().layout.phases.length - 1)
        set({ playing, phaseIndex: 0, hovered: -1, selected: -1 })
      else set({ playing })
    },
    setFollowBuild: (followBuild) => set({ followBuild }),
    setQuality: (quality, chosen = true) => {
      if (!chosen && get().qualityChosen) return
      set({ quality, qualityChosen: chosen || get().qualityChosen })
    },
    setDressing: (dressing) => set({ dressing }),
    setSwing: (swing) => set({ swing }),
    setViewInsets: (viewInsets) => {
      const old = get().viewInsets
      const moved = (k: keyof ViewInsets) => Math.abs(old[k] - viewInsets[k]) > INSET_TOLERANCE_PX
      if (moved('left') || moved('right') || moved('bottom')) set({ viewInsets })
    },
  })

const uiSlice = (): Slice<UiSlice> => (set, get) => {
  let lastNoticeId = 0
  return {
    helpOpen: false,
    exportOpen: false,
    exportBusy: false,
    contextLost: false,
    notices: [],
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setExportOpen: (exportOpen) => set({ exportOpen }),
    setExportBusy: (exportBusy) => set({ exportBusy }),
    setContextLost: (contextLost) => set({ contextLost }),
    notify: (kind, text) => {
      const id = ++lastNoticeId
      set({ notices: [...get().notices, { id, kind, text }].slice(-NOTICES_KEPT) })
    },
    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  }
}

/** Creates a store for a validated config, starting at its last phase. */
export function createAppStore(config: LayoutConfig, source = 'default'): StoreApi<AppState> {
  const layout = buildLayout(config)
  return createStore<AppState>()((...a) => ({
    ...layoutSlice(layout, source)(...a),
    ...viewSlice(layout)(...a),
    ...uiSlice()(...a),
    ...storySlice()(...a),
  }))
}

/** Subscribes a component to the store. Select one field (or a stable value) per call. */
export function useAppStore<T>(store: StoreApi<AppState>, selector: (s: AppState) => T): T {
  return useStore(store, selector)
}
