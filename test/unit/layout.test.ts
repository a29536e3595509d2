import { describe, expect, it } from 'vitest'
import type { LayoutConfig } from '../../src/config/schema'
import { cornersInsideRect, quadsOverlap, rectCorners, type Transform2 } from '../../src/domain/geometry'
import { buildLayout, type Layout, type RackTable, rackId } from '../../src/domain/layout/buildLayout'
import { fillHalls } from '../../src/domain/layout/fill'
import { validateLayout } from '../../src/domain/layout/validate'
import { defaultLayoutJson } from '../fixtures'

const base = defaultLayoutJson() as LayoutConfig

/** Validates a config (the engine only takes validated ones) and returns the accepted copy. */
function accepted(config: LayoutConfig): LayoutConfig {
  const result = validateLayout(structuredClone(config))
  if (!result.ok)
    throw new Error(`config refused:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`)
  return result.config
}

const layout = buildLayout(accepted(base))
const EPS = 1e-3 // 1 mm: rack positions are float32

/** Corners of rack `i`'s footprint on the campus plane. */
function rackQuad(l: Layout, i: number): number[] {
  const r = l.racks
  const { widthM, depthM } = l.halls[r.hall[i]!]!.grid.rack
  return rectCorners({ x: r.x[i]!, z: r.z[i]!, angle: r.rotY[i]! }, widthM, depthM)
}

/** Maps campus corners into the frame of `t` (inverse of geometry.applyInto). */
function toLocal(t: Transform2, corners: number[]): number[] {
  const c = Math.cos(t.angle)
  const s = Math.sin(t.angle)
  const out: number[] = []
  for (let k = 0; k < corners.length; k += 2) {
    const dx = corners[k]! - t.x
    const dz = corners[k + 1]! - t.z
    out.push(c * dx - s * dz, s * dx + c * dz)
  }
  return out
}

/**
 * Pairs of racks whose footprints overlap, found by bucketing rack centres into square cells at
 * least as large as the largest rack diagonal: two racks can only overlap when their centres lie
 * in the same or neighbouring cells.
 */
function overlappingRacks(l: Layout): [number, number][] {
  const r = l.racks
  let cell = 0
  for (const h of l.halls) cell = Math.max(cell, Math.hypot(h.grid.rack.widthM, h.grid.rack.depthM))
  const quads: number[][] = []
  const buckets = new Map<string, number[]>()
  for (let i = 0; i < r.count; i++) {
    quads.push(rackQuad(l, i))
    const key = `${Math.floor(r.x[i]! / cell)},${Math.floor(r.z[i]! / cell)}`
    const list = buckets.get(key)
    if (list) list.push(i)
    else buckets.set(key, [i])
  }
  const pairs: [number, number][] = []
  for (let i = 0; i < r.count; i++) {
    const cx = Math.floor(r.x[i]! / cell)
    const cz = Math.floor(r.z[i]! / cell)
    for (let dx = -1; dx <= 1; dx++) {
      for (let dz = -1; dz <= 1; dz++) {
        for (const j of buckets.get(`${cx + dx},${cz + dz}`) ?? []) {
          if (j > i && quadsOverlap(quads[i]!, quads[j]!, EPS)) pairs.push([i, j])
        }
      }
    }
  }
  return pairs
}

const typedArrayKeys = (r: RackTable) =>
  (Object.keys(r) as (keyof RackTable)[]).filter((k) => ArrayBuffer.isView(r[k])) as Exclude<
    keyof RackTable,
    'count'
  >[]

