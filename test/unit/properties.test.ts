/**
 * Property tests: thousands of random mutations of the default layout never crash the validator
 * or the engine. Each mutated layout is either accepted, and then builds with finite positions
 * and figures and bounded work (racks, slots, pick-grid cells and legend ticks counted against
 * their limits), or refused with a list of path-named, one-line problems. Time is not measured
 * here (`npm run bench` does): a case that hangs fails by the test's timeout.
 *
 * Runs are seeded, so a failure reproduces: fast-check prints the seed, the path and the shrunk
 * counterexample. To explore: PROPERTY_SEED=<n> (another seed), PROPERTY_RUN_SCALE=<x> (x times
 * the runs). The file prints how many cases it ran and how many were accepted.
 */
import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { parseViewParams, viewToSearch } from '../../src/app/urlState'
import { LIMITS, type Problem, type ValidationResult } from '../../src/config/parse'
import {
  generationSchema,
  type LayoutConfig,
  layoutConfigSchema,
  phaseSchema,
  siteSchema,
} from '../../src/config/schema'
import { cameraPresets } from '../../src/domain/camera'
import { COLOR_MODES, type ColorMode, legendFor } from '../../src/domain/color/colorModes'
import { buildLayout, type Layout } from '../../src/domain/layout/buildLayout'
import { buildRackGrid, pickRack, type RackGrid } from '../../src/domain/layout/pick'
import { parseLayoutText, validateLayout } from '../../src/domain/layout/validate'
import { buildPrefix, statsAtReveal, timelineSpan } from '../../src/domain/timeline/timeline'
import type { RoofMode } from '../../src/state/store'
import { defaultLayout, layoutText } from '../fixtures'

const SEED = Number(process.env.PROPERTY_SEED ?? 20_240_902)
const RUN_SCALE = Number(process.env.PROPERTY_RUN_SCALE ?? 1)
const STRUCTURAL_RUNS = Math.round(5000 * RUN_SCALE)
const TEXT_RUNS = Math.round(2500 * RUN_SCALE)
const URL_RUNS = 1000
/** Cells of the pick grid: about a million whatever the campus extent (pick.ts grows cells instead). */
const MAX_GRID_CELLS = 1_100_000
/**
 * Grid cells one rack is listed in: its bounding circle (racks are at most 10 × 10 m, so a
 * radius under 7.1 m) spans at most 5 cells of 4 m or more a side, in x and in z.
 */
const MAX_CELLS_PER_RACK = 25

const defaultText = layoutText()

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Key = string | number
type Path = readonly Key[]
const defaultJson = JSON.parse(defaultText) as Json

// ---------------------------------------------------------------------------------------------
// Mutations of the parsed default layout

/** Every path in the default (root excluded), and the paths of its numbers and arrays. */
function collectPaths(root: Json): { all: Path[]; numbers: Path[]; arrays: Path[]; ids: string[] } {
  const all: Path[] = []
  const numbers: Path[] = []
  const arrays: Path[] = []
  const ids = new Set<string>()
  const walk = (v: Json, path: Key[]) => {
    if (path.length > 0) all.push(path)
    if (typeof v === 'number') numbers.push(path)
    if (typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(v)) ids.add(v)
    if (Array.isArray(v)) {
      arrays.push(path)
      v.forEach((x, i) => {
        walk(x, [...path, i])
      })
    } else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k])
  }
  walk(root, [])
  return { all, numbers, arrays, ids: [...ids].sort() }
}
const paths = collectPaths(defaultJson)

type Mutation =
  | { op: 'delete'; path: Path }
  | { op: 'set'; path: Path; value: Json }
  | { op: 'scale'; path: Path; factor: number }
  | { op: 'duplicate' | 'remove'; path: Path; index: number }
  | { op: 'swap'; path: Path; index: number; other: number }

type Container = Json[] | { [key: string]: Json }
const isContainer = (v: Json | undefined): v is Container => v !== null && typeof v === 'object'

function child(node: Json | undefined, key: Key): Json | undefined {
  if (Array.isArray(node)) return typeof key === 'number' && key < node.length ? node[key] : undefined
  if (isContainer(node) && typeof key === 'string' && Object.hasOwn(node, key)) return node[key]
  return undefined
}

function put(parent: Container, key: Key, value: Json): void {
  if (Array.isArray(parent)) parent[key as number] = value
  else parent[key as string] = value
}

