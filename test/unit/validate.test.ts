import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatProblems, LIMITS, type Problem } from '../../src/config/parse'
import type { LayoutConfig } from '../../src/config/schema'
import { parseLayoutText, validateLayout } from '../../src/domain/layout/validate'
import { layoutText } from '../fixtures'

const defaultText = layoutText()
const base = JSON.parse(defaultText) as LayoutConfig

/** A deep copy of the default layout, changed by `change`. */
function mutated(change: (c: LayoutConfig) => void): LayoutConfig {
  const c = structuredClone(base)
  change(c)
  return c
}

/** Lets a test put a value of the wrong type into a typed object. */
const loose = (o: object): Record<string, unknown> => o as Record<string, unknown>

/** The problems of a config the validator must refuse. */
function problemsOf(data: unknown): Problem[] {
  const result = validateLayout(data)
  if (result.ok) throw new Error('expected the config to be refused, but it was accepted')
  return result.problems
}

/** The problems of config text the parser must refuse. */
function textProblemsOf(text: string): Problem[] {
  const result = parseLayoutText(text)
  if (result.ok) throw new Error('expected the text to be refused, but it was accepted')
  return result.problems
}

const problem = (path: string, fragment: string) => ({ path, message: expect.stringContaining(fragment) })

// Parts of the default layout the tests below lean on; fail loudly if the default changes under them.
const hall = (s: number, b: number, h: number) => base.sites[s]!.buildings[b]!.halls[h]!
const baseRacks = base.phases.reduce((n, p) => n + p.adds.reduce((m, a) => m + a.racks, 0), 0)
const baseHalls = base.sites.reduce((n, s) => n + s.buildings.reduce((m, b) => m + b.halls.length, 0), 0)
const baseSlots = base.sites.reduce(
  (n, s) =>
    n +
    s.buildings.reduce(
      (m, b) =>
        m +
        b.halls.reduce((k, h) => {
          const t = base.hallTypes.find((t) => t.id === h.type)!
          return k + t.rows * t.arraysPerRow * t.racksPerArray
        }, 0),
      0,
    ),
  0,
)

describe('the default layout', () => {
  it('is the shape these tests assume', () => {
    expect(hall(0, 0, 0).id).toBe('C1-H1')
    expect(hall(0, 0, 1).id).toBe('C1-H2')
    expect(hall(2, 0, 7).id).toBe('SH-H8')
    expect(base.phases.map((p) => p.id)).toEqual([
      'colossus-1-online',
      'doubled',
      'colossus-1-complete',
      'colossus-2-phase-1',
      'one-million-h100e',
      'colossus-2-full',
      'one-million',
    ])
    expect(base.phases.flatMap((p) => p.adds.flatMap((a) => a.halls))).not.toContain('SH-H8')
  })

  it('validates with zero problems, as an object and as text', () => {
    const fromObject = validateLayout(structuredClone(base))
    expect(fromObject.ok ? [] : fromObject.problems).toEqual([])
    const fromText = parseLayoutText(defaultText)
    expect(fromText.ok ? [] : fromText.problems).toEqual([])
  })
})

