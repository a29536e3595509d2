/**
 * Presenter mode's keys: what clickers send (PageDown / PageUp, sometimes arrows, B or "."
 * for a black screen) and the usual slide keys.
 */
import type { StoreApi } from 'zustand/vanilla'
import { type AppState, allStories } from '../state/store'
import { goToStep, stepStory, toggleAutoplay } from '../state/story'

/** What a key does in presenter mode. */
export type PresenterAction = 'next' | 'previous' | 'first' | 'last' | 'blackout' | 'autoplay' | 'leave'

const KEYS: Record<string, PresenterAction> = {
  PageDown: 'next',
  ArrowRight: 'next',
  ArrowDown: 'next',
  ' ': 'next',
  Enter: 'next',
  PageUp: 'previous',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  b: 'blackout',
  B: 'blackout',
  '.': 'blackout',
  a: 'autoplay',
  A: 'autoplay',
  Escape: 'leave',
}

/** The action of `key` in presenter mode, or null (other keys do nothing there). */
export const presenterAction = (key: string): PresenterAction | null => KEYS[key] ?? null

/** Enters presenter mode on the story being told, or the first story on offer. False if there is none. */
export function startPresenting(store: StoreApi<AppState>): boolean {
  const s = store.getState()
  const story = s.story ?? (allStories(s)[0] ? { id: allStories(s)[0]!.id, step: 0 } : null)
  if (!story) {
    s.notify('info', 'This layout has no story to present.')
    return false
  }
  // A story already playing (a link's autoplay) plays on in presenter mode.
  goToStep(store, story.id, story.step, false, s.autoplay)
  s.setPresenting(true)
  void document.documentElement.requestFullscreen?.().catch(() => {
    // Full screen refused (an iframe without allowfullscreen, or no user gesture): present in the window.
  })
  return true
}

/** Leaves presenter mode (and full screen). */
export function stopPresenting(store: StoreApi<AppState>): void {
  store.getState().setPresenting(false)
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => {})
}

/** Does `action` in presenter mode (and from the caption band's buttons in embeds). */
export function doPresenterAction(store: StoreApi<AppState>, action: PresenterAction): void {
  const s = store.getState()
  if (action === 'leave') {
    stopPresenting(store)
    return
  }
  if (action === 'blackout') {
    s.setBlackout(!s.blackout)
    return
  }
  if (s.blackout) s.setBlackout(false)
  if (action === 'autoplay') {
    toggleAutoplay(store)
    return
  }
  if (!s.story) return
  // Stepping by hand (even past either end) pauses autoplay.
  s.setAutoplay(false)
  if (action === 'next') stepStory(store, 1)
  else if (action === 'previous') stepStory(store, -1)
  else {
    const story = allStories(s).find((x) => x.id === s.story!.id)
    if (story) goToStep(store, story.id, action === 'first' ? 0 : story.steps.length - 1)
  }
}