/** The container holding `path` and its last key, or null when an earlier mutation removed it. */
function locate(doc: Json, path: Path): { parent: Container; key: Key; value: Json } | null {
  let node: Json | undefined = doc
  for (const key of path.slice(0, -1)) node = child(node, key)
  const key = path[path.length - 1]!
  const value = child(node, key)
  return isContainer(node) && value !== undefined ? { parent: node, key, value } : null
}

/** Applies a mutation in place; one whose path is gone (an earlier one removed it) does nothing. */
function applyMutation(doc: Json, m: Mutation): void {
  const at = locate(doc, m.path)
  if (!at) return
  const { parent, key, value } = at
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1)
      else delete parent[key as string]
      return
    case 'set':
      // A copy: fast-check replays generated values while shrinking, so they must not change.
      put(parent, key, structuredClone(m.value))
      return
    case 'scale':
      if (typeof value === 'number') {
        const v = value * m.factor
        // Keep the document JSON: an overflow becomes the largest finite number of that sign.
        put(parent, key, Number.isFinite(v) ? v : Math.sign(v) * Number.MAX_VALUE)
      }
      return
    case 'duplicate':
    case 'remove':
      if (!Array.isArray(value) || value.length === 0) return
      if (m.op === 'duplicate')
        value.splice((m.index % value.length) + 1, 0, structuredClone(value[m.index % value.length]!))
      else value.splice(m.index % value.length, 1)
      return
    case 'swap': {
      if (!Array.isArray(value) || value.length === 0) return
      const i = m.index % value.length
      const j = m.other % value.length
      ;[value[i], value[j]] = [value[j]!, value[i]!]
    }
  }
}

const numberArb: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      1,
      -1,
      0.5,
      -0.5,
      0.1,
      1e-9,
      5e-324,
      123.456,
      1e5,
      1e7,
      2 ** 31,
      2 ** 32,
      2 ** 53 + 2,
      100_001,
      5_000_001,
      3.5e38,
      -3.5e38,
      1e308,
      -1e308,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
)

const stringArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\n',
      'a\nb',
      '\t',
      '\u0000',
      '\u2028',
      '\uD800',
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '"quoted"',
      '\\',
      '$' + '{x}', // a template placeholder, as text
      '__proto__',
      'constructor',
      'toString',
      '💥🚀',
      'Ωmega ≈ √',
      '\u202Egnp.exe',
      'e\u0301',
      '40',
      ' 10\n',
      '1e9',
      'NaN',
      'null',
      '2024-02-30',
      '2024-13-01',
      '2025-1-1',
      '9999-12-31',
      '0000-01-01',
      '#ff00zz',
      '#FFFFFF',
      'http://x',
      'javascript:alert(1)',
    ),
  },
  // Ids, kinds, dates and units of the default itself: moved references that still type-check.
  { weight: 3, arbitrary: fc.constantFrom(...paths.ids) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }), fc.integer({ min: 64, max: 1024 }))
      .map(([s, n]) => s.repeat(n).slice(0, 4096)),
  },
)

const valueArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: numberArb },
  { weight: 4, arbitrary: stringArb },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom<Json>([], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
)

const anyPath = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...paths.all) },
  { weight: 1, arbitrary: fc.constantFrom(...paths.numbers) },
)
const arrayPath = fc.constantFrom(...paths.arrays)
const index = fc.nat({ max: 999 })

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), path: anyPath }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), path: anyPath, value: valueArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('scale' as const),
      path: fc.constantFrom(...paths.numbers),
      factor: fc.constantFrom(0, 0.5, 2, 1000, -1, -2, 1.5, 0.001, 1e6),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constantFrom('duplicate' as const, 'remove' as const),
      path: arrayPath,
      index,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('swap' as const), path: arrayPath, index, other: index }),
  },
)

const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 })

function mutate(mutations: readonly Mutation[]): Json {
  const doc = structuredClone(defaultJson)
  for (const m of mutations) applyMutation(doc, m)
  return doc
}

// ---------------------------------------------------------------------------------------------
// Mutations of the default layout's text

type TextEdit =
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }

const insertTextArb = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '"',
    '\\',
    '\\u',
    '\\ud800',
    '1e999',
    '-',
    'e',
    'null',
    'true',
    '\u0000',
    '\uFEFF',
    '/*',
    '//',
    'NaN',
    'Infinity',
    '<img src=x onerror=alert(1)>',
  ),
  // Digits typed into a number scale it by powers of ten.
  fc.stringMatching(/^[0-9]{1,6}$/),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
)
const positionArb = fc.nat({ max: defaultText.length })
const textEditArb: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: positionArb }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('insert' as const), at: positionArb, text: insertTextArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: positionArb,
      length: fc.integer({ min: 1, max: 40 }),
    }),
  },
)
const textEditsArb = fc.array(textEditArb, { minLength: 1, maxLength: 3 })

