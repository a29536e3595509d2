/** The page: the 3D canvas and the DOM overlay. */
import { Canvas } from '@react-three/fiber'
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { createExportApi } from '../export/exporter'
import { SceneRoot } from '../scene/SceneRoot'
import { StoreProvider, useApp } from '../state/context'
import { ExportApiContext } from '../state/exportApi'
import { type AppState, useAppStore } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { createViewChannel, ViewChannelContext } from '../state/view'
import { CameraBar } from '../ui/CameraBar'
import { Compass } from '../ui/Compass'
import { ContextLostBanner } from '../ui/ContextLostBanner'
import { Counters } from '../ui/Counters'
import { HelpOverlay } from '../ui/HelpOverlay'
import { LayoutProblems } from '../ui/LayoutProblems'
import { Legend } from '../ui/Legend'
import { Notices } from '../ui/Notices'
import { overflowCue } from '../ui/overflowCue'
import { PowerChart } from '../ui/PowerChart'
import { CaptionBand, Presenter } from '../ui/Presenter'
import { SelectionPanel, Tooltip } from '../ui/RackPanels'
import { RackSearch } from '../ui/RackSearch'
import { SiteLabels } from '../ui/SiteLabels'
import { StoryPanel } from '../ui/StoryPanel'
import { Timeline } from '../ui/Timeline'
import { useAutoplay } from '../ui/useAutoplay'
import { useKeyboard } from '../ui/useKeyboard'
import { LayoutControls } from './LayoutControls'

/** Initial camera: high above the campus; on start the link's camera or the campus preset takes over. */
const START_CAMERA = {
  fov: 40,
  near: 0.3,
  far: 20000,
  position: [900, 1500, 1800] as [number, number, number],
}

/** Measures the panels that cover the view (left column, legend, bottom bar) so framing avoids them. */
function useViewInsets(store: StoreApi<AppState>): void {
  useEffect(() => {
    const measure = () => {
      // Presenter mode and embeds: only the caption band covers the view.
      if (document.querySelector('.overlay[data-mode="presenting"], .overlay[data-mode="embed"]')) {
        const band = document.querySelector('.caption-band')?.getBoundingClientRect()
        store
          .getState()
          .setViewInsets({ left: 0, right: 0, bottom: band ? window.innerHeight - band.top : 0 })
        return
      }
      const left = document.querySelector('.left-column')?.getBoundingClientRect()
      const right = document.querySelector('.legend')?.getBoundingClientRect()
      const bottom = document.querySelector('.bottom')?.getBoundingClientRect()
      // Narrow screens: panels overlap the view anyway; frame the whole canvas.
      const narrow = window.innerWidth < 900
      // The side columns stop above the bottom bar (CSS reads this; they scroll when taller).
      if (bottom)
        document.documentElement.style.setProperty(
          '--bottom-bar',
          `${Math.round(window.innerHeight - bottom.top)}px`,
        )
      store.getState().setViewInsets({
        left: narrow || !left ? 0 : left.right,
        right: narrow || !right ? 0 : window.innerWidth - right.left,
        bottom: narrow || !bottom ? 0 : window.innerHeight - bottom.top,
      })
    }
    measure()
    const ro = new ResizeObserver(measure)
    const observe = () => {
      ro.disconnect()
      for (const sel of ['.left-column', '.legend', '.bottom', '.caption-band']) {
        const el = document.querySelector(sel)
        if (el) ro.observe(el)
      }
    }
    observe()
    // Entering or leaving presenter mode, or a new step's caption, changes what covers the view.
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.presenting !== prev.presenting || s.story !== prev.story)
        requestAnimationFrame(() => {
          observe()
          measure()
        })
    })
    window.addEventListener('resize', measure)
    return () => {
      ro.disconnect()
      unsubscribe()
      window.removeEventListener('resize', measure)
    }
  }, [store])
}

/** The export dialog's code (and its fields) loads the first time it opens, not with the page. */
const ExportDialog = lazy(() => import('../ui/ExportDialog').then((m) => ({ default: m.ExportDialog })))

