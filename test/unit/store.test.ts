import { describe, expect, it } from 'vitest'
import type { StoreApi } from 'zustand/vanilla'
import type { LayoutConfig } from '../../src/config/schema'
import { buildPrefix, dateMs, revealAtDate, statsAtReveal } from '../../src/domain/timeline/timeline'
import { type AppState, createAppStore } from '../../src/state/store'
import {
  createTimelineClock,
  PHASE_SECONDS,
  STEP_SECONDS,
  type TimelineClock,
} from '../../src/state/timelineClock'
import { accepted, defaultConfig, phasesUpTo } from '../fixtures'

const config = defaultConfig()
const FRAME = 1 / 30

function setup(instant = false): { store: StoreApi<AppState>; clock: TimelineClock; n: number } {
  const store = createAppStore(config)
  const clock = createTimelineClock(store, instant)
  return { store, clock, n: store.getState().layout.phases.length }
}

/** Advances the clock frame by frame until it stops animating; returns the frames it took. */
function runUntilIdle(clock: TimelineClock, maxFrames = 5000): number {
  for (let f = 0; f < maxFrames; f++) {
    if (!clock.animating()) return f
    clock.advance(FRAME)
  }
  throw new Error(`clock still animating after ${maxFrames} frames (reveal ${clock.reveal})`)
}

/** Records every phase the store moves to. */
function recordPhases(store: StoreApi<AppState>): number[] {
  const seen: number[] = []
  store.subscribe((s, prev) => {
    if (s.phaseIndex !== prev.phaseIndex) seen.push(s.phaseIndex)
  })
  return seen
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k)

describe('store: phase stepping', () => {
  it('starts at the last phase with the clock showing it complete', () => {
    const { store, clock, n } = setup()
    expect(n).toBeGreaterThanOrEqual(4)
    expect(store.getState().phaseIndex).toBe(n - 1)
    expect(clock.reveal).toBe(n)
    expect(clock.animating()).toBe(false)
  })

  it('stepping past either end stays in range', () => {
    const { store, n } = setup()
    store.getState().stepPhase(+1)
    expect(store.getState().phaseIndex).toBe(n - 1)
    store.getState().stepPhase(+5)
    expect(store.getState().phaseIndex).toBe(n - 1)
    store.getState().setPhase(0)
    store.getState().stepPhase(-1)
    expect(store.getState().phaseIndex).toBe(0)
    store.getState().stepPhase(-7)
    expect(store.getState().phaseIndex).toBe(0)
    store.getState().stepPhase(+1)
    expect(store.getState().phaseIndex).toBe(1)
  })

  it('setPhase clamps bad input into the layout range', () => {
    const { store, n } = setup()
    const cases: [number, number][] = [
      [Number.NaN, 0],
      [1e9, n - 1],
      [-5, 0],
      [2.7, 2],
      [-0.5, 0],
      [n - 1, n - 1],
    ]
    for (const [input, expected] of cases) {
      store.getState().setPhase(3)
      store.getState().setPhase(input)
      expect(store.getState().phaseIndex, `setPhase(${input})`).toBe(expected)
      expect(Number.isInteger(store.getState().phaseIndex)).toBe(true)
    }
  })

  it('stepping back resets selection and hover when the rack is no longer standing', () => {
    const { store, n } = setup()
    const { phaseEnd } = store.getState().layout.racks
    const lastPhaseRack = phaseEnd[n - 2]! // first rack of the last phase
    store.getState().setSelected(lastPhaseRack)
    store.getState().setHovered(lastPhaseRack)
    store.getState().stepPhase(-1)
    expect(store.getState().selected).toBe(-1)
    expect(store.getState().hovered).toBe(-1)
  })

  it('stepping back keeps selection and hover on a rack that still stands', () => {
    const { store, n } = setup()
    const { phaseEnd } = store.getState().layout.racks
    const kept = phaseEnd[n - 2]! - 1 // last rack of the phase before the last one
    store.getState().setSelected(kept)
    store.getState().setHovered(0)
    store.getState().stepPhase(-1)
    expect(store.getState().selected).toBe(kept)
    expect(store.getState().hovered).toBe(0)
    store.getState().stepPhase(-1)
    expect(store.getState().selected).toBe(-1)
    expect(store.getState().hovered).toBe(0)
  })
})

