/**
 * Phase checks: dates in order, known generations and halls, racks that fit the halls they
 * are listed for (counted with the engine's fill rule, so later phases see what is left), the
 * plant's phases, and the final totals within the size limits.
 */
import { LIMITS } from '../../../config/parse'
import { type GenerationConfig, isCalendarDate, type PhaseConfig } from '../../../config/schema'
import { gpusPerRack } from '../../generations'
import { fillHalls } from '../fill'
import { type CheckContext, count } from './context'
import { checkSourceRefs } from './references'

/** Racks and GPUs over all phases so far. */
interface Totals {
  racks: number
  gpus: number
}

/**
 * The halls an add lists, as indices into `ctx.capacity`, reporting unknown and repeated
 * ones; `complete` is false when any was left out (then capacity is not judged).
 */
function addHalls(
  ctx: CheckContext,
  halls: readonly string[],
  at: string,
): { halls: number[]; complete: boolean } {
  const out: number[] = []
  let complete = true
  const listed = new Set<string>()
  halls.forEach((hid, m) => {
    if (listed.has(hid)) {
      ctx.problems.push({ path: `${at}.halls[${m}]`, message: `hall "${hid}" is listed twice` })
      complete = false
      return
    }
    listed.add(hid)
    const h = ctx.hallSlots.get(hid)
    if (h === undefined) {
      complete = false
      // A known hall of an unknown type was reported where it stands.
      if (!ctx.hallIds.has(hid))
        ctx.problems.push({ path: `${at}.halls[${m}]`, message: `unknown hall "${hid}"` })
    } else out.push(h)
  })
  return { halls: out, complete }
}

/** Checks the adds of phase `i` and fills their racks into `filled`, adding to `totals`. */
function checkAdds(
  ctx: CheckContext,
  generations: Map<string, GenerationConfig>,
  phase: PhaseConfig,
  i: number,
  filled: number[],
  totals: Totals,
): void {
  phase.adds.forEach((add, k) => {
    const at = `phases[${i}].adds[${k}]`
    const gen = generations.get(add.generation)
    if (!gen)
      ctx.problems.push({ path: `${at}.generation`, message: `unknown generation "${add.generation}"` })
    const { halls, complete } = addHalls(ctx, add.halls, at)
    const left = fillHalls(add.racks, halls, ctx.capacity, filled)
    if (complete && left > 0)
      ctx.problems.push({
        path: `${at}.racks`,
        message: `${add.racks} racks do not fit: the listed halls have ${add.racks - left} free slots left`,
      })
    totals.racks += add.racks
    if (gen) totals.gpus += add.racks * gpusPerRack(gen)
  })
}

/** Phase dates never go back; each add names a known generation and known halls that have room. */
export function checkPhases(ctx: CheckContext): Totals {
  const { config, problems } = ctx
  const generations = new Map(config.generations.map((g) => [g.id, g]))
  const filled = ctx.capacity.map(() => 0)
  const totals: Totals = { racks: 0, gpus: 0 }
  config.phases.forEach((p, i) => {
    const prev = config.phases[i - 1]
    // Dates the schema refused are reported there; comparing them would report one fault twice.
    if (
      prev &&
      typeof p.date === 'string' &&
      isCalendarDate(p.date) &&
      typeof prev.date === 'string' &&
      isCalendarDate(prev.date) &&
      p.date < prev.date
    )
      problems.push({
        path: `phases[${i}].date`,
        message: `${p.date} is before the previous phase's date ${prev.date}`,
      })
    checkAdds(ctx, generations, p, i, filled, totals)
  })
  return totals
}

/** Each plant group names a known phase and known sources. */
export function checkPlant(ctx: CheckContext): void {
  const phaseIds = new Set(ctx.config.phases.map((p) => p.id))
  ctx.config.sites.forEach((site, s) => {
    site.infrastructure?.forEach((inf, k) => {
      if (!phaseIds.has(inf.phase))
        ctx.problems.push({
          path: `sites[${s}].infrastructure[${k}].phase`,
          message: `unknown phase "${inf.phase}"`,
        })
      checkSourceRefs(ctx, inf.sources, `sites[${s}].infrastructure[${k}].sources`)
    })
  })
}

/** The final phase stands within `LIMITS.maxRacks` racks and `LIMITS.maxGpus` GPUs. */
export function checkTotals({ problems }: CheckContext, totals: Totals): void {
  if (totals.racks > LIMITS.maxRacks)
    problems.push({
      path: 'phases',
      message: `${count(totals.racks)} racks in all; the limit is ${count(LIMITS.maxRacks)}`,
    })
  if (totals.gpus > LIMITS.maxGpus)
    problems.push({
      path: 'phases',
      message: `${count(totals.gpus)} GPUs in all; the limit is ${count(LIMITS.maxGpus)}`,
    })
}
