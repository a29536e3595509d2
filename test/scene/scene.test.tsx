/**
 * Scene tests: the app's scene root mounted with @react-three/test-renderer (see ./harness),
 * driven through the app store, and checked against figures computed here from the layout's
 * rack table and the config. The orbit target is the controls' default, 5 m from the camera:
 * racks are drawn one by one (what is drawn from afar is in ./campus.test.tsx).
 */
import {
  Color,
  type InstancedMesh,
  type LineSegments,
  Matrix4,
  type Mesh,
  type MeshStandardMaterial,
  SRGBColorSpace,
  Vector3,
} from 'three'
import { afterEach, describe, expect, it } from 'vitest'
import type { LayoutConfig } from '../../src/config/schema'
import { unitPlacements } from '../../src/domain/campus'
import { type ColorMode, legendFor, rackColor } from '../../src/domain/color/colorModes'
import { buildLayout, type Layout, type PlacedInfrastructure } from '../../src/domain/layout/buildLayout'
import { uploadCounters } from '../../src/gpu/counters'
import { gpuMarks, paintRackFace } from '../../src/gpu/rackDetail'
import { accepted, defaultConfig as loadDefaultConfig, phasesUpTo } from '../fixtures'
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
  racksStanding,
  shown,
  unmountAll,
  update as updateScene,
} from './harness'

const defaultConfig = loadDefaultConfig()

/**
 * The default layout with two buildings turned (30° and -20°), so racks face directions whose
 * sine is not zero: in the default layout every rack faces along an axis.
 */
function turned(config: LayoutConfig): LayoutConfig {
  const c = structuredClone(config)
  c.sites[0]!.buildings[0]!.rotationDeg = 30
  c.sites[2]!.buildings[0]!.rotationDeg = -20
  return accepted(c)
}

const PLANT_KINDS: PlacedInfrastructure['kind'][] = ['substation', 'turbine', 'battery', 'chiller']
const CAMPUS_MESHES = ['site-pads', 'building-floors', 'hall-floors', 'walls', 'roofs']
const EPS = 1e-5

// ---------------------------------------------------------------------------------------------
// Expected values, computed from the layout's tables (not from the scene's helpers)

/** Plant units of `kind` standing at phase `p`. */
function unitsStanding(layout: Layout, kind: PlacedInfrastructure['kind'], p: number): number {
  let n = 0
  for (const inf of layout.infrastructure) if (inf.kind === kind && inf.phase <= p) n += inf.units
  return n
}

/** An sRGB colour in [0, 1] as the linear values a linear-space renderer expects (three's conversion). */
const linear = (rgb: readonly [number, number, number]): [number, number, number] => {
  const c = new Color().setRGB(rgb[0], rgb[1], rgb[2], SRGBColorSpace)
  return [c.r, c.g, c.b]
}

/** `#rrggbb` (sRGB) as linear values, via three's colour management. */
const linearHex = (hex: string): [number, number, number] => {
  const c = new Color(hex)
  return [c.r, c.g, c.b]
}

// ---------------------------------------------------------------------------------------------
// Mounting and reading the scene

let last: Mounted | null = null

afterEach(async () => {
  await unmountAll()
  last = null
})

async function mount(config: LayoutConfig = defaultConfig): Promise<Mounted> {
  last = await mountScene(config)
  return last
}

/** Runs a store action on the scene mounted last, the way the UI does, and lets it catch up. */
async function update(fn: () => void): Promise<void> {
  if (!last) throw new Error('nothing mounted')
  await updateScene(last, fn)
}

/** Instance colour k of a mesh (linear). */
function instanceColor(m: InstancedMesh, k: number): [number, number, number] {
  const a = m.instanceColor!.array as Float32Array
  return [a[k * 3]!, a[k * 3 + 1]!, a[k * 3 + 2]!]
}

