/** Entry point: validate the bundled default layout, create the store, mount the app. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import defaultLayout from '../../assets/layouts/colossus.json'
import { formatProblems } from '../config/parse'
import { validateLayout } from '../domain/layout/validate'
import { createAppStore } from '../state/store'
import { createTimelineClock } from '../state/timelineClock'
import { App } from './App'
import { createAutomation } from './automation'
import { loadLayoutFromUrl } from './layoutFetch'
import { startUrlSync } from './urlSync'
import './styles.css'
import './truth.css'

const root = document.getElementById('root')!
const result = validateLayout(defaultLayout)
if (!result.ok) {
  // Only reachable if the shipped layout is broken; tests guard against it.
  root.textContent = `The default layout is invalid:\n${formatProblems(result.problems)}`
} else {
  const store = createAppStore(result.config, 'default')
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches
  const clock = createTimelineClock(store, reducedMotion)
  window.colossus = createAutomation(store, clock)
  createRoot(root).render(
    <StrictMode>
      <App store={store} clock={clock} />
    </StrictMode>,
  )
  // `?layout=` loads a layout from this site first, so the link's phase refers to it.
  const layoutRef = new URLSearchParams(location.search).get('layout')
  if (layoutRef) void loadLayoutFromUrl(store, clock, layoutRef).finally(() => startUrlSync(store, clock))
  else startUrlSync(store, clock)
}