describe('buildLayout on the default layout', () => {
  it('is deterministic: two builds give byte-identical typed arrays and equal stats', () => {
    const a = buildLayout(accepted(base))
    const b = buildLayout(accepted(base))
    const keys = typedArrayKeys(a.racks)
    expect(keys.length).toBeGreaterThanOrEqual(15)
    expect(a.racks.count).toBe(b.racks.count)
    for (const k of keys) {
      const x = a.racks[k]
      const y = b.racks[k]
      expect(
        Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(
          Buffer.from(y.buffer, y.byteOffset, y.byteLength),
        ),
        k,
      ).toBe(true)
    }
    expect(a.phases).toEqual(b.phases)
    expect(a.halls).toEqual(b.halls)
  })

  it('does not change the config it is given', () => {
    const config = accepted(base)
    const before = JSON.stringify(config)
    buildLayout(config)
    expect(JSON.stringify(config)).toBe(before)
  })

  it('places every rack the phases add, and nothing else', () => {
    const r = layout.racks
    const added = base.phases.reduce((n, p) => n + p.adds.reduce((m, a) => m + a.racks, 0), 0)
    expect(r.count).toBe(added)
    expect(r.phaseEnd[r.phaseEnd.length - 1]).toBe(r.count)
    for (const k of typedArrayKeys(r)) if (k !== 'phaseEnd') expect(r[k].length, k).toBe(r.count)
  })

  it('never puts two racks on overlapping footprints', () => {
    expect(overlappingRacks(layout)).toEqual([])
  })

  it('puts every rack inside its hall, every hall inside its building', () => {
    const r = layout.racks
    const outside: string[] = []
    for (let i = 0; i < r.count; i++) {
      const h = layout.halls[r.hall[i]!]!
      if (!cornersInsideRect(toLocal(h.transform, rackQuad(layout, i)), h.sizeM[0], h.sizeM[1], EPS))
        outside.push(rackId(layout, i))
      if (layout.buildings[h.building]!.site !== r.site[i] || h.building !== r.building[i])
        outside.push(`${i} parent`)
    }
    expect(outside).toEqual([])
    for (const h of layout.halls) {
      const b = layout.buildings[h.building]!
      const corners = rectCorners(h.transform, h.sizeM[0], h.sizeM[1])
      expect(cornersInsideRect(toLocal(b.transform, corners), b.sizeM[0], b.sizeM[1], EPS), h.id).toBe(true)
    }
  })

  it('stores racks in build order: phaseEnd is a prefix structure', () => {
    const r = layout.racks
    expect(r.phaseEnd.length).toBe(base.phases.length)
    let prevEnd = 0
    base.phases.forEach((phase, p) => {
      const end = r.phaseEnd[p]!
      expect(end - prevEnd, phase.id).toBe(phase.adds.reduce((n, a) => n + a.racks, 0))
      prevEnd = end
    })
    let p = 0
    for (let i = 0; i < r.count; i++) {
      if (i > 0) expect(r.phase[i]!).toBeGreaterThanOrEqual(r.phase[i - 1]!)
      while (i >= r.phaseEnd[p]!) p++
      // Racks [0, phaseEnd[p]) are those of phases <= p, so rack i belongs to the first p whose end passes it.
      if (r.phase[i] !== p)
        throw new Error(`rack ${i} has phase ${r.phase[i]} but lies in phase ${p}'s range`)
    }
  })

  it('fills the listed halls in order, row by row', () => {
    const r = layout.racks
    const c1h1 = layout.halls.findIndex((h) => h.id === 'C1-H1')
    const c1h2 = layout.halls.findIndex((h) => h.id === 'C1-H2')
    // C1-H1 holds 392 racks (7 rows × 7 arrays × 8): racks 0..391 fill it, 392 starts C1-H2.
    expect([r.hall[0], r.hall[391], r.hall[392]]).toEqual([c1h1, c1h1, c1h2])
    expect([r.row[8], r.array[8], r.slot[8]]).toEqual([0, 1, 0])
    expect([r.row[56], r.array[56], r.slot[56]]).toEqual([1, 0, 0])
    for (let i = 1; i < r.count; i++) {
      if (r.hall[i] !== r.hall[i - 1]) continue
      const a = (r.row[i - 1]! * 256 + r.array[i - 1]!) * 256 + r.slot[i - 1]!
      const b = (r.row[i]! * 256 + r.array[i]!) * 256 + r.slot[i]!
      if (b <= a) throw new Error(`rack ${i} comes before rack ${i - 1} in its hall`)
    }
  })

  it('gives every rack a buildFraction in [0, 1), rising through its phase from 0', () => {
    const r = layout.racks
    for (let i = 0; i < r.count; i++) {
      const f = r.buildFraction[i]!
      if (!(f >= 0 && f < 1)) throw new Error(`rack ${i}: buildFraction ${f}`)
      const start = r.phase[i]! === 0 ? 0 : r.phaseEnd[r.phase[i]! - 1]!
      expect(r.orderInPhase[i]).toBe(i - start)
      if (i === start) expect(f).toBe(0)
      else if (f <= r.buildFraction[i - 1]!) throw new Error(`rack ${i}: buildFraction does not rise`)
    }
    // The last rack of a phase is close to 1.
    expect(r.buildFraction[r.count - 1]).toBeCloseTo(1, 3)
  })

  it('names racks like C1-H1-R01-A01-R1, uniquely', () => {
    expect(rackId(layout, 0)).toBe('C1-H1-R01-A01-R1')
    expect(rackId(layout, 391)).toBe('C1-H1-R07-A07-R8')
    expect(rackId(layout, 392)).toBe('C1-H2-R01-A01-R1')
    const ids = new Set<string>()
    for (let i = 0; i < layout.racks.count; i++) ids.add(rackId(layout, i))
    expect(ids.size).toBe(layout.racks.count)
  })
})