function expectColor(actual: readonly number[], expected: readonly number[], what: string): void {
  for (let c = 0; c < 3; c++) {
    if (Math.abs(actual[c]! - expected[c]!) > EPS)
      throw new Error(`${what}: colour ${actual.join(', ')} expected ${expected.join(', ')}`)
  }
}

/** Whether two float arrays hold the same values (fast; toEqual on 200k floats is slow). */
function same(a: ArrayLike<number>, b: ArrayLike<number> | null): boolean {
  if (!b || a.length !== b.length) return false
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false
  return true
}

/** A snapshot of what the GPU would be sent for a mesh: identity and buffer versions. */
function bufferState(m: InstancedMesh) {
  return {
    mesh: m,
    geometry: m.geometry,
    material: m.material,
    matrixVersion: m.instanceMatrix.version,
    colorVersion: m.instanceColor?.version ?? -1,
    matrix: Float32Array.from(m.instanceMatrix.array as Float32Array),
    color: m.instanceColor ? Float32Array.from(m.instanceColor.array as Float32Array) : null,
  }
}

// ---------------------------------------------------------------------------------------------

describe('rack instances', () => {
  const layout = buildLayout(defaultConfig)

  it('starts at the last phase with every rack of each kind drawn by one InstancedMesh', async () => {
    const { store, root } = await mount()
    expect(store.getState().phaseIndex).toBe(layout.phases.length - 1)
    for (const kind of KINDS) {
      const meshes = named(root, `racks-${kind}`)
      expect(meshes).toHaveLength(1)
      const m = mustInstanced(root, `racks-${kind}`)
      expect(m.count).toBe(racksOfKind(layout, kind).length)
      expect(shown(m)).toBe(true)
    }
  })

  it('draws, at every phase, exactly the racks of each kind standing at that phase', async () => {
    const { store, root } = await mount()
    expect(layout.phases.length).toBeGreaterThan(1)
    // Walk the phases forwards, then backwards: counts must follow both ways.
    const order = [...layout.phases.keys(), ...[...layout.phases.keys()].reverse()]
    for (const p of order) {
      await update(() => store.getState().setPhase(p))
      expect(store.getState().phaseIndex).toBe(p)
      let total = 0
      for (const kind of KINDS) {
        const m = instanced(root, `racks-${kind}`)
        const expected = racksStanding(layout, kind, p)
        expect(drawn(m), `racks-${kind} at phase ${p}`).toBe(expected)
        if (m) {
          expect(m.count).toBeLessThanOrEqual(m.instanceMatrix.count)
          expect(m.count).toBeLessThanOrEqual(m.instanceColor!.count)
          expect(m.geometry.getAttribute('aBuild').count).toBeGreaterThanOrEqual(m.count)
        }
        total += expected
      }
      expect(total, `racks at phase ${p}`).toBe(layout.phases[p]!.racks)
    }
  })

  for (const [what, config] of [
    ['default', defaultConfig],
    ['turned buildings', turned(defaultConfig)],
  ] as const) {
    it(`places instance k at the position and rotation of the k-th rack of its kind (${what})`, async () => {
      const l = buildLayout(config)
      const { root } = await mount(config)
      const r = l.racks
      const m4 = new Matrix4()
      const want = new Matrix4()
      let turnedRacks = 0
      for (const kind of KINDS) {
        const m = mustInstanced(root, `racks-${kind}`)
        const racks = racksOfKind(l, kind)
        expect(m.instanceMatrix.count).toBe(racks.length)
        racks.forEach((i, k) => {
          m.getMatrixAt(k, m4)
          want.makeRotationY(r.rotY[i]!).setPosition(r.x[i]!, 0, r.z[i]!)
          if (Math.abs(Math.sin(r.rotY[i]!)) > 0.1) turnedRacks++
          for (let e = 0; e < 16; e++) {
            if (Math.abs(m4.elements[e]! - want.elements[e]!) > 1e-4)
              throw new Error(
                `racks-${kind} instance ${k} (rack ${i}): matrix [${m4.elements.join(', ')}] ` +
                  `expected [${want.elements.join(', ')}]`,
              )
          }
        })
      }
      if (what === 'turned buildings') expect(turnedRacks).toBeGreaterThan(0)
    })
  }

  it('draws the racks of phases ≤ p as the visible prefix of each mesh', async () => {
    const { store, root } = await mount()
    const r = layout.racks
    const pos = new Vector3()
    const m4 = new Matrix4()
    for (const p of layout.phases.keys()) {
      await update(() => store.getState().setPhase(p))
      for (const kind of KINDS) {
        const m = instanced(root, `racks-${kind}`)
        if (!m) continue
        const racks = racksOfKind(layout, kind)
        // Every drawn instance belongs to a standing rack, every hidden one to a later phase.
        for (let k = 0; k < racks.length; k++) {
          const i = racks[k]!
          m.getMatrixAt(k, m4)
          pos.setFromMatrixPosition(m4)
          expect(Math.abs(pos.x - r.x[i]!) + Math.abs(pos.z - r.z[i]!)).toBeLessThan(1e-3)
          if (k < m.count !== r.phase[i]! <= p)
            throw new Error(
              `phase ${p}: racks-${kind} instance ${k} (rack phase ${r.phase[i]}) drawn=${k < m.count}`,
            )
        }
      }
    }
  })

  it('draws each rack at its hall type rack size, standing on the floor', async () => {
    const { root } = await mount()
    for (const kind of KINDS) {
      const m = mustInstanced(root, `racks-${kind}`)
      m.geometry.computeBoundingBox()
      const box = m.geometry.boundingBox!
      for (const i of racksOfKind(layout, kind)) {
        const rack = layout.halls[layout.racks.hall[i]!]!.grid.rack
        expect(box.min.y).toBeCloseTo(0, 6)
        expect(box.max.y - box.min.y).toBeCloseTo(rack.heightM, 6)
        expect(box.max.x - box.min.x).toBeCloseTo(rack.widthM, 6)
        expect(box.max.z - box.min.z).toBeCloseTo(rack.depthM, 6)
      }
    }
  })

  it('draws racks at their own hall type size when hall types differ in rack size', async () => {
    // Each kind has one geometry, built at the size of its first rack's hall type: racks in halls
    // of another type must be scaled to theirs by their instance matrix (or the selection
    // outline, which uses the rack's own hall type, would not fit the drawn rack).
    // A valid layout in which Southaven's halls hold taller racks than the other GB halls.
    const c = structuredClone(defaultConfig)
    const nvlHall = c.hallTypes.find((t) => t.id === 'nvl-hall')!
    c.hallTypes.push({
      ...structuredClone(nvlHall),
      id: 'nvl-hall-tall',
      rack: { ...nvlHall.rack, heightM: 2.8 },
    })
    for (const site of c.sites)
      for (const b of site.buildings)
        for (const h of b.halls) if (h.id.startsWith('SH-')) h.type = 'nvl-hall-tall'
    const config = accepted(c)
    const tall = buildLayout(config)
    const { root } = await mount(config)
    const m = mustInstanced(root, 'racks-nvl')
    m.geometry.computeBoundingBox()
    const heightM = m.geometry.boundingBox!.max.y - m.geometry.boundingBox!.min.y
    const m4 = new Matrix4()
    const scale = new Vector3()
    const racks = racksOfKind(tall, 'nvl')
    const wrong: string[] = []
    racks.forEach((i, k) => {
      const hall = tall.halls[tall.racks.hall[i]!]!
      m.getMatrixAt(k, m4)
      scale.setFromMatrixScale(m4)
      const drawnHeight = heightM * scale.y
      if (Math.abs(drawnHeight - hall.grid.rack.heightM) > 1e-4 && wrong.length < 1)
        wrong.push(
          `rack ${i} in ${hall.id}: drawn ${drawnHeight} m tall, hall type says ${hall.grid.rack.heightM} m`,
        )
    })
    expect(wrong).toEqual([])
  })
})

