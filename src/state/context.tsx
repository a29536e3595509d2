/** Makes the app store reachable from any component without prop drilling. */
import { createContext, type ReactNode, useContext } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { type AppState, useAppStore } from './store'

const StoreContext = createContext<StoreApi<AppState> | null>(null)

/** Provides `store` to the components below. */
export function StoreProvider({ store, children }: { store: StoreApi<AppState>; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

/** The store itself (for getState() in event handlers and frame loops). */
export function useStoreApi(): StoreApi<AppState> {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStoreApi must be used inside <StoreProvider>')
  return store
}

/** Subscribes to one slice of app state. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useAppStore(useStoreApi(), selector)
}
