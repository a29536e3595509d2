/** Entry point: fetch the default layout, create the store, mount the app. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { LayoutConfig } from '../config/schema'
import { formatProblems } from '../config/text'
import { createAppStore } from '../state/store'
import { createTimelineClock } from '../state/timelineClock'
import { App } from './App'
import { createAutomation } from './automation'
import { fetchDefaultLayout, loadLayoutFromUrl } from './layoutFetch'
import { startUrlSync } from './urlSync'
import './styles.css'
import './truth.css'
import './present.css'

const root = document.getElementById('root')!

/** Starts the app on the default layout, or says why it cannot. */
async function start(): Promise<void> {
  const read = await fetchDefaultLayout()
  if (!read.ok) {
    // Only reachable if the shipped layout is missing; tests guard against it.
    root.textContent = `The default layout could not be loaded:\n${formatProblems(read.problems)}`
    return
  }
  // The shipped layout is validated by the tests (test/unit/validate.test.ts), so it is read
  // as is: the validator and zod load only when someone opens a layout of their own.
  const store = createAppStore(JSON.parse(read.text) as LayoutConfig, 'default')
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches
  const clock = createTimelineClock(store, reducedMotion)
  window.colossus = createAutomation(store, clock)
  createRoot(root).render(
    <StrictMode>
      <App store={store} clock={clock} embed={new URLSearchParams(location.search).get('embed') === '1'} />
    </StrictMode>,
  )
  // `?layout=` loads a layout from this site first, so the link's phase refers to it.
  const layoutRef = new URLSearchParams(location.search).get('layout')
  if (layoutRef) void loadLayoutFromUrl(store, clock, layoutRef).finally(() => startUrlSync(store, clock))
  else startUrlSync(store, clock)
}

void start()