function ExportDialogWhenOpen() {
  const open = useApp((s) => s.exportOpen)
  if (!open) return null
  return (
    <Suspense fallback={null}>
      <ExportDialog />
    </Suspense>
  )
}

/**
 * The app. Besides the store and clock it provides, to the components below, the view channel
 * (the scene publishes the view, the overlay listens) and the exporter the export dialog drives.
 */
/**
 * Embeds (`?embed=1`): the scene, the story's caption if one is told, and a credit link to the
 * full app. Until clicked, a veil over the scene lets the host page scroll past it; it returns
 * when the frame loses focus.
 */
function EmbedChrome() {
  const [active, setActive] = useState(false)
  useEffect(() => {
    const rearm = () => setActive(false)
    window.addEventListener('blur', rearm)
    return () => window.removeEventListener('blur', rearm)
  }, [])
  const full = new URLSearchParams(location.search)
  full.delete('embed')
  const href = `${location.pathname}${full.size ? `?${full}` : ''}`
  return (
    <>
      {!active && (
        <button type="button" className="embed-veil" data-testid="embed-veil" onClick={() => setActive(true)}>
          <span>Click to explore in 3D</span>
        </button>
      )}
      <a className="embed-credit" href={href} target="_blank" rel="noopener">
        Colossus Explorer ↗
      </a>
      <CaptionBand controls />
    </>
  )
}

export function App({
  store,
  clock,
  embed = false,
}: {
  store: StoreApi<AppState>
  clock: TimelineClock
  embed?: boolean
}) {
  useKeyboard(store)
  useAutoplay(store, clock)
  useViewInsets(store)
  const [view] = useState(createViewChannel)
  const exporter = useMemo(() => createExportApi(store, clock), [store, clock])
  // Phones: the legend, camera and tools live in a sheet that opens over the lower part of the
  // view (CSS shows the toggle on narrow screens only).
  const [sheetOpen, setSheetOpen] = useState(false)
  const presenting = useAppStore(store, (s) => s.presenting)
  const mode = embed ? 'embed' : presenting ? 'presenting' : 'normal'
  return (
    <StoreProvider store={store} clock={clock}>
      <ViewChannelContext.Provider value={view}>
        <ExportApiContext.Provider value={exporter}>
          {/* The 3D view is the page's main landmark; the site labels annotate it. */}
          <main className="stage" aria-label="3D view of the campus">
            <Canvas
              frameloop="demand"
              dpr={[1, 2]}
              camera={START_CAMERA}
              gl={{
                // No multisampling: the high tiers anti-alias in their pipeline, draft by
                // jittered samples once the view rests (gpu/refine); MSAA nearly doubled
                // every draft frame on software renderers.
                antialias: false,
                alpha: true,
                preserveDrawingBuffer: true,
                powerPreference: 'high-performance',
              }}
              onCreated={(state) => state.gl.setClearColor(0x000000, 0)}
            >
              <SceneRoot />
            </Canvas>
            <SiteLabels />
          </main>
          <div className="overlay" data-sheet={sheetOpen ? 'open' : 'closed'} data-mode={mode}>
            <button
              type="button"
              className="sheet-toggle"
              aria-expanded={sheetOpen}
              aria-controls="tools-sheet"
              onClick={() => setSheetOpen(!sheetOpen)}
            >
              {sheetOpen ? '✕ Close' : '☰ Legend & views'}
            </button>
            <div className="left-column">
              <Counters />
              <PowerChart />
            </div>
            <div
              className="right-column"
              id="tools-sheet"
              role="region"
              aria-label="Legend, views and tools"
              ref={overflowCue}
            >
              <Legend />
              <CameraBar>
                <LayoutControls store={store} clock={clock} />
              </CameraBar>
              <StoryPanel />
              <RackSearch />
              <SelectionPanel />
            </div>
            <div className="bottom">
              <Compass />
              <Timeline />
            </div>
            <Notices />
            <LayoutProblems />
            <ContextLostBanner />
            <Tooltip />
            <HelpOverlay />
            <ExportDialogWhenOpen />
            {embed ? <EmbedChrome /> : <Presenter />}
          </div>
        </ExportApiContext.Provider>
      </ViewChannelContext.Provider>
    </StoreProvider>
  )
}
