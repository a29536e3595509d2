/**
 * The far level of detail: beyond ROW_LOD_DISTANCE_M from the orbit target (the campus view)
 * racks are drawn as rows, one box per stretch of racks along a hall row with the array gaps
 * cut out by its shader (src/gpu/rackRowMaterial.ts). The app's scene root is mounted
 * (./harness); what is drawn is checked against the layout's rack table, and the shader's
 * per-fragment arithmetic is replayed here on the instance data it reads.
 */
import { type InstancedMesh, Matrix4, Vector3 } from 'three'
import { afterEach, describe, expect, it } from 'vitest'
import type { LayoutConfig } from '../../src/config/schema'
import { presetPose } from '../../src/domain/camera'
import type { ColorMode } from '../../src/domain/color/colorModes'
import { buildLayout, type Layout } from '../../src/domain/layout/buildLayout'
import { validateLayout } from '../../src/domain/layout/validate'
import { metresPerPixel, PLANT_FAR_M_PER_PX, withPlantDetail } from '../../src/gpu/plantMeshes'
import type { RackKind } from '../../src/gpu/rackBuckets'
import { ROW_LOD_DISTANCE_M, RUN_LOD_DISTANCE_M } from '../../src/gpu/rackMeshes'
import { defaultConfig, defaultLayout } from '../fixtures'
import {
  drawn,
  instanced,
  KINDS,
  lookAt,
  type Mounted,
  mountScene,
  mustInstanced,
  racksOfKind,
  racksStanding,
  shown,
  unmountAll,
  update,
} from './harness'

afterEach(unmountAll)

const layout = defaultLayout()
const LAST = layout.phases.length - 1

/** Camera `distanceM` from the centre of the first hall, looking down at it from 45°. */
async function orbitAt(m: Mounted, distanceM: number): Promise<void> {
  const t = layout.halls[0]!.transform
  const d = distanceM / Math.SQRT2
  await lookAt(m, [t.x, d, t.z + d], [t.x, 0, t.z])
}

type Level = 'racks' | 'runs' | 'rows'
const MESH: Record<Level, (kind: RackKind) => string> = {
  racks: (kind) => `racks-${kind}`,
  runs: (kind) => `rack-runs-${kind}`,
  rows: (kind) => `rack-rows-${kind}`,
}

/** Which of the three levels shows for `kind`; fails unless exactly one does. */
function levelShown(m: Mounted, kind: RackKind): Level {
  const on = (Object.keys(MESH) as Level[]).filter((l) => shown(mustInstanced(m.root, MESH[l](kind))))
  expect(on, `levels shown for ${kind}`).toHaveLength(1)
  return on[0]!
}

/**
 * The shader's rack lookup (rackRowMaterial FRAGMENT_MAIN) for a point `xM` metres from the
 * box's −x end: the rack index along the row, or -1 in an array gap.
 */
function rackAt(spec: number[], xM: number, boxLengthM: number): number {
  const [startSlot, perArray, gapW, lengthW] = spec as [number, number, number, number]
  const rowPos = (xM / boxLengthM) * lengthW + startSlot
  const period = perArray + gapW
  const array = Math.floor(rowPos / period)
  const within = rowPos - array * period
  if (within > perArray) return -1
  return array * perArray + Math.floor(within) - startSlot
}

/**
 * Checks that the drawn rows of `kind` cover exactly the racks of `kind` standing at phase `p`:
 * walking the rows in order, row k covers the next aRowBuild.x racks in build order; each rack's
 * centre lies in the box, and the shader's lookup at that centre names that rack (not a gap,
 * not a neighbour); the box reaches from the first rack's outer edge to the last's; and the
 * points midway between arrays are gaps. Returns the racks covered.
 */
