import { Box3, Euler, Matrix4, PerspectiveCamera, Quaternion, Ray, Vector3 } from 'three'
import { describe, expect, it } from 'vitest'
import { cameraPresets, presetPose } from '../../src/domain/camera'
import {
  enclosedByBuilding,
  UNIT_HEIGHT_M,
  UNIT_SPACING,
  unitPlacements,
  unitRowBoxes,
  WALL_M,
} from '../../src/domain/campus'
import {
  COLOR_MODES,
  hexToRgb,
  type Legend,
  legendFor,
  powerRangeKw,
  type Rgb,
  rackColor,
  rgbToHex,
  sampleRamp,
  writeRackColors,
} from '../../src/domain/color/colorModes'
import { quadsOverlap, rectCorners, rotateY } from '../../src/domain/geometry'
import { buildLayout, type Layout } from '../../src/domain/layout/buildLayout'
import { buildRackGrid, pickRack, type RackGrid } from '../../src/domain/layout/pick'
import { rackInfo } from '../../src/domain/layout/rackInfo'
import { accepted, defaultConfig } from '../fixtures'

const config = defaultConfig()
const layout = buildLayout(config)
const r = layout.racks
const n = layout.phases.length
const dist = (a: Rgb, b: Rgb): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function swatchesOf(legend: Legend) {
  if (legend.mode === 'power') throw new Error('expected a categorical legend')
  return legend.swatches
}

