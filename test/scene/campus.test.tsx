/**
 * What far views draw: beyond RUN_LOD_DISTANCE_M from the orbit target, racks are drawn as runs
 * (one box per stretch of touching racks, see src/gpu/rackBuckets.ts) instead of one instance
 * per rack; beyond ROW_LOD_DISTANCE_M (the campus view) as rows (./farlod.test.tsx). The app's scene root is mounted (./harness) and the camera placed through
 * real orbit controls; what is drawn is checked against the layout's rack table.
 */
import { Box3, type InstancedMesh, Matrix4, type Mesh, Vector3 } from 'three'
import { afterEach, describe, expect, it } from 'vitest'
import { presetPose } from '../../src/domain/camera'
import type { ColorMode } from '../../src/domain/color/colorModes'
import type { Layout } from '../../src/domain/layout/buildLayout'
import type { RackKind } from '../../src/gpu/rackBuckets'
import { ROW_LOD_DISTANCE_M, RUN_LOD_DISTANCE_M } from '../../src/gpu/rackMeshes'
import { defaultConfig, defaultLayout } from '../fixtures'
import {
  drawables,
  drawn,
  KINDS,
  lookAt,
  type Mounted,
  mountScene,
  mustInstanced,
  named,
  racksOfKind,
  racksStanding,
  shown,
  unmountAll,
  update,
} from './harness'

afterEach(unmountAll)

const layout = defaultLayout()
const LAST = layout.phases.length - 1

/** The campus camera preset for a 16:9 view, as the app frames it on opening. */
const campusPose = () => presetPose(layout, 'campus', 16 / 9, -1, LAST)!

/**
 * The campus preset's direction and target, from halfway between the run and row distances:
 * every rack drawn as part of a run (the campus view itself draws rows).
 */
function runsPose(): { position: number[]; target: number[] } {
  const { position, target } = campusPose()
  const d = new Vector3(...position).sub(new Vector3(...target))
  d.setLength((RUN_LOD_DISTANCE_M + ROW_LOD_DISTANCE_M) / 2)
  return { position: [target[0] + d.x, target[1] + d.y, target[2] + d.z], target }
}

/** Camera `distanceM` from the centre of the first hall, looking down at it from 45°. */
async function orbitAt(m: Mounted, distanceM: number): Promise<void> {
  const t = layout.halls[0]!.transform
  const d = distanceM / Math.SQRT2
  await lookAt(m, [t.x, d, t.z + d], [t.x, 0, t.z])
}

/**
 * Checks that the drawn runs of `kind` cover exactly the racks of `kind` standing at phase `p`,
 * each once: walking the runs in order, run k covers the next `aRepeat[k]` racks of the kind in
 * build order; each of those racks' centres lies inside the run's box, and the box is as long
 * as its racks side by side (so it reaches no rack of another run). Returns the racks covered.
 */
function expectRunsCover(layout: Layout, runs: InstancedMesh, kind: RackKind, p: number): number {
  const racks = racksOfKind(layout, kind)
  const repeat = runs.geometry.getAttribute('aRepeat')
  runs.geometry.computeBoundingBox()
  const box = runs.geometry.boundingBox!.clone().expandByScalar(1e-3)
  const size = runs.geometry.boundingBox!.getSize(new Vector3())
  const inverse = new Matrix4()
  const scale = new Vector3()
  const centre = new Vector3()
  let next = 0
  for (let k = 0; k < drawn(runs); k++) {
    const n = repeat.getX(k)
    expect(n, `run ${k} of ${kind}: racks in it`).toBeGreaterThanOrEqual(1)
    runs.getMatrixAt(k, inverse)
    scale.setFromMatrixScale(inverse)
    inverse.invert()
    for (let j = next; j < next + n; j++) {
      const i = racks[j]
      if (i === undefined) throw new Error(`run ${k} of ${kind} covers more racks than the kind has`)
      const rack = layout.halls[layout.racks.hall[i]!]!.grid.rack
      if (layout.racks.phase[i]! > p)
        throw new Error(`phase ${p}: run ${k} of ${kind} draws rack ${i} of phase ${layout.racks.phase[i]}`)
      centre.set(layout.racks.x[i]!, rack.heightM / 2, layout.racks.z[i]!).applyMatrix4(inverse)
      if (!box.containsPoint(centre))
        throw new Error(`phase ${p}: rack ${i} lies outside run ${k} of ${kind} that should cover it`)
      if (j === next)
        expect(size.x * scale.x, `length of run ${k} of ${kind}`).toBeCloseTo(n * rack.widthM, 3)
    }
    next += n
  }
  expect(next, `racks of ${kind} covered by runs at phase ${p}`).toBe(racksStanding(layout, kind, p))
  return next
}

