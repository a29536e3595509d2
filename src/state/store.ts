/**
 * The one app store (zustand vanilla + a React hook). Holds slow state only: which layout,
 * phase, colour mode, selection, camera preset request, notices. Per-frame values (camera
 * pose, animation time) live in refs and uniforms, never here.
 */
import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Problem } from '../config/parse'
import type { LayoutConfig } from '../config/schema'
import type { ColorMode } from '../domain/color/colorModes'
import { buildLayout, type Layout } from '../domain/layout/buildLayout'
import { buildRackGrid, type RackGrid } from '../domain/layout/pick'

/** How the roof of buildings is drawn. */
export type RoofMode = 'solid' | 'faded' | 'hidden'

/** A request to move the camera to a preset; `seq` makes repeated requests distinct. */
export interface CameraRequest {
  preset: string
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

/** Everything the app state holds. */
export interface AppState {
  layout: Layout
  /** Spatial index for picking, rebuilt with the layout. */
  rackGrid: RackGrid
  /** Where the layout came from, e.g. "default" or a file name. */
  layoutSource: string
  /** Bumped on every layout change: lets effects tell layouts apart. */
  layoutVersion: number
  phaseIndex: number
  colorMode: ColorMode
  roofMode: RoofMode
  /** Rack under the pointer, or -1. */
  hovered: number
  /** Selected rack, or -1. */
  selected: number
  cameraRequest: CameraRequest | null
  /** True while the timeline plays through the phases. */
  playing: boolean
  /** Camera follows the area being built while the timeline animates. */
  followBuild: boolean
  /** Keyboard help overlay open. */
  helpOpen: boolean
  /** The WebGL context is lost (until the browser restores it). */
  contextLost: boolean
  /** Bumped on each context restore: GPU-only resources (the environment map) are rebuilt. */
  contextEpoch: number
  /** Export dialog open. */
  exportOpen: boolean
  /** An export is running: the view changes it makes are not user navigation (no history entries). */
  exportBusy: boolean
  /** CSS pixels of the view covered by panels (left column, bottom bars): framing avoids them. */
  viewInsets: { left: number; right: number; bottom: number }
  notices: Notice[]
  /** Problems of the last layout that was refused, or null. */
  layoutProblems: { source: string; problems: Problem[] } | null

  setPhase: (index: number) => void
  stepPhase: (delta: number) => void
  setColorMode: (mode: ColorMode) => void
  setRoofMode: (mode: RoofMode) => void
  setHovered: (rack: number) => void
  setSelected: (rack: number) => void
  requestCamera: (preset: string, instant?: boolean) => void
  setPlaying: (playing: boolean) => void
  setFollowBuild: (follow: boolean) => void
  setHelpOpen: (open: boolean) => void
  setExportOpen: (open: boolean) => void
  setContextLost: (lost: boolean) => void
  setExportBusy: (busy: boolean) => void
  setViewInsets: (insets: { left: number; right: number; bottom: number }) => void
  setLayoutConfig: (config: LayoutConfig, source: string) => void
  setLayoutProblems: (source: string, problems: Problem[] | null) => void
  notify: (kind: Notice['kind'], text: string) => void
  dismissNotice: (id: number) => void
}

/** Clamps a phase index into the layout's range. */
export const clampPhase = (layout: Layout, index: number): number =>
  Math.min(layout.phases.length - 1, Math.max(0, Math.trunc(Number.isFinite(index) ? index : 0)))

let noticeSeq = 0

/** Creates a store for a validated config, starting at its last phase. */
export function createAppStore(config: LayoutConfig, source = 'default'): StoreApi<AppState> {
  const layout = buildLayout(config)
  return createStore<AppState>()((set, get) => ({
    layout,
    rackGrid: buildRackGrid(layout),
    layoutSource: source,
    layoutVersion: 1,
    phaseIndex: layout.phases.length - 1,
    colorMode: 'generation',
    roofMode: 'faded',
    hovered: -1,
    selected: -1,
    cameraRequest: null,
    playing: false,
    followBuild: false,
    helpOpen: false,
    exportOpen: false,
    contextLost: false,
    contextEpoch: 0,
    exportBusy: false,
    viewInsets: { left: 0, right: 0, bottom: 0 },
    notices: [],
    layoutProblems: null,

    setPhase: (index) => {
      const phaseIndex = clampPhase(get().layout, index)
      if (phaseIndex === get().phaseIndex) return
      const end = get().layout.racks.phaseEnd[phaseIndex]!
      const { hovered, selected } = get()
      set({ phaseIndex, hovered: hovered < end ? hovered : -1, selected: selected < end ? selected : -1 })
    },
    stepPhase: (delta) => get().setPhase(get().phaseIndex + delta),
    setColorMode: (colorMode) => set({ colorMode }),
    setRoofMode: (roofMode) => set({ roofMode }),
    setHovered: (hovered) => {
      if (hovered !== get().hovered) set({ hovered })
    },
    setSelected: (selected) => set({ selected }),
    requestCamera: (preset, instant = false) =>
      set({ cameraRequest: { preset, instant, seq: (get().cameraRequest?.seq ?? 0) + 1 } }),
    setPlaying: (playing) => {
      if (playing && get().phaseIndex === get().layout.phases.length - 1) {
        // Play from the end starts again from the first phase.
        set({ playing, phaseIndex: 0, hovered: -1, selected: -1 })
      } else set({ playing })
    },
    setFollowBuild: (followBuild) => set({ followBuild }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setExportOpen: (exportOpen) => set({ exportOpen }),
    setContextLost: (contextLost) =>
      set(contextLost ? { contextLost } : { contextLost, contextEpoch: get().contextEpoch + 1 }),
    setExportBusy: (exportBusy) => set({ exportBusy }),
    setViewInsets: (viewInsets) => {
      const old = get().viewInsets
      const moved = (k: 'left' | 'right' | 'bottom') => Math.abs(old[k] - viewInsets[k]) > 2
      if (moved('left') || moved('right') || moved('bottom')) set({ viewInsets })
    },
    setLayoutConfig: (config, layoutSource) => {
      const next = buildLayout(config)
      set({
        layout: next,
        rackGrid: buildRackGrid(next),
        layoutSource,
        layoutVersion: get().layoutVersion + 1,
        phaseIndex: next.phases.length - 1,
        playing: false,
        hovered: -1,
        selected: -1,
        layoutProblems: null,
      })
    },
    setLayoutProblems: (source, problems) => set({ layoutProblems: problems ? { source, problems } : null }),
    notify: (kind, text) => {
      const id = ++noticeSeq
      set({ notices: [...get().notices, { id, kind, text }].slice(-4) })
    },
    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  }))
}

/** Subscribes a component to one slice of the store. Select one field (or a stable value) per call. */
export function useAppStore<T>(store: StoreApi<AppState>, selector: (s: AppState) => T): T {
  return useStore(store, selector)
}
