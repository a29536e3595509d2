/**
 * The close-up level of detail (src/scene/CloseUp.tsx) in the app's real scene root: nothing
 * drawn from the campus view; at the rack preset, real rack geometry for exactly the racks
 * standing near the orbit target, split by kind, placed on them, coloured by the colour mode,
 * and the interior of the hall around it. Expected sets come from a scan of the rack table here.
 */
import { Color, type InstancedMesh, Matrix4, SRGBColorSpace, Vector3 } from 'three'
import { afterEach, describe, expect, it } from 'vitest'
import { presetPose } from '../../src/domain/camera'
import { CLOSEUP_MAX_RACKS, CLOSEUP_RADIUS_M } from '../../src/domain/closeup'
import { type ColorMode, rackColor } from '../../src/domain/color/colorModes'
import { defaultLayout } from '../fixtures'
import {
  drawables,
  drawn,
  instanced,
  KINDS,
  kindOf,
  type Mounted,
  mountScene,
  mustInstanced,
  named,
  racksOfKind,
  shown,
  unmountAll,
  update,
} from './harness'

afterEach(unmountAll)

const layout = defaultLayout()
const r = layout.racks
const LAST = layout.phases.length - 1
const PARTS = ['body', 'lights', 'door'] as const

async function lookAt(m: Mounted, position: readonly number[], target: readonly number[]): Promise<void> {
  await m.orbit.setLookAt(position[0]!, position[1]!, position[2]!, target[0]!, target[1]!, target[2]!, false)
  m.orbit.update(0)
  await m.frames(2)
}

const pose = (id: string, selected = -1, phase = LAST) => presetPose(layout, id, 16 / 9, selected, phase)!

/** Racks standing at phase p within the close-up radius of (x, z), nearest CLOSEUP_MAX_RACKS, by a scan. */
function expectedNear(x: number, z: number, p: number): number[] {
  const all: number[] = []
  for (let i = 0; i < r.phaseEnd[p]!; i++)
    if (Math.hypot(r.x[i]! - x, r.z[i]! - z) <= CLOSEUP_RADIUS_M) all.push(i)
  const d = (i: number) => Math.hypot(r.x[i]! - x, r.z[i]! - z)
  return all
    .sort((a, b) => d(a) - d(b) || a - b)
    .slice(0, CLOSEUP_MAX_RACKS)
    .sort((a, b) => a - b)
}

/** Rack-table index of each drawn instance of a close-up mesh, found from its instance matrix. */
function racksDrawn(mesh: InstancedMesh, candidates: number[]): number[] {
  const m = new Matrix4()
  const p = new Vector3()
  const out: number[] = []
  for (let k = 0; k < drawn(mesh); k++) {
    mesh.getMatrixAt(k, m)
    p.setFromMatrixPosition(m)
    const i = candidates.find((c) => Math.abs(r.x[c]! - p.x) < 1e-3 && Math.abs(r.z[c]! - p.z) < 1e-3)
    if (i === undefined)
      throw new Error(`${mesh.name} instance ${k} stands on no expected rack (${p.x}, ${p.z})`)
    out.push(i)
  }
  return out
}

const closeUpNames = (m: Mounted) =>
  drawables(m.root)
    .map((o) => o.name)
    .filter((n) => n.startsWith('closeup-'))

