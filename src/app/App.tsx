/** The page: the 3D canvas and the DOM overlay. */
import { Canvas } from '@react-three/fiber'
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { createExportApi } from '../export/exporter'
import { SceneRoot } from '../scene/SceneRoot'
import { StoreProvider, useApp } from '../state/context'
import { ExportApiContext } from '../state/exportApi'
import type { AppState } from '../state/store'
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
import { PowerChart } from '../ui/PowerChart'
import { SelectionPanel, Tooltip } from '../ui/RackPanels'
import { RackSearch } from '../ui/RackSearch'
import { SiteLabels } from '../ui/SiteLabels'
import { Timeline } from '../ui/Timeline'
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
      const left = document.querySelector('.left-column')?.getBoundingClientRect()
      const right = document.querySelector('.legend')?.getBoundingClientRect()
      const bottom = document.querySelector('.bottom')?.getBoundingClientRect()
      // Narrow screens: panels overlap the view anyway; frame the whole canvas.
      const narrow = window.innerWidth < 900
      store.getState().setViewInsets({
        left: narrow || !left ? 0 : left.right,
        right: narrow || !right ? 0 : window.innerWidth - right.left,
        bottom: narrow || !bottom ? 0 : window.innerHeight - bottom.top,
      })
    }
    measure()
    const ro = new ResizeObserver(measure)
    for (const sel of ['.left-column', '.legend', '.bottom']) {
      const el = document.querySelector(sel)
      if (el) ro.observe(el)
    }
    window.addEventListener('resize', measure)
    return () => {
      ro.disconnect()
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
export function App({ store, clock }: { store: StoreApi<AppState>; clock: TimelineClock }) {
  useKeyboard(store)
  useViewInsets(store)
  const [view] = useState(createViewChannel)
  const exporter = useMemo(() => createExportApi(store, clock), [store, clock])
  // Phones: the legend, camera and tools live in a sheet that opens over the lower part of the
  // view (CSS shows the toggle on narrow screens only).
  const [sheetOpen, setSheetOpen] = useState(false)
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
                antialias: true,
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
          <div className="overlay" data-sheet={sheetOpen ? 'open' : 'closed'}>
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
            <div className="right-column" id="tools-sheet">
              <Legend />
              <CameraBar>
                <LayoutControls store={store} clock={clock} />
              </CameraBar>
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
          </div>
        </ExportApiContext.Provider>
      </ViewChannelContext.Provider>
    </StoreProvider>
  )
}
