/**
 * Mounting the app's real scene root, <SceneRoot interactive={false} />, with
 * @react-three/test-renderer (mock WebGL context, node environment), and reading what it draws.
 *
 * `interactive={false}` leaves out what needs a DOM (pointer picking, drei's CameraControls,
 * which listens on the canvas element). In their place, `orbit` is a real camera-controls
 * instance without a DOM element, registered as the R3F default controls the way drei's
 * `makeDefault` does: the scene reads the orbit target from it (rack detail by distance).
 */
import { CameraControlsImpl } from '@react-three/drei'
import { type RootState, useThree } from '@react-three/fiber'
import ReactThreeTestRenderer from '@react-three/test-renderer'
import { useLayoutEffect } from 'react'
import type { InstancedMesh, Object3D, PerspectiveCamera } from 'three'
import * as THREE from 'three'
import { expect } from 'vitest'
import type { StoreApi } from 'zustand/vanilla'
import type { LayoutConfig } from '../../src/config/schema'
import type { Layout } from '../../src/domain/layout/buildLayout'
import type { RackKind } from '../../src/gpu/rackBuckets'
import { SceneRoot } from '../../src/scene/SceneRoot'
import { StoreProvider } from '../../src/state/context'
import { type AppState, createAppStore } from '../../src/state/store'
import { createTimelineClock } from '../../src/state/timelineClock'
import { defaultConfig } from '../fixtures'

// camera-controls takes its three.js classes from install(); it measures its element with
// DOMRect, which node lacks (only constructed here: without an element nothing is measured).
CameraControlsImpl.install({ THREE })
;(globalThis as { DOMRect?: unknown }).DOMRect ??= class {
  constructor(
    public x = 0,
    public y = 0,
    public width = 0,
    public height = 0,
  ) {}
}

export const KINDS: RackKind[] = ['hgx', 'nvl']

/** A mounted scene. */
export interface Mounted {
  store: StoreApi<AppState>
  root: Object3D
  /** The orbit controls the scene reads its target from. */
  orbit: CameraControlsImpl
  /** The camera's vertical field of view (degrees) and the picture's height (px). */
  view: () => { fovDeg: number; heightPx: number }
  /** Runs `n` frames of the R3F loop (1/60 s each). */
  frames: (n: number) => Promise<void>
  unmount: () => Promise<void>
}

/** Registers `onOrbit`'s controls as the scene's default controls. */
function Orbit({ onOrbit }: { onOrbit: (c: CameraControlsImpl, get: () => RootState) => void }) {
  const camera = useThree((s) => s.camera)
  const set = useThree((s) => s.set)
  const get = useThree((s) => s.get)
  useLayoutEffect(() => {
    const controls = new CameraControlsImpl(camera as PerspectiveCamera)
    set({ controls: controls as unknown as THREE.EventDispatcher })
    onOrbit(controls, get)
    return () => {
      set({ controls: null })
      controls.dispose()
    }
  }, [camera, set, get, onOrbit])
  return null
}

let mounted: Mounted[] = []

/**
 * Mounts <SceneRoot interactive={false} /> on `config` with an instant timeline clock (as with
 * prefers-reduced-motion: a phase step settles in one frame). Unmount with `unmountAll`.
 */
export async function mountScene(config: LayoutConfig = defaultConfig()): Promise<Mounted> {
  const store = createAppStore(config)
  const clock = createTimelineClock(store, true)
  let orbit: CameraControlsImpl | null = null
  let three: (() => RootState) | null = null
  const renderer = await ReactThreeTestRenderer.create(
    <StoreProvider store={store} clock={clock}>
      <SceneRoot interactive={false} />
      <Orbit
        onOrbit={(c, get) => {
          orbit = c
          three = get
        }}
      />
    </StoreProvider>,
  )
  const frames = (n: number) => renderer.advanceFrames(n, 1 / 60)
  // The close-up's code is loaded on demand (React.lazy): let it arrive and mount.
  await ReactThreeTestRenderer.act(async () => {
    await import('../../src/scene/CloseUp')
    await new Promise((r) => setTimeout(r, 0))
  })
  await frames(2)
  if (!orbit || !three) throw new Error('the orbit controls did not mount')
  const m: Mounted = {
    store,
    root: renderer.scene.instance as Object3D,
    orbit,
    view: () => {
      const st = three!()
      return { fovDeg: (st.camera as PerspectiveCamera).fov, heightPx: st.size.height }
    },
    frames,
    unmount: () => renderer.unmount(),
  }
  mounted.push(m)
  return m
}