describe('rack colours', () => {
  const layout = buildLayout(defaultConfig)

  it("'generation' colours every instance with its generation's config colour, in linear space", async () => {
    const { store, root } = await mount()
    expect(store.getState().colorMode).toBe('generation')
    const seen = new Set<number>()
    for (const kind of KINDS) {
      const m = mustInstanced(root, `racks-${kind}`)
      racksOfKind(layout, kind).forEach((i, k) => {
        const g = layout.racks.generation[i]!
        seen.add(g)
        expectColor(
          instanceColor(m, k),
          linearHex(layout.config.generations[g]!.color),
          `racks-${kind}[${k}]`,
        )
      })
    }
    // Every generation of the layout was drawn and checked.
    expect([...seen].sort()).toEqual(layout.config.generations.map((_, g) => g))
  })

  for (const mode of ['phase', 'power'] as const) {
    it(`'${mode}' colours every instance with rackColor(…, '${mode}', rack) in linear space`, async () => {
      const { store, root } = await mount()
      await update(() => store.getState().setColorMode(mode))
      const distinct = new Set<string>()
      for (const kind of KINDS) {
        const m = mustInstanced(root, `racks-${kind}`)
        racksOfKind(layout, kind).forEach((i, k) => {
          const got = instanceColor(m, k)
          distinct.add(got.map((v) => v.toFixed(4)).join(','))
          expectColor(got, linear(rackColor(layout, mode, i)), `${mode} racks-${kind}[${k}]`)
        })
      }
      // The mode tells racks apart: one colour per phase / per distinct rack draw.
      const keys = new Set<number>()
      for (let i = 0; i < layout.racks.count; i++)
        keys.add(mode === 'phase' ? layout.racks.phase[i]! : layout.power.drawKw[i]!)
      expect(distinct.size).toBe(keys.size)
    })
  }

  it('switching colour mode rewrites rack colours only: matrices, plant and campus untouched', async () => {
    const { store, root } = await mount()
    const others = [...CAMPUS_MESHES, ...PLANT_KINDS.map((k) => `plant-${k}`)]
      .map((n) => instanced(root, n))
      .filter((m): m is InstancedMesh => m !== undefined)
    expect(others.length).toBe(CAMPUS_MESHES.length + PLANT_KINDS.length)
    const racks = KINDS.map((k) => mustInstanced(root, `racks-${k}`))
    const before = new Map([...others, ...racks].map((m) => [m.name, bufferState(m)]))
    let previous = racks.map((m) => Float32Array.from(m.instanceColor!.array as Float32Array))
    for (const mode of ['power', 'phase', 'generation'] as ColorMode[]) {
      const writes = { ...uploadCounters }
      await update(() => store.getState().setColorMode(mode))
      expect(uploadCounters.rackColorWrites).toBe(writes.rackColorWrites + 1)
      expect(uploadCounters.rackMatrixWrites).toBe(writes.rackMatrixWrites)
      racks.forEach((m, b) => {
        expect(instanced(root, m.name), `${m.name} not rebuilt`).toBe(m)
        expect(m.instanceColor!.version, `${m.name} colours re-uploaded`).toBeGreaterThan(
          before.get(m.name)!.colorVersion,
        )
        const now = m.instanceColor!.array as Float32Array
        expect(same(now, previous[b]!), `${m.name} colours changed for ${mode}`).toBe(false)
        const was = before.get(m.name)!
        expect(m.instanceMatrix.version).toBe(was.matrixVersion)
        expect(same(m.instanceMatrix.array as Float32Array, was.matrix)).toBe(true)
      })
      previous = racks.map((m) => Float32Array.from(m.instanceColor!.array as Float32Array))
      for (const m of others) {
        const was = before.get(m.name)!
        expect(instanced(root, m.name), `${m.name} not rebuilt`).toBe(was.mesh)
        expect(m.geometry).toBe(was.geometry)
        expect(m.material).toBe(was.material)
        expect(m.instanceMatrix.version, `${m.name} matrices`).toBe(was.matrixVersion)
        expect(same(m.instanceMatrix.array as Float32Array, was.matrix)).toBe(true)
        expect(m.instanceColor?.version ?? -1).toBe(was.colorVersion)
        expect(m.count).toBe(was.mesh.count)
      }
    }
    // Back at 'generation': the colours are the ones the scene started with.
    racks.forEach((m) => {
      expect(same(m.instanceColor!.array as Float32Array, before.get(m.name)!.color)).toBe(true)
    })
  })

  it('switching phase rewrites neither colours nor matrices', async () => {
    const { store, root } = await mount()
    await update(() => store.getState().setColorMode('phase'))
    const racks = KINDS.map((k) => mustInstanced(root, `racks-${k}`))
    const before = racks.map(bufferState)
    const writes = { ...uploadCounters }
    for (const p of [0, 2, layout.phases.length - 1, 1, 3]) {
      await update(() => store.getState().setPhase(p))
      await update(() => store.getState().stepPhase(1))
    }
    expect(uploadCounters).toEqual(writes)
    racks.forEach((m, b) => {
      const was = before[b]!
      expect(instanced(root, m.name)).toBe(m)
      expect(m.geometry).toBe(was.geometry)
      expect(m.instanceMatrix.version).toBe(was.matrixVersion)
      expect(m.instanceColor!.version).toBe(was.colorVersion)
      expect(same(m.instanceMatrix.array as Float32Array, was.matrix)).toBe(true)
      expect(same(m.instanceColor!.array as Float32Array, was.color)).toBe(true)
    })
  })

  it('the legend counts exactly the racks drawn in each of its colours', async () => {
    const { store, root } = await mount()
    for (const mode of ['generation', 'phase', 'power'] as ColorMode[]) {
      await update(() => store.getState().setColorMode(mode))
      for (const p of layout.phases.keys()) {
        await update(() => store.getState().setPhase(p))
        const legend = legendFor(layout, mode, p)
        const entries =
          legend.mode === 'power'
            ? legend.present.map((e) => ({ color: e.color, racks: e.racks }))
            : legend.swatches.map((s) => ({ color: s.color, racks: s.racks }))
        const targets = entries.map((e) => linearHex(e.color))
        const counted = entries.map(() => 0)
        for (const kind of KINDS) {
          const m = instanced(root, `racks-${kind}`)
          if (!m) continue
          for (let k = 0; k < m.count; k++) {
            // Legend colours are #rrggbb: match each drawn colour to the nearest legend colour.
            const c = instanceColor(m, k)
            let best = -1
            let bestD = Number.POSITIVE_INFINITY
            targets.forEach((t, e) => {
              const d = Math.abs(t[0] - c[0]) + Math.abs(t[1] - c[1]) + Math.abs(t[2] - c[2])
              if (d < bestD) {
                bestD = d
                best = e
              }
            })
            expect(bestD, `${mode} phase ${p}: drawn colour ${c} is not in the legend`).toBeLessThan(0.02)
            counted[best]!++
          }
        }
        expect(counted, `${mode} legend at phase ${p}`).toEqual(entries.map((e) => e.racks))
      }
    }
  })
})

