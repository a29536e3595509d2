/** Issue 14: autoplay of a story: the timing decision, what pauses it, and its link. */
import { describe, expect, it } from 'vitest'
import type { StoreApi } from 'zustand/vanilla'
import { parseViewParams, viewToSearch } from '../../src/app/urlState'
import type { StoryConfig } from '../../src/config/schema'
import { autoplayMove, storiesOf } from '../../src/domain/story'
import { type AppState, createAppStore } from '../../src/state/store'
import { goToStep, toggleAutoplay } from '../../src/state/story'
import { doPresenterAction } from '../../src/ui/presenterKeys'
import { defaultConfig } from '../fixtures'

const config = defaultConfig()
const story = config.stories![0]!
const N = story.steps.length

describe('autoplayMove', () => {
  it('waits while the step is still arriving, whatever the time', () => {
    expect(autoplayMove(0, 3, 5, null, 1e9, 'once')).toEqual({ kind: 'wait', progress: 0 })
  })

  it('counts the step’s time from its arrival, then shows the next step', () => {
    expect(autoplayMove(0, 3, 5, 1000, 1000, 'once')).toEqual({ kind: 'wait', progress: 0 })
    expect(autoplayMove(0, 3, 5, 1000, 3500, 'once')).toEqual({ kind: 'wait', progress: 0.5 })
    expect(autoplayMove(0, 3, 5, 1000, 5999, 'once').kind).toBe('wait')
    expect(autoplayMove(0, 3, 5, 1000, 6000, 'once')).toEqual({ kind: 'next', step: 1 })
    expect(autoplayMove(1, 3, 2, 0, 2500, 'loop')).toEqual({ kind: 'next', step: 2 })
  })

  it('stops after the last step once, or goes back to the first in a loop', () => {
    expect(autoplayMove(2, 3, 5, 0, 5000, 'once')).toEqual({ kind: 'stop' })
    expect(autoplayMove(2, 3, 5, 0, 5000, 'loop')).toEqual({ kind: 'next', step: 0 })
    expect(autoplayMove(2, 3, 5, 0, 4000, 'loop').kind).toBe('wait')
  })
})

describe('autoplay in the store', () => {
  const playing = () => {
    const store = createAppStore(config)
    expect(typeof goToStep(store, story.id, 1, false, 'once')).toBe('object')
    expect(store.getState().autoplay).toBe('once')
    return store
  }

  it('a step shown by autoplay plays on; one shown by hand pauses it', () => {
    const store = playing()
    goToStep(store, story.id, 2, false, 'once')
    expect(store.getState()).toMatchObject({ story: { id: story.id, step: 2 }, autoplay: 'once' })
    goToStep(store, story.id, 3)
    expect(store.getState()).toMatchObject({ story: { id: story.id, step: 3 }, autoplay: false })
  })

  it('the presenter’s step keys pause it, even past the last step; A toggles it', () => {
    for (const action of ['next', 'previous', 'first', 'last'] as const) {
      const store = playing()
      doPresenterAction(store, action)
      expect(store.getState().autoplay, action).toBe(false)
    }
    const store = playing()
    goToStep(store, story.id, N - 1, false, 'once')
    doPresenterAction(store, 'next')
    expect(store.getState()).toMatchObject({ story: { step: N - 1 }, autoplay: false })
    doPresenterAction(store, 'autoplay')
    // Played from the last step, it starts again from the first.
    expect(store.getState()).toMatchObject({ story: { step: 0 }, autoplay: 'once' })
    doPresenterAction(store, 'autoplay')
    expect(store.getState()).toMatchObject({ story: { step: 0 }, autoplay: false })
  })

  it('leaving the story, presenter mode or the picture (blackout) pauses it', () => {
    const leave = [
      (s: ReturnType<typeof playing>) => s.getState().setColorMode('power'),
      (s: ReturnType<typeof playing>) => s.getState().setPhase(0),
      (s: ReturnType<typeof playing>) => s.getState().setStory(null),
      (s: ReturnType<typeof playing>) => s.getState().setBlackout(true),
      (s: ReturnType<typeof playing>) => {
        s.getState().setPresenting(true)
        expect(s.getState().autoplay).toBe('once')
        s.getState().setPresenting(false)
      },
    ]
    for (const [k, act] of leave.entries()) {
      const store = playing()
      act(store)
      expect(store.getState().autoplay, `case ${k}`).toBe(false)
    }
  })

  it('A resumes a paused loop as a loop, whatever paused it; a new story plays once', () => {
    const pausers = [
      (s: StoreApi<AppState>) => toggleAutoplay(s),
      (s: StoreApi<AppState>) => s.getState().setBlackout(true),
      (s: StoreApi<AppState>) => {
        s.getState().setPresenting(true)
        s.getState().setPresenting(false)
      },
      (s: StoreApi<AppState>) => goToStep(s, story.id, 3),
    ]
    for (const [k, pause] of pausers.entries()) {
      const store = createAppStore(config)
      goToStep(store, story.id, 1, false, 'loop')
      pause(store)
      expect(store.getState().autoplay, `case ${k}`).toBe(false)
      toggleAutoplay(store)
      expect(store.getState().autoplay, `case ${k}`).toBe('loop')
    }
    // With no story told (it was left), A plays the first story once.
    const store = createAppStore(config)
    goToStep(store, story.id, 1, false, 'loop')
    store.getState().setStory(null)
    toggleAutoplay(store)
    expect(store.getState()).toMatchObject({ story: { step: 0 }, autoplay: 'once' })
  })

  it('A with no story told plays the first story from its first step; it cannot play without a story', () => {
    const store = createAppStore(config)
    expect(toggleAutoplay(store, 'loop')).toBe(true)
    expect(store.getState()).toMatchObject({ story: { id: story.id, step: 0 }, autoplay: 'loop' })
    const bare = createAppStore({ ...structuredClone(config), stories: [] })
    expect(toggleAutoplay(bare)).toBe(false)
    bare.getState().setAutoplay('once')
    expect(bare.getState().autoplay).toBe(false)
  })

  it('a paused story plays on from the step on screen', () => {
    const store = createAppStore(config)
    goToStep(store, story.id, 2)
    toggleAutoplay(store)
    expect(store.getState()).toMatchObject({ story: { step: 2 }, autoplay: 'once' })
  })
})

