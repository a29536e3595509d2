/**
 * Times the layout engine on the default layout: buildLayout for each phase prefix (the config
 * truncated to phases [0..p]), and the whole path from text (parse + validate + build).
 */
import type { LayoutConfig } from '../../src/config/schema'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import { parseLayoutText } from '../../src/domain/layout/validate'
import { defaultConfig, layoutText, phasesUpTo } from '../fixtures'

export interface LayoutBenchRow {
  phase: string
  racks: number
  gpus: number
  medianMs: number
  p95Ms: number
}

/**
 * Runs `fn` `warmup` times, then at least `minRuns` times and for at least `minMs` (at most
 * `maxRuns` times); returns the times, sorted, in ms.
 */
function time(fn: () => void, { warmup = 20, minRuns = 50, minMs = 500, maxRuns = 5000 } = {}): number[] {
  for (let k = 0; k < warmup; k++) fn()
  const times: number[] = []
  const start = performance.now()
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < minMs)) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN

export function benchLayout(): { rows: LayoutBenchRow[] } {
  const text = layoutText()
  const config = defaultConfig()
  const rows: LayoutBenchRow[] = []
  const row = (phase: string, c: LayoutConfig, fn: () => void): void => {
    const last = buildLayout(c).phases.at(-1)
    const times = time(fn)
    rows.push({
      phase,
      racks: last?.racks ?? 0,
      gpus: last?.gpus ?? 0,
      medianMs: percentile(times, 0.5),
      p95Ms: percentile(times, 0.95),
    })
  }
  config.phases.forEach((phase, p) => {
    const c = phasesUpTo(config, p)
    row(phase.id, c, () => buildLayout(c))
  })
  row('full: parse + validate + build', config, () => {
    const r = parseLayoutText(text)
    if (!r.ok) throw new Error('refused')
    buildLayout(r.config)
  })
  return { rows }
}