describe('plant', () => {
  const layout = buildLayout(defaultConfig)

  it('shows, at every phase, only the plant units of phases ≤ p, one mesh per kind', async () => {
    const { store, root } = await mount()
    for (const kind of PLANT_KINDS) expect(named(root, `plant-${kind}`)).toHaveLength(1)
    const order = [...layout.phases.keys(), ...[...layout.phases.keys()].reverse()]
    const pos = new Vector3()
    const m4 = new Matrix4()
    for (const p of order) {
      await update(() => store.getState().setPhase(p))
      for (const kind of PLANT_KINDS) {
        const m = mustInstanced(root, `plant-${kind}`)
        const expected = unitsStanding(layout, kind, p)
        expect(drawn(m), `plant-${kind} at phase ${p}`).toBe(expected)
        expect(m.visible).toBe(expected > 0)
        expect(m.count).toBeLessThanOrEqual(m.instanceMatrix.count)
        // The drawn units stand where the plant groups of phases ≤ p put them.
        const want = layout.infrastructure
          .filter((inf) => inf.kind === kind && inf.phase <= p)
          .flatMap((inf) => unitPlacements(inf))
          .map((u) => `${u.x.toFixed(2)},${u.z.toFixed(2)}`)
          .sort()
        const got: string[] = []
        for (let k = 0; k < m.count; k++) {
          m.getMatrixAt(k, m4)
          pos.setFromMatrixPosition(m4)
          got.push(`${pos.x.toFixed(2)},${pos.z.toFixed(2)}`)
        }
        expect(got.sort(), `plant-${kind} positions at phase ${p}`).toEqual(want)
      }
    }
  })
})

