/**
 * The per-phase figures scripts read, the same from the CLI (`npm run layout -- --json`) and
 * the page (`colossus.stats()`): the phase summary plus the draw under the layout's workload
 * scenario (nameplate without one), rounded to what the figures support.
 */
import type { Layout } from '../layout/buildLayout'
import { phaseDraws } from '../power/totals'
import { type PhaseSummary, summarisePhase } from './phaseStats'

/** A phase's summary with its draw, MW at the racks (IT) and at the facility. */
export type PhaseSummaryWithDraw = PhaseSummary & { drawMw: { it: number; facility: number } }

const r = (mw: number) => Math.round(mw * 10) / 10

/** The summary of every phase of `layout`. */
export function phaseSummaries(layout: Layout): PhaseSummaryWithDraw[] {
  const draws = phaseDraws(layout)
  return layout.phases.map((p, k) => ({
    ...summarisePhase(p),
    drawMw: { it: r(draws[k]!.itMw), facility: r(draws[k]!.facilityMw) },
  }))
}