describe('far views', () => {
  it(`stands beyond ${RUN_LOD_DISTANCE_M} m from its target and draws every rack as part of a run`, async () => {
    const m = await mountScene()
    const pose = runsPose()
    const distance = new Vector3(...pose.position).distanceTo(new Vector3(...pose.target))
    expect(distance).toBeGreaterThan(RUN_LOD_DISTANCE_M)
    await lookAt(m, pose.position, pose.target)
    let covered = 0
    let runsDrawn = 0
    for (const kind of KINDS) {
      const racks = mustInstanced(m.root, `racks-${kind}`)
      const runs = mustInstanced(m.root, `rack-runs-${kind}`)
      expect(shown(racks), `racks-${kind} drawn one by one from ${distance.toFixed(0)} m`).toBe(false)
      expect(shown(runs), `rack-runs-${kind} drawn from ${distance.toFixed(0)} m`).toBe(true)
      covered += expectRunsCover(layout, runs, kind, LAST)
      runsDrawn += drawn(runs)
    }
    expect(covered).toBe(layout.racks.count)
    // The point of runs: far fewer instances than racks (the default layout's rows are long).
    expect(runsDrawn).toBeLessThan(layout.racks.count / 4)
  })

  it('draws, at every phase, runs covering exactly the racks standing, forwards and back', async () => {
    const m = await mountScene()
    const pose = runsPose()
    await lookAt(m, pose.position, pose.target)
    const order = [...layout.phases.keys(), ...[...layout.phases.keys()].reverse()]
    for (const p of order) {
      await update(m, () => m.store.getState().setPhase(p))
      let covered = 0
      for (const kind of KINDS) {
        const runs = mustInstanced(m.root, `rack-runs-${kind}`)
        expect(drawn(mustInstanced(m.root, `racks-${kind}`)), `racks-${kind} at phase ${p}`).toBe(0)
        expect(runs.count).toBeLessThanOrEqual(runs.instanceMatrix.count)
        covered += expectRunsCover(layout, runs, kind, p)
      }
      expect(covered, `racks covered at phase ${p}`).toBe(layout.phases[p]!.racks)
    }
  })

  it('costs fewer than 25 draw calls for the whole campus, ground included', async () => {
    const m = await mountScene()
    const pose = campusPose()
    await lookAt(m, pose.position, pose.target)
    const names = drawables(m.root).map((o) => o.name)
    expect(names.length, names.join(', ')).toBeLessThan(25)
    for (const kind of KINDS) {
      expect(names.filter((n) => n === `rack-rows-${kind}`)).toHaveLength(1)
      expect(names).not.toContain(`racks-${kind}`)
      expect(names).not.toContain(`rack-runs-${kind}`)
    }
    expect(names).toContain('hall-floors')
  })

  it('colours each run as its racks in every colour mode', async () => {
    const m = await mountScene()
    const pose = runsPose()
    await lookAt(m, pose.position, pose.target)
    for (const mode of ['power', 'phase', 'generation'] as ColorMode[]) {
      await update(m, () => m.store.getState().setColorMode(mode))
      for (const kind of KINDS) {
        const racks = mustInstanced(m.root, `racks-${kind}`)
        const runs = mustInstanced(m.root, `rack-runs-${kind}`)
        const rackColours = racks.instanceColor!.array as Float32Array
        const runColours = runs.instanceColor!.array as Float32Array
        const repeat = runs.geometry.getAttribute('aRepeat')
        let next = 0
        for (let k = 0; k < runs.count; k++) {
          for (let j = next; j < next + repeat.getX(k); j++)
            for (let c = 0; c < 3; c++)
              if (Math.abs(runColours[k * 3 + c]! - rackColours[j * 3 + c]!) > 1e-6)
                throw new Error(`${mode}: run ${k} of ${kind} is not coloured as its rack ${j}`)
          next += repeat.getX(k)
        }
        expect(next).toBe(racks.count)
      }
    }
  })
})