describe('campus', () => {
  const layout = buildLayout(defaultConfig)

  it('hall floors appear with the first phase that puts racks in their hall', async () => {
    const { store, root } = await mount()
    const pos = new Vector3()
    const m4 = new Matrix4()
    const key = (x: number, z: number) => `${x.toFixed(2)},${z.toFixed(2)}`
    for (const p of layout.phases.keys()) {
      await update(() => store.getState().setPhase(p))
      const m = mustInstanced(root, 'hall-floors')
      const floors = new Set<string>()
      for (let k = 0; k < drawn(m); k++) {
        m.getMatrixAt(k, m4)
        pos.setFromMatrixPosition(m4)
        floors.add(key(pos.x, pos.z))
      }
      // Halls with racks by phase p have their floor; halls first used later do not yet.
      // (Halls that never get racks are left to the scene.)
      const wrong = layout.halls
        .filter((h) => h.firstPhase >= 0)
        .filter((h) => floors.has(key(h.transform.x, h.transform.z)) !== h.firstPhase <= p)
        .map((h) => `${h.id} (first phase ${h.firstPhase})`)
      expect(wrong, `hall floors wrongly shown or hidden at phase ${p}`).toEqual([])
    }
  })
})

describe('draw calls', () => {
  it('draws the whole campus at the last phase in a couple of dozen draw calls', async () => {
    const { store, root } = await mount()
    const layout = store.getState().layout
    expect(store.getState().phaseIndex).toBe(layout.phases.length - 1)
    const objects = drawables(root)
    expect(objects.length).toBeLessThan(25)
    // …while showing every rack and every plant unit.
    let instances = 0
    for (const o of objects)
      instances += (o as InstancedMesh).isInstancedMesh ? (o as InstancedMesh).count : 1
    let plant = 0
    for (const inf of layout.infrastructure) plant += inf.units
    expect(instances).toBeGreaterThanOrEqual(layout.racks.count + plant)
    const names = objects.map((o) => o.name)
    for (const kind of KINDS) expect(names.filter((n) => n === `racks-${kind}`)).toHaveLength(1)
  })
})