function editText(edits: readonly TextEdit[]): string {
  let text = defaultText
  for (const e of edits) {
    const at = e.at % (text.length + 1)
    if (e.op === 'truncate') text = text.slice(0, at)
    else if (e.op === 'insert') text = text.slice(0, at) + e.text + text.slice(at)
    else text = text.slice(0, at) + text.slice(at + e.length)
  }
  return text
}

// ---------------------------------------------------------------------------------------------
// What every case must satisfy

const TOP_KEYS = Object.keys(layoutConfigSchema.shape)
const escapeRe = (s: string) => s.replace(/[$()[\]\\.*+?^{}|]/g, '\\$&')
/** `(root)`, or a top-level key of the schema followed by `.field` and `[index]` steps. */
const PATH_RE = new RegExp(
  `^(?:\\(root\\)|(?:${TOP_KEYS.map(escapeRe).join('|')})(?:\\.[A-Za-z_$][\\w$]*|\\[\\d+\\])*)$`,
)

const LINE_BREAK = /[\r\n\u2028\u2029]/

function checkProblems(problems: readonly Problem[]): void {
  if (!Array.isArray(problems) || problems.length === 0) throw new Error('refused without any problem')
  for (const p of problems) {
    if (typeof p.path !== 'string' || !PATH_RE.test(p.path))
      throw new Error(`problem with a malformed path: ${JSON.stringify(p)}`)
    if (typeof p.message !== 'string' || p.message.trim() === '')
      throw new Error(`problem with an empty message: ${JSON.stringify(p)}`)
    if (LINE_BREAK.test(p.message)) throw new Error(`problem message spans lines: ${JSON.stringify(p)}`)
  }
}

/** Every number in a value (objects and arrays walked) is finite and not negative, or the first that is not. */
function finiteNonNegative(v: unknown, at: string): string | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? null : `${at} = ${v}`
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const bad = finiteNonNegative(x, `${at}.${k}`)
      if (bad) return bad
    }
  }
  return null
}

function checkStats(layout: Layout): void {
  for (const [i, p] of layout.phases.entries()) {
    if (p.racks !== layout.racks.phaseEnd[i])
      throw new Error(`phases[${i}].racks = ${p.racks} but phaseEnd = ${layout.racks.phaseEnd[i]}`)
    const bad = finiteNonNegative(p, `phases[${i}]`)
    if (bad) throw new Error(`phase stat is not finite and non-negative: ${bad}`)
  }
}

function checkRacks(layout: Layout): void {
  const { config, racks: r } = layout
  const n = config.phases.length
  if (r.phaseEnd.length !== n) throw new Error('phaseEnd has the wrong length')
  if (r.count !== r.phaseEnd[n - 1])
    throw new Error(`racks.count ${r.count} ≠ last phaseEnd ${r.phaseEnd[n - 1]}`)
  // Every rack a phase adds stands at its end (the validator checked that they fit).
  let expected = 0
  config.phases.forEach((p, i) => {
    for (const add of p.adds) expected += add.racks
    if (r.phaseEnd[i] !== expected) throw new Error(`phaseEnd[${i}] = ${r.phaseEnd[i]}, expected ${expected}`)
  })
  for (let i = 0; i < r.count; i++) {
    if (!(Number.isFinite(r.x[i]!) && Number.isFinite(r.z[i]!) && Number.isFinite(r.rotY[i]!)))
      throw new Error(`rack ${i} is at (${r.x[i]}, ${r.z[i]}), rotY ${r.rotY[i]}`)
    const hall = layout.halls[r.hall[i]!]
    if (!hall || r.row[i]! >= hall.grid.rows || r.array[i]! >= hall.grid.arraysPerRow)
      throw new Error(`rack ${i} is outside its hall's grid`)
    if (r.generation[i]! >= config.generations.length || r.phase[i]! >= n)
      throw new Error(`rack ${i} names a missing generation or phase`)
    if (!(r.buildFraction[i]! >= 0 && r.buildFraction[i]! < 1))
      throw new Error(`rack ${i} buildFraction ${r.buildFraction[i]}`)
  }
}