/** Unmounts every scene `mountScene` mounted (call in afterEach). */
export async function unmountAll(): Promise<void> {
  for (const m of mounted) await m.unmount()
  mounted = []
}

/** Runs a store action the way the UI does, and lets the scene catch up (two frames). */
export async function update(m: Mounted, fn: () => void): Promise<void> {
  await ReactThreeTestRenderer.act(async () => fn())
  await m.frames(2)
}

/** Puts the camera at `position` looking at `target` (no transition) and renders a frame. */
export async function lookAt(
  m: Mounted,
  position: readonly number[],
  target: readonly number[],
): Promise<void> {
  await m.orbit.setLookAt(position[0]!, position[1]!, position[2]!, target[0]!, target[1]!, target[2]!, false)
  m.orbit.update(0)
  await m.frames(1)
}

/** Every object named `name` under `root`. */
export function named(root: Object3D, name: string): Object3D[] {
  const out: Object3D[] = []
  root.traverse((o) => {
    if (o.name === name) out.push(o)
  })
  return out
}

/** The one InstancedMesh named `name`, or undefined when the scene has none. */
export function instanced(root: Object3D, name: string): InstancedMesh | undefined {
  const found = named(root, name)
  expect(found.length, `objects named ${name}`).toBeLessThanOrEqual(1)
  const o = found[0]
  if (!o) return undefined
  expect((o as InstancedMesh).isInstancedMesh, `${name} is an InstancedMesh`).toBe(true)
  return o as InstancedMesh
}

/** The one InstancedMesh named `name`; throws when there is none. */
export function mustInstanced(root: Object3D, name: string): InstancedMesh {
  const m = instanced(root, name)
  if (!m) throw new Error(`no InstancedMesh named ${name}`)
  return m
}

/** Whether `o` and all its ancestors are visible. */
export function shown(o: Object3D): boolean {
  for (let p: Object3D | null = o; p; p = p.parent) if (!p.visible) return false
  return true
}

/** Instances the mesh draws (0 when it is absent or hidden, itself or through a parent). */
export const drawn = (m: InstancedMesh | undefined): number => (m && shown(m) ? m.count : 0)

/** Objects that would each cost a draw call (meshes, lines, points, sprites), visible and non-empty. */
export function drawables(root: Object3D): Object3D[] {
  const out: Object3D[] = []
  root.traverse((o) => {
    const d = o as Object3D & { isMesh?: boolean; isLine?: boolean; isPoints?: boolean; isSprite?: boolean }
    if (!(d.isMesh || d.isLine || d.isPoints || d.isSprite) || !shown(o)) return
    if ((o as InstancedMesh).isInstancedMesh && (o as InstancedMesh).count === 0) return
    out.push(o)
  })
  return out
}

// ---------------------------------------------------------------------------------------------
// Expected values, computed from the layout's tables (not from the scene's helpers)

export const kindOf = (layout: Layout, i: number): RackKind =>
  layout.config.generations[layout.racks.generation[i]!]!.rackKind

/** Rack-table indices of every rack of `kind`, in table (build) order. */
export function racksOfKind(layout: Layout, kind: RackKind): number[] {
  const out: number[] = []
  for (let i = 0; i < layout.racks.count; i++) if (kindOf(layout, i) === kind) out.push(i)
  return out
}

/** Racks of `kind` standing at phase `p`: added by a phase ≤ p. */
export function racksStanding(layout: Layout, kind: RackKind, p: number): number {
  let n = 0
  for (let i = 0; i < layout.racks.count; i++)
    if (layout.racks.phase[i]! <= p && kindOf(layout, i) === kind) n++
  return n
}