describe('selection outline', () => {
  const config = turned(defaultConfig)
  const layout = buildLayout(config)

  it('outlines the selected rack exactly where it is drawn and drops it when a phase hides it', async () => {
    const { store, root } = await mount(config)
    // Line segments other than the ground grid's and the dressing's overhead lines: the selection outline.
    const lines = (): LineSegments[] => {
      const out: LineSegments[] = []
      root.traverse((o) => {
        if ((o as LineSegments).isLineSegments && !['ground-grid', 'dressing'].includes(o.parent?.name ?? ''))
          out.push(o as LineSegments)
      })
      return out
    }
    expect(lines().filter(shown)).toHaveLength(0)
    // A rack of the last phase in the turned Southaven building, and its instance.
    const i = layout.racks.count - 1
    expect(Math.abs(Math.sin(layout.racks.rotY[i]!))).toBeGreaterThan(0.1)
    const kind = kindOf(layout, i)
    const k = racksOfKind(layout, kind).indexOf(i)
    const mesh = mustInstanced(root, `racks-${kind}`)
    const instance = new Matrix4()
    mesh.getMatrixAt(k, instance)
    instance.premultiply(mesh.matrixWorld)

    await update(() => store.getState().setSelected(i))
    const visible = lines().filter(shown)
    expect(visible).toHaveLength(1)
    const line = visible[0]!
    line.updateWorldMatrix(true, false)
    // Same centre on the ground and same facing as the drawn rack.
    const at = new Vector3().setFromMatrixPosition(line.matrixWorld)
    const rackAt = new Vector3().setFromMatrixPosition(instance)
    expect(at.x).toBeCloseTo(rackAt.x, 3)
    expect(at.z).toBeCloseTo(rackAt.z, 3)
    const facing = new Vector3(0, 0, 1).transformDirection(line.matrixWorld)
    const rackFacing = new Vector3(0, 0, 1).transformDirection(instance)
    expect(facing.distanceTo(rackFacing)).toBeLessThan(1e-4)

    await update(() => store.getState().setPhase(0))
    expect(store.getState().selected).toBe(-1)
    expect(lines().filter(shown)).toHaveLength(0)
  })
})

