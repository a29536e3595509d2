/**
 * Presenter mode and embeds: the caption band of the story step on screen (title, caption,
 * sources, step counter, autoplay's button and progress bar) and presenter mode's black
 * screen. The rest of the page is hidden by CSS (`.overlay[data-mode]`).
 */
import { useEffect } from 'react'
import { resolveStep } from '../domain/story'
import { useApp, useStoreApi } from '../state/context'
import { findStory, toggleAutoplay } from '../state/story'
import { doPresenterAction, stopPresenting } from './presenterKeys'

/** Leaves presenter mode when the browser leaves full screen (its own Esc never reaches the page). */
function useLeaveWithFullScreen(): void {
  const store = useStoreApi()
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement && store.getState().presenting) stopPresenting(store)
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => document.removeEventListener('fullscreenchange', onChange)
  }, [store])
}

/** The caption band of the step on screen; nothing when no story is told. */
export function CaptionBand({ controls }: { controls: boolean }) {
  const store = useStoreApi()
  const story = useApp((s) => s.story)
  const layout = useApp((s) => s.layout)
  const found = useApp((s) => (s.story ? findStory(s, s.story.id) : undefined))
  const autoplay = useApp((s) => s.autoplay)
  if (!story || !found) return null
  const r = resolveStep(layout, found, story.step)
  return (
    <section
      className="caption-band"
      aria-label="Story"
      aria-live="polite"
      data-testid="caption-band"
      data-autoplay={autoplay || undefined}
    >
      {autoplay && (
        <div className="autoplay-track" data-testid="autoplay-progress" aria-hidden="true">
          <div className="autoplay-bar" data-autoplay-progress />
        </div>
      )}
      <div className="caption-text">
        <h2 className="caption-title" data-testid="caption-title">
          {r.title}
        </h2>
        <p className="caption-body" data-testid="caption">
          {r.caption}
        </p>
        {r.sources.length > 0 && <p className="caption-sources">Sources: {r.sources.join('; ')}</p>}
      </div>
      <div className="caption-nav">
        {controls && (
          <button
            type="button"
            onClick={() => doPresenterAction(store, 'previous')}
            aria-label="Previous step"
          >
            ‹
          </button>
        )}
        {controls && (
          <button
            type="button"
            className="autoplay-toggle"
            onClick={() => toggleAutoplay(store)}
            aria-pressed={Boolean(autoplay)}
            aria-label={autoplay ? 'Pause autoplay (A)' : 'Play the story (A)'}
            title={autoplay ? 'Pause autoplay (A)' : 'Play the story, a step at a time (A)'}
            data-testid="autoplay-toggle"
          >
            {autoplay ? '❚❚' : '▶'}
          </button>
        )}
        {autoplay && (
          <span className="caption-playing" data-testid="autoplay-state">
            {autoplay === 'loop' ? 'Playing, looped' : 'Playing'}
          </span>
        )}
        <span className="caption-counter" data-testid="step-counter">
          {r.index + 1} / {found.steps.length}
        </span>
        {controls && (
          <button type="button" onClick={() => doPresenterAction(store, 'next')} aria-label="Next step">
            ›
          </button>
        )}
      </div>
    </section>
  )
}

/** Presenter mode's parts: the caption band with step buttons, and the black screen. */
export function Presenter() {
  useLeaveWithFullScreen()
  const presenting = useApp((s) => s.presenting)
  const blackout = useApp((s) => s.blackout)
  if (!presenting) return null
  return (
    <>
      <CaptionBand controls />
      {blackout && (
        <div className="blackout" data-testid="blackout" role="img" aria-label="Screen blacked out (B)" />
      )}
    </>
  )
}