describe('clock: playback', () => {
  it('play from phase 0 builds every phase in order, then stops at the last with reveal = n', () => {
    const { store, clock, n } = setup()
    store.getState().setPhase(0)
    clock.settle()
    expect(clock.reveal).toBe(1)
    const phases = recordPhases(store)
    const reveals: number[] = []
    clock.subscribe((r) => reveals.push(r))
    store.getState().setPlaying(true)
    expect(store.getState().playing).toBe(true)
    expect(store.getState().phaseIndex).toBe(0)
    let frames = 0
    while (store.getState().playing && frames < 3000) {
      clock.advance(FRAME)
      frames++
    }
    expect(store.getState().playing).toBe(false)
    expect(phases).toEqual(range(1, n))
    expect(store.getState().phaseIndex).toBe(n - 1)
    expect(clock.reveal).toBe(n)
    expect(clock.animating()).toBe(false)
    // The build only moves forward while playing, through every phase boundary.
    for (let k = 1; k < reveals.length; k++) expect(reveals[k]).toBeGreaterThanOrEqual(reveals[k - 1]!)
    for (let p = 2; p <= n; p++) expect(reveals).toContain(p)
    // Each phase takes about PHASE_SECONDS to build on screen (plus a short pause).
    const seconds = frames * FRAME
    expect(seconds).toBeGreaterThanOrEqual((n - 1) * PHASE_SECONDS)
    expect(seconds).toBeLessThanOrEqual((n - 1) * PHASE_SECONDS * 1.6 + 1)
  })

  it('play from the last phase restarts from nothing at phase 0 and plays to the end', () => {
    const { store, clock, n } = setup()
    store.getState().setSelected(5)
    const phases = recordPhases(store)
    store.getState().setPlaying(true)
    expect(store.getState().phaseIndex).toBe(0)
    expect(store.getState().selected).toBe(-1)
    expect(clock.reveal).toBe(0)
    let frames = 0
    while (store.getState().playing && frames < 3000) {
      clock.advance(FRAME)
      frames++
    }
    expect(store.getState().playing).toBe(false)
    expect(phases).toEqual(range(0, n))
    expect(clock.reveal).toBe(n)
  })

  it('pausing stops playback at the phase being built and the clock settles there', () => {
    const { store, clock, n } = setup()
    store.getState().setPlaying(true)
    for (let f = 0; f < 200; f++) clock.advance(FRAME)
    store.getState().setPlaying(false)
    const at = store.getState().phaseIndex
    expect(at).toBeGreaterThan(0)
    expect(at).toBeLessThan(n - 1)
    runUntilIdle(clock)
    expect(store.getState().phaseIndex).toBe(at)
    expect(clock.reveal).toBe(at + 1)
  })

  it('animating() is true while playing, even when reveal is at its target', () => {
    const { store, clock } = setup()
    store.getState().setPhase(1)
    clock.settle()
    expect(clock.animating()).toBe(false)
    store.getState().setPlaying(true)
    expect(clock.animating()).toBe(true)
  })
})

describe('clock: stepping animation', () => {
  it('a step animates over several frames and settles on the new phase', () => {
    const { store, clock, n } = setup()
    store.getState().stepPhase(-1)
    expect(clock.animating()).toBe(true)
    clock.advance(FRAME)
    expect(clock.reveal).toBeLessThan(n)
    expect(clock.reveal).toBeGreaterThan(n - 1)
    const frames = runUntilIdle(clock)
    expect(frames * FRAME).toBeLessThanOrEqual(STEP_SECONDS + 0.1)
    expect(clock.reveal).toBeCloseTo(n - 1, 9)
    expect(clock.visiblePhase()).toBe(n - 2)
  })

  it('after stepping back, reveal lands exactly on the phase and counters show its facility power', () => {
    const c = structuredClone(config)
    c.phases[c.phases.length - 1]!.pue = 1.5
    const store = createAppStore(accepted(c))
    const clock = createTimelineClock(store)
    const layout = store.getState().layout
    const n = layout.phases.length
    store.getState().stepPhase(-1)
    runUntilIdle(clock) // the demand frame loop stops once animating() is false
    const shown = statsAtReveal(layout, buildPrefix(layout), clock.reveal)
    expect(shown.facilityPowerMw).toBeCloseTo(layout.phases[n - 2]!.facilityPowerMw, 6)
    expect(clock.reveal).toBe(n - 1)
  })

  it('with instant = true a step settles in one advance', () => {
    const { store, clock, n } = setup(true)
    store.getState().stepPhase(-1)
    clock.advance(FRAME)
    expect(clock.reveal).toBe(n - 1)
    expect(clock.animating()).toBe(false)
    store.getState().setPhase(0)
    clock.advance(FRAME)
    expect(clock.reveal).toBe(1)
    store.getState().stepPhase(+1)
    clock.advance(FRAME)
    expect(clock.reveal).toBe(2)
  })

  it('visiblePhase keeps the old phase on screen while it animates out, then drops it', () => {
    const { store, clock, n } = setup()
    store.getState().stepPhase(-1)
    expect(store.getState().phaseIndex).toBe(n - 2)
    expect(clock.visiblePhase()).toBe(n - 1)
    clock.advance(FRAME)
    expect(clock.reveal).toBeGreaterThan(n - 1)
    expect(clock.visiblePhase()).toBe(n - 1)
    runUntilIdle(clock)
    expect(clock.visiblePhase()).toBe(n - 2)
  })

  it('visiblePhase shows the new phase at once when stepping forward', () => {
    const { store, clock } = setup()
    store.getState().setPhase(1)
    clock.settle()
    store.getState().stepPhase(+1)
    expect(clock.visiblePhase()).toBe(2)
    clock.advance(FRAME)
    expect(clock.visiblePhase()).toBe(2)
  })

  it('subscribers hear every reveal change and can unsubscribe', () => {
    const { store, clock } = setup()
    const heard: number[] = []
    const off = clock.subscribe((r) => heard.push(r))
    store.getState().stepPhase(-1)
    clock.advance(FRAME)
    expect(heard).toEqual([clock.reveal])
    off()
    clock.advance(FRAME)
    expect(heard).toHaveLength(1)
  })
})