describe('layout switch', () => {
  it('replaces the scene meshes with ones that follow the new layout', async () => {
    const { store, root } = await mount()
    const oldRacks = KINDS.map((k) => mustInstanced(root, `racks-${k}`))
    const disposed = new Set<string>()
    for (const m of oldRacks) {
      m.geometry.addEventListener('dispose', () => disposed.add(`${m.name} geometry`))
      ;(m.material as MeshStandardMaterial).addEventListener('dispose', () =>
        disposed.add(`${m.name} material`),
      )
    }
    const oldCampus = mustInstanced(root, 'hall-floors')

    const small = phasesUpTo(defaultConfig, 0)
    const smallLayout = buildLayout(small)
    expect(smallLayout.phases).toHaveLength(1)
    expect(smallLayout.racks.count).toBeLessThan(buildLayout(defaultConfig).racks.count)
    await update(() => store.getState().setLayoutConfig(small, 'first-phase.json'))
    expect(store.getState().phaseIndex).toBe(0)

    // Old meshes left the scene and released their GPU resources.
    for (const m of oldRacks) {
      expect(m.parent).toBeNull()
      expect(disposed.has(`${m.name} geometry`), `${m.name} geometry disposed`).toBe(true)
      expect(disposed.has(`${m.name} material`), `${m.name} material disposed`).toBe(true)
    }
    expect(instanced(root, 'hall-floors')).not.toBe(oldCampus)

    // New meshes are sized and filled from the new layout.
    let total = 0
    for (const kind of KINDS) {
      const want = racksStanding(smallLayout, kind, 0)
      const m = instanced(root, `racks-${kind}`)
      if (want === 0) {
        expect(drawn(m), `racks-${kind}`).toBe(0)
        continue
      }
      expect(m).toBeDefined()
      expect(oldRacks).not.toContain(m)
      expect(m!.count).toBe(want)
      expect(m!.instanceMatrix.count).toBe(racksOfKind(smallLayout, kind).length)
      const first = racksOfKind(smallLayout, kind)[0]!
      const m4 = new Matrix4()
      m!.getMatrixAt(0, m4)
      const pos = new Vector3().setFromMatrixPosition(m4)
      expect(pos.x).toBeCloseTo(smallLayout.racks.x[first]!, 3)
      expect(pos.z).toBeCloseTo(smallLayout.racks.z[first]!, 3)
      expectColor(
        instanceColor(m!, 0),
        linearHex(small.generations[smallLayout.racks.generation[first]!]!.color),
        `racks-${kind}[0]`,
      )
      total += want
    }
    expect(total).toBe(smallLayout.phases[0]!.racks)
    for (const kind of PLANT_KINDS)
      expect(drawn(instanced(root, `plant-${kind}`)), `plant-${kind}`).toBe(
        unitsStanding(smallLayout, kind, 0),
      )
    expect(mustInstanced(root, 'hall-floors').instanceMatrix.count).toBe(smallLayout.halls.length)

    // And back: the full layout again.
    await update(() => store.getState().setLayoutConfig(defaultConfig, 'default'))
    const full = store.getState().layout
    for (const kind of KINDS)
      expect(drawn(instanced(root, `racks-${kind}`))).toBe(racksStanding(full, kind, full.phases.length - 1))
  })
})