describe('validateLayout: JSON and schema', () => {
  it('refuses text that is not JSON at (root)', () => {
    expect(textProblemsOf('{"name": ')).toEqual([problem('(root)', 'is not valid JSON')])
    expect(textProblemsOf(defaultText.replace('"sources": [', '"sources": [,'))).toEqual([
      problem('(root)', 'is not valid JSON'),
    ])
  })

  it('refuses a document that is not an object at (root)', () => {
    for (const data of [null, 42, 'layout', []]) {
      expect(problemsOf(data)).toEqual([problem('(root)', 'object')])
    }
  })

  it('reports a value of the wrong type at its path, naming the expected type', () => {
    expect(problemsOf(mutated((c) => (loose(c).name = 42)))).toEqual([problem('name', 'string')])
    expect(problemsOf(mutated((c) => (loose(c.hallTypes[0]!).rows = '7')))).toEqual([
      problem('hallTypes[0].rows', 'number'),
    ])
    expect(problemsOf(mutated((c) => (loose(c.phases[0]!).adds = {})))).toEqual([
      problem('phases[0].adds', 'array'),
    ])
  })

  it('says a value of the wrong type has the wrong type, not that it is missing', () => {
    expect(problemsOf(mutated((c) => (loose(c).name = 42)))).toEqual([
      problem('name', 'must be a string (got a number)'),
    ])
    expect(problemsOf(mutated((c) => (loose(c.hallTypes[0]!).rows = '7')))).toEqual([
      problem('hallTypes[0].rows', 'must be a number (got a string)'),
    ])
  })

  it('reports a missing required field at its path', () => {
    expect(problemsOf(mutated((c) => delete loose(c.phases[2]!).pue))).toEqual([
      problem('phases[2].pue', 'is required'),
    ])
    expect(problemsOf(mutated((c) => delete loose(c.hallTypes[1]!.rack).depthM))).toEqual([
      problem('hallTypes[1].rack.depthM', 'is required'),
    ])
  })

  it('refuses unknown fields (objects are strict), naming them', () => {
    expect(problemsOf(mutated((c) => (loose(c.sites[0]!.buildings[0]!.halls[1]!).colour = 'red')))).toEqual([
      problem('sites[0].buildings[0].halls[1]', 'unknown field "colour"'),
    ])
    expect(problemsOf(mutated((c) => Object.assign(c, { phase: [], hallType: [] })))).toEqual([
      problem('(root)', 'unknown fields "phase", "hallType"'),
    ])
  })

  it('refuses a value outside an enum, listing the allowed values', () => {
    expect(problemsOf(mutated((c) => (loose(c.generations[0]!).rackKind = 'blade')))).toEqual([
      problem('generations[0].rackKind', '"hgx", "nvl"'),
    ])
  })

  it('refuses a colour that is not #rrggbb', () => {
    for (const bad of ['red', '#12345', '#12345g', '56B4E9']) {
      expect(problemsOf(mutated((c) => (c.generations[1]!.color = bad)))).toEqual([
        problem('generations[1].color', '#rrggbb'),
      ])
    }
  })

  it('refuses a date not written YYYY-MM-DD', () => {
    expect(problemsOf(mutated((c) => (c.phases[1]!.date = '2024/12/03')))).toContainEqual(
      problem('phases[1].date', 'YYYY-MM-DD'),
    )
    expect(problemsOf(mutated((c) => (c.sources[2]!.date = '28 Oct 2024')))).toContainEqual(
      problem('sources[2].date', 'YYYY-MM-DD'),
    )
  })

  it('refuses an impossible calendar date and accepts a real leap day', () => {
    for (const bad of ['2025-02-30', '2025-02-29', '2024-13-01', '2024-04-31']) {
      expect(problemsOf(mutated((c) => (c.phases[1]!.date = bad)))).toEqual([
        problem('phases[1].date', 'not a real calendar date'),
      ])
    }
    expect(validateLayout(mutated((c) => (c.phases[0]!.date = '2024-02-29'))).ok).toBe(true)
  })
})

