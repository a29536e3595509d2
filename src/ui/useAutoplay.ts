/**
 * The autoplay timer: while a story plays (`state.autoplay`), each step stays on screen for its
 * `durationS`, counted from when its camera flight and build have arrived, then the next step
 * is shown (`autoplayMove` in domain/story decides). The step's share of its time is written
 * straight to the caption band's progress bar, never through React state or the store.
 */
import { useEffect } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { autoplayMove, DEFAULT_STEP_SECONDS } from '../domain/story'
import type { AppState } from '../state/store'
import { findStory, goToStep } from '../state/story'
import type { TimelineClock } from '../state/timelineClock'

/** The progress bars (`[data-autoplay-progress]`) show `progress` (0–1) of the step's time. */
function showProgress(progress: number): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-autoplay-progress]'))
    el.style.transform = `scaleX(${progress})`
}

/** Runs autoplay for the app's store; mount once. */
export function useAutoplay(store: StoreApi<AppState>, clock: TimelineClock): void {
  useEffect(() => {
    // Reduced motion: the bar moves in whole seconds rather than gliding.
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches
    let frame = 0
    // The step whose time is being counted (the story object changes with each step), and
    // when it arrived (performance.now ms), null while its flight or build still plays.
    let counting: AppState['story'] = null
    let arrivedMs: number | null = null
    const tick = () => {
      frame = 0
      const s = store.getState()
      if (!s.autoplay || !s.story) return
      const story = findStory(s, s.story.id)
      if (!story) return
      if (s.story !== counting) {
        counting = s.story
        arrivedMs = null
      }
      const now = performance.now()
      const cameraHere = s.cameraArrivedSeq >= (s.cameraRequest?.seq ?? 0)
      if (arrivedMs === null && cameraHere && !clock.animating()) arrivedMs = now
      const { step } = s.story
      const durationS = story.steps[step]?.durationS ?? DEFAULT_STEP_SECONDS
      const move = autoplayMove(step, story.steps.length, durationS, arrivedMs, now, s.autoplay)
      const progress = move.kind === 'wait' ? Math.min(1, move.progress) : 1
      showProgress(reduced ? Math.floor(progress * durationS) / durationS : progress)
      if (move.kind === 'next') goToStep(store, story.id, move.step, false, s.autoplay)
      else if (move.kind === 'stop') s.setAutoplay(false)
      frame = requestAnimationFrame(tick)
    }
    const start = () => {
      if (!frame) frame = requestAnimationFrame(tick)
    }
    start()
    const unsubscribe = store.subscribe((s, prev) => {
      if (!s.autoplay) return
      // Played again after a pause: the step's time starts afresh.
      if (!prev.autoplay) counting = null
      start()
    })
    return () => {
      unsubscribe()
      cancelAnimationFrame(frame)
    }
  }, [store, clock])
}