describe('rack face detail', () => {
  /** Lit marks of a glow texture: 4-connected groups of lit texels. */
  function countMarks(glow: Uint8Array | Uint8ClampedArray, w: number, h: number): number {
    const seen = new Uint8Array(w * h)
    let marks = 0
    for (let start = 0; start < w * h; start++) {
      if (seen[start] || glow[start * 4]! === 0) continue
      marks++
      const stack = [start]
      seen[start] = 1
      while (stack.length) {
        const t = stack.pop()!
        const x = t % w
        const y = (t - x) / w
        for (const [nx, ny] of [
          [x + 1, y],
          [x - 1, y],
          [x, y + 1],
          [x, y - 1],
        ] as const) {
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue
          const n = ny * w + nx
          if (!seen[n] && glow[n * 4]! > 0) {
            seen[n] = 1
            stack.push(n)
          }
        }
      }
    }
    return marks
  }

  it('shows one GPU mark per GPU of the default layout rack (64 on H100 racks, 72 on GB200)', () => {
    expect(gpuMarks('hgx')).toBe(64)
    expect(gpuMarks('nvl')).toBe(72)
    const gens = defaultConfig.generations
    const perRack = (id: string) => {
      const g = gens.find((x) => x.id === id)!
      return g.gpusPerServer * g.serversPerRack
    }
    expect(gpuMarks('hgx')).toBe(perRack('H100'))
    expect(gpuMarks('nvl')).toBe(perRack('GB200'))
    for (const g of gens) expect(gpuMarks(g.rackKind), g.id).toBe(g.gpusPerServer * g.serversPerRack)
  })

  it('paints lit glow texels, one separate mark per GPU, and none on the side panels', () => {
    for (const kind of KINDS) {
      const { albedo, glow } = paintRackFace(kind)
      const w = 64
      const h = glow.length / 4 / w
      let lit = 0
      for (let t = 0; t < w * h; t++) {
        if (glow[t * 4]! > 0) {
          lit++
          expect(glow[t * 4]).toBe(255)
          // A lit mark is bright on the albedo too.
          expect(albedo[t * 4]).toBe(255)
        }
      }
      expect(lit, `${kind} lit texels`).toBeGreaterThan(0)
      expect(countMarks(glow, w, h), `${kind} marks`).toBe(gpuMarks(kind))
      // The side-panel rows (sampled by every face but front and back) do not glow.
      for (let t = (h - 2) * w; t < h * w; t++) expect(glow[t * 4]).toBe(0)
    }
  })

  it('gives each rack mesh the face textures of its own kind', async () => {
    const { root } = await mount()
    for (const kind of KINDS) {
      const m = mustInstanced(root, `racks-${kind}`) as InstancedMesh & Mesh
      const mat = m.material as MeshStandardMaterial
      const image = mat.emissiveMap!.image as { data: Uint8Array; width: number; height: number }
      expect(countMarks(image.data, image.width, image.height), `racks-${kind} emissive marks`).toBe(
        gpuMarks(kind),
      )
      expect(mat.map).not.toBeNull()
      expect(mat.emissiveIntensity).toBeGreaterThan(0)
    }
  })
})