describe('validateLayout: references and ids', () => {
  it('refuses a duplicate generation id, naming where it was first used', () => {
    const problems = problemsOf(
      mutated((c) => c.generations.push({ ...c.generations[0]!, name: 'H100 again' })),
    )
    expect(problems).toEqual([problem('generations[4].id', '"H100" is already used at generations[0]')])
  })

  it('refuses a hall id used again in another building', () => {
    const problems = problemsOf(mutated((c) => (c.sites[2]!.buildings[0]!.halls[7]!.id = 'C1-H2')))
    expect(problems).toEqual([
      problem(
        'sites[2].buildings[0].halls[7].id',
        '"C1-H2" is already used at sites[0].buildings[0].halls[1]',
      ),
    ])
  })

  it('refuses duplicate phase and source ids', () => {
    expect(problemsOf(mutated((c) => c.sources.push({ ...c.sources[0]!, title: 'again' })))).toEqual([
      problem(`sources[${base.sources.length}].id`, 'is already used at sources[0]'),
    ])
    expect(problemsOf(mutated((c) => (c.phases[3]!.id = 'doubled')))).toContainEqual(
      problem('phases[3].id', '"doubled" is already used at phases[1]'),
    )
  })

  it('refuses a reference to an unknown source', () => {
    expect(problemsOf(mutated((c) => c.generations[1]!.sources!.push('nope')))).toEqual([
      problem('generations[1].sources[2]', 'unknown source "nope"'),
    ])
    expect(problemsOf(mutated((c) => (c.phases[0]!.published![0]!.source = 'nope')))).toEqual([
      problem('phases[0].published[0].source', 'unknown source "nope"'),
    ])
    expect(problemsOf(mutated((c) => (c.sites[1]!.sources = ['dcd-c2-site', 'nope'])))).toEqual([
      problem('sites[1].sources[1]', 'unknown source "nope"'),
    ])
    expect(problemsOf(mutated((c) => (c.sites[0]!.infrastructure![0]!.sources = ['nope'])))).toEqual([
      problem('sites[0].infrastructure[0].sources[0]', 'unknown source "nope"'),
    ])
  })

  it('refuses a hall of an unknown hall type', () => {
    expect(problemsOf(mutated((c) => (c.sites[0]!.buildings[0]!.halls[2]!.type = 'foo-hall')))).toEqual([
      problem('sites[0].buildings[0].halls[2].type', 'unknown hall type "foo-hall"'),
    ])
  })

  it('refuses a phase that names an unknown hall', () => {
    expect(problemsOf(mutated((c) => c.phases[2]!.adds[0]!.halls.push('C9-H1')))).toEqual([
      problem('phases[2].adds[0].halls[1]', 'unknown hall "C9-H1"'),
    ])
  })

  it('refuses a phase that adds an unknown generation', () => {
    expect(problemsOf(mutated((c) => (c.phases[1]!.adds[1]!.generation = 'H300')))).toEqual([
      problem('phases[1].adds[1].generation', 'unknown generation "H300"'),
    ])
  })

  it('refuses infrastructure brought by an unknown phase', () => {
    expect(problemsOf(mutated((c) => (c.sites[2]!.infrastructure![1]!.phase = 'two-million')))).toEqual([
      problem('sites[2].infrastructure[1].phase', 'unknown phase "two-million"'),
    ])
  })
})

