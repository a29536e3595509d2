/**
 * Turns untrusted input (text or parsed JSON) into a LayoutConfig, or a list of problems, each
 * naming the JSON path of the fault. Never throws for bad input.
 */
import type { z } from 'zod'
import {
  compose,
  cornersInsideRect,
  degToRad,
  gridCapacity,
  gridExtentM,
  quadsOverlap,
  rectCorners,
  type Transform2,
} from '../domain/geometry'
import { type LayoutConfig, layoutConfigSchema } from './schema'

/** One thing wrong with a config, at a JSON path such as `phases[2].adds[0].halls[1]`. */
export interface Problem {
  path: string
  message: string
}

/** The outcome of validation: a config the engine can trust, or every problem found. */
export type ValidationResult = { ok: true; config: LayoutConfig } | { ok: false; problems: Problem[] }

/**
 * Size limits. A layout past them is refused: the page holds one rack table and one instance
 * buffer per rack kind, and past these sizes the browser's memory and the first frame time
 * grow beyond what a laptop handles (see README "Limits").
 */
export const LIMITS = {
  /** Racks in the final phase. */
  maxRacks: 100_000,
  /** GPUs in the final phase. */
  maxGpus: 5_000_000,
  /** Rack slots over all halls (empty slots cost memory too). */
  maxSlots: 400_000,
  /** Halls over all buildings. */
  maxHalls: 2_000,
  /** Config text size, bytes. */
  maxBytes: 5_000_000,
} as const

/** Formats a path of keys and indices as `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(root)' : out
}

/**
 * Keeps a message on one line: control characters and line/paragraph separators that came
 * from the config (keys, values) are shown escaped, as in JSON.
 */
export const oneLine = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

/** Formats problems one per line as `<path>: <message>`. */
export const formatProblems = (problems: readonly Problem[]): string =>
  problems.map((p) => `${p.path}: ${p.message}`).join('\n')

