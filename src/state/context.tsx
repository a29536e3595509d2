/** Makes the app store and the timeline clock reachable from any component without prop drilling. */
import { createContext, type ReactNode, useContext } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { type AppState, useAppStore } from './store'
import type { TimelineClock } from './timelineClock'

const StoreContext = createContext<{ store: StoreApi<AppState>; clock: TimelineClock } | null>(null)

/** Provides `store` and `clock` to the components below. */
export function StoreProvider({
  store,
  clock,
  children,
}: {
  store: StoreApi<AppState>
  clock: TimelineClock
  children: ReactNode
}) {
  return <StoreContext.Provider value={{ store, clock }}>{children}</StoreContext.Provider>
}

function useAppContext() {
  const ctx = useContext(StoreContext)
  if (!ctx) throw new Error('app hooks must be used inside <StoreProvider>')
  return ctx
}

/** The store itself (for getState() in event handlers and frame loops). */
export function useStoreApi(): StoreApi<AppState> {
  return useAppContext().store
}

/** The expansion timeline clock. */
export function useClock(): TimelineClock {
  return useAppContext().clock
}

/** Subscribes to one value of the app state (one field, or a stable value, per call). */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useAppStore(useAppContext().store, selector)
}
