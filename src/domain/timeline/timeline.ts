/**
 * Time on the expansion timeline. The animation clock is `reveal`, measured in phases:
 * reveal = p + f means phase p is f of the way through its build (0 ≤ f ≤ 1); at reveal =
 * p + 1 every rack of phases ≤ p stands. Each phase is built over the days between the
 * previous phase's date and its own (the first over FIRST_BUILD_DAYS before its date), so
 * scrubbing by date moves at the real pace of construction. Pure.
 */
import { gpusPerRack, h100Equivalents } from '../generations'
import type { Layout } from '../layout/buildLayout'

/** Days the first phase takes to build when nothing precedes it (Colossus 1: 122 days). */
export const FIRST_BUILD_DAYS = 122

/**
 * Width of one rack's rise, in phases. A rack's build key is phase + buildFraction ×
 * (1 − BUILD_FADE); it rises while reveal goes from key to key + BUILD_FADE.
 */
export const BUILD_FADE = 0.1

const DAY_MS = 86_400_000

/** Parses YYYY-MM-DD as UTC midnight, ms. */
export const dateMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)

/** Formats ms as YYYY-MM-DD (UTC). */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** When each phase's build starts and ends, and the span the timeline shows. */
export interface TimelineSpan {
  phaseStartMs: number[]
  phaseEndMs: number[]
  /** Left end of the timeline, ms (a little before the first build starts). */
  startMs: number
  /** Right end of the timeline, ms (a little after the last phase). */
  endMs: number
}

/** The timeline span of a layout. */
export function timelineSpan(layout: Layout): TimelineSpan {
  const ends = layout.phases.map((p) => dateMs(p.date))
  const starts = ends.map((end, p) => (p === 0 ? end - FIRST_BUILD_DAYS * DAY_MS : ends[p - 1]!))
  const first = starts[0]!
  const last = ends[ends.length - 1]!
  const pad = Math.max(30 * DAY_MS, (last - first) * 0.03)
  return { phaseStartMs: starts, phaseEndMs: ends, startMs: first - pad, endMs: last + pad }
}

/** The reveal clock at a date: 0 before the first build, phases.length after the last phase. */
export function revealAtDate(span: TimelineSpan, ms: number): number {
  const n = span.phaseEndMs.length
  for (let p = 0; p < n; p++) {
    const start = span.phaseStartMs[p]!
    const end = span.phaseEndMs[p]!
    if (ms < end) {
      if (ms <= start) return p
      return p + (ms - start) / Math.max(1, end - start)
    }
  }
  return n
}

/** The date at a reveal value (inverse of revealAtDate inside the built range). */
export function dateAtReveal(span: TimelineSpan, reveal: number): number {
  const n = span.phaseEndMs.length
  if (reveal <= 0) return span.phaseStartMs[0]!
  if (reveal >= n) return span.phaseEndMs[n - 1]!
  const p = Math.floor(reveal)
  const f = reveal - p
  const start = span.phaseStartMs[p]!
  return start + f * (span.phaseEndMs[p]! - start)
}

/**
 * The phase whose figures are shown at a reveal value: the phase being built, or the last
 * one complete. Clamped to [0, n − 1].
 */
export function phaseAtReveal(reveal: number, phaseCount: number): number {
  return Math.min(phaseCount - 1, Math.max(0, Math.ceil(reveal - 1e-9) - 1))
}

/** Totals standing at a reveal value (linear within the phase being built). */
export interface RevealStats {
  gpus: number
  racks: number
  itPowerMw: number
  facilityPowerMw: number
  bf16Exaflops: number
  /** Σ GPUs × dense BF16 ÷ the H100's, rounded down to whole GPUs' worth. */
  h100Equivalents: number
}

/** Prefix sums over the rack table, for O(1) totals at any point of the build. */
export interface BuildPrefix {
  gpus: Float64Array
  kw: Float64Array
  bf16: Float64Array
}

/** Cumulative GPUs, nameplate kW and BF16 TFLOPS over racks in build order. */
export function buildPrefix(layout: Layout): BuildPrefix {
  const r = layout.racks
  const gens = layout.config.generations
  const gpus = new Float64Array(r.count + 1)
  const kw = new Float64Array(r.count + 1)
  const bf16 = new Float64Array(r.count + 1)
  for (let i = 0; i < r.count; i++) {
    const g = gens[r.generation[i]!]!
    const n = gpusPerRack(g)
    gpus[i + 1] = gpus[i]! + n
    kw[i + 1] = kw[i]! + r.powerKw[i]!
    bf16[i + 1] = bf16[i]! + n * g.bf16Tflops
  }
  return { gpus, kw, bf16 }
}

/** Totals standing at `reveal`: exact at whole phases, proportional in between. */
export function statsAtReveal(layout: Layout, prefix: BuildPrefix, reveal: number): RevealStats {
  const n = layout.phases.length
  const r = layout.racks
  const clamped = Math.min(n, Math.max(0, reveal))
  const p = Math.min(n - 1, Math.floor(clamped))
  const f = clamped - p
  const start = p === 0 ? 0 : r.phaseEnd[p - 1]!
  const end = r.phaseEnd[p]!
  const k = start + Math.round(f * (end - start))
  const pue = layout.config.phases[Math.max(0, Math.min(n - 1, Math.ceil(clamped) - 1))]!.pue
  const itPowerMw = (prefix.kw[k]! * layout.config.itOverheadFactor) / 1000
  return {
    gpus: prefix.gpus[k]!,
    racks: k,
    itPowerMw,
    facilityPowerMw: itPowerMw * pue,
    bf16Exaflops: prefix.bf16[k]! / 1e6,
    h100Equivalents: Math.floor(h100Equivalents(prefix.bf16[k]!)),
  }
}