describe('validateLayout: geometry', () => {
  it('refuses a hall type whose rack grid is wider than the hall', () => {
    // hgx-hall: 7 arrays × 8 racks × 0.6 m + 6 gaps × 3 m = 51.6 m
    expect(problemsOf(mutated((c) => (c.hallTypes[0]!.sizeM[0] = 50)))).toEqual([
      problem('hallTypes[0]', 'racks need 51.6 m of width but the hall is 50 m wide'),
    ])
    expect(validateLayout(mutated((c) => (c.hallTypes[0]!.sizeM[0] = 51.6))).ok).toBe(true)
  })

  it('refuses a hall type whose rack grid is deeper than the hall', () => {
    // nvl-hall: 8 rows × 1.2 m + 7 aisles × 3.6 m = 34.8 m
    expect(problemsOf(mutated((c) => (c.hallTypes[1]!.sizeM[1] = 30)))).toEqual([
      problem('hallTypes[1]', 'racks need 34.8 m of depth but the hall is 30 m deep'),
    ])
    expect(problemsOf(mutated((c) => (c.hallTypes[1]!.aisleM = 5)))).toEqual([
      problem('hallTypes[1]', 'racks need 44.6 m of depth'),
    ])
  })

  it('refuses a hall that reaches outside its building', () => {
    // C1-B is 180 × 400 m; hgx-hall is 58 × 36 m.
    expect(problemsOf(mutated((c) => (c.sites[0]!.buildings[0]!.halls[0]!.positionM = [-70, -160])))).toEqual(
      [
        problem(
          'sites[0].buildings[0].halls[0].positionM',
          'hall "C1-H1" (58 × 36 m) reaches outside building "C1-B"',
        ),
      ],
    )
    expect(problemsOf(mutated((c) => (c.sites[0]!.buildings[0]!.halls[0]!.positionM = [-45, -190])))).toEqual(
      [problem('sites[0].buildings[0].halls[0].positionM', 'reaches outside building "C1-B"')],
    )
  })

  it('takes the hall rotation into account when checking it fits its building', () => {
    // At z = -175 the 36 m deep hall ends at -193 (inside); turned 90° it is 58 m deep and ends at -204.
    const at = (rotationDeg: number) =>
      mutated((c) => {
        const h = c.sites[0]!.buildings[0]!.halls[0]!
        h.positionM = [-45, -175]
        h.rotationDeg = rotationDeg
      })
    expect(validateLayout(at(0)).ok).toBe(true)
    expect(problemsOf(at(90))).toEqual([
      problem('sites[0].buildings[0].halls[0].positionM', 'reaches outside building "C1-B"'),
    ])
  })

  it('refuses overlapping halls and accepts halls that only touch', () => {
    expect(problemsOf(mutated((c) => (c.sites[0]!.buildings[0]!.halls[1]!.positionM = [10, -160])))).toEqual([
      problem(
        'sites[0].buildings[0].halls[1].positionM',
        'hall "C1-H2" overlaps sites[0].buildings[0].halls[0]',
      ),
    ])
    // C1-H1 spans x -74..-16; C1-H2 at x = 13 spans -16..42.
    expect(
      validateLayout(mutated((c) => (c.sites[0]!.buildings[0]!.halls[1]!.positionM = [13, -160]))).ok,
    ).toBe(true)
  })

  it('refuses overlapping buildings, also across sites', () => {
    expect(problemsOf(mutated((c) => (c.sites[1]!.positionM = [100, 0])))).toEqual([
      problem('sites[1].buildings[0].positionM', 'building overlaps sites[0].buildings[0]'),
    ])
    // C2-B is 420 m wide, C1-B 180 m: centres 300 m apart touch, 299 m apart overlap.
    expect(validateLayout(mutated((c) => (c.sites[1]!.positionM = [300, 0]))).ok).toBe(true)
    expect(problemsOf(mutated((c) => (c.sites[1]!.positionM = [299, 0])))).toEqual([
      problem('sites[1].buildings[0].positionM', 'overlaps sites[0].buildings[0]'),
    ])
  })
})

describe('validateLayout: phases', () => {
  it('refuses racks that do not fit in the free slots of the listed halls', () => {
    // Four hgx halls hold 4 × 392 = 1568 racks.
    expect(validateLayout(mutated((c) => (c.phases[0]!.adds[0]!.racks = 1568))).ok).toBe(true)
    expect(problemsOf(mutated((c) => (c.phases[0]!.adds[0]!.racks = 1569)))).toEqual([
      problem('phases[0].adds[0].racks', '1569 racks do not fit: the listed halls have 1568 free slots left'),
    ])
  })

  it('counts slots an earlier phase already filled as used', () => {
    // colossus-2-phase-1 puts 1528 racks in C2-H1..H4 (4 × 448 = 1792): C2-H4 has 264 slots left.
    const onlyH4 = (racks: number) =>
      mutated((c) => {
        c.phases[4]!.adds[0] = { halls: ['C2-H4'], generation: 'GB300', racks }
      })
    expect(validateLayout(onlyH4(264)).ok).toBe(true)
    expect(problemsOf(onlyH4(265))).toEqual([
      problem('phases[4].adds[0].racks', '265 racks do not fit: the listed halls have 264 free slots left'),
    ])
  })

  it('counts slots an earlier add of the same phase already filled as used', () => {
    // doubled: the first add puts 781 racks in C1-H5, C1-H6 (784 slots), leaving 3 in C1-H6.
    const second = (racks: number) =>
      mutated((c) => {
        c.phases[1]!.adds[1] = { halls: ['C1-H6', 'C1-H7'], generation: 'H200', racks }
      })
    expect(validateLayout(second(395)).ok).toBe(true)
    expect(problemsOf(second(396))).toEqual([
      problem('phases[1].adds[1].racks', '396 racks do not fit: the listed halls have 395 free slots left'),
    ])
  })

  it('refuses a hall listed twice in one add', () => {
    const problems = problemsOf(
      mutated((c) => {
        c.phases[0]!.adds[0] = { halls: ['C1-H1', 'C1-H1'], generation: 'H100', racks: 784 }
      }),
    )
    expect(problems).toContainEqual({
      path: 'phases[0].adds[0].halls[1]',
      message: 'hall "C1-H1" is listed twice',
    })
  })

  it('refuses phase dates out of order and accepts equal dates', () => {
    expect(problemsOf(mutated((c) => (c.phases[3]!.date = '2025-01-01')))).toEqual([
      problem('phases[3].date', "2025-01-01 is before the previous phase's date 2025-07-22"),
    ])
    expect(validateLayout(mutated((c) => (c.phases[3]!.date = '2025-07-22'))).ok).toBe(true)
  })
})