describe('colour legend', () => {
  it('generation legend lists exactly the generations standing, with their GPU and rack counts', () => {
    for (let p = 0; p < n; p++) {
      const stats = layout.phases[p]!
      const legend = legendFor(layout, 'generation', p)
      expect(legend.mode).toBe('generation')
      const swatches = swatchesOf(legend)
      const standing = config.generations.filter((g) => (stats.gpusByGeneration[g.id] ?? 0) > 0)
      expect(swatches.map((s) => s.label)).toEqual(standing.map((g) => g.name))
      swatches.forEach((s, k) => {
        const g = standing[k]!
        expect(s.gpus).toBe(stats.gpusByGeneration[g.id])
        expect(s.racks).toBe(stats.racksByGeneration[g.id])
        expect(s.color.toLowerCase()).toBe(g.color.toLowerCase())
      })
      expect(swatches.reduce((a, s) => a + s.gpus, 0)).toBe(stats.gpus)
    }
    // The first phase is H100 only; the last has every generation of the default layout.
    expect(swatchesOf(legendFor(layout, 'generation', 0)).map((s) => s.label)).toEqual(['H100 SXM'])
    expect(swatchesOf(legendFor(layout, 'generation', n - 1))).toHaveLength(config.generations.length)
  })

  it('phase legend lists phases 0..p with the racks and GPUs each added', () => {
    for (let p = 0; p < n; p++) {
      const swatches = swatchesOf(legendFor(layout, 'phase', p))
      expect(swatches.map((s) => s.label)).toEqual(config.phases.slice(0, p + 1).map((ph) => ph.name))
      swatches.forEach((s, k) => {
        const before = k === 0 ? 0 : layout.phases[k - 1]!
        expect(s.racks).toBe(layout.phases[k]!.racks - (before === 0 ? 0 : before.racks))
        expect(s.gpus).toBe(layout.phases[k]!.gpus - (before === 0 ? 0 : before.gpus))
        expect(s.detail).toBe(config.phases[k]!.date)
      })
    }
  })

  it('power legend: present kW values and rack counts match the racks standing, inside the ramp', () => {
    for (let p = 0; p < n; p++) {
      const legend = legendFor(layout, 'power', p)
      if (legend.mode !== 'power') throw new Error('expected the power legend')
      const expected = new Map<number, number>()
      // Racks are coloured by their draw under the layout's scenario.
      const draw = layout.power.drawKw
      for (let i = 0; i < r.phaseEnd[p]!; i++) expected.set(draw[i]!, (expected.get(draw[i]!) ?? 0) + 1)
      expect(legend.present.map((e) => [e.kw, e.racks])).toEqual(
        [...expected.entries()].sort((a, b) => a[0] - b[0]).map(([kw, c]) => [Math.round(kw * 10) / 10, c]),
      )
      expect(legend.present.reduce((a, e) => a + e.racks, 0)).toBe(layout.phases[p]!.racks)
      for (const e of legend.present) {
        expect(e.kw).toBeGreaterThanOrEqual(legend.minKw)
        expect(e.kw).toBeLessThanOrEqual(legend.maxKw)
      }
      for (let k = 1; k < legend.ticksKw.length; k++)
        expect(legend.ticksKw[k]).toBeGreaterThan(legend.ticksKw[k - 1]!)
      expect(legend.ticksKw[0]).toBe(legend.minKw)
      expect(legend.ticksKw.at(-1)).toBe(legend.maxKw)
      expect(legend.ticksKw.length).toBeGreaterThanOrEqual(2)
    }
  })

  it('the power ramp covers every generation of the layout', () => {
    const { minKw, maxKw } = powerRangeKw(layout)
    expect(minKw).toBeLessThan(maxKw)
    for (const g of config.generations) {
      expect(g.rackPowerKw).toBeGreaterThanOrEqual(minKw)
      expect(g.rackPowerKw).toBeLessThanOrEqual(maxKw)
    }
  })

  it('legend colours are the colours the racks are drawn in', () => {
    const all = Uint32Array.from({ length: r.count }, (_, i) => i)
    const out = new Float32Array(r.count * 3)
    for (const mode of COLOR_MODES) {
      writeRackColors(layout, mode, all, out)
      const bad: number[] = []
      for (let i = 0; i < r.count; i++) {
        const c = rackColor(layout, mode, i)
        if (
          Math.abs(out[i * 3]! - c[0]) + Math.abs(out[i * 3 + 1]! - c[1]) + Math.abs(out[i * 3 + 2]! - c[2]) >
          1e-6
        )
          bad.push(i)
      }
      expect(bad, `${mode}: writeRackColors differs from rackColor`).toEqual([])
      // Each legend entry's colour is the colour of the racks it counts.
      const legend = legendFor(layout, mode, n - 1)
      const drawn = new Map<string, string>()
      for (let i = 0; i < r.count; i++) {
        const key =
          mode === 'generation'
            ? config.generations[r.generation[i]!]!.name
            : mode === 'phase'
              ? config.phases[r.phase[i]!]!.name
              : String(Math.round(layout.power.drawKw[i]! * 10) / 10)
        drawn.set(key, rgbToHex(rackColor(layout, mode, i)))
      }
      const entries =
        legend.mode === 'power'
          ? legend.present.map((e) => [String(e.kw), e.color] as const)
          : legend.swatches.map((s) => [s.label, s.color] as const)
      expect(entries.length).toBe(drawn.size)
      for (const [key, color] of entries) expect(color.toLowerCase()).toBe(drawn.get(key))
    }
  })

  it('generation colours are pairwise distinct and far apart', () => {
    const colours = config.generations.map((g) => hexToRgb(g.color))
    let min = Number.POSITIVE_INFINITY
    for (let a = 0; a < colours.length; a++)
      for (let b = 0; b < a; b++) min = Math.min(min, dist(colours[a]!, colours[b]!))
    expect(min).toBeGreaterThan(0.25)
  })

  it('consecutive phases and the power values present get distinguishable colours', () => {
    const phase = config.phases.map((_, p) =>
      hexToRgb(swatchesOf(legendFor(layout, 'phase', n - 1))[p]!.color),
    )
    for (let p = 1; p < n; p++) expect(dist(phase[p]!, phase[p - 1]!)).toBeGreaterThan(0.15)
    const legend = legendFor(layout, 'power', n - 1)
    if (legend.mode !== 'power') throw new Error('expected the power legend')
    const present = legend.present.map((e) => hexToRgb(e.color))
    for (let k = 1; k < present.length; k++) expect(dist(present[k]!, present[k - 1]!)).toBeGreaterThan(0.1)
  })

  it('sampleRamp hits the stops, interpolates between them and clamps bad t', () => {
    const ramp: Rgb[] = [
      [0, 0, 0],
      [1, 0.5, 0],
      [1, 1, 1],
    ]
    expect(sampleRamp(ramp, 0)).toEqual([0, 0, 0])
    expect(sampleRamp(ramp, 0.5)).toEqual([1, 0.5, 0])
    expect(sampleRamp(ramp, 1)).toEqual([1, 1, 1])
    const q = sampleRamp(ramp, 0.25)
    expect(q[0]).toBeCloseTo(0.5, 12)
    expect(q[1]).toBeCloseTo(0.25, 12)
    expect(q[2]).toBeCloseTo(0, 12)
    expect(sampleRamp(ramp, -3)).toEqual([0, 0, 0])
    expect(sampleRamp(ramp, 7)).toEqual([1, 1, 1])
    expect(sampleRamp(ramp, Number.NaN)).toEqual([0, 0, 0])
  })

  it('hex colours round-trip', () => {
    for (const g of config.generations) expect(rgbToHex(hexToRgb(g.color))).toBe(g.color.toLowerCase())
  })
})