describe('clock: scrubbing', () => {
  it('scrubbing to a date sets the phase being built and the reveal fraction', () => {
    const { store, clock } = setup()
    const phases = config.phases.map((p) => p.id)
    const c2 = phases.indexOf('colossus-2-phase-1')
    expect(c2).toBe(3)
    const start = dateMs(config.phases[c2 - 1]!.date)
    const end = dateMs(config.phases[c2]!.date)
    clock.scrubTo(revealAtDate(clock.span, (start + end) / 2))
    expect(store.getState().phaseIndex).toBe(3)
    expect(clock.reveal).toBeCloseTo(3.5, 9)
    expect(clock.visiblePhase()).toBe(3)
  })

  it('scrubbing to a phase date shows that phase complete', () => {
    const { store, clock, n } = setup()
    for (let p = 0; p < n; p++) {
      clock.scrubTo(revealAtDate(clock.span, dateMs(config.phases[p]!.date)))
      expect(store.getState().phaseIndex).toBe(p)
      expect(clock.reveal).toBe(p + 1)
    }
    clock.scrubTo(revealAtDate(clock.span, clock.span.startMs))
    expect(store.getState().phaseIndex).toBe(0)
    expect(clock.reveal).toBe(0)
    clock.endScrub()
  })

  it('after endScrub the clock holds where it was left until the phase changes', () => {
    const { store, clock } = setup()
    clock.scrubTo(3.5)
    clock.endScrub()
    expect(clock.animating()).toBe(false)
    for (let f = 0; f < 120; f++) clock.advance(FRAME)
    expect(clock.reveal).toBe(3.5)
    expect(store.getState().phaseIndex).toBe(3)
    // Changing the phase releases the hold: the clock animates to the new phase complete.
    store.getState().stepPhase(+1)
    expect(clock.animating()).toBe(true)
    runUntilIdle(clock)
    expect(clock.reveal).toBe(5)
  })

  it('#12.5 after a scrub, asking for the phase being built finishes the build', () => {
    const { store, clock } = setup()
    clock.scrubTo(3.91)
    clock.endScrub()
    // Clicking the marker of the phase the scrub is in (phase 3): the build completes.
    store.getState().setPhase(3)
    runUntilIdle(clock)
    expect(clock.reveal).toBe(4)
  })

  it('#12.5 after a scrub into the last phase, → finishes the build', () => {
    const { store, clock, n } = setup()
    clock.scrubTo(n - 0.09)
    clock.endScrub()
    store.getState().stepPhase(+1)
    runUntilIdle(clock)
    expect(store.getState().phaseIndex).toBe(n - 1)
    expect(clock.reveal).toBe(n)
  })

  it('after endScrub, stepping back releases the hold too', () => {
    const { store, clock } = setup()
    clock.scrubTo(3.5)
    clock.endScrub()
    store.getState().stepPhase(-1)
    runUntilIdle(clock)
    expect(store.getState().phaseIndex).toBe(2)
    expect(clock.reveal).toBe(3)
  })

  it('the clock does not move while the scrubber is held', () => {
    const { clock } = setup()
    clock.scrubTo(2.25)
    for (let f = 0; f < 30; f++) clock.advance(FRAME)
    expect(clock.reveal).toBe(2.25)
    expect(clock.animating()).toBe(false)
  })

  it('scrubbing stops playback', () => {
    const { store, clock } = setup()
    store.getState().setPlaying(true)
    for (let f = 0; f < 10; f++) clock.advance(FRAME)
    clock.scrubTo(1.5)
    expect(store.getState().playing).toBe(false)
    expect(store.getState().phaseIndex).toBe(1)
    clock.endScrub()
    for (let f = 0; f < 60; f++) clock.advance(FRAME)
    expect(clock.reveal).toBe(1.5)
  })

  it('scrub values outside [0, n] are clamped', () => {
    const { store, clock, n } = setup()
    clock.scrubTo(-4)
    expect(clock.reveal).toBe(0)
    expect(store.getState().phaseIndex).toBe(0)
    clock.scrubTo(n + 4)
    expect(clock.reveal).toBe(n)
    expect(store.getState().phaseIndex).toBe(n - 1)
  })

  it('settle jumps to the store phase complete, ending a hold', () => {
    const { store, clock } = setup()
    clock.scrubTo(3.5)
    clock.endScrub()
    clock.settle()
    expect(clock.reveal).toBe(store.getState().phaseIndex + 1)
    expect(clock.animating()).toBe(false)
  })
})