function expectRowsCover(layout: Layout, rows: InstancedMesh, kind: RackKind, p: number): number {
  const racks = racksOfKind(layout, kind)
  const spec = rows.geometry.getAttribute('aRowSpec')
  const build = rows.geometry.getAttribute('aRowBuild')
  rows.geometry.computeBoundingBox()
  const bb = rows.geometry.boundingBox!
  const matrix = new Matrix4()
  const inverse = new Matrix4()
  const scale = new Vector3()
  const local = new Vector3()
  let next = 0
  for (let k = 0; k < drawn(rows); k++) {
    const n = build.getX(k)
    const s = [spec.getX(k), spec.getY(k), spec.getZ(k), spec.getW(k)]
    rows.getMatrixAt(k, matrix)
    scale.setFromMatrixScale(matrix)
    inverse.copy(matrix).invert()
    const lengthM = (bb.max.x - bb.min.x) * scale.x
    const first = racks[next]!
    const rack = layout.halls[layout.racks.hall[first]!]!.grid.rack
    const last = racks[next + n - 1]
    if (last === undefined) throw new Error(`row ${k} of ${kind} covers more racks than the kind has`)
    const arrays = layout.racks.array[last]! - layout.racks.array[first]!
    const gapM = layout.halls[layout.racks.hall[first]!]!.grid.arrayGapM
    expect(lengthM, `length of row ${k} of ${kind}`).toBeCloseTo(n * rack.widthM + arrays * gapM, 3)
    for (let j = 0; j < n; j++) {
      const i = racks[next + j]!
      if (layout.racks.phase[i]! > p)
        throw new Error(`phase ${p}: row ${k} of ${kind} draws rack ${i} of phase ${layout.racks.phase[i]}`)
      local.set(layout.racks.x[i]!, rack.heightM / 2, layout.racks.z[i]!).applyMatrix4(inverse)
      if (!bb.clone().expandByScalar(1e-3).containsPoint(local))
        throw new Error(`phase ${p}: rack ${i} lies outside row ${k} of ${kind}`)
      const xM = (local.x - bb.min.x) * scale.x
      const at = rackAt(s, xM, lengthM)
      if (at !== j) throw new Error(`row ${k} of ${kind}: the shader finds rack ${at} where rack ${j} stands`)
      // The middle of the gap after this rack's array, when the row goes on past it.
      const nextRack = racks[next + j + 1]
      if (j < n - 1 && layout.racks.array[nextRack!] !== layout.racks.array[i]) {
        const gapMid = xM + rack.widthM / 2 + gapM / 2
        expect(rackAt(s, gapMid, lengthM), `gap after rack ${j} of row ${k}`).toBe(-1)
      }
    }
    next += n
  }
  expect(next, `racks of ${kind} covered by rows at phase ${p}`).toBe(racksStanding(layout, kind, p))
  return next
}