describe('validateLayout: limits', () => {
  interface BigHall {
    rows: number
    arraysPerRow: number
    racksPerArray: number
    /** Racks a new phase puts in the big hall; 0 for no new phase. */
    racks: number
    gpusPerServer: number
    serversPerRack: number
  }

  /** The default layout plus a far site with one big hall and, if `racks` > 0, a phase filling it. */
  function withBigHall(o: BigHall): LayoutConfig {
    return mutated((c) => {
      const sizeM: [number, number] = [o.arraysPerRow * o.racksPerArray * 0.6 + 1, o.rows * 1.2 + 1]
      c.generations.push({
        ...c.generations[0]!,
        id: 'test-gen',
        name: 'Test',
        gpusPerServer: o.gpusPerServer,
        serversPerRack: o.serversPerRack,
      })
      c.hallTypes.push({
        id: 'big-hall',
        sizeM,
        rows: o.rows,
        arraysPerRow: o.arraysPerRow,
        racksPerArray: o.racksPerArray,
        rack: { widthM: 0.6, depthM: 1.2, heightM: 2.3 },
        aisleM: 0,
        arrayGapM: 0,
      })
      c.sites.push({
        id: 'BIG',
        name: 'Big',
        positionM: [0, 5000],
        buildings: [
          {
            id: 'BIG-B',
            name: 'Big building',
            positionM: [0, 0],
            sizeM: [sizeM[0], sizeM[1], 10],
            halls: [{ id: 'BIG-H', name: 'Big hall', type: 'big-hall', positionM: [0, 0] }],
          },
        ],
      })
      if (o.racks > 0)
        c.phases.push({
          id: 'test-phase',
          name: 'Test phase',
          date: '2030-01-01',
          description: 'fills the big hall',
          adds: [{ halls: ['BIG-H'], generation: 'test-gen', racks: o.racks }],
          supply: { gridMw: 0, turbineMw: 0, batteryMw: 0 },
          pue: 1.3,
        })
    })
  }

  it('refuses more racks than maxRacks, naming the limit', () => {
    const grid = { rows: 100, arraysPerRow: 100, racksPerArray: 10, gpusPerServer: 1, serversPerRack: 1 }
    const atLimit = LIMITS.maxRacks - baseRacks
    expect(validateLayout(withBigHall({ ...grid, racks: atLimit })).ok).toBe(true)
    expect(problemsOf(withBigHall({ ...grid, racks: atLimit + 1 }))).toEqual([
      problem('phases', '100,001 racks in all; the limit is 100,000'),
    ])
  })

  it('refuses more GPUs than maxGpus, naming the limit', () => {
    // The default has 1,000,200 GPUs; four 1M-GPU racks go past 5M, three do not.
    const grid = { rows: 1, arraysPerRow: 1, racksPerArray: 10, gpusPerServer: 1000, serversPerRack: 1000 }
    expect(validateLayout(withBigHall({ ...grid, racks: 3 })).ok).toBe(true)
    expect(problemsOf(withBigHall({ ...grid, racks: 4 }))).toEqual([
      problem('phases', '5,000,200 GPUs in all; the limit is 5,000,000'),
    ])
  })

  it('refuses more rack slots than maxSlots, even when they stay empty', () => {
    // 167 × 48 × 48 = 384,768 slots brings the default's 15,232 to exactly 400,000.
    expect(LIMITS.maxSlots - baseSlots).toBe(167 * 48 * 48)
    const grid = { arraysPerRow: 48, racksPerArray: 48, racks: 0, gpusPerServer: 1, serversPerRack: 1 }
    expect(validateLayout(withBigHall({ ...grid, rows: 167 })).ok).toBe(true)
    expect(problemsOf(withBigHall({ ...grid, rows: 168 }))).toEqual([
      problem('sites', 'halls hold 402,304 rack slots; the limit is 400,000'),
    ])
  })

  it('refuses more halls than maxHalls, naming the limit', () => {
    const extra = LIMITS.maxHalls + 1 - baseHalls
    const config = mutated((c) => {
      c.hallTypes.push({
        id: 'tiny-hall',
        sizeM: [1, 2],
        rows: 1,
        arraysPerRow: 1,
        racksPerArray: 1,
        rack: { widthM: 0.6, depthM: 1.2, heightM: 2.3 },
        aisleM: 0,
        arrayGapM: 0,
      })
      const buildings: LayoutConfig['sites'][number]['buildings'] = []
      for (let k = 0; k < extra; k += 500) {
        const n = Math.min(500, extra - k)
        buildings.push({
          id: `T-B${k}`,
          name: 'Tiny halls',
          positionM: [0, k / 50],
          sizeM: [n, 2, 5],
          halls: Array.from({ length: n }, (_, i) => ({
            id: `T-H${k + i}`,
            name: 'Tiny',
            type: 'tiny-hall',
            positionM: [i - (n - 1) / 2, 0] as [number, number],
          })),
        })
      }
      c.sites.push({ id: 'T', name: 'Tiny', positionM: [-5000, 0], buildings })
    })
    expect(problemsOf(config)).toEqual([problem('sites', 'halls; the limit is 2,000')])
  })

  it('refuses text over maxBytes before parsing it, and accepts text exactly at the limit', () => {
    const padded = (bytes: number) => defaultText + ' '.repeat(bytes - Buffer.byteLength(defaultText, 'utf8'))
    expect(parseLayoutText(padded(LIMITS.maxBytes)).ok).toBe(true)
    expect(textProblemsOf(padded(LIMITS.maxBytes + 1))).toEqual([problem('(root)', 'the limit is 5 MB')])
  })

  it('measures maxBytes in bytes, not characters', () => {
    const text = JSON.stringify({ name: 'é'.repeat(2_600_000) })
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(LIMITS.maxBytes)
    expect(textProblemsOf(text)).toEqual([problem('(root)', 'the limit is 5 MB')])
  })
})

