/**
 * Stories: ordered steps through a layout, each a phase, a view and a caption. Captions take
 * their figures from the layout's stats through {placeholders}, so a caption can never say a
 * number the scene does not show. Pure.
 */
import type { StoryConfig, StoryStepConfig } from '../config/schema'
import { fmtDate, fmtEf, fmtInt, fmtMw } from './format'
import type { Layout } from './layout/buildLayout'
import type { PhaseStats } from './stats/phaseStats'

/** Seconds a step stays on screen in autoplay when it does not say. */
export const DEFAULT_STEP_SECONDS = 8

const DAY_MS = 86_400_000
const daysBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS)

/** Halls with racks standing at the end of phase `phaseIndex`. */
function hallsInUse(layout: Layout, phaseIndex: number): number {
  const end = layout.racks.phaseEnd[phaseIndex] ?? 0
  const seen = new Set<number>()
  for (let i = 0; i < end; i++) seen.add(layout.racks.hall[i]!)
  return seen.size
}

type Field = (p: PhaseStats, prev: PhaseStats | null, layout: Layout, phaseIndex: number) => string

/** Each placeholder a caption may use, and how it reads the phase (and the one before it). */
export const CAPTION_FIELDS: Record<string, Field> = {
  halls: (_p, _prev, layout, k) => fmtInt(hallsInUse(layout, k)),
  phase: (p) => p.name,
  date: (p) => fmtDate(p.date),
  status: (p) => p.status ?? 'not stated',
  gpus: (p) => fmtInt(p.gpus),
  racks: (p) => fmtInt(p.racks),
  h100e: (p) => fmtInt(p.h100Equivalents),
  bf16: (p) => fmtEf(p.bf16Exaflops),
  itMw: (p) => fmtMw(p.itPowerMw),
  facilityMw: (p) => fmtMw(p.facilityPowerMw),
  addedGpus: (p, prev) => fmtInt(p.gpus - (prev?.gpus ?? 0)),
  days: (p, prev) => (prev ? fmtInt(daysBetween(prev.date, p.date)) : '0'),
  gridMw: (p) => fmtMw(p.supply.gridMw),
  turbineMw: (p) => fmtMw(p.supply.turbineMw),
  batteryMw: (p) => fmtMw(p.supply.batteryMw),
  supplyMw: (p) => fmtMw(p.supply.totalMw),
  contested: (p) => {
    const c = p.contested[0]
    return c ? `${c.label}: ${fmtInt(c.min)}–${fmtInt(c.max)} ${c.unit}` : 'no contested figure'
  },
}

const PLACEHOLDER = /\{([^{}]*)\}/g

/** The placeholders of `template` that are not caption fields. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((k) => !(k in CAPTION_FIELDS))
}

/** `template` with each {placeholder} replaced by its figure at `phaseIndex`. */
export function fillCaption(template: string, layout: Layout, phaseIndex: number): string {
  const p = layout.phases[phaseIndex]!
  const prev = phaseIndex > 0 ? layout.phases[phaseIndex - 1]! : null
  return template.replace(
    PLACEHOLDER,
    (whole, key: string) => CAPTION_FIELDS[key]?.(p, prev, layout, phaseIndex) ?? whole,
  )
}

/** A story step resolved against a layout: its phase index and filled texts. */
export interface ResolvedStep {
  index: number
  phaseIndex: number
  title: string
  caption: string
  /** Titles of the step's sources. */
  sources: string[]
  durationS: number
  step: StoryStepConfig
}

/** Resolves step `k` of `story` (clamped to its steps) against `layout`. */
export function resolveStep(layout: Layout, story: StoryConfig, k: number): ResolvedStep {
  const index = Math.max(0, Math.min(story.steps.length - 1, Math.round(k)))
  const step = story.steps[index]!
  const phaseIndex = Math.max(
    0,
    layout.config.phases.findIndex((p) => p.id === step.phase),
  )
  const byId = new Map(layout.config.sources.map((s) => [s.id, s.title]))
  return {
    index,
    phaseIndex,
    title: fillCaption(step.title, layout, phaseIndex),
    caption: fillCaption(step.caption, layout, phaseIndex),
    sources: (step.sources ?? []).flatMap((id) => byId.get(id) ?? []),
    durationS: step.durationS ?? DEFAULT_STEP_SECONDS,
    step,
  }
}

/** The layout's stories (none when it has none). */
export const storiesOf = (layout: Layout): StoryConfig[] => layout.config.stories ?? []

/** How autoplay goes on after the last step: stop there, or start again from the first. */
export type AutoplayMode = 'once' | 'loop'

/** What autoplay does next: keep the step on screen (`progress` of its time, 0–1), show `step`, or stop. */
export type AutoplayMove =
  | { kind: 'wait'; progress: number }
  | { kind: 'next'; step: number }
  | { kind: 'stop' }

/**
 * The autoplay decision at `nowMs` for step `step` (0-based) of a story of `stepCount` steps,
 * which stays on screen `durationS` seconds from `arrivedMs`: the moment its camera flight and
 * build finished arriving (or its cut, under reduced motion), null while they still play.
 * Times are from one monotonic clock (performance.now), in milliseconds.
 */
export function autoplayMove(
  step: number,
  stepCount: number,
  durationS: number,
  arrivedMs: number | null,
  nowMs: number,
  mode: AutoplayMode,
): AutoplayMove {
  if (arrivedMs === null) return { kind: 'wait', progress: 0 }
  const progress = Math.max(0, (nowMs - arrivedMs) / (durationS * 1000))
  if (progress < 1) return { kind: 'wait', progress }
  if (step + 1 < stepCount) return { kind: 'next', step: step + 1 }
  return mode === 'loop' ? { kind: 'next', step: 0 } : { kind: 'stop' }
}
