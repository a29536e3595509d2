/**
 * The animation clock of the expansion, outside React and outside the store: `reveal`
 * (phases, see domain/timeline) moves towards the store's phase each frame, playback steps
 * the store's phase when a build completes, and scrubbing sets reveal directly. The frame
 * loop calls `advance(dt)`; listeners (instanced meshes, counters, chart cursor) read
 * `reveal` without any React render or store write per frame.
 */
import type { StoreApi } from 'zustand/vanilla'
import { phaseAtReveal, type TimelineSpan, timelineSpan } from '../domain/timeline/timeline'
import type { AppState } from './store'

/** Seconds one phase takes to build on screen. */
export const PHASE_SECONDS = 2.4
/** Seconds a stepping animation takes (one phase forward or back). */
export const STEP_SECONDS = 1.1

/** The clock. */
export interface TimelineClock {
  /** Current animation clock, phases. */
  readonly reveal: number
  /** The span of the current layout. */
  readonly span: TimelineSpan
  /** True while reveal is not at its target or playback is on: the frame loop should keep running. */
  animating(): boolean
  /** Moves reveal by one frame of `dtSeconds`. */
  advance(dtSeconds: number): void
  /** Jumps to a reveal value (scrubbing): sets the store's phase to the one being built there. */
  scrubTo(reveal: number): void
  /** Ends scrubbing: the store's phase stays where the scrub left it and reveal settles there. */
  endScrub(): void
  /** Jumps to the end of any animation: reveal = the store's phase complete. */
  settle(): void
  /** The highest phase with racks on screen (phase shown or still animating out). */
  visiblePhase(): number
  /** Called after reveal changes. Returns unsubscribe. */
  subscribe(fn: (reveal: number) => void): () => void
}

/**
 * Creates the clock for a store. `instant` (prefers-reduced-motion) makes steps jump; playback
 * then still pauses PHASE_SECONDS on each phase.
 */
export function createTimelineClock(store: StoreApi<AppState>, instant = false): TimelineClock {
  let span = timelineSpan(store.getState().layout)
  let reveal = store.getState().phaseIndex + 1
  let scrubbing = false
  // After a scrub the clock holds where it was left (a build part done) until the phase changes.
  let held = false
  let fromScrub = false
  let dwell = 0
  const listeners = new Set<(r: number) => void>()
  const emit = () => {
    for (const fn of listeners) fn(reveal)
  }
  const target = () => (held ? reveal : store.getState().phaseIndex + 1)
  store.subscribe((s, prev) => {
    if (s.layout !== prev.layout) {
      span = timelineSpan(s.layout)
      reveal = s.phaseIndex + 1
      scrubbing = false
      held = false
      emit()
      return
    }
    // Any request for a phase (even the one shown) that is not the scrub's own releases the hold.
    if (s.phaseRequests !== prev.phaseRequests && !fromScrub) held = false
    if (s.playing && !prev.playing) {
      held = false
      dwell = 0
      // Playback from the start: build the first phase from nothing.
      if (s.phaseIndex === 0 && prev.phaseIndex !== 0) {
        reveal = 0
        emit()
      }
    }
  })
  const clock: TimelineClock = {
    get reveal() {
      return reveal
    },
    get span() {
      return span
    },
    animating: () => store.getState().playing || (!scrubbing && Math.abs(reveal - target()) > 1e-6),
    advance(dt) {
      if (scrubbing) return
      const s = store.getState()
      const goal = target()
      const before = reveal
      if (reveal !== goal) {
        const speed = s.playing
          ? 1 / PHASE_SECONDS
          : Math.max(1 / STEP_SECONDS, Math.abs(goal - reveal) / STEP_SECONDS)
        const step = instant ? Number.POSITIVE_INFINITY : speed * Math.max(0, Math.min(dt, 0.25))
        reveal = goal > reveal ? Math.min(goal, reveal + step) : Math.max(goal, reveal - step)
        // Land exactly on the goal: a float residue would show the next phase's figures.
        if (Math.abs(goal - reveal) < 1e-6) reveal = goal
      } else if (s.playing) {
        // Arrived: pause briefly on the completed phase, then build the next, or stop at the end.
        dwell += dt
        if (dwell >= (instant ? PHASE_SECONDS : PHASE_SECONDS * 0.35)) {
          dwell = 0
          if (s.phaseIndex >= s.layout.phases.length - 1) s.setPlaying(false)
          else s.setPhase(s.phaseIndex + 1)
        }
      }
      if (reveal !== before) emit()
    },
    scrubTo(value) {
      const s = store.getState()
      const n = s.layout.phases.length
      scrubbing = true
      if (s.playing) s.setPlaying(false)
      reveal = Math.min(n, Math.max(0, value))
      const phase = phaseAtReveal(reveal, n)
      fromScrub = true
      if (phase !== s.phaseIndex) s.setPhase(phase)
      fromScrub = false
      held = true
      emit()
    },
    endScrub() {
      scrubbing = false
    },
    settle() {
      scrubbing = false
      held = false
      dwell = 0
      reveal = store.getState().phaseIndex + 1
      emit()
    },
    visiblePhase() {
      const n = store.getState().layout.phases.length
      return Math.max(store.getState().phaseIndex, phaseAtReveal(reveal, n))
    },
    subscribe(fn) {
      listeners.add(fn)
      return () => {
        listeners.delete(fn)
      }
    },
  }
  return clock
}