describe('rack detail by distance from the orbit target', () => {
  const cases: [number, 'racks' | 'runs'][] = [
    [50, 'racks'],
    [RUN_LOD_DISTANCE_M - 1, 'racks'],
    [RUN_LOD_DISTANCE_M + 1, 'runs'],
    [ROW_LOD_DISTANCE_M - 1, 'runs'],
    [RUN_LOD_DISTANCE_M - 1, 'racks'],
  ]

  it(`switches from racks to runs at ${RUN_LOD_DISTANCE_M} m, and back`, async () => {
    const m = await mountScene()
    for (const [distanceM, want] of cases) {
      await orbitAt(m, distanceM)
      for (const kind of KINDS) {
        const racks = mustInstanced(m.root, `racks-${kind}`)
        const runs = mustInstanced(m.root, `rack-runs-${kind}`)
        const what = `${kind} at ${distanceM} m`
        expect(shown(racks), `racks ${what}`).toBe(want === 'racks')
        expect(shown(runs), `runs ${what}`).toBe(want === 'runs')
        // Whichever is drawn, it is the full last phase.
        if (want === 'racks') expect(drawn(racks), what).toBe(racksStanding(layout, kind, LAST))
        else expect(drawn(runs), what).toBe(runs.count)
      }
    }
  })

  it('measures the distance to the orbit target, not to the campus', async () => {
    const m = await mountScene()
    // Near the ground, 100 m from a target 2 km away from the campus: racks, not runs.
    const far = new Box3()
    for (const h of layout.halls) far.expandByPoint(new Vector3(h.transform.x, 0, h.transform.z))
    const target = [far.max.x + 2000, 0, far.max.z + 2000]
    await lookAt(m, [target[0]!, 70, target[2]! + 70], target)
    for (const kind of KINDS) {
      expect(shown(mustInstanced(m.root, `racks-${kind}`)), kind).toBe(true)
      expect(shown(mustInstanced(m.root, `rack-runs-${kind}`)), kind).toBe(false)
    }
  })

  it('keeps the choice when the layout changes (new meshes, same distance)', async () => {
    const m = await mountScene()
    await orbitAt(m, ROW_LOD_DISTANCE_M - 100)
    await update(m, () => m.store.getState().setLayoutConfig(defaultConfig(), 'again'))
    for (const kind of KINDS) {
      expect(shown(mustInstanced(m.root, `racks-${kind}`)), kind).toBe(false)
      expect(shown(mustInstanced(m.root, `rack-runs-${kind}`)), kind).toBe(true)
    }
  })
})

describe('yards under the plant', () => {
  it('a yard shows with the phase that builds its plant, not before', async () => {
    const m = await mountScene()
    const yards = named(m.root, 'dressing-yards')[0] as Mesh
    expect(yards, 'the dressing has a yards mesh').toBeDefined()
    const perYard = yards.geometry.getAttribute('position').count / layout.infrastructure.length
    for (const p of [0, layout.phases.length - 1]) {
      await update(m, () => m.store.getState().setPhase(p))
      const standing = layout.infrastructure.filter((inf) => inf.phase <= p).length
      const drawnYards = Math.min(
        yards.geometry.drawRange.count,
        yards.geometry.getAttribute('position').count,
      )
      expect(drawnYards / perYard, `yards drawn at phase ${p}`).toBe(standing)
    }
    expect(
      layout.infrastructure.some((inf) => inf.phase > 0),
      'plant added after the first phase',
    ).toBe(true)
  })
})
