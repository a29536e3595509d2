/**
 * The procedural dressing (src/domain/dressing.ts): the same for the same layout and seed,
 * clear of every building, hall and plant unit, and within its ground. Overlaps are checked
 * here by sampling points of each placed thing against the footprints computed from the layout
 * (unit by unit), not with the generator's own overlap test.
 */
import { describe, expect, it } from 'vitest'
import { UNIT_SPACING, unitPlacements } from '../../src/domain/campus'
import { createDressing, type Dressing, type RectSet } from '../../src/domain/dressing'
import { MAX_TREES } from '../../src/domain/dressingNature'
import { buildLayout, campusBounds, type Layout } from '../../src/domain/layout/buildLayout'
import {
  accepted,
  defaultConfig,
  defaultLayout,
  EXAMPLE_LAYOUT_FILES,
  layoutPath,
  layoutText,
} from '../fixtures'

/** A footprint: centre, half sizes and rotation about +y (three.js convention, as the layout uses). */
interface Footprint {
  what: string
  x: number
  z: number
  hx: number
  hz: number
  angle: number
}

/** Whether (px, pz) lies strictly inside `f` (by more than 1 cm). */
function insideFootprint(f: Footprint, px: number, pz: number): boolean {
  const dx = px - f.x
  const dz = pz - f.z
  const c = Math.cos(f.angle)
  const s = Math.sin(f.angle)
  // Inverse of x' = c x + s z, z' = -s x + c z.
  const lx = c * dx - s * dz
  const lz = s * dx + c * dz
  return Math.abs(lx) < f.hx - 0.01 && Math.abs(lz) < f.hz - 0.01
}

/** Every building, hall and plant unit of `layout`. */
function footprints(layout: Layout): Footprint[] {
  const out: Footprint[] = []
  for (const b of layout.buildings)
    out.push({ what: `building ${b.id}`, ...b.transform, hx: b.sizeM[0] / 2, hz: b.sizeM[1] / 2 })
  for (const h of layout.halls)
    out.push({ what: `hall ${h.id}`, ...h.transform, hx: h.sizeM[0] / 2, hz: h.sizeM[1] / 2 })
  for (const inf of layout.infrastructure) {
    const [len, wid] = UNIT_SPACING[inf.kind]
    for (const u of unitPlacements(inf))
      out.push({ what: `plant ${inf.id}`, x: u.x, z: u.z, angle: u.rotY, hx: len / 2, hz: wid / 2 })
  }
  return out
}

/** Points sampled over rectangle i of `set` (a 7 × 7 grid, edges included). */
function samples(set: RectSet, i: number): [number, number][] {
  const out: [number, number][] = []
  const c = Math.cos(set.angle[i]!)
  const s = Math.sin(set.angle[i]!)
  for (let a = 0; a <= 6; a++)
    for (let b = 0; b <= 6; b++) {
      const lx = (a / 6 - 0.5) * set.sx[i]!
      const lz = (b / 6 - 0.5) * set.sz[i]!
      out.push([set.x[i]! + c * lx + s * lz, set.z[i]! - s * lx + c * lz])
    }
  return out
}

/** Named point samples of everything the dressing places on open ground. */
function groundSamples(d: Dressing): { what: string; points: [number, number][] }[] {
  const out: { what: string; points: [number, number][] }[] = []
  const sets: [string, RectSet][] = [
    ['road', d.roads],
    ['car park', d.carParks],
    ['bay line', d.bays],
    ['apron', d.aprons],
  ]
  for (const [what, set] of sets)
    for (let i = 0; i < set.count; i++) out.push({ what: `${what} ${i}`, points: samples(set, i) })
  const f = d.fences
  for (let i = 0; i < f.count; i++) {
    const points: [number, number][] = []
    for (let k = 0; k <= 20; k++)
      points.push([f.x0[i]! + ((f.x1[i]! - f.x0[i]!) * k) / 20, f.z0[i]! + ((f.z1[i]! - f.z0[i]!) * k) / 20])
    out.push({ what: `fence ${i}`, points })
  }
  const t = d.trees
  for (let i = 0; i < t.count; i++) {
    const r = t.radiusM[i]!
    const points: [number, number][] = [[t.x[i]!, t.z[i]!]]
    for (let k = 0; k < 8; k++) points.push([t.x[i]! + r * Math.cos(k), t.z[i]! + r * Math.sin(k)])
    out.push({ what: `tree ${i}`, points })
  }
  const p = d.lines.pylons
  for (let i = 0; i < p.count; i++)
    out.push({
      what: `pylon ${i}`,
      points: [
        [p.x[i]!, p.z[i]!],
        [p.x[i]! + 1.1, p.z[i]! + 1.1],
        [p.x[i]! - 1.1, p.z[i]! - 1.1],
      ],
    })
  return out
}

/** The default layout with its buildings turned, so nothing is axis-aligned. */
function turnedLayout(): Layout {
  const c = structuredClone(defaultConfig())
  c.sites[0]!.buildings[0]!.rotationDeg = 30
  c.sites[2]!.buildings[0]!.rotationDeg = -20
  return buildLayout(accepted(c))
}