describe('autoplay in links', () => {
  const layout = createAppStore(config).getState().layout

  it('?autoplay=1 plays a story once, loop loops it; both need a story', () => {
    expect(parseViewParams(`?story=${story.id}&step=2&autoplay=1`, layout).view).toMatchObject({
      story: { id: story.id, step: 1 },
      autoplay: 'once',
    })
    expect(parseViewParams(`?story=${story.id}&autoplay=loop`, layout).view.autoplay).toBe('loop')
    const alone = parseViewParams('?autoplay=1', layout)
    expect(alone.view.autoplay).toBeUndefined()
    expect(alone.problems).toEqual(['autoplay: there is no story to play (add story=<id>)'])
    const bad = parseViewParams(`?story=${story.id}&autoplay=yes`, layout)
    expect(bad.view.autoplay).toBeUndefined()
    expect(bad.problems).toEqual(['autoplay: "yes" is neither 1 nor loop'])
  })

  it('a link may name a story of this session (loaded or recorded)', () => {
    const mine: StoryConfig = { id: 'mine', title: 'Mine', steps: [story.steps[0]!] }
    expect(parseViewParams('?story=mine&autoplay=1', layout).view.story).toBeUndefined()
    const stories = [...storiesOf(layout), mine]
    expect(parseViewParams('?story=mine&autoplay=1', layout, stories).view).toMatchObject({
      story: { id: 'mine', step: 0 },
      autoplay: 'once',
    })
  })

  it('the address carries autoplay while it plays, and drops it when paused or without a story', () => {
    const base = { phaseId: 'doubled', colorMode: 'phase', roofMode: 'faded', camera: null } as const
    const at = { id: story.id, step: 2 }
    expect(viewToSearch('', { ...base, story: at, autoplay: 'once' })).toContain('step=3&autoplay=1')
    expect(viewToSearch('', { ...base, story: at, autoplay: 'loop' })).toContain('autoplay=loop')
    expect(viewToSearch('?autoplay=1', { ...base, story: at, autoplay: false })).not.toContain('autoplay')
    expect(viewToSearch('?autoplay=1', { ...base, story: null, autoplay: 'once' })).not.toContain('autoplay')
  })
})
