/**
 * Presenter mode and embeds: the caption band of the story step on screen (title, caption,
 * sources, step counter) and presenter mode's black screen. The rest of the page is hidden
 * by CSS (`.overlay[data-mode]`).
 */
import { useEffect } from 'react'
import { resolveStep } from '../domain/story'
import { useApp, useStoreApi } from '../state/context'
import { findStory } from '../state/story'
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
  if (!story || !found) return null
  const r = resolveStep(layout, found, story.step)
  return (
    <section className="caption-band" aria-label="Story" aria-live="polite" data-testid="caption-band">
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