/** Distance along the (normalised) ray to rack i's box, by three.js, or Infinity. */
function rackHitDistance(grid: RackGrid, inverses: Matrix4[], i: number, o: Vector3, d: Vector3): number {
  const ray = new Ray(o.clone(), d.clone().normalize()).applyMatrix4(inverses[i]!)
  const box = new Box3(
    new Vector3(-grid.halfW[i]!, 0, -grid.halfD[i]!),
    new Vector3(grid.halfW[i]!, grid.height[i]!, grid.halfD[i]!),
  )
  const hit = new Vector3()
  // A rigid transform keeps distances: the local distance is the campus distance.
  return ray.intersectBox(box, hit) ? hit.distanceTo(ray.origin) : Number.POSITIVE_INFINITY
}

/** Nearest rack with index < visibleCount hit by the ray, by testing every rack. */
function bruteForcePick(
  l: Layout,
  grid: RackGrid,
  inverses: Matrix4[],
  visibleCount: number,
  o: Vector3,
  d: Vector3,
): { index: number; t: number } {
  let index = -1
  let t = Number.POSITIVE_INFINITY
  for (let i = 0; i < Math.min(visibleCount, l.racks.count); i++) {
    const ti = rackHitDistance(grid, inverses, i, o, d)
    if (ti < t) {
      t = ti
      index = i
    }
  }
  return { index, t }
}

/** World → rack-local matrices for every rack: rotation about +y by rotY, then translation. */
function rackInverses(l: Layout): Matrix4[] {
  const q = new Quaternion()
  const e = new Euler()
  const one = new Vector3(1, 1, 1)
  return Array.from({ length: l.racks.count }, (_, i) =>
    new Matrix4()
      .compose(
        new Vector3(l.racks.x[i]!, 0, l.racks.z[i]!),
        q.setFromEuler(e.set(0, l.racks.rotY[i]!, 0)),
        one,
      )
      .invert(),
  )
}

/** The default layout with two buildings turned, so racks face directions off the axes. */
function turnedLayout(): Layout {
  const c = structuredClone(config)
  c.sites[0]!.buildings[0]!.rotationDeg = 30
  c.sites[2]!.buildings[0]!.rotationDeg = -20
  return buildLayout(accepted(c))
}