describe('the close-up', () => {
  it('draws nothing in the campus view: no instance, no draw call', async () => {
    const m = await mountScene()
    const campus = pose('campus')
    // The campus preset, and the same distance with the target on a rack (the near set is not
    // empty there, the camera is just too far).
    const d = new Vector3(...campus.position).distanceTo(new Vector3(...campus.target))
    const views = [campus, { position: [r.x[0]!, d * 0.7, r.z[0]! + d * 0.7], target: [r.x[0]!, 0, r.z[0]!] }]
    for (const view of views) {
      await lookAt(m, view.position, view.target)
      expect(closeUpNames(m)).toEqual([])
      for (const kind of KINDS)
        for (const part of PARTS)
          expect(drawn(instanced(m.root, `closeup-${kind}-${part}`)), `${kind} ${part}`).toBe(0)
      for (const part of ['body', 'glass', 'floor'])
        expect(shown(named(m.root, `closeup-hall-${part}`)[0]!), `hall ${part}`).toBe(false)
    }
    // Close to that rack, the detail is drawn: what the campus view leaves out is there.
    await lookAt(m, [r.x[0]!, 2, r.z[0]! + 3], [r.x[0]!, 1, r.z[0]!])
    expect(closeUpNames(m).length).toBeGreaterThan(3)
  })

  it('draws the racks standing near the target at the rack preset, each kind by its own meshes', async () => {
    const m = await mountScene()
    // One rack of each kind in turn: the rack preset centres on the selected rack.
    for (const kind of KINDS) {
      const focus = [...r.x.keys()].find((i) => kindOf(layout, i) === kind)!
      await update(m, () => m.store.getState().setSelected(focus))
      const rack = pose('rack', focus)
      await lookAt(m, rack.position, rack.target)
      const expected = expectedNear(rack.target[0], rack.target[2], LAST)
      expect(expected.length).toBeGreaterThan(20)
      let total = 0
      for (const k of KINDS) {
        const ofKind = expected.filter((i) => kindOf(layout, i) === k)
        for (const part of PARTS) {
          const mesh = mustInstanced(m.root, `closeup-${k}-${part}`)
          expect(drawn(mesh), `${k} ${part} near a ${kind} rack`).toBe(ofKind.length)
          expect(racksDrawn(mesh, ofKind).sort((a, b) => a - b)).toEqual(ofKind)
        }
        total += ofKind.length
      }
      expect(total).toBe(expected.length)
      expect(drawn(mustInstanced(m.root, `closeup-${kind}-body`))).toBeGreaterThan(0)
      // Each detailed rack rises with its rack box: the same build key as its instance there.
      for (const k of KINDS) {
        const boxes = mustInstanced(m.root, `racks-${k}`)
        const boxKeys = boxes.geometry.getAttribute('aBuild')
        const order = racksOfKind(layout, k)
        for (const part of PARTS) {
          const mesh = mustInstanced(m.root, `closeup-${k}-${part}`)
          const keys = mesh.geometry.getAttribute('aBuild')
          racksDrawn(mesh, expected).forEach((i, j) => {
            expect(keys.getX(j), `${k} ${part}: build key of rack ${i}`).toBe(boxKeys.getX(order.indexOf(i)))
          })
        }
      }
      // The hall around the rack has its interior.
      expect(shown(named(m.root, 'closeup-hall-floor')[0]!)).toBe(true)
      expect(shown(named(m.root, 'closeup-hall-body')[0]!)).toBe(true)
    }
  })

  it('leaves out racks of later phases, and draws again when the phase comes back', async () => {
    const m = await mountScene()
    // A rack of the last phase: at the first phase nothing stands around it.
    const focus = r.phaseEnd[LAST]! - 1
    await update(m, () => m.store.getState().setSelected(focus))
    const rack = pose('rack', focus)
    await lookAt(m, rack.position, rack.target)
    const count = () => KINDS.reduce((n, k) => n + drawn(instanced(m.root, `closeup-${k}-body`)), 0)
    expect(count()).toBe(expectedNear(rack.target[0], rack.target[2], LAST).length)
    await update(m, () => m.store.getState().setPhase(0))
    expect(count()).toBe(expectedNear(rack.target[0], rack.target[2], 0).length)
    await update(m, () => m.store.getState().setPhase(LAST))
    expect(count()).toBeGreaterThan(0)
  })

  it('colours frame, stripes and lights by the colour mode, as the rack boxes', async () => {
    const m = await mountScene()
    const rack = pose('rack')
    await lookAt(m, rack.position, rack.target)
    const expected = expectedNear(rack.target[0], rack.target[2], LAST)
    const writes = () => KINDS.reduce((n, k) => n + drawn(instanced(m.root, `closeup-${k}-body`)), 0)
    expect(writes()).toBe(expected.length)
    for (const mode of ['power', 'phase', 'generation'] as ColorMode[]) {
      await update(m, () => m.store.getState().setColorMode(mode))
      for (const kind of KINDS)
        for (const part of ['body', 'lights']) {
          const mesh = mustInstanced(m.root, `closeup-${kind}-${part}`)
          const racks = racksDrawn(mesh, expected)
          const colours = mesh.instanceColor!.array as Float32Array
          racks.forEach((i, k) => {
            const c = rackColor(layout, mode, i)
            const want = new Color().setRGB(c[0], c[1], c[2], SRGBColorSpace)
            for (const [ch, v] of [want.r, want.g, want.b].entries())
              expect(colours[k * 3 + ch]!, `${mode}: ${kind} ${part} of rack ${i}`).toBeCloseTo(v, 5)
          })
        }
    }
  })

  it('writes instance data only when the near set changes, not per frame', async () => {
    const m = await mountScene()
    const rack = pose('rack')
    await lookAt(m, rack.position, rack.target)
    const body = mustInstanced(m.root, `closeup-${kindOf(layout, 0)}-body`)
    const version = body.instanceMatrix.version
    await m.frames(5)
    expect(body.instanceMatrix.version).toBe(version)
    // A small move of the target (under the refresh distance) keeps the set; a long one changes it.
    await lookAt(
      m,
      [rack.position[0] + 0.5, rack.position[1], rack.position[2]],
      [rack.target[0] + 0.5, rack.target[1], rack.target[2]],
    )
    expect(body.instanceMatrix.version).toBe(version)
    await lookAt(
      m,
      [rack.position[0] + 8, rack.position[1], rack.position[2]],
      [rack.target[0] + 8, rack.target[1], rack.target[2]],
    )
    expect(body.instanceMatrix.version).toBeGreaterThan(version)
  })
})