describe('store: loading another layout', () => {
  /** The default layout without its last phase (and the plant that phase brings). */
  function shorter(): LayoutConfig {
    return phasesUpTo(config, config.phases.length - 2)
  }

  it('setLayoutConfig goes to the new last phase, stops playback and clears selection', () => {
    const { store, clock, n } = setup()
    store.getState().setPhase(1)
    store.getState().setSelected(3)
    store.getState().setHovered(4)
    store.getState().setPlaying(true)
    for (let f = 0; f < 10; f++) clock.advance(FRAME)
    const version = store.getState().layoutVersion
    store.getState().setLayoutConfig(shorter(), 'short.json')
    const s = store.getState()
    expect(s.layout.phases).toHaveLength(n - 1)
    expect(s.phaseIndex).toBe(n - 2)
    expect(s.playing).toBe(false)
    expect(s.selected).toBe(-1)
    expect(s.hovered).toBe(-1)
    expect(s.layoutSource).toBe('short.json')
    expect(s.layoutVersion).toBe(version + 1)
    expect(s.rackGrid.halfW).toHaveLength(s.layout.racks.count)
    // The clock follows: the new layout's span, shown complete.
    expect(clock.span.phaseEndMs).toHaveLength(n - 1)
    expect(clock.reveal).toBe(n - 1)
    expect(clock.animating()).toBe(false)
  })

  it('setLayoutConfig ends a scrub hold', () => {
    const { store, clock, n } = setup()
    clock.scrubTo(2.5)
    clock.endScrub()
    store.getState().setLayoutConfig(config, 'again.json')
    expect(store.getState().phaseIndex).toBe(n - 1)
    expect(clock.reveal).toBe(n)
    store.getState().stepPhase(-1)
    runUntilIdle(clock)
    expect(clock.reveal).toBeCloseTo(n - 1, 9)
  })
})

describe('store: notices and UI state', () => {
  it('keeps the newest four notices, each with an id of its own, and dismisses by id', () => {
    const { store } = setup()
    for (let k = 1; k <= 6; k++) store.getState().notify('info', `notice ${k}`)
    const notices = store.getState().notices
    expect(notices.map((n) => n.text)).toEqual(['notice 3', 'notice 4', 'notice 5', 'notice 6'])
    expect(new Set(notices.map((n) => n.id)).size).toBe(4)
    store.getState().dismissNotice(notices[1]!.id)
    expect(store.getState().notices.map((n) => n.text)).toEqual(['notice 3', 'notice 5', 'notice 6'])
  })

  it('keeps each store’s UI state to itself', () => {
    const a = setup().store
    const b = setup().store
    a.getState().setHelpOpen(true)
    a.getState().setContextLost(true)
    a.getState().notify('error', 'only in a')
    expect(b.getState().helpOpen).toBe(false)
    expect(b.getState().contextLost).toBe(false)
    expect(b.getState().notices).toEqual([])
  })
})