describe('the far level of detail: rows', () => {
  it('shows racks, runs or rows by distance from the orbit target, one level at a time', async () => {
    const m = await mountScene()
    const cases: [number, Level][] = [
      [50, 'racks'],
      [RUN_LOD_DISTANCE_M + 1, 'runs'],
      [ROW_LOD_DISTANCE_M - 1, 'runs'],
      [ROW_LOD_DISTANCE_M + 1, 'rows'],
      [3000, 'rows'],
      [ROW_LOD_DISTANCE_M - 1, 'runs'],
      [RUN_LOD_DISTANCE_M - 1, 'racks'],
    ]
    for (const [distanceM, want] of cases)
      for (const kind of KINDS) {
        await orbitAt(m, distanceM)
        expect(levelShown(m, kind), `${kind} at ${distanceM} m`).toBe(want)
      }
  })

  it('draws the campus preset as rows at every aspect', async () => {
    const m = await mountScene()
    for (const aspect of [16 / 9, 4 / 3, 1, 9 / 16]) {
      const pose = presetPose(layout, 'campus', aspect, -1, LAST)!
      const distance = new Vector3(...pose.position).distanceTo(new Vector3(...pose.target))
      expect(distance, `campus distance at aspect ${aspect.toFixed(2)}`).toBeGreaterThan(ROW_LOD_DISTANCE_M)
      await lookAt(m, pose.position, pose.target)
      for (const kind of KINDS)
        expect(levelShown(m, kind), `${kind} at aspect ${aspect.toFixed(2)}`).toBe('rows')
    }
  })

  /** The default layout, and one whose second phase finishes the row the first leaves half full. */
  const sharedRow = defaultConfig()
  sharedRow.phases[1]!.adds[0]!.halls.unshift('C1-H4')
  const configs: [string, LayoutConfig][] = [
    ['the default layout', defaultConfig()],
    ['a row shared by two phases', sharedRow],
  ]

  it.each(configs)(
    'draws, at every phase, rows covering exactly the racks standing (%s)',
    async (_, config) => {
      const layout = buildLayout(config)
      expect(validateLayout(config), 'the layout is valid').toMatchObject({ ok: true })
      const m = await mountScene(config)
      await orbitAt(m, 1500)
      const order = [...layout.phases.keys(), ...[...layout.phases.keys()].reverse()]
      for (const p of order) {
        await update(m, () => m.store.getState().setPhase(p))
        let covered = 0
        for (const kind of KINDS) {
          const rows = mustInstanced(m.root, `rack-rows-${kind}`)
          expect(rows.count).toBeLessThanOrEqual(rows.instanceMatrix.count)
          covered += expectRowsCover(layout, rows, kind, p)
        }
        expect(covered, `racks covered at phase ${p}`).toBe(layout.phases[p]!.racks)
      }
    },
  )

  it('draws a seventh as many boxes as runs at the last phase', async () => {
    const m = await mountScene()
    await orbitAt(m, 1500)
    let rows = 0
    let runs = 0
    for (const kind of KINDS) {
      rows += drawn(mustInstanced(m.root, `rack-rows-${kind}`))
      runs += mustInstanced(m.root, `rack-runs-${kind}`).count
    }
    expect(rows).toBeGreaterThan(0)
    expect(rows * 6).toBeLessThan(runs)
  })

  it('gives each rack of a row its own build key: the first rack’s plus one step per rack', async () => {
    const m = await mountScene()
    await orbitAt(m, 1500)
    for (const kind of KINDS) {
      const racks = mustInstanced(m.root, `racks-${kind}`)
      const rackKeys = racks.geometry.getAttribute('aBuild')
      const rows = mustInstanced(m.root, `rack-rows-${kind}`)
      const keys = rows.geometry.getAttribute('aBuild')
      const build = rows.geometry.getAttribute('aRowBuild')
      let next = 0
      for (let k = 0; k < rows.count; k++) {
        const n = build.getX(k)
        for (let j = 0; j < n; j++) {
          const shaderKey = keys.getX(k) + j * build.getY(k)
          if (Math.abs(shaderKey - rackKeys.getX(next + j)) > 1e-5)
            throw new Error(
              `row ${k} of ${kind}: rack ${j} rises at ${shaderKey}, its rack at ${rackKeys.getX(next + j)}`,
            )
        }
        next += n
      }
      expect(next).toBe(racks.count)
    }
  })

  it('colours each row as its racks in every colour mode', async () => {
    const m = await mountScene()
    await orbitAt(m, 1500)
    for (const mode of ['power', 'phase', 'generation'] as ColorMode[]) {
      await update(m, () => m.store.getState().setColorMode(mode))
      for (const kind of KINDS) {
        const racks = mustInstanced(m.root, `racks-${kind}`)
        const rows = mustInstanced(m.root, `rack-rows-${kind}`)
        const rackColours = racks.instanceColor!.array as Float32Array
        const rowColours = rows.instanceColor!.array as Float32Array
        const build = rows.geometry.getAttribute('aRowBuild')
        let next = 0
        for (let k = 0; k < rows.count; k++) {
          for (let j = next; j < next + build.getX(k); j++)
            for (let c = 0; c < 3; c++)
              if (Math.abs(rowColours[k * 3 + c]! - rackColours[j * 3 + c]!) > 1e-6)
                throw new Error(`${mode}: row ${k} of ${kind} is not coloured as its rack ${j}`)
          next += build.getX(k)
        }
        expect(next).toBe(racks.count)
      }
    }
  })
})