describe('phase totals against the fact sheet (colossus-facts.md, "Derived default phases")', () => {
  const byId = new Map(layout.phases.map((p) => [p.id, p]))
  const within = (actual: number, expected: number, fraction: number) =>
    expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(fraction)

  it('reaches the headline GPU counts 100k, 200k and 1M within 1%', () => {
    within(byId.get('colossus-1-online')!.gpus, 100_000, 0.01)
    within(byId.get('doubled')!.gpus, 200_000, 0.01)
    within(byId.get('one-million')!.gpus, 1_000_000, 0.01)
    expect(layout.phases.filter((p) => p.headline).map((p) => p.id)).toEqual([
      'colossus-1-online',
      'doubled',
      'one-million',
    ])
  })

  const table = [
    { id: 'colossus-1-online', gpus: 100_000, racks: 1_563, it: 122, facility: 159 },
    { id: 'doubled', gpus: 200_000, racks: 3_125, it: 244, facility: 317 },
    { id: 'colossus-1-complete', gpus: 230_000, racks: 3_542, it: 301, facility: 392 },
    { id: 'colossus-2-phase-1', gpus: 340_000, racks: 5_070, it: 510, facility: 663 },
    // The November 2026 update's end-2025 milestone: GB300 added until 1M H100 equivalents.
    { id: 'one-million-h100e', gpus: 516_576, racks: 7_522, it: 887, facility: 1_154 },
    { id: 'colossus-2-full', gpus: 780_000, racks: 11_181, it: 1_451, facility: 1_886 },
    { id: 'one-million', gpus: 1_000_000, racks: 14_236, it: 1_921, facility: 2_497 },
  ]

  it('has the phases of the table, in order', () => {
    expect(layout.phases.map((p) => p.id)).toEqual(table.map((row) => row.id))
  })

  it.each(table)('$id: GPUs and racks within 1%, IT and facility MW within 10%', (row) => {
    const p = byId.get(row.id)!
    within(p.gpus, row.gpus, 0.01)
    within(p.racks, row.racks, 0.01)
    within(p.itPowerMw, row.it, 0.1)
    within(p.facilityPowerMw, row.facility, 0.1)
  })

  it('agrees with the rack table: racks and GPUs by generation', () => {
    const r = layout.racks
    layout.phases.forEach((p, k) => {
      expect(p.racks).toBe(r.phaseEnd[k])
      const gpus: Record<string, number> = {}
      for (let i = 0; i < r.phaseEnd[k]!; i++) {
        const g = base.generations[r.generation[i]!]!
        gpus[g.id] = (gpus[g.id] ?? 0) + g.gpusPerServer * g.serversPerRack
      }
      expect(p.gpusByGeneration).toEqual(gpus)
      expect(p.gpus).toBe(Object.values(gpus).reduce((a, b) => a + b, 0))
    })
  })

  it('gives 100k H100 ≈ 98.9 BF16 exaFLOPS', () => {
    const first = byId.get('colossus-1-online')!
    expect(first.gpusByGeneration).toEqual({ H100: first.gpus })
    within(first.bf16Exaflops, 98.9, 0.005)
  })
})

