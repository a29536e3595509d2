/** Checks that ids are unique and that every reference to a source names one. */
import type { Problem } from '../../../config/parse'
import type { CheckContext } from './context'

/** Reports items whose id was seen before (in `seen`, which maps id to first path), and records the rest. */
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

/**
 * Ids are unique in their list; building, hall and plant ids across all sites. Records the
 * source and hall ids for the reference checks.
 */
export function checkIds({ config, problems, sourceIds, hallIds }: CheckContext): void {
  checkUnique(config.sources, (i) => `sources[${i}]`, sourceIds, problems)
  checkUnique(config.generations, (i) => `generations[${i}]`, new Map(), problems)
  checkUnique(config.hallTypes, (i) => `hallTypes[${i}]`, new Map(), problems)
  checkUnique(config.phases, (i) => `phases[${i}]`, new Map(), problems)
  checkUnique(config.sites, (i) => `sites[${i}]`, new Map(), problems)
  const buildingIds = new Map<string, string>()
  const infraIds = new Map<string, string>()
  config.sites.forEach((site, s) => {
    checkUnique(site.buildings, (b) => `sites[${s}].buildings[${b}]`, buildingIds, problems)
    site.buildings.forEach((b, bi) => {
      checkUnique(b.halls, (h) => `sites[${s}].buildings[${bi}].halls[${h}]`, hallIds, problems)
    })
    checkUnique(site.infrastructure ?? [], (k) => `sites[${s}].infrastructure[${k}]`, infraIds, problems)
  })
}

/** Every id in `ids` (a `sources` list at path `at`) names a source. */
export function checkSourceRefs(ctx: CheckContext, ids: readonly string[] | undefined, at: string): void {
  ids?.forEach((sid, k) => {
    if (!ctx.sourceIds.has(sid))
      ctx.problems.push({ path: `${at}[${k}]`, message: `unknown source "${sid}"` })
  })
}

/** The sources that generations and phases cite, and those of the phases' published figures, exist. */
export function checkCitations(ctx: CheckContext): void {
  const { config, problems, sourceIds } = ctx
  config.generations.forEach((g, i) => {
    checkSourceRefs(ctx, g.sources, `generations[${i}].sources`)
  })
  config.phases.forEach((p, i) => {
    checkSourceRefs(ctx, p.sources, `phases[${i}].sources`)
    p.published?.forEach((f, k) => {
      if (!sourceIds.has(f.source))
        problems.push({
          path: `phases[${i}].published[${k}].source`,
          message: `unknown source "${f.source}"`,
        })
    })
    checkStatus(ctx, p, `phases[${i}]`)
    p.contested?.forEach((c, k) => {
      c.figures.forEach((f, j) => {
        if (!sourceIds.has(f.source))
          problems.push({
            path: `phases[${i}].contested[${k}].figures[${j}].source`,
            message: `unknown source "${f.source}"`,
          })
      })
    })
  })
  config.sites.forEach((site, s) => {
    site.buildings.forEach((b, bi) => {
      checkSourceRefs(ctx, b.sources, `sites[${s}].buildings[${bi}].sources`)
    })
  })
}

/**
 * A status that says something happened (achieved or claimed) names who reports it; the ids
 * exist. A planned phase may cite the plan, but need not.
 */
function checkStatus(
  ctx: CheckContext,
  p: { status?: string | undefined; statusSources?: readonly string[] | undefined },
  at: string,
): void {
  if (p.statusSources !== undefined && p.status === undefined)
    ctx.problems.push({ path: `${at}.statusSources`, message: 'is given but `status` is not' })
  if ((p.status === 'achieved' || p.status === 'claimed') && (p.statusSources?.length ?? 0) === 0)
    ctx.problems.push({
      path: `${at}.statusSources`,
      message: `must name at least one source that reports the phase as ${p.status}`,
    })
  checkSourceRefs(ctx, p.statusSources, `${at}.statusSources`)
}