/** The work an accepted layout costs stays within the limits the validator promises. */
function checkWork(layout: Layout): void {
  const slots = layout.halls.reduce((n, h) => n + h.capacity, 0)
  const gpus = layout.phases[layout.phases.length - 1]!.gpus
  if (layout.racks.count > LIMITS.maxRacks) throw new Error(`${layout.racks.count} racks`)
  if (layout.halls.length > LIMITS.maxHalls) throw new Error(`${layout.halls.length} halls`)
  if (slots > LIMITS.maxSlots) throw new Error(`${slots} rack slots`)
  if (gpus > LIMITS.maxGpus) throw new Error(`${gpus} GPUs`)
}

/** The pick grid holds every rack, in a bounded number of cells and cell entries. */
function checkGrid(layout: Layout, grid: RackGrid): void {
  const n = layout.racks.count
  if (grid.items.length < n) throw new Error('the pick grid lost racks')
  if (grid.items.length > n * MAX_CELLS_PER_RACK)
    throw new Error(`the pick grid lists ${grid.items.length} entries`)
  if (grid.cols * grid.rowsZ > MAX_GRID_CELLS)
    throw new Error(`the pick grid has ${grid.cols * grid.rowsZ} cells`)
}

/** The pick grid, legends, timeline and reveal totals of an accepted layout. */
function checkViews(layout: Layout): void {
  const last = layout.config.phases.length - 1
  // The pick grid stays bounded however far apart racks are (cells grow instead).
  checkGrid(layout, buildRackGrid(layout))
  for (const mode of COLOR_MODES) {
    const legend = legendFor(layout, mode, last)
    if (legend.mode === 'power') {
      const shown = legend.present.reduce((n, p) => n + p.racks, 0)
      if (shown !== layout.racks.count) throw new Error(`power legend counts ${shown} racks`)
      if (
        ![legend.minKw, legend.maxKw, ...legend.ticksKw].every(Number.isFinite) ||
        legend.ticksKw.length > 20
      )
        throw new Error(`power legend ticks ${legend.ticksKw.join(', ')}`)
    } else {
      const shown = legend.swatches.reduce((n, s) => n + s.racks, 0)
      if (shown !== layout.racks.count) throw new Error(`${mode} legend counts ${shown} racks`)
    }
  }
  const span = timelineSpan(layout)
  if (![span.startMs, span.endMs].every(Number.isFinite)) throw new Error('timeline span is not finite')
  const prefix = buildPrefix(layout)
  for (const reveal of [0, 0.5, last / 2, last + 1]) {
    const bad = finiteNonNegative(statsAtReveal(layout, prefix, reveal), `statsAtReveal(${reveal})`)
    if (bad) throw new Error(`stat is not finite and non-negative: ${bad}`)
  }
}

const tally = { cases: 0, accepted: 0 }
/** At least one case in this many is accepted, so the engine's checks run often (with the default seed about 1 in 12 is). */
const ACCEPTED_SHARE = 20

/** Validates one case and, when accepted, builds it and checks the engine's output. */
function checkCase(validate: () => ValidationResult): void {
  const result = validate()
  tally.cases++
  if (!result.ok) {
    checkProblems(result.problems)
    return
  }
  tally.accepted++
  const layout = buildLayout(result.config)
  checkRacks(layout)
  checkStats(layout)
  checkWork(layout)
  checkViews(layout)
}

afterAll(() => {
  console.log(`[properties] seed ${SEED}: ${tally.cases} layout cases, ${tally.accepted} accepted`)
})

describe('random mutations of the default layout', () => {
  it('the default itself is accepted and passes every check', () => {
    const before = tally.accepted
    checkCase(() => validateLayout(structuredClone(defaultJson)))
    expect(tally.accepted - before).toBe(1)
  })

  it(`${STRUCTURAL_RUNS} structural mutations: valid, or path-named problems; the engine never crashes`, () => {
    const before = { ...tally }
    fc.assert(
      fc.property(mutationsArb, (mutations) => {
        const doc = mutate(mutations)
        checkCase(() => validateLayout(structuredClone(doc)))
      }),
      { seed: SEED, numRuns: STRUCTURAL_RUNS },
    )
    // The engine's checks only run on accepted cases: make sure the mutations reach them.
    expect(tally.accepted - before.accepted).toBeGreaterThan((tally.cases - before.cases) / ACCEPTED_SHARE)
  }, 120_000)

  it(`${TEXT_RUNS} text mutations: parseLayoutText never throws`, () => {
    const before = { ...tally }
    fc.assert(
      fc.property(textEditsArb, (edits) => {
        const text = editText(edits)
        checkCase(() => parseLayoutText(text))
      }),
      { seed: SEED, numRuns: TEXT_RUNS },
    )
    expect(tally.accepted - before.accepted).toBeGreaterThan((tally.cases - before.cases) / ACCEPTED_SHARE)
  }, 120_000)
})