describe('picking racks', () => {
  const grid = buildRackGrid(layout)
  const pick = (visible: number, o: readonly number[], d: readonly number[]) =>
    pickRack(layout, grid, visible, o[0]!, o[1]!, o[2]!, d[0]!, d[1]!, d[2]!)
  const sample = Array.from({ length: 200 }, (_, k) => Math.floor((k * (r.count - 1)) / 199))

  it('a ray straight down onto a rack centre picks that rack', () => {
    const wrong: string[] = []
    for (const i of sample) {
      const got = pick(r.count, [r.x[i]!, 60, r.z[i]!], [0, -1, 0])
      if (got !== i) wrong.push(`${i} -> ${got}`)
    }
    expect(wrong).toEqual([])
    expect(sample[0]).toBe(0)
    expect(sample.at(-1)).toBe(r.count - 1)
  })

  it('a ray slightly off vertical from a camera height still picks the rack under it', () => {
    const wrong: string[] = []
    for (const i of sample) {
      // From 200 m up and 30 m south-east, aimed at the middle of the rack's top.
      const top = [r.x[i]!, 2.3, r.z[i]!]
      const o = [top[0]! + 30, 200, top[2]! + 30]
      const got = pick(r.count, o, [top[0]! - o[0]!, top[1]! - o[1]!, top[2]! - o[2]!])
      if (got !== i) wrong.push(`${i} -> ${got}`)
    }
    expect(wrong).toEqual([])
  })

  it('racks with index ≥ visibleCount are never picked', () => {
    for (const i of sample.filter((k) => k > 0)) {
      expect(pick(i, [r.x[i]!, 60, r.z[i]!], [0, -1, 0])).toBe(-1)
      expect(pick(i + 1, [r.x[i]!, 60, r.z[i]!], [0, -1, 0])).toBe(i)
    }
    expect(pick(0, [r.x[0]!, 60, r.z[0]!], [0, -1, 0])).toBe(-1)
    // Phase by phase: the first rack of the next phase is not pickable yet.
    for (let p = 0; p < n - 1; p++) {
      const i = r.phaseEnd[p]!
      expect(pick(r.phaseEnd[p]!, [r.x[i]!, 60, r.z[i]!], [0, -1, 0])).toBe(-1)
    }
  })

  it('rays that miss every rack return -1', () => {
    const i = 0
    // Aisle between the first two rows of the first hall (rack depth 1.2 m, aisle 3.6 m).
    const aisleZ = (r.z[i]! + r.z[i + 56]!) / 2
    expect(Math.abs(r.z[i + 56]! - r.z[i]!)).toBeCloseTo(4.8, 3)
    expect(pick(r.count, [r.x[i]!, 60, aisleZ], [0, -1, 0])).toBe(-1)
    // Far outside the campus, down; up into the sky; level above the racks; level along an aisle.
    expect(pick(r.count, [5000, 100, 5000], [0, -1, 0])).toBe(-1)
    expect(pick(r.count, [r.x[i]!, 60, r.z[i]!], [0, 1, 0])).toBe(-1)
    expect(pick(r.count, [-1000, 3, r.z[i]!], [1, 0, 0])).toBe(-1)
    expect(pick(r.count, [r.x[i]!, 1, aisleZ], [1, 0, 0])).toBe(-1)
    // From below the ground, looking down.
    expect(pick(r.count, [r.x[i]!, -1, r.z[i]!], [0, -1, 0])).toBe(-1)
  })

  it('level rays at rack height pick the first rack along the row', () => {
    const i = 0 // first rack of the first row; the row runs along +x
    expect(pick(r.count, [-1000, 1, r.z[i]!], [1, 0, 0])).toBe(0)
    // From just past the east end of the row (56 racks in an hgx hall) its last rack comes first.
    expect(r.z[55]).toBe(r.z[0])
    expect(pick(r.count, [r.x[55]! + 1.5, 1, r.z[i]!], [-1, 0, 0])).toBe(55)
    // Looking along the row from inside it, from rack 10 towards the west, rack 10 itself is hit.
    expect(pick(r.count, [r.x[10]!, 1, r.z[10]!], [-1, 0, 0])).toBe(10)
  })

  it('a ray from the rack preset camera towards its target picks the focus rack', () => {
    const wrong: string[] = []
    for (const i of sample) {
      const pose = presetPose(layout, 'rack', 16 / 9, i, n - 1)!
      const [x, y, z] = pose.position
      const [tx, ty, tz] = pose.target
      const got = pick(r.count, pose.position, [tx - x, ty - y, tz - z])
      if (got !== i) wrong.push(`${i} -> ${got}`)
    }
    expect(wrong).toEqual([])
  })

  it('the rack preset targets the focus rack (selected, or the first standing)', () => {
    for (const i of sample) {
      const pose = presetPose(layout, 'rack', 16 / 9, i, n - 1)!
      expect(pose.target[0]).toBeCloseTo(r.x[i]!, 4)
      expect(pose.target[2]).toBeCloseTo(r.z[i]!, 4)
    }
    // A selection not standing at the phase shown falls back to rack 0.
    const late = r.phaseEnd[0]!
    const pose = presetPose(layout, 'rack', 16 / 9, late, 0)!
    expect(pose.target[0]).toBeCloseTo(r.x[0]!, 4)
    expect(pose.target[2]).toBeCloseTo(r.z[0]!, 4)
  })

  for (const [name, make] of [
    ['default layout', () => layout],
    ['layout with turned buildings', turnedLayout],
  ] as const) {
    it(`agrees with a brute-force test of every rack for 500 random rays (${name})`, () => {
      const l = make()
      const g = buildRackGrid(l)
      const inverses = rackInverses(l)
      const rand = prng(0xc0105505)
      const rr = l.racks
      let minX = Number.POSITIVE_INFINITY
      let maxX = Number.NEGATIVE_INFINITY
      let minZ = Number.POSITIVE_INFINITY
      let maxZ = Number.NEGATIVE_INFINITY
      for (const s of l.sites) {
        minX = Math.min(minX, s.bounds.minX)
        maxX = Math.max(maxX, s.bounds.maxX)
        minZ = Math.min(minZ, s.bounds.minZ)
        maxZ = Math.max(maxZ, s.bounds.maxZ)
      }
      const ends = [...rr.phaseEnd, rr.count, rr.count]
      const mismatches: string[] = []
      let hits = 0
      for (let k = 0; k < 500; k++) {
        const kind = rand()
        let o: Vector3
        let target: Vector3
        const near = Math.floor(rand() * rr.count)
        if (kind < 0.6) {
          // Campus view: camera high around the campus, looking at a rack (jittered).
          o = new Vector3(
            minX - 300 + rand() * (maxX - minX + 600),
            20 + rand() * 1200,
            minZ - 300 + rand() * (maxZ - minZ + 600),
          )
          target = new Vector3(
            rr.x[near]! + (rand() - 0.5) * 4,
            rand() * 2.5,
            rr.z[near]! + (rand() - 0.5) * 4,
          )
        } else if (kind < 0.85) {
          // Close view inside a hall: camera at head height near a rack.
          o = new Vector3(
            rr.x[near]! + (rand() - 0.5) * 20,
            0.3 + rand() * 4,
            rr.z[near]! + (rand() - 0.5) * 20,
          )
          target = new Vector3(
            rr.x[near]! + (rand() - 0.5) * 3,
            rand() * 2.5,
            rr.z[near]! + (rand() - 0.5) * 3,
          )
        } else {
          // Anywhere on the ground (often a miss).
          o = new Vector3(minX + rand() * (maxX - minX), 5 + rand() * 800, maxZ + rand() * 500)
          target = new Vector3(minX + rand() * (maxX - minX), 0, minZ + rand() * (maxZ - minZ))
        }
        const d = target.clone().sub(o)
        const visible = ends[Math.floor(rand() * ends.length)]!
        const got = pickRack(l, g, visible, o.x, o.y, o.z, d.x, d.y, d.z)
        const want = bruteForcePick(l, g, inverses, visible, o, d)
        // Neighbouring racks touch (float32 positions even overlap by ~1 µm): a ray entering
        // through a shared face hits both at the same distance, and either answer is right.
        const same =
          got === want.index ||
          (got >= 0 && want.index >= 0 && rackHitDistance(g, inverses, got, o, d) <= want.t + 1e-4)
        if (!same) mismatches.push(`ray ${k}: grid ${got}, brute force ${want.index}`)
        if (want.index >= 0) hits++
        if (got >= visible) mismatches.push(`ray ${k}: picked ${got}, only ${visible} visible`)
      }
      expect(mismatches).toEqual([])
      // The sample must exercise both hits and misses.
      expect(hits).toBeGreaterThan(100)
      expect(hits).toBeLessThan(450)
    })
  }
})