describe('formatProblems and robustness', () => {
  it('formats one `<path>: <message>` line per problem', () => {
    const problems = problemsOf(
      mutated((c) => {
        c.phases[2]!.adds[0]!.halls.push('C9-H1')
        c.phases[3]!.date = '2025-01-01'
      }),
    )
    expect(formatProblems(problems).split('\n')).toEqual([
      'phases[2].adds[0].halls[1]: unknown hall "C9-H1"',
      "phases[3].date: 2025-01-01 is before the previous phase's date 2025-07-22",
    ])
  })

  it('never throws on arbitrary JSON, and refuses it with paths', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateLayout(value)
        expect(result.ok).toBe(false)
        if (!result.ok) for (const p of result.problems) expect(p.path).toMatch(/^(\(root\)|[A-Za-z$])/)
      }),
      { numRuns: 200 },
    )
  })

  it('never throws when a field of the default layout is deleted or nulled', () => {
    const paths: (string | number)[][] = []
    const walk = (v: unknown, path: (string | number)[]) => {
      if (path.length > 0) paths.push(path)
      if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i])
      else if (v !== null && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) walk(x, [...path, k])
    }
    walk(base, [])
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.constantFrom('delete', 'null', 'string'), (path, how) => {
        const c = structuredClone(base) as unknown as Record<string | number, unknown>
        let parent = c
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
        const last = path[path.length - 1]!
        if (how === 'delete') delete parent[last]
        else parent[last] = how === 'null' ? null : 'x'
        expect(() => validateLayout(c)).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })
})
