/**
 * Campus context (issue 11): the procedural dressing shows while the store's `dressing` is on
 * and is hidden, every mesh of it, when it is off; and what the context adds to the campus view
 * at the last (1M) phase stays within its budget of draw calls and triangles, counted from the
 * mounted scene (every visible drawable, as the draft tier draws them, before frustum culling).
 */
import type { BufferGeometry, InstancedMesh, Mesh, Object3D } from 'three'
import { afterEach, describe, expect, it } from 'vitest'
import { presetPose } from '../../src/domain/camera'
import { defaultLayout } from '../fixtures'
import { drawables, type Mounted, mountScene, named, shown, unmountAll, update } from './harness'

afterEach(unmountAll)

const layout = defaultLayout()
const LAST = layout.phases.length - 1

/**
 * The campus view at the 1M phase before the context was built (main at 202feeb, counted by
 * `cost` below from the same mounted scene): the reference the budget is measured against.
 */
const BEFORE = { draws: 13, triangles: 33_944 }
/** What the context (dressing, walls, plant shapes) may add to the campus view at draft. */
const BUDGET = { draws: 8, triangles: 8_000 }

const triangles = (g: BufferGeometry): number =>
  (g.index ? g.index.count : g.getAttribute('position').count) / 3

/** Draw calls and triangles of what `root` draws. */
function cost(root: Object3D): { draws: number; triangles: number; names: string[] } {
  const list = drawables(root)
  let tris = 0
  for (const o of list) {
    const m = o as Mesh
    if (!m.isMesh) continue
    tris += triangles(m.geometry) * ((o as InstancedMesh).isInstancedMesh ? (o as InstancedMesh).count : 1)
  }
  return { draws: list.length, triangles: tris, names: list.map((o) => o.name) }
}

async function campusView(m: Mounted): Promise<void> {
  const pose = presetPose(layout, 'campus', 16 / 9, -1, LAST)!
  const [p, t] = [pose.position, pose.target]
  await m.orbit.setLookAt(p[0]!, p[1]!, p[2]!, t[0]!, t[1]!, t[2]!, false)
  m.orbit.update(0)
  await m.frames(1)
}

/** The dressing's drawables: everything under the group named `dressing`. */
const dressingParts = (root: Object3D): Object3D[] => {
  const groups = named(root, 'dressing')
  expect(groups).toHaveLength(1)
  const out: Object3D[] = []
  groups[0]!.traverse((o) => {
    if ((o as Mesh).isMesh || (o as Object3D & { isLine?: boolean }).isLine) out.push(o)
  })
  return out
}

describe('campus context', () => {
  it('shows the dressing while `dressing` is on and hides every mesh of it when off', async () => {
    const m = await mountScene()
    await campusView(m)
    expect(m.store.getState().dressing).toBe(true)
    const parts = dressingParts(m.root)
    const on = cost(m.root)
    for (const name of [
      'dressing-ground',
      'dressing-structures',
      'dressing-conifers',
      'dressing-broadleaves',
      'dressing-lines',
    ])
      expect(on.names, `${name} drawn`).toContain(name)
    await update(m, () => m.store.getState().setDressing(false))
    const off = cost(m.root)
    for (const o of parts) expect(shown(o), `${o.name} hidden`).toBe(false)
    expect(off.names.filter((n) => n.startsWith('dressing'))).toEqual([])
    expect(on.draws - off.draws).toBe(on.names.filter((n) => n.startsWith('dressing')).length)
    await update(m, () => m.store.getState().setDressing(true))
    expect(cost(m.root).names).toEqual(on.names)
  })

  it('adds at most 8 draw calls and 8k triangles to the campus view at the 1M phase', async () => {
    const m = await mountScene()
    await campusView(m)
    expect(m.store.getState().quality).toBe('draft')
    expect(m.store.getState().phaseIndex).toBe(LAST)
    const now = cost(m.root)
    expect(now.draws - BEFORE.draws, now.names.join(', ')).toBeLessThanOrEqual(BUDGET.draws)
    expect(now.triangles - BEFORE.triangles, `${now.triangles} triangles`).toBeLessThanOrEqual(
      BUDGET.triangles,
    )
  })

  it('draws rooftop units only while roofs are solid', async () => {
    const m = await mountScene()
    const [rooftop] = named(m.root, 'dressing-rooftop')
    expect(rooftop).toBeDefined()
    expect(m.store.getState().roofMode).not.toBe('solid')
    expect(shown(rooftop!)).toBe(false)
    await update(m, () => m.store.getState().setRoofMode('solid'))
    expect(shown(rooftop!)).toBe(true)
  })
})