describe('buildLayout on a hand-made layout', () => {
  /**
   * One site at (100, 50), one 20 × 20 m building at (10, 0) in it, one 10 × 8 m hall at (2, 3)
   * in that. The hall is 2 rows × 2 arrays × 2 racks of 0.6 × 1.2 m racks, 1 m between arrays,
   * 1.8 m aisle: the grid is 4 × 0.6 + 1 = 3.4 m wide and 2 × 1.2 + 1.8 = 4.2 m deep.
   * Rack centres in the hall: x = -1.4, -0.8 | 0.8, 1.4 and z = -1.5 (row 0), 1.5 (row 1).
   */
  function handMade(buildingRotationDeg: number): LayoutConfig {
    return {
      name: 'Hand-made',
      itOverheadFactor: 1.1,
      sources: [],
      generations: [
        {
          id: 'g',
          name: 'G',
          gpusPerServer: 8,
          serversPerRack: 8,
          rackKind: 'hgx',
          tdpW: 700,
          bf16Tflops: 1000,
          fp8Tflops: 2000,
          hbmGb: 80,
          rackPowerKw: 50,
          color: '#336699',
        },
      ],
      hallTypes: [
        {
          id: 't',
          sizeM: [10, 8],
          rows: 2,
          arraysPerRow: 2,
          racksPerArray: 2,
          rack: { widthM: 0.6, depthM: 1.2, heightM: 2.3 },
          aisleM: 1.8,
          arrayGapM: 1,
        },
      ],
      sites: [
        {
          id: 'S',
          name: 'Site',
          positionM: [100, 50],
          buildings: [
            {
              id: 'B',
              name: 'Building',
              positionM: [10, 0],
              rotationDeg: buildingRotationDeg,
              sizeM: [20, 20, 10],
              halls: [{ id: 'H', name: 'Hall', type: 't', positionM: [2, 3] }],
            },
          ],
        },
      ],
      phases: [
        {
          id: 'a',
          name: 'A',
          date: '2024-01-01',
          description: 'five racks',
          adds: [{ halls: ['H'], generation: 'g', racks: 5 }],
          supply: { gridMw: 1, turbineMw: 0, batteryMw: 0 },
          pue: 1.25,
        },
        {
          id: 'b',
          name: 'B',
          date: '2024-02-01',
          description: 'three more',
          adds: [{ halls: ['H'], generation: 'g', racks: 3 }],
          supply: { gridMw: 1, turbineMw: 0, batteryMw: 0 },
          pue: 1.25,
        },
      ],
    }
  }

  const TWO_PI = 2 * Math.PI
  const angle = (a: number) => ((a % TWO_PI) + TWO_PI) % TWO_PI

  function expectRacks(l: Layout, expected: [number, number, number][]) {
    const r = l.racks
    expect(r.count).toBe(expected.length)
    expected.forEach(([x, z, rotY], i) => {
      expect(r.x[i], `x of rack ${i}`).toBeCloseTo(x, 4)
      expect(r.z[i], `z of rack ${i}`).toBeCloseTo(z, 4)
      expect(angle(r.rotY[i]!), `rotY of rack ${i}`).toBeCloseTo(angle(rotY), 5)
    })
  }

  it('places racks row by row, array by array; odd rows face the other way (rotY = π)', () => {
    const l = buildLayout(accepted(handMade(0)))
    // Hall centre on the campus: (100 + 10 + 2, 50 + 0 + 3) = (112, 53).
    expectRacks(l, [
      [110.6, 51.5, 0],
      [111.2, 51.5, 0],
      [112.8, 51.5, 0],
      [113.4, 51.5, 0],
      [110.6, 54.5, Math.PI],
      [111.2, 54.5, Math.PI],
      [112.8, 54.5, Math.PI],
      [113.4, 54.5, Math.PI],
    ])
    expect(Array.from(l.racks.row)).toEqual([0, 0, 0, 0, 1, 1, 1, 1])
    expect(Array.from(l.racks.array)).toEqual([0, 0, 1, 1, 0, 0, 1, 1])
    expect(Array.from(l.racks.slot)).toEqual([0, 1, 0, 1, 0, 1, 0, 1])
    expect(rackId(l, 0)).toBe('H-R01-A01-R1')
    expect(rackId(l, 7)).toBe('H-R02-A02-R2')
  })

  it('moves racks with a building turned 90° counter-clockwise (east becomes north)', () => {
    const l = buildLayout(accepted(handMade(90)))
    // Building-local (x, z) lands at (110 + z, 50 - x): the hall centre (2, 3) at (113, 48), and
    // a rack at hall-local (x, z) at (113 + z, 48 - x).
    expect(l.halls[0]!.transform.x).toBeCloseTo(113, 9)
    expect(l.halls[0]!.transform.z).toBeCloseTo(48, 9)
    const q = Math.PI / 2
    expectRacks(l, [
      [111.5, 49.4, q],
      [111.5, 48.8, q],
      [111.5, 47.2, q],
      [111.5, 46.6, q],
      [114.5, 49.4, q + Math.PI],
      [114.5, 48.8, q + Math.PI],
      [114.5, 47.2, q + Math.PI],
      [114.5, 46.6, q + Math.PI],
    ])
    expect(overlappingRacks(l)).toEqual([])
  })

  it('splits racks by phase and counts cumulative totals', () => {
    const l = buildLayout(accepted(handMade(0)))
    const r = l.racks
    expect(Array.from(r.phaseEnd)).toEqual([5, 8])
    expect(Array.from(r.phase)).toEqual([0, 0, 0, 0, 0, 1, 1, 1])
    expect(Array.from(r.orderInPhase)).toEqual([0, 1, 2, 3, 4, 0, 1, 2])
    Array.from(r.buildFraction).forEach((f, i) => {
      expect(f).toBeCloseTo([0, 0.2, 0.4, 0.6, 0.8, 0, 1 / 3, 2 / 3][i]!, 6)
    })
    const [a, b] = l.phases
    // 5 racks × 64 GPUs; 5 × 50 kW × 1.1 = 0.275 MW IT, × 1.25 PUE; 320 × 1000 TFLOPS = 0.32 EF.
    expect(a).toMatchObject({ gpus: 320, racks: 5, gpusByGeneration: { g: 320 } })
    expect(a!.itPowerMw).toBeCloseTo(0.275, 9)
    expect(a!.facilityPowerMw).toBeCloseTo(0.34375, 9)
    expect(a!.bf16Exaflops).toBeCloseTo(0.32, 9)
    expect(b).toMatchObject({ gpus: 512, racks: 8, gpusByGeneration: { g: 512 } })
    expect(b!.itPowerMw).toBeCloseTo(0.44, 9)
    expect(b!.supply.totalMw).toBe(1)
  })

  it('has an overlap check that does find overlapping racks', () => {
    const l = buildLayout(accepted(handMade(0)))
    l.racks.x[1] = l.racks.x[0]! + 0.3
    expect(overlappingRacks(l)).toEqual([[0, 1]])
  })
})