describe('camera presets', () => {
  const ids = cameraPresets(layout).map((p) => p.id)

  it('offers campus, each site, hall and rack, on keys 1..n', () => {
    const presets = cameraPresets(layout)
    expect(ids).toEqual(['campus', ...layout.sites.map((s) => `site:${s.id}`), 'hall', 'rack'])
    expect(presets.map((p) => p.key)).toEqual(presets.map((_, k) => String(k + 1)))
    expect(presets.map((p) => p.label)).toEqual([
      'Campus',
      ...layout.sites.map((s) => s.name),
      'Hall',
      'Rack',
    ])
  })

  it('every preset gives a finite pose above the ground, for any aspect, phase and selection', () => {
    for (const id of ids)
      for (const aspect of [16 / 9, 4 / 3, 1, 9 / 16, 0.2, 5])
        for (let p = 0; p < n; p++)
          for (const selected of [-1, 0, r.count - 1]) {
            const pose = presetPose(layout, id, aspect, selected, p)
            expect(pose, `${id} @${aspect} phase ${p}`).not.toBeNull()
            const all = [...pose!.position, ...pose!.target]
            expect(all.every(Number.isFinite)).toBe(true)
            expect(pose!.position[1]).toBeGreaterThan(0)
            // Looking at something, not standing on it.
            expect(Math.hypot(...pose!.position.map((v, k) => v - pose!.target[k]!))).toBeGreaterThan(1)
          }
  })

  it('unknown presets give null', () => {
    for (const id of ['', 'nope', 'site:', 'site:XX', 'Campus', 'site:c1'])
      expect(presetPose(layout, id, 16 / 9, -1, n - 1)).toBeNull()
  })

  /** NDC of a campus point seen from a preset pose (fov 40°, the app's camera). */
  function project(pose: { position: number[]; target: number[] }, aspect: number, p: Vector3): Vector3 {
    const cam = new PerspectiveCamera(40, aspect, 0.5, 100_000)
    cam.position.set(pose.position[0]!, pose.position[1]!, pose.position[2]!)
    cam.lookAt(pose.target[0]!, pose.target[1]!, pose.target[2]!)
    cam.updateMatrixWorld()
    cam.updateProjectionMatrix()
    return p.clone().project(cam)
  }
  const inView = (v: Vector3) => Math.abs(v.x) <= 1 && Math.abs(v.y) <= 1 && v.z > -1 && v.z < 1

  it('the campus preset sees every site centre', () => {
    for (const aspect of [16 / 9, 4 / 3, 1, 9 / 16]) {
      const pose = presetPose(layout, 'campus', aspect, -1, n - 1)!
      for (const s of layout.sites) {
        const c = new Vector3((s.bounds.minX + s.bounds.maxX) / 2, 0, (s.bounds.minZ + s.bounds.maxZ) / 2)
        const v = project(pose, aspect, c)
        expect(inView(v), `${s.id} at aspect ${aspect}: ${v.toArray()}`).toBe(true)
      }
    }
  })

  it('the campus preset at 16:9 sees every building corner (roof included) and every plant unit', () => {
    const aspect = 16 / 9
    const pose = presetPose(layout, 'campus', aspect, -1, n - 1)!
    const out: string[] = []
    for (const b of layout.buildings) {
      const q = rectCorners(b.transform, b.sizeM[0], b.sizeM[1])
      for (let k = 0; k < 8; k += 2)
        for (const y of [0, b.sizeM[2]])
          if (!inView(project(pose, aspect, new Vector3(q[k]!, y, q[k + 1]!))))
            out.push(`${b.id} corner ${k / 2}`)
    }
    for (const inf of layout.infrastructure)
      for (const u of unitPlacements(inf))
        if (!inView(project(pose, aspect, new Vector3(u.x, 0, u.z)))) out.push(inf.id)
    expect(out).toEqual([])
  })

  it('each site preset sees all of its buildings', () => {
    const aspect = 16 / 9
    layout.sites.forEach((s, si) => {
      const pose = presetPose(layout, `site:${s.id}`, aspect, -1, n - 1)!
      for (const b of layout.buildings.filter((x) => x.site === si)) {
        const q = rectCorners(b.transform, b.sizeM[0], b.sizeM[1])
        for (let k = 0; k < 8; k += 2)
          expect(inView(project(pose, aspect, new Vector3(q[k]!, 0, q[k + 1]!))), `${b.id}`).toBe(true)
      }
    })
  })

  it('the hall preset looks at the hall of the selected rack', () => {
    for (const i of [0, r.phaseEnd[2]!, r.count - 1]) {
      const pose = presetPose(layout, 'hall', 16 / 9, i, n - 1)!
      const hall = layout.halls[r.hall[i]!]!
      expect(pose.target[0]).toBeCloseTo(hall.transform.x, 6)
      expect(pose.target[2]).toBeCloseTo(hall.transform.z, 6)
      expect(inView(project(pose, 16 / 9, new Vector3(r.x[i]!, 1, r.z[i]!)))).toBe(true)
    }
  })
})