describe('plant from afar', () => {
  /** The orbit distance at which a pixel spans `mPerPx` metres in the mounted scene. */
  const distanceFor = (m: Mounted, mPerPx: number): number => {
    const { fovDeg, heightPx } = m.view()
    const one = metresPerPixel(1, fovDeg, heightPx)
    return mPerPx / one
  }
  /** Triangles `name` draws (instances × triangles of its geometry), 0 when hidden. */
  const triangles = (m: Mounted, name: string): number => {
    const mesh = instanced(m.root, name)
    if (!mesh || !shown(mesh)) return 0
    const g = mesh.geometry
    return (mesh.count * (g.index ? g.index.count : g.getAttribute('position').count)) / 3
  }
  const KINDS_FAR = ['turbine', 'battery', 'chiller'] as const
  const plantTriangles = (m: Mounted) =>
    ['substation', ...KINDS_FAR].reduce(
      (sum, k) => sum + triangles(m, `plant-${k}`) + triangles(m, `plant-far-${k}`),
      0,
    )

  it('the draft tier draws plant simplified where a pixel spans over PLANT_FAR_M_PER_PX, in full detail nearer', async () => {
    const m = await mountScene()
    await update(m, () => m.store.getState().setPhase(LAST))
    expect(m.store.getState().quality).toBe('draft')
    await orbitAt(m, distanceFor(m, PLANT_FAR_M_PER_PX * 0.9))
    const near = plantTriangles(m)
    for (const k of KINDS_FAR) {
      expect(drawn(instanced(m.root, `plant-${k}`)), `${k} units near`).toBeGreaterThan(0)
      expect(drawn(instanced(m.root, `plant-far-${k}`)), `${k} far level near`).toBe(0)
    }
    await orbitAt(m, distanceFor(m, PLANT_FAR_M_PER_PX * 1.1))
    await m.frames(1)
    for (const k of KINDS_FAR) {
      expect(drawn(instanced(m.root, `plant-${k}`)), `${k} units far`).toBe(0)
      expect(drawn(instanced(m.root, `plant-far-${k}`)), `${k} far level far`).toBeGreaterThan(0)
    }
    // Substations keep their detail; the point of it all: far fewer triangles.
    expect(drawn(instanced(m.root, 'plant-substation'))).toBeGreaterThan(0)
    expect(plantTriangles(m)).toBeLessThan(near / 3)
    // A still has its own, finer pixels: it draws every unit, and the screen goes back after.
    await withPlantDetail(async () => {
      for (const k of KINDS_FAR) {
        expect(drawn(instanced(m.root, `plant-${k}`)), `${k} units in a still`).toBeGreaterThan(0)
        expect(drawn(instanced(m.root, `plant-far-${k}`)), `${k} far level in a still`).toBe(0)
      }
      expect(plantTriangles(m)).toBe(near)
    })
    for (const k of KINDS_FAR)
      expect(drawn(instanced(m.root, `plant-far-${k}`)), `${k} after`).toBeGreaterThan(0)
  })

  it('the high tier keeps every unit at every distance (stills and GPUs)', async () => {
    const m = await mountScene()
    await update(m, () => {
      m.store.getState().setPhase(LAST)
      m.store.getState().setQuality('high')
    })
    await orbitAt(m, distanceFor(m, PLANT_FAR_M_PER_PX * 3))
    await m.frames(1)
    for (const k of KINDS_FAR) {
      expect(drawn(instanced(m.root, `plant-${k}`)), `${k} units`).toBeGreaterThan(0)
      expect(drawn(instanced(m.root, `plant-far-${k}`)), `${k} far level`).toBe(0)
    }
  })
})