// ---------------------------------------------------------------------------------------------
// URL view parameters

const layout = buildLayout(
  (() => {
    const r = validateLayout(structuredClone(defaultJson))
    if (!r.ok) throw new Error('the default layout is refused')
    return r.config
  })(),
)
const ROOFS: readonly RoofMode[] = ['solid', 'faded', 'hidden']
const presetIds = cameraPresets(layout).map((p) => p.id)
const phaseIds = layout.phases.map((p) => p.id)

const paramValueArb = fc.oneof(
  fc.constantFrom(...phaseIds, ...COLOR_MODES, ...ROOFS, ...presetIds, '', ' ', 'x'.repeat(201)),
  fc
    .array(fc.oneof(numberArb.map(String), fc.string({ maxLength: 6 })), { minLength: 5, maxLength: 7 })
    .map((xs) => xs.join(',')),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
)
const paramKeyArb = fc.constantFrom('phase', 'mode', 'roof', 'cam', 'layout', 'Phase', 'x')
const encodeArb = fc.constantFrom(
  (s: string) => s,
  (s: string) => encodeURIComponent(s),
)
const searchArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }).map((u) => new URL(u).search),
  fc
    .tuple(fc.array(fc.tuple(paramKeyArb, paramValueArb, encodeArb), { maxLength: 6 }), fc.boolean())
    .map(([pairs, q]) => (q ? '?' : '') + pairs.map(([k, v, enc]) => `${k}=${enc(v)}`).join('&')),
)

