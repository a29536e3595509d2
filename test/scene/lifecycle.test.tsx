/**
 * Scene lifecycle under React's StrictMode (what `npm run dev` runs). StrictMode calls
 * render-time factories (useMemo) twice, and runs effect cleanups and then the effects again on
 * a simulated remount, keeping state and memoised values; so does <Activity> when it hides and
 * shows a subtree (React replays a re-shown subtree's effects under StrictMode as well). An
 * object made in render and disposed in an effect cleanup would then be drawn after disposal.
 * Nothing the scene draws may be disposed while it is mounted, the upload counters must count
 * each write once, and unmounting must release every GPU resource the scene drew.
 */
import ReactThreeTestRenderer from '@react-three/test-renderer'
import { Activity, StrictMode } from 'react'
import { BufferGeometry, Material, type Object3D, Texture } from 'three'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import type { LayoutConfig } from '../../src/config/schema'
import { uploadCounters } from '../../src/gpu/counters'
import { SceneRoot } from '../../src/scene/SceneRoot'
import { StoreProvider } from '../../src/state/context'
import { createAppStore } from '../../src/state/store'
import { createTimelineClock } from '../../src/state/timelineClock'
import { defaultConfig, phasesUpTo } from '../fixtures'

type Disposable = BufferGeometry | Material | Texture

/** Every geometry, material and texture that `root`'s visible-or-not drawables use. */
function resourcesInUse(root: Object3D): Set<Disposable> {
  const out = new Set<Disposable>()
  root.traverse((o) => {
    const d = o as Object3D & { geometry?: BufferGeometry; material?: Material | Material[] }
    if (d.geometry) out.add(d.geometry)
    const materials = d.material ? (Array.isArray(d.material) ? d.material : [d.material]) : []
    for (const m of materials) {
      out.add(m)
      for (const value of Object.values(m)) if (value instanceof Texture) out.add(value)
    }
  })
  return out
}

const describeResource = (r: Disposable): string =>
  `${r.constructor.name}${'name' in r && r.name ? ` "${r.name}"` : ''} (${r.uuid.slice(0, 8)})`

let spies: MockInstance[] = []
/** Everything disposed since the test began. */
const disposed = (): Set<unknown> => new Set(spies.flatMap((s) => s.mock.contexts))

beforeEach(() => {
  spies = [
    vi.spyOn(BufferGeometry.prototype, 'dispose'),
    vi.spyOn(Material.prototype, 'dispose'),
    vi.spyOn(Texture.prototype, 'dispose'),
  ]
})

afterEach(() => {
  for (const s of spies) s.mockRestore()
})

/**
 * Mounts the whole (non-interactive) scene under StrictMode and renders a few frames;
 * `setShown` hides or shows it through <Activity>.
 */
async function mountStrict(config: LayoutConfig) {
  const store = createAppStore(config)
  const clock = createTimelineClock(store, true)
  const tree = (mode: 'visible' | 'hidden') => (
    <StrictMode>
      <Activity mode={mode}>
        <StoreProvider store={store} clock={clock}>
          <SceneRoot interactive={false} />
        </StoreProvider>
      </Activity>
    </StrictMode>
  )
  const renderer = await ReactThreeTestRenderer.create(tree('visible'))
  await renderer.advanceFrames(3, 1 / 60)
  const setShown = async (shown: boolean) => {
    await renderer.update(tree(shown ? 'visible' : 'hidden'))
    await renderer.advanceFrames(3, 1 / 60)
  }
  return { store, renderer, setShown, root: renderer.scene.instance as Object3D }
}

function expectNoneDisposed(inUse: Set<Disposable>): void {
  const gone = disposed()
  const wrong = [...inUse].filter((r) => gone.has(r)).map(describeResource)
  expect(wrong, 'resources disposed while still drawn').toEqual([])
}

describe('scene lifecycle under StrictMode', () => {
  it('disposes nothing the mounted scene draws, and counts each buffer write once', async () => {
    const before = { ...uploadCounters }
    const { renderer, root } = await mountStrict(defaultConfig())
    const inUse = resourcesInUse(root)
    // Ground, campus shell, racks, plant, outlines: far more than a handful of resources.
    expect(inUse.size).toBeGreaterThan(20)
    expect([...inUse].some((r) => r instanceof Texture)).toBe(true)
    expectNoneDisposed(inUse)
    // One layout: its rack matrices and colours are written once, not once per StrictMode pass.
    expect(uploadCounters.rackMatrixWrites - before.rackMatrixWrites, 'rack matrix writes').toBe(1)
    expect(uploadCounters.rackColorWrites - before.rackColorWrites, 'rack colour writes').toBe(1)
    await renderer.unmount()
  })

  it('disposes nothing it draws after being hidden and shown again', async () => {
    const { renderer, setShown, root } = await mountStrict(defaultConfig())
    await setShown(false)
    await setShown(true)
    const inUse = resourcesInUse(root)
    expect(inUse.size).toBeGreaterThan(20)
    expectNoneDisposed(inUse)
    await renderer.unmount()
  })

  it('on a layout switch disposes the old layout’s resources and none of the new', async () => {
    const { store, renderer, root } = await mountStrict(defaultConfig())
    const old = resourcesInUse(root)
    const small = phasesUpTo(defaultConfig(), 0)
    const before = { ...uploadCounters }
    await ReactThreeTestRenderer.act(async () => store.getState().setLayoutConfig(small, 'small'))
    await renderer.advanceFrames(3, 1 / 60)
    const now = resourcesInUse(root)
    expectNoneDisposed(now)
    const gone = disposed()
    const kept = [...old].filter((r) => !now.has(r) && !gone.has(r)).map(describeResource)
    expect(kept, 'resources of the old layout left undisposed').toEqual([])
    expect(uploadCounters.rackMatrixWrites - before.rackMatrixWrites, 'rack matrix writes').toBe(1)
    expect(uploadCounters.rackColorWrites - before.rackColorWrites, 'rack colour writes').toBe(1)
    await renderer.unmount()
  })

  it('releases every resource it drew when unmounted', async () => {
    const { renderer, root } = await mountStrict(defaultConfig())
    const inUse = resourcesInUse(root)
    await renderer.unmount()
    const gone = disposed()
    const leaked = [...inUse].filter((r) => !gone.has(r)).map(describeResource)
    expect(leaked, 'resources never disposed').toEqual([])
  })
})
