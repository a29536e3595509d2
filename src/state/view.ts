/**
 * The current view, as a channel: the scene publishes a snapshot after every rendered frame
 * (frames render on demand, so this is cheap) and the DOM overlay (north arrow, scale bar, site
 * labels) listens and writes to the DOM directly. Per-frame values never go through React state
 * or the store. One channel per app, handed down by React context (R3F bridges it into the
 * Canvas, so the scene sees the same one).
 */
import { createContext, useContext } from 'react'
import { emptyView, type ViewSnapshot } from '../domain/view'

/** Called with the latest view; the snapshot is reused, so copy what you keep. */
export type ViewListener = (view: ViewSnapshot) => void

/** Publishes and subscribes to the current view. */
export interface ViewChannel {
  /** The snapshot the publisher fills in place; call `publish()` after changing it. */
  readonly latest: ViewSnapshot
  /** Tells every listener that `latest` has changed. */
  publish(): void
  /** Subscribes; calls `fn` at once with the latest view. Returns the unsubscribe function. */
  subscribe(fn: ViewListener): () => void
}

/** A channel holding the empty view (nothing projects until the first frame). */
export function createViewChannel(): ViewChannel {
  const listeners = new Set<ViewListener>()
  const latest = emptyView()
  return {
    latest,
    publish() {
      for (const fn of listeners) fn(latest)
    },
    subscribe(fn) {
      listeners.add(fn)
      fn(latest)
      return () => {
        listeners.delete(fn)
      }
    },
  }
}

/** Provides the app's view channel (to both the DOM overlay and, bridged, the Canvas). */
export const ViewChannelContext = createContext<ViewChannel | null>(null)

/** The app's view channel. */
export function useViewChannel(): ViewChannel {
  const channel = useContext(ViewChannelContext)
  if (!channel) throw new Error('useViewChannel must be used inside <ViewChannelContext.Provider>')
  return channel
}