describe('rack facts', () => {
  it('rack 0 is C1-H1-R01-A01-R1, an H100 SXM rack of 64 GPUs', () => {
    const info = rackInfo(layout, 0)!
    expect(info.id).toBe('C1-H1-R01-A01-R1')
    expect(info.generation).toBe('H100 SXM')
    expect(info.generationId).toBe('H100')
    expect(info.gpus).toBe(64)
    expect(info.phaseId).toBe(config.phases[0]!.id)
    expect(info.phaseDate).toBe(config.phases[0]!.date)
    expect(info.site).toBe(config.sites[0]!.name)
    expect([info.row, info.array, info.slot]).toEqual([1, 1, 1])
    expect(info.positionM).toEqual([r.x[0], r.z[0]])
  })

  it('the last rack is of the last phase and its generation', () => {
    const info = rackInfo(layout, r.count - 1)!
    const lastPhase = config.phases[n - 1]!
    expect(info.phaseId).toBe(lastPhase.id)
    expect(info.generationId).toBe(lastPhase.adds.at(-1)!.generation)
  })

  it('GPUs, power and BF16 over every rack add up to the last phase totals', () => {
    let gpus = 0
    let bf16 = 0
    let kw = 0
    for (let i = 0; i < r.count; i++) {
      const info = rackInfo(layout, i)!
      gpus += info.gpus
      bf16 += info.bf16Pflops
      kw += info.powerKw
    }
    const last = layout.phases[n - 1]!
    expect(gpus).toBe(last.gpus)
    expect(bf16 / 1000).toBeCloseTo(last.bf16Exaflops, 6)
    expect((kw * config.itOverheadFactor) / 1000).toBeCloseTo(last.itPowerMw, 3)
  })

  it('ids are unique', () => {
    const ids = new Set<string>()
    for (let i = 0; i < r.count; i++) ids.add(rackInfo(layout, i)!.id)
    expect(ids.size).toBe(r.count)
  })

  it('no facts for indices that are not racks', () => {
    for (const i of [-1, r.count, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(rackInfo(layout, i)).toBeNull()
  })
})

describe('viewpoint enclosed by a building', () => {
  const standing = layout.buildings.find((b) => b.status !== 'planned')!
  /** A copy of the layout with only `standing`, turned by `angle` about (10, -20). */
  const turned = (angle: number): Layout => ({
    ...layout,
    buildings: [{ ...standing, transform: { x: 10, z: -20, angle } }],
  })
  const at = (angle: number, lx: number, lz: number) => {
    const p = { x: 0, z: 0 }
    rotateY(lx, lz, angle, p)
    return [p.x + 10, p.z - 20] as const
  }
  const [w, d, h] = standing.sizeM

  it('the rack preset stands inside a building, below its walls; the campus preset does not', () => {
    const rack = presetPose(layout, 'rack', 16 / 9, 0, n - 1)!.position
    expect(enclosedByBuilding(layout, rack[0], rack[1], rack[2], 1)).toBe(true)
    const campus = presetPose(layout, 'campus', 16 / 9, -1, n - 1)!.position
    expect(enclosedByBuilding(layout, campus[0], campus[1], campus[2], 1)).toBe(false)
  })

  it('holds inside the walls of a turned building, by the margin, and nowhere else', () => {
    for (const angle of [0, 0.5, -2.2]) {
      const L = turned(angle)
      const inside = (lx: number, y: number, lz: number, m = 1) => {
        const [x, z] = at(angle, lx, lz)
        return enclosedByBuilding(L, x, y, z, m)
      }
      expect(inside(0, 3, 0), `${angle}`).toBe(true)
      expect(inside(w / 2 - WALL_M - 1.5, 3, d / 2 - WALL_M - 1.5)).toBe(true)
      // Within the margin of a wall (its inner face) or the wall top, or outside: not enclosed.
      expect(inside(w / 2 - WALL_M - 0.5, 3, 0)).toBe(false)
      expect(inside(0, 3, -(d / 2 - WALL_M - 0.5))).toBe(false)
      expect(inside(w / 2 + 5, 3, 0)).toBe(false)
      expect(inside(0, h - 0.5, 0)).toBe(false)
      expect(inside(0, h + 5, 0)).toBe(false)
      // Below the floor slab, or with a margin wider than the building: not enclosed.
      expect(inside(0, -1, 0)).toBe(false)
      expect(inside(0, 3, 0, Math.max(w, d))).toBe(false)
    }
  })

  it('a planned building, a low kerb, encloses nothing above it', () => {
    const L: Layout = {
      ...layout,
      buildings: [{ ...standing, status: 'planned', transform: { x: 0, z: 0, angle: 0 } }],
    }
    expect(enclosedByBuilding(L, 0, 3, 0, 1)).toBe(false)
    expect(
      enclosedByBuilding({ ...L, buildings: [{ ...L.buildings[0]!, status: standing.status }] }, 0, 3, 0, 1),
    ).toBe(true)
  })
})

describe('campus plant', () => {
  it('each plant group places exactly its number of units', () => {
    expect(layout.infrastructure.length).toBeGreaterThan(0)
    for (const inf of layout.infrastructure) {
      const units = unitPlacements(inf)
      expect(units, inf.id).toHaveLength(inf.units)
      for (const u of units) expect([u.x, u.z, u.rotY].every(Number.isFinite)).toBe(true)
    }
  })

  it('seen from afar, each row of a group is one box covering exactly its units, as tall as they are', () => {
    for (const inf of layout.infrastructure) {
      const units = unitPlacements(inf)
      const rows = unitRowBoxes(inf, inf.phase)
      const [len, wid] = UNIT_SPACING[inf.kind]
      let covered = 0
      for (const [r, box] of rows.entries()) {
        expect([box.sy, box.y * 2, box.sz], `${inf.id} row ${r}`).toEqual([
          UNIT_HEIGHT_M[inf.kind],
          UNIT_HEIGHT_M[inf.kind],
          wid,
        ])
        expect(box.phase).toBe(inf.phase)
        // The units inside the box (in its own frame): their footprints fill its length end to end.
        const c = Math.cos(box.rotY)
        const s = Math.sin(box.rotY)
        const inside = units.filter((u) => {
          const dx = u.x - box.x
          const dz = u.z - box.z
          const lx = dx * c - dz * s
          const lz = dx * s + dz * c
          return Math.abs(lz) < 1e-6 && Math.abs(lx) + len / 2 <= box.sx / 2 + 1e-6
        })
        expect(inside.length, `${inf.id} row ${r} holds units`).toBeGreaterThan(0)
        const xs = inside.map((u) => (u.x - box.x) * c - (u.z - box.z) * s)
        expect(Math.max(...xs) - Math.min(...xs) + len, `${inf.id} row ${r} length`).toBeCloseTo(box.sx, 6)
        covered += inside.length
      }
      expect(covered, `${inf.id}: every unit in exactly one row`).toBe(inf.units)
    }
  })

  it('units of a group are centred on the group and do not overlap each other', () => {
    for (const inf of layout.infrastructure) {
      const units = unitPlacements(inf)
      const cx = units.reduce((a, u) => a + u.x, 0) / units.length
      const cz = units.reduce((a, u) => a + u.z, 0) / units.length
      // Centred when the last row is full; within one spacing of the centre otherwise.
      const [, , sx, sz] = UNIT_SPACING[inf.kind]
      expect(Math.abs(cx - inf.transform.x)).toBeLessThanOrEqual(sx)
      expect(Math.abs(cz - inf.transform.z)).toBeLessThanOrEqual(sz)
      const [lx, lz] = UNIT_SPACING[inf.kind]
      const quads = units.map((u) => rectCorners({ x: u.x, z: u.z, angle: u.rotY }, lx, lz))
      for (let a = 0; a < quads.length; a++)
        for (let b = 0; b < a; b++)
          expect(quadsOverlap(quads[a]!, quads[b]!), `${inf.id} units ${a}, ${b}`).toBe(false)
    }
  })

  it('no plant unit stands on a building, and groups do not overlap each other', () => {
    const buildings = layout.buildings.map((b) => ({
      id: b.id,
      q: rectCorners(b.transform, b.sizeM[0], b.sizeM[1]),
    }))
    const units: { group: string; q: number[] }[] = []
    for (const inf of layout.infrastructure) {
      const [lx, lz] = UNIT_SPACING[inf.kind]
      for (const u of unitPlacements(inf))
        units.push({ group: inf.id, q: rectCorners({ x: u.x, z: u.z, angle: u.rotY }, lx, lz) })
    }
    const onBuildings: string[] = []
    for (const u of units)
      for (const b of buildings) if (quadsOverlap(u.q, b.q)) onBuildings.push(`${u.group} on ${b.id}`)
    expect(onBuildings).toEqual([])
    const crossing = new Set<string>()
    for (let a = 0; a < units.length; a++)
      for (let b = 0; b < a; b++)
        if (units[a]!.group !== units[b]!.group && quadsOverlap(units[a]!.q, units[b]!.q))
          crossing.add(`${units[a]!.group} × ${units[b]!.group}`)
    expect([...crossing]).toEqual([])
  })
})

describe('plane geometry', () => {
  it('rotateY turns points as three.js turns them about +y (east becomes north at 90°)', () => {
    expect(rotateY(1, 0, Math.PI / 2, { x: 0, z: 0 })).toEqual({ x: expect.closeTo(0, 12), z: -1 })
    const axis = new Vector3(0, 1, 0)
    for (const angle of [0, 0.3, 1, Math.PI / 2, 2.5, Math.PI, -0.7, 4]) {
      for (const [x, z] of [
        [1, 0],
        [0, 1],
        [3, -2],
        [-5.5, 7.25],
      ] as const) {
        const want = new Vector3(x, 0, z).applyAxisAngle(axis, angle)
        const got = rotateY(x, z, angle, { x: 0, z: 0 })
        expect(got.x).toBeCloseTo(want.x, 12)
        expect(got.z).toBeCloseTo(want.z, 12)
      }
    }
  })
})
