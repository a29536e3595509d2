/**
 * Scenario checks: every workload, hall and phase the scenario names exists, and each rule
 * says which racks it is for.
 */
import type { CheckContext } from './context'
import { checkSourceRefs } from './references'

/** Reports each id of `ids` (at `at[k]`) that `known` lacks, as an unknown `what`. */
function checkKnown(
  ctx: CheckContext,
  ids: readonly string[] | undefined,
  known: (id: string) => boolean,
  what: string,
  at: string,
): void {
  ids?.forEach((v, k) => {
    if (!known(v)) ctx.problems.push({ path: `${at}[${k}]`, message: `unknown ${what} "${v}"` })
  })
}

/** The scenario's workloads, halls, phases and sources are known; every rule names halls or phases. */
export function checkScenario(ctx: CheckContext): void {
  const sc = ctx.config.scenario
  if (!sc) return
  const workloads = Object.keys(sc.loads)
  const isWorkload = (w: string) => Object.hasOwn(sc.loads, w)
  const workloadProblem = (w: string, at: string) => {
    if (!isWorkload(w))
      ctx.problems.push({
        path: at,
        message: `unknown workload "${w}"; workloads are ${workloads.join(', ') || '(none)'}`,
      })
  }
  const isHall = (h: string) => ctx.hallIds.has(h)
  const phaseIds = new Set(ctx.config.phases.map((p) => p.id))
  workloadProblem(sc.default, 'scenario.default')
  sc.assign?.forEach((rule, i) => {
    const at = `scenario.assign[${i}]`
    if (!rule.halls && !rule.phases)
      ctx.problems.push({ path: at, message: 'must name `halls` or `phases` (or both)' })
    checkKnown(ctx, rule.halls, isHall, 'hall', `${at}.halls`)
    checkKnown(ctx, rule.phases, (p) => phaseIds.has(p), 'phase', `${at}.phases`)
    workloadProblem(rule.workload, `${at}.workload`)
  })
  checkKnown(ctx, sc.swing?.jobHalls, isHall, 'hall', 'scenario.swing.jobHalls')
  checkSourceRefs(ctx, sc.sources, 'scenario.sources')
}