const LAYOUTS: [string, () => Layout][] = [
  ['the default layout', defaultLayout],
  ['the default layout with turned buildings', turnedLayout],
  ...EXAMPLE_LAYOUT_FILES.map((f): [string, () => Layout] => [
    f,
    () => buildLayout(accepted(JSON.parse(layoutText(layoutPath(f))))),
  ]),
]

describe('createDressing', () => {
  it('gives the same dressing for the same layout and seed, another for another seed', () => {
    const a = createDressing(defaultLayout(), 7)
    const b = createDressing(defaultLayout(), 7)
    expect(b).toEqual(a)
    const c = createDressing(defaultLayout(), 8)
    expect(Array.from(c.trees.x)).not.toEqual(Array.from(a.trees.x))
  })

  it('dresses the default campus with every kind of dressing', () => {
    const d = createDressing(defaultLayout())
    const layout = defaultLayout()
    expect(d.roads.count).toBeGreaterThanOrEqual(4 * layout.sites.length)
    expect(d.carParks.count).toBe(layout.sites.length)
    expect(d.bays.count).toBeGreaterThan(20 * d.carParks.count)
    expect(d.aprons.count).toBe(layout.buildings.length)
    expect(d.docks.count).toBeGreaterThanOrEqual(3 * layout.buildings.length)
    expect(d.yards.count).toBe(layout.infrastructure.length)
    expect(d.fences.count).toBeGreaterThan(0)
    expect(d.rooftop.count).toBeGreaterThanOrEqual(4 * layout.buildings.length)
    expect(d.trees.count).toBeGreaterThan(100)
    expect(d.trees.count).toBeLessThanOrEqual(MAX_TREES)
    const substations = layout.infrastructure.filter((i) => i.kind === 'substation').length
    expect(d.lines.spanCount).toBeGreaterThanOrEqual(substations)
  })

  it('lays each yard under its plant group, to appear with the phase that builds it', () => {
    const layout = defaultLayout()
    const d = createDressing(layout)
    const phases = Array.from(d.yardPhase)
    expect(phases).toHaveLength(d.yards.count)
    expect(phases, 'in phase order').toEqual([...phases].sort((a, b) => a - b))
    // Some yards belong to later phases (the default layout adds plant as it grows).
    expect(new Set(phases).size).toBeGreaterThan(1)
    for (let i = 0; i < d.yards.count; i++) {
      // The yard is centred on one plant group of its phase.
      const under = layout.infrastructure.filter(
        (inf) => Math.hypot(inf.transform.x - d.yards.x[i]!, inf.transform.z - d.yards.z[i]!) < 1e-3,
      )
      expect(
        under.map((inf) => inf.phase),
        `yard ${i}`,
      ).toContain(phases[i])
    }
  })

  for (const [name, make] of LAYOUTS) {
    describe(name, () => {
      const layout = make()
      const d = createDressing(layout)
      const blocked = footprints(layout)

      it('places nothing on a building, a hall or a plant unit', () => {
        const hits: string[] = []
        for (const { what, points } of groundSamples(d))
          for (const [x, z] of points)
            for (const f of blocked)
              if (insideFootprint(f, x, z)) hits.push(`${what} at (${x}, ${z}) in ${f.what}`)
        expect(hits).toEqual([])
      })

      it('stays within its ground, which holds the whole campus', () => {
        const b = d.bounds
        const c = campusBounds(layout)
        expect(b.minX < c.minX && b.maxX > c.maxX && b.minZ < c.minZ && b.maxZ > c.maxZ).toBe(true)
        const yards: RectSet = d.yards
        const all = [...groundSamples(d).flatMap((s) => s.points)]
        for (let i = 0; i < yards.count; i++) all.push(...samples(yards, i))
        expect(all.length).toBeGreaterThan(1000)
        const out = all.filter(([x, z]) => x < b.minX || x > b.maxX || z < b.minZ || z > b.maxZ)
        expect(out).toEqual([])
      })

      it('puts rooftop units on roofs and dock doors on walls', () => {
        const buildings = blocked.filter((f) => f.what.startsWith('building'))
        for (let i = 0; i < d.rooftop.count; i++)
          for (const [x, z] of samples(d.rooftop, i))
            expect(
              buildings.some((f) => insideFootprint({ ...f, hx: f.hx + 0.02, hz: f.hz + 0.02 }, x, z)),
              `rooftop unit ${i}`,
            ).toBe(true)
        for (let i = 0; i < d.docks.count; i++) {
          const x = d.docks.x[i]!
          const z = d.docks.z[i]!
          // On a wall: inside a footprint grown by 5 cm, not inside one shrunk by 5 cm.
          const on = buildings.some(
            (f) =>
              insideFootprint({ ...f, hx: f.hx + 0.05, hz: f.hz + 0.05 }, x, z) &&
              !insideFootprint({ ...f, hx: f.hx - 0.05, hz: f.hz - 0.05 }, x, z),
          )
          expect(on, `dock door ${i} at (${x}, ${z})`).toBe(true)
        }
      })
    })
  }
})