describe('the fill rule (shared by buildLayout and the capacity check)', () => {
  it('fills halls in the listed order from their first free slot, and returns what did not fit', () => {
    const capacity = [10, 4, 6]
    const filled = [7, 0, 6]
    const placed: [number, number, number][] = []
    const left = fillHalls(9, [0, 2, 1], capacity, filled, (h, first, n) => {
      placed.push([h, first, n])
    })
    // Hall 0 has 3 free slots from slot 7, hall 2 is full and is skipped, hall 1 takes 4.
    expect(placed).toEqual([
      [0, 7, 3],
      [1, 0, 4],
    ])
    expect(filled).toEqual([10, 4, 6])
    expect(left).toBe(2)
  })

  it('accepts an add of exactly the free slots its halls have left, and the engine fills every one', () => {
    // colossus-2-full lists C2-H4 first, which colossus-2-phase-1 half filled: the check and
    // the engine must agree on what is left there.
    const p = base.phases.findIndex((phase) => phase.id === 'colossus-2-full')
    const add = base.phases[p]!.adds[0]!
    expect(add.halls[0]).toBe('C2-H4')
    expect(layout.halls.find((h) => h.id === 'C2-H4')!.firstPhase).toBeLessThan(p)
    const free = (config: LayoutConfig): number => {
      const l = buildLayout(accepted(config))
      const halls = add.halls.map((id) => l.halls.findIndex((h) => h.id === id))
      const used = halls.reduce((n, h) => n + l.racks.hall.filter((x) => x === h).length, 0)
      return halls.reduce((n, h) => n + l.halls[h]!.capacity, 0) - used
    }
    const exact = structuredClone(base)
    expect(free(base)).toBeGreaterThan(0)
    exact.phases[p]!.adds[0]!.racks += free(base)
    const l = buildLayout(accepted(exact))
    expect(free(exact)).toBe(0)
    expect(l.racks.count).toBe(layout.racks.count + free(base))
    const over = structuredClone(exact)
    over.phases[p]!.adds[0]!.racks += 1
    const result = validateLayout(over)
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([`phases[${p}].adds[0].racks`])
  })
})
