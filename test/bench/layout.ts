/**
 * Times the layout engine on the default layout: buildLayout for each phase prefix (the config
 * truncated to phases [0..p]), and the whole path from text (parse + validate + build).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { LayoutConfig } from '../../src/config/schema'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import { parseLayoutText, validateLayout } from '../../src/domain/layout/validate'

export interface LayoutBenchRow {
  phase: string
  racks: number
  gpus: number
  medianMs: number
  p95Ms: number
}

const DEFAULT_PATH = fileURLToPath(new URL('../../assets/layouts/colossus.json', import.meta.url))

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

/** The config with phases [0..p] only, and only the plant those phases bring (so it still validates). */
function truncated(config: LayoutConfig, p: number): LayoutConfig {
  const c = structuredClone(config)
  c.phases = c.phases.slice(0, p + 1)
  const kept = new Set(c.phases.map((ph) => ph.id))
  for (const site of c.sites)
    if (site.infrastructure) site.infrastructure = site.infrastructure.filter((i) => kept.has(i.phase))
  const result = validateLayout(c)
  if (!result.ok)
    throw new Error(`truncated config refused: ${result.problems[0]?.path}: ${result.problems[0]?.message}`)
  return result.config
}

export function benchLayout(): { rows: LayoutBenchRow[] } {
  const text = readFileSync(DEFAULT_PATH, 'utf8')
  const parsed = parseLayoutText(text)
  if (!parsed.ok) throw new Error('the default layout does not validate')
  const config = parsed.config
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
    const c = truncated(config, p)
    row(phase.id, c, () => buildLayout(c))
  })
  row('full: parse + validate + build', config, () => {
    const r = parseLayoutText(text)
    if (!r.ok) throw new Error('refused')
    buildLayout(r.config)
  })
  return { rows }
}