describe('parseViewParams', () => {
  it(`${URL_RUNS} random query strings: never throws, and returns only valid fields`, () => {
    fc.assert(
      fc.property(searchArb, (search) => {
        const { view, problems } = parseViewParams(search, layout)
        const params = new URLSearchParams(search)
        for (const key of Object.keys(view))
          expect(['phaseIndex', 'colorMode', 'roofMode', 'camera']).toContain(key)
        if (view.phaseIndex !== undefined) {
          expect(Number.isInteger(view.phaseIndex)).toBe(true)
          expect(view.phaseIndex).toBeGreaterThanOrEqual(0)
          expect(view.phaseIndex).toBeLessThan(layout.phases.length)
          expect(layout.phases[view.phaseIndex]!.id).toBe(params.get('phase'))
        }
        if (view.colorMode !== undefined) expect(COLOR_MODES).toContain(view.colorMode)
        if (view.roofMode !== undefined) expect(ROOFS).toContain(view.roofMode)
        if (view.camera !== undefined) {
          if ('preset' in view.camera) expect(presetIds).toContain(view.camera.preset)
          else {
            const { position, target } = view.camera.pose
            for (const v of [...position, ...target]) {
              expect(Number.isFinite(v)).toBe(true)
              expect(Math.abs(v)).toBeLessThanOrEqual(100_000)
            }
            expect(position[1]).toBeGreaterThan(0)
          }
        }
        for (const p of problems) expect(typeof p === 'string' && p.length > 0).toBe(true)
      }),
      { seed: SEED, numRuns: URL_RUNS },
    )
  })

  it('a view written by viewToSearch reads back the same', () => {
    // Anywhere in the coordinate range, with the target within the controls' reach (8 km).
    const coord = fc.double({ min: -95_000, max: 95_000, noNaN: true })
    const offset = fc.double({ min: -4_000, max: 4_000, noNaN: true })
    const cameraArb = fc.oneof(
      fc.constant(null),
      fc.constantFrom(...presetIds).map((preset) => ({ preset })),
      fc
        .tuple(coord, fc.double({ min: 0.1, max: 4_000, noNaN: true }), coord, offset, offset, offset)
        .map(([x, y, z, dx, dy, dz]) => ({
          pose: {
            position: [x, y, z] as [number, number, number],
            target: [x + dx, y + dy, z + dz] as [number, number, number],
          },
        })),
    )
    fc.assert(
      fc.property(
        fc.nat({ max: layout.phases.length - 1 }),
        fc.constantFrom<ColorMode>(...COLOR_MODES),
        fc.constantFrom(...ROOFS),
        cameraArb,
        fc.constantFrom('', '?layout=mine.json', '?x=1&phase=nope'),
        (p, colorMode, roofMode, camera, current) => {
          const search = viewToSearch(current, { phaseId: layout.phases[p]!.id, colorMode, roofMode, camera })
          const { view, problems } = parseViewParams(search, layout)
          expect(problems).toEqual([])
          expect(view.phaseIndex).toBe(p)
          expect(view.colorMode).toBe(colorMode)
          expect(view.roofMode).toBe(roofMode)
          if (camera === null) expect(view.camera).toBeUndefined()
          else if ('preset' in camera) expect(view.camera).toEqual(camera)
          else {
            expect(view.camera && 'pose' in view.camera).toBe(true)
            if (view.camera && 'pose' in view.camera) {
              const got = [...view.camera.pose.position, ...view.camera.pose.target]
              const want = [...camera.pose.position, ...camera.pose.target]
              got.forEach((v, k) => {
                expect(Math.abs(v - want[k]!)).toBeLessThanOrEqual(0.051)
              })
            }
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Bugs these properties found, now fixed: the minimal counterexamples fast-check shrank to, and
// for each a property over the inputs the validator now accepts, so the fix is tested from both
// sides (refused past the limit, correct up to it).

/** A fresh copy of the default layout. */
const defaultConfig = (): LayoutConfig => structuredClone(defaultJson) as unknown as LayoutConfig

/** The default layout with `change` applied. */
function defaultWith(change: (c: LayoutConfig) => void): LayoutConfig {
  const c = defaultConfig()
  change(c)
  return c
}

/** The config of a layout the validator must accept. */
function acceptedConfig(config: LayoutConfig): LayoutConfig {
  const result = validateLayout(config)
  expect(result.ok ? [] : result.problems).toEqual([])
  if (!result.ok) throw new Error('refused')
  return result.config
}

/** The problem paths of a layout the validator must refuse. */
function refusedPaths(config: LayoutConfig): string[] {
  const result = validateLayout(config)
  expect(result.ok).toBe(false)
  return result.ok ? [] : result.problems.map((p) => p.path)
}

/** The largest value a number schema accepts (the schema's own limit, so a looser schema is tested too). */
const schemaMax = (schema: { maxValue: number | null }): number => schema.maxValue ?? Number.MAX_VALUE
/** The campus coordinate range positions accept, metres. */
const COORD = siteSchema.shape.positionM.def.items[0]
const [MIN_COORD_M, MAX_COORD_M] = [COORD.minValue ?? -Number.MAX_VALUE, schemaMax(COORD)]
/** A coordinate in [min, max], the ends themselves often. */
const coordArb = (min: number, max: number) =>
  fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }))
const sitesX = defaultConfig().sites.map((s) => s.positionM[0])
const sitesZ = defaultConfig().sites.map((s) => s.positionM[1])

describe('bugs found by these properties, fixed: their minimal counterexamples', () => {
  // validate.ts quoted raw input into messages in the schema-failure path (checkConsistency runs
  // on the unchecked data) and in `unknown field "<key>"`: a string with a line break broke the
  // one-line-per-problem report (formatProblems, the CLI), and could forge extra report lines.
  it('lineBreakInMessage: hallTypes[1].sizeM[0] = "\\n" gives a one-line message', () => {
    const result = validateLayout(
      defaultWith((c) => {
        ;(c.hallTypes[1]!.sizeM as unknown[])[0] = '\n'
      }),
    )
    // Was: { path: 'hallTypes[1]', message: 'racks need 51.6 m of width but the hall is \n m wide (sizeM[0])' }
    expect(result.ok).toBe(false)
    if (!result.ok) for (const p of result.problems) expect(p.message).not.toMatch(LINE_BREAK)
  })

  it('lineBreakInMessage: an unknown key "\\name" (text `"\\name"`) gives a one-line message', () => {
    const text = defaultText.replace('"name": "Colossus 1 hall 1"', '"\\name": "Colossus 1 hall 1"')
    expect(text).not.toBe(defaultText)
    const result = parseLayoutText(text)
    // Was: { path: 'sites[0].buildings[0].halls[0]', message: 'unknown field "<newline>ame"' }
    expect(result.ok).toBe(false)
    if (!result.ok) for (const p of result.problems) expect(p.message).not.toMatch(LINE_BREAK)
  })

  // positionM only had to be finite, but the rack table is Float32: a building at
  // z = -3.4028235677973366e38 (the first double past the Float32 range that rounds away from it) was accepted
  // and its racks stood at -Infinity. Coordinates are now limited; up to the limit, moving the
  // whole campus moves every rack by as much, to within Float32 rounding.
  it('float32Overflow: a building at z = -3.4e38 is refused; at the coordinate limits racks move exactly', () => {
    expect(
      refusedPaths(
        defaultWith((c) => {
          c.sites[1]!.buildings[0]!.positionM[1] = -3.4028235677973366e38
        }),
      ),
    ).toContain('sites[1].buildings[0].positionM[1]')
    const home = buildLayout(acceptedConfig(defaultConfig())).racks
    const shiftX = coordArb(MIN_COORD_M - Math.min(...sitesX), MAX_COORD_M - Math.max(...sitesX))
    const shiftZ = coordArb(MIN_COORD_M - Math.min(...sitesZ), MAX_COORD_M - Math.max(...sitesZ))
    fc.assert(
      fc.property(shiftX, shiftZ, (dx, dz) => {
        const config = defaultWith((c) => {
          for (const site of c.sites) site.positionM = [site.positionM[0] + dx, site.positionM[1] + dz]
        })
        const r = buildLayout(acceptedConfig(config)).racks
        expect(r.count).toBe(home.count)
        let worstM = 0
        for (let i = 0; i < r.count; i++)
          worstM = Math.max(worstM, Math.abs(r.x[i]! - home.x[i]! - dx), Math.abs(r.z[i]! - home.z[i]! - dz))
        // Float32 spacing at 200 km is 1.6 cm.
        expect(worstM).toBeLessThan(0.05)
      }),
      { seed: SEED, numRuns: 30 },
    )
  })

  // buildRackGrid sized a dense grid of 4 m cells from the racks' bounding box: its memory and
  // time grew with the square of the campus extent (a site at (1e6, 1e6) m needed 6.3e10 cells
  // and threw). Sites are now limited to the coordinate range, and cells grow so the grid stays
  // near a million cells however far apart the sites stand.
  it('gridTooLarge: a site at (1e6, 1e6) m is refused; sites anywhere in range give a bounded grid', () => {
    expect(
      refusedPaths(
        defaultWith((c) => {
          c.sites[1]!.positionM = [1e6, 1e6]
        }),
      ),
    ).toEqual(expect.arrayContaining(['sites[1].positionM[0]', 'sites[1].positionM[1]']))
    const siteArb = fc.tuple(coordArb(MIN_COORD_M, MAX_COORD_M), coordArb(MIN_COORD_M, MAX_COORD_M))
    fc.assert(
      fc.property(fc.array(siteArb, { minLength: sitesX.length, maxLength: sitesX.length }), (places) => {
        // Sites are at most about a kilometre across: 5 km apart, their buildings cannot meet.
        fc.pre(
          places.every((a, i) =>
            places.slice(0, i).every((b) => Math.hypot(a[0] - b[0], a[1] - b[1]) > 5000),
          ),
        )
        const layout = buildLayout(
          acceptedConfig(
            defaultWith((c) => {
              c.sites.forEach((site, k) => {
                site.positionM = places[k]!
              })
            }),
          ),
        )
        const grid = buildRackGrid(layout)
        checkGrid(layout, grid)
        // And the grid still finds racks: straight down onto the first and the last one.
        const r = layout.racks
        for (const i of [0, r.count - 1])
          expect(pickRack(layout, grid, r.count, r.x[i]!, 100, r.z[i]!, 0, -1, 0)).toBe(i)
      }),
      { seed: SEED, numRuns: 20 },
    )
  })

  // Per-GPU figures only had to be positive and finite: one near Number.MAX_VALUE times the GPU
  // count was Infinity, shown as the phase's "Infinity EFLOPS"; the same for supply sums. The
  // schema now caps them; at any figures up to the caps every total is finite and adds up.
  it('statOverflow: bf16Tflops = Number.MAX_VALUE is refused; figures up to the limits give finite totals', () => {
    expect(
      refusedPaths(
        defaultWith((c) => {
          c.generations[1]!.bf16Tflops = Number.MAX_VALUE
        }),
      ),
    ).toContain('generations[1].bf16Tflops')
    const g = generationSchema.shape
    const figure = (max: number) => fc.oneof(fc.constant(max), fc.double({ min: 1e-3, max, noNaN: true }))
    const generationArb = fc.record({
      bf16Tflops: figure(schemaMax(g.bf16Tflops)),
      fp8Tflops: figure(schemaMax(g.fp8Tflops)),
      hbmGb: figure(schemaMax(g.hbmGb)),
    })
    const supplyMax = schemaMax(phaseSchema.shape.supply.shape.gridMw)
    const gens = defaultConfig().generations.length
    fc.assert(
      fc.property(fc.array(generationArb, { minLength: gens, maxLength: gens }), (figures) => {
        const layout = buildLayout(
          acceptedConfig(
            defaultWith((c) => {
              c.generations.forEach((gen, k) => {
                Object.assign(gen, figures[k])
              })
              for (const p of c.phases)
                p.supply = { gridMw: supplyMax, turbineMw: supplyMax, batteryMw: supplyMax }
            }),
          ),
        )
        checkStats(layout)
        const last = layout.phases[layout.phases.length - 1]!
        const bf16 = layout.config.generations.reduce(
          (sum, gen) => sum + (last.gpusByGeneration[gen.id] ?? 0) * gen.bf16Tflops,
          0,
        )
        expect(last.bf16Exaflops).toBeCloseTo(bf16 / 1e6, 6)
        const prefix = buildPrefix(layout)
        const end = statsAtReveal(layout, prefix, layout.phases.length)
        expect(finiteNonNegative(end, 'statsAtReveal')).toBeNull()
        expect(end.bf16Exaflops / last.bf16Exaflops).toBeCloseTo(1, 9)
      }),
      { seed: SEED, numRuns: 50 },
    )
  })

  // Found by reading colorModes.ts, not by the random mutations (they never make every
  // generation's rack power equal to within a few ulps). When all rack powers lie within about
  // two ulps, powerRangeKw's tick step (span / 4, rounded to 1-2-2.5-5) is below half an ulp of
  // minKw, `v += step` never moves, and `ticksKw.push` runs until the heap is gone. legendFor
  // ('power'), powerColor and writeRackColors all call it: picking the power colour mode (or
  // opening ?mode=power) freezes and then crashes the tab. Run in a child process with a small
  // heap: in this process it would take the test worker down.
  it('powerRampHang: rack powers 68.5 and 68.50000000000001 kW give a power legend', () => {
    const child = powerLegendInChild(
      defaultWith((c) => {
        for (const g of c.generations) g.rackPowerKw = 68.5
        c.generations[0]!.rackPowerKw = 68.50000000000001 // the next double after 68.5
      }),
    )
    // Was: killed by SIGABRT (heap out of memory) after about a second.
    expect(child.signal).toBeNull()
    expect(child.stdout).toMatch(/^ticks \d+\n$/)
  }, 30_000)

  it('the child-process harness of powerRampHang works: the default layout gives a power legend', () => {
    const child = powerLegendInChild(defaultWith(() => {}))
    expect(child.stderr).toBe('')
    // As many ticks as the legend has in this process (the count follows the default layout's draws).
    const layout = defaultLayout()
    const ticks = legendFor(layout, 'power', layout.phases.length - 1)
    if (ticks.mode !== 'power') throw new Error('expected the power legend')
    expect(ticks.ticksKw.length).toBeGreaterThanOrEqual(2)
    expect(child.stdout).toBe(`ticks ${ticks.ticksKw.length}\n`)
  }, 30_000)
})

/** Runs legendFor(layout, 'power', last phase) for `config` in a node child process with a 128 MB heap. */
function powerLegendInChild(config: LayoutConfig) {
  const src = (file: string) => JSON.stringify(new URL(`../../src/${file}`, import.meta.url).href)
  const script = `
    const { validateLayout } = await import(${src('domain/layout/validate.ts')})
    const { buildLayout } = await import(${src('domain/layout/buildLayout.ts')})
    const { legendFor } = await import(${src('domain/color/colorModes.ts')})
    let text = ''
    for await (const chunk of process.stdin) text += chunk
    const r = validateLayout(JSON.parse(text))
    if (!r.ok) console.log('refused')
    else console.log('ticks', legendFor(buildLayout(r.config), 'power', r.config.phases.length - 1).ticksKw.length)
  `
  return spawnSync(
    process.execPath,
    ['--max-old-space-size=128', '--import', 'tsx', '--input-type=module', '-e', script],
    {
      input: JSON.stringify(config),
      encoding: 'utf8',
      timeout: 20_000,
    },
  )
}