function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    let message = issue.message
    if (issue.code === 'invalid_type') {
      const received = (issue as { input?: unknown }).input
      message =
        received === undefined
          ? `is required (${issue.expected})`
          : `must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`
    } else if (issue.code === 'unrecognized_keys') {
      message = `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    } else if (issue.code === 'invalid_value') {
      message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    }
    return { path: formatPath(issue.path), message }
  })
}

/** Parses JSON text and validates it. */
export function parseLayoutText(text: string): ValidationResult {
  const bytes = text.length > LIMITS.maxBytes / 3 ? new TextEncoder().encode(text).length : text.length
  if (bytes > LIMITS.maxBytes) {
    return {
      ok: false,
      problems: [
        {
          path: '(root)',
          message: `file is ${(bytes / 1e6).toFixed(1)} MB; the limit is ${LIMITS.maxBytes / 1e6} MB`,
        },
      ],
    }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    // V8 quotes the surrounding text, newlines included: keep the report to one line.
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim()
    return { ok: false, problems: [{ path: '(root)', message: `is not valid JSON: ${detail}` }] }
  }
  return validateLayout(data)
}

/** Validates parsed JSON: the schema first, then references, geometry, capacity, dates and limits. */
export function validateLayout(data: unknown): ValidationResult {
  const result = validateUnsafe(data)
  if (result.ok) return result
  return {
    ok: false,
    problems: result.problems.map((p) => ({ path: oneLine(p.path), message: oneLine(p.message) })),
  }
}

function validateUnsafe(data: unknown): ValidationResult {
  const parsed = layoutConfigSchema.safeParse(data, { reportInput: true })
  if (!parsed.success) {
    const problems = zodProblems(parsed.error)
    // List the cross-field problems too, so one round of fixes covers them all. The data did
    // not pass the schema, so these checks may trip over it: then only the schema's are listed.
    try {
      const seen = new Set(problems.map((p) => p.path))
      for (const p of checkConsistency(data as LayoutConfig)) if (!seen.has(p.path)) problems.push(p)
    } catch {
      // Shapes too broken for the cross-field checks: the schema problems say what to fix first.
    }
    return { ok: false, problems }
  }
  const config = parsed.data
  const problems = checkConsistency(config)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config }
}

function checkUnique<T extends { id: string }>(
  items: readonly T[],
  path: (i: number) => string,
  seen: Map<string, string>,
  problems: Problem[],
): void {
  items.forEach((item, i) => {
    const at = path(i)
    const first = seen.get(item.id)
    if (first !== undefined)
      problems.push({ path: `${at}.id`, message: `"${item.id}" is already used at ${first}` })
    else seen.set(item.id, at)
  })
}

/** Cross-field checks that a schema cannot express. Exported for tests. */
export function checkConsistency(config: LayoutConfig): Problem[] {
  const problems: Problem[] = []
  const sourceIds = new Map<string, string>()
  checkUnique(config.sources, (i) => `sources[${i}]`, sourceIds, problems)
  checkUnique(config.generations, (i) => `generations[${i}]`, new Map(), problems)
  checkUnique(config.hallTypes, (i) => `hallTypes[${i}]`, new Map(), problems)
  checkUnique(config.phases, (i) => `phases[${i}]`, new Map(), problems)
  checkUnique(config.sites, (i) => `sites[${i}]`, new Map(), problems)
  const buildingIds = new Map<string, string>()
  const hallIds = new Map<string, string>()
  const infraIds = new Map<string, string>()
  config.sites.forEach((site, s) => {
    checkUnique(site.buildings, (b) => `sites[${s}].buildings[${b}]`, buildingIds, problems)
    site.buildings.forEach((b, bi) => {
      checkUnique(b.halls, (h) => `sites[${s}].buildings[${bi}].halls[${h}]`, hallIds, problems)
    })
    checkUnique(site.infrastructure ?? [], (k) => `sites[${s}].infrastructure[${k}]`, infraIds, problems)
  })

  const refSource = (ids: readonly string[] | undefined, at: string) => {
    ids?.forEach((sid, k) => {
      if (!sourceIds.has(sid)) problems.push({ path: `${at}[${k}]`, message: `unknown source "${sid}"` })
    })
  }
  config.generations.forEach((g, i) => {
    refSource(g.sources, `generations[${i}].sources`)
  })
  config.phases.forEach((p, i) => {
    refSource(p.sources, `phases[${i}].sources`)
    p.published?.forEach((f, k) => {
      if (!sourceIds.has(f.source))
        problems.push({
          path: `phases[${i}].published[${k}].source`,
          message: `unknown source "${f.source}"`,
        })
    })
  })

  const hallTypes = new Map(config.hallTypes.map((t) => [t.id, t]))
  config.hallTypes.forEach((t, i) => {
    const ext = gridExtentM(t)
    if (ext.widthM > t.sizeM[0] + 1e-6)
      problems.push({
        path: `hallTypes[${i}]`,
        message: `racks need ${ext.widthM.toFixed(1)} m of width but the hall is ${t.sizeM[0]} m wide (sizeM[0])`,
      })
    if (ext.depthM > t.sizeM[1] + 1e-6)
      problems.push({
        path: `hallTypes[${i}]`,
        message: `racks need ${ext.depthM.toFixed(1)} m of depth but the hall is ${t.sizeM[1]} m deep (sizeM[1])`,
      })
  })

  // Geometry: halls inside their building, halls apart, buildings apart on the campus.
  const capacityByHall = new Map<string, number>()
  let slots = 0
  let halls = 0
  const buildingQuads: { at: string; quad: number[] }[] = []
  config.sites.forEach((site, s) => {
    refSource(site.sources, `sites[${s}].sources`)
    const siteT: Transform2 = { x: site.positionM[0], z: site.positionM[1], angle: 0 }
    site.buildings.forEach((b, bi) => {
      const bAt = `sites[${s}].buildings[${bi}]`
      const bT = compose(siteT, { x: b.positionM[0], z: b.positionM[1], angle: degToRad(b.rotationDeg ?? 0) })
      buildingQuads.push({ at: bAt, quad: rectCorners(bT, b.sizeM[0], b.sizeM[1]) })
      const hallQuads: { at: string; quad: number[] }[] = []
      b.halls.forEach((h, hi) => {
        const hAt = `${bAt}.halls[${hi}]`
        halls++
        const type = hallTypes.get(h.type)
        if (!type) {
          problems.push({ path: `${hAt}.type`, message: `unknown hall type "${h.type}"` })
          return
        }
        capacityByHall.set(h.id, gridCapacity(type))
        slots += gridCapacity(type)
        const local = rectCorners(
          { x: h.positionM[0], z: h.positionM[1], angle: degToRad(h.rotationDeg ?? 0) },
          type.sizeM[0],
          type.sizeM[1],
        )
        if (!cornersInsideRect(local, b.sizeM[0], b.sizeM[1], 1e-3))
          problems.push({
            path: `${hAt}.positionM`,
            message: `hall "${h.id}" (${type.sizeM[0]} × ${type.sizeM[1]} m) reaches outside building "${b.id}" (${b.sizeM[0]} × ${b.sizeM[1]} m)`,
          })
        for (const other of hallQuads) {
          if (quadsOverlap(other.quad, local, 1e-3))
            problems.push({ path: `${hAt}.positionM`, message: `hall "${h.id}" overlaps ${other.at}` })
        }
        hallQuads.push({ at: hAt, quad: local })
      })
    })
  })
  for (let i = 0; i < buildingQuads.length; i++) {
    for (let j = 0; j < i; j++) {
      if (quadsOverlap(buildingQuads[j]!.quad, buildingQuads[i]!.quad, 1e-3))
        problems.push({
          path: `${buildingQuads[i]!.at}.positionM`,
          message: `building overlaps ${buildingQuads[j]!.at}`,
        })
    }
  }
  if (halls > LIMITS.maxHalls)
    problems.push({
      path: 'sites',
      message: `${halls.toLocaleString('en-US')} halls; the limit is ${LIMITS.maxHalls.toLocaleString('en-US')}`,
    })
  if (slots > LIMITS.maxSlots)
    problems.push({
      path: 'sites',
      message: `halls hold ${slots.toLocaleString('en-US')} rack slots; the limit is ${LIMITS.maxSlots.toLocaleString('en-US')} (each slot costs memory)`,
    })

  // Phases: dates in order, references, capacity, totals.
  const generations = new Map(config.generations.map((g) => [g.id, g]))
  const phaseIds = new Set(config.phases.map((p) => p.id))
  const used = new Map<string, number>()
  let racks = 0
  let gpus = 0
  config.phases.forEach((p, i) => {
    const prev = config.phases[i - 1]
    if (prev && p.date < prev.date)
      problems.push({
        path: `phases[${i}].date`,
        message: `${p.date} is before the previous phase's date ${prev.date}`,
      })
    p.adds.forEach((add, k) => {
      const at = `phases[${i}].adds[${k}]`
      const gen = generations.get(add.generation)
      if (!gen) problems.push({ path: `${at}.generation`, message: `unknown generation "${add.generation}"` })
      let free = 0
      let known = true
      const listed = new Set<string>()
      add.halls.forEach((hid, m) => {
        if (listed.has(hid)) {
          problems.push({ path: `${at}.halls[${m}]`, message: `hall "${hid}" is listed twice` })
          known = false
          return
        }
        listed.add(hid)
        const cap = capacityByHall.get(hid)
        if (cap === undefined) {
          known = false
          if (!hallIds.has(hid))
            problems.push({ path: `${at}.halls[${m}]`, message: `unknown hall "${hid}"` })
        } else free += cap - (used.get(hid) ?? 0)
      })
      if (known && add.racks > free) {
        problems.push({
          path: `${at}.racks`,
          message: `${add.racks} racks do not fit: the listed halls have ${free} free slots left`,
        })
      }
      // Fill in order, as the engine does, so later phases see what is left.
      let left = add.racks
      for (const hid of add.halls) {
        const cap = capacityByHall.get(hid)
        if (cap === undefined) continue
        const take = Math.min(left, cap - (used.get(hid) ?? 0))
        used.set(hid, (used.get(hid) ?? 0) + take)
        left -= take
      }
      racks += add.racks
      if (gen) gpus += add.racks * gen.gpusPerServer * gen.serversPerRack
    })
  })
  config.sites.forEach((site, s) => {
    site.infrastructure?.forEach((inf, k) => {
      if (!phaseIds.has(inf.phase))
        problems.push({
          path: `sites[${s}].infrastructure[${k}].phase`,
          message: `unknown phase "${inf.phase}"`,
        })
      refSource(inf.sources, `sites[${s}].infrastructure[${k}].sources`)
    })
  })
  if (racks > LIMITS.maxRacks)
    problems.push({
      path: 'phases',
      message: `${racks.toLocaleString('en-US')} racks in all; the limit is ${LIMITS.maxRacks.toLocaleString('en-US')}`,
    })
  if (gpus > LIMITS.maxGpus)
    problems.push({
      path: 'phases',
      message: `${gpus.toLocaleString('en-US')} GPUs in all; the limit is ${LIMITS.maxGpus.toLocaleString('en-US')}`,
    })
  return problems
}
