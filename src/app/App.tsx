/** The page: the 3D canvas and the DOM overlay. */
import { Canvas } from '@react-three/fiber'
import type { StoreApi } from 'zustand/vanilla'
import { SceneRoot } from '../scene/SceneRoot'
import { StoreProvider } from '../state/context'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { CameraBar } from '../ui/CameraBar'
import { Compass } from '../ui/Compass'
import { Counters } from '../ui/Counters'
import { Legend } from '../ui/Legend'
import { Notices } from '../ui/Notices'
import { PhaseBar } from '../ui/PhaseBar'
import { SelectionPanel, Tooltip } from '../ui/RackPanels'
import { SiteLabels } from '../ui/SiteLabels'
import { useKeyboard } from '../ui/useKeyboard'

/** Initial camera: high above the campus; the campus preset takes over on start. */
const START_CAMERA = {
  fov: 40,
  near: 0.3,
  far: 20000,
  position: [900, 1500, 1800] as [number, number, number],
}

/** The app. */
export function App({ store, clock }: { store: StoreApi<AppState>; clock: TimelineClock }) {
  useKeyboard(store)
  return (
    <StoreProvider store={store} clock={clock}>
      <div className="stage">
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
      </div>
      <div className="overlay">
        <SiteLabels />
        <Counters />
        <Legend />
        <SelectionPanel />
        <div className="bottom">
          <CameraBar />
          <PhaseBar />
        </div>
        <Compass />
        <Notices />
        <Tooltip />
      </div>
    </StoreProvider>
  )
}
