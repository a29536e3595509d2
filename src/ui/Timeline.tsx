/**
 * The timeline bar: dates, a marker per phase (headline steps stand out), the current date,
 * step / play / scrub, and the current phase's description and sources. The cursor follows
 * the timeline clock through a subscription (no React render per frame).
 */

import { type RefObject, useEffect, useMemo, useRef } from 'react'
import { fmtDate, fmtInt, fmtMonth } from '../domain/format'
import { sourcesOf, sourceTitles } from '../domain/sources'
import { dateAtReveal, dateMs, revealAtDate, type TimelineSpan } from '../domain/timeline/timeline'
import { useApp, useClock } from '../state/context'
import type { TimelineClock } from '../state/timelineClock'
import { STATUS_MEANING, StatusBadge } from './StatusBadge'

/** Compact GPU count for headline markers: 100k, 1M. */
export function compactCount(n: number): string {
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(2))}M`
  if (n >= 1e3) return `${Math.round(n / 1e3)}k`
  return String(n)
}

/** A date tick on the track: every month, quarter or half year, depending on the span. */
interface Tick {
  ms: number
  label: string
  /** January: labelled with the year. */
  major: boolean
}

/** The date ticks of `span`: monthly up to 18 months, quarterly up to 48, half-yearly beyond. */
export function timelineTicks(span: Pick<TimelineSpan, 'startMs' | 'endMs'>): Tick[] {
  const out: Tick[] = []
  const start = new Date(span.startMs)
  const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
  const months = (span.endMs - span.startMs) / (30.4 * 86_400_000)
  const every = months > 48 ? 6 : months > 18 ? 3 : 1
  while (d.getTime() < span.endMs) {
    const m = d.getUTCMonth()
    if (m % every === 0)
      out.push({ ms: d.getTime(), label: m === 0 ? String(d.getUTCFullYear()) : fmtMonth(m), major: m === 0 })
    d.setUTCMonth(m + 1)
  }
  return out
}

/** Only http(s) addresses become links; anything else is shown as text. */
const safeHref = (url: string): string | undefined => (/^https?:\/\//i.test(url) ? url : undefined)

/** Previous / play-pause / next, and "follow the build". */
function TimelineControls() {
  const phaseIndex = useApp((s) => s.phaseIndex)
  const last = useApp((s) => s.layout.phases.length - 1)
  const playing = useApp((s) => s.playing)
  const followBuild = useApp((s) => s.followBuild)
  const stepPhase = useApp((s) => s.stepPhase)
  const setPlaying = useApp((s) => s.setPlaying)
  const setFollowBuild = useApp((s) => s.setFollowBuild)
  return (
    <div className="timeline-controls">
      <button
        type="button"
        onClick={() => stepPhase(-1)}
        disabled={phaseIndex === 0}
        title="Previous phase (←)"
        aria-label="Previous phase"
      >
        ‹
      </button>
      <button
        type="button"
        className="play"
        onClick={() => setPlaying(!playing)}
        title="Play / pause (Space)"
        aria-label={playing ? 'Pause' : 'Play'}
        data-testid="play"
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button
        type="button"
        onClick={() => stepPhase(1)}
        disabled={phaseIndex === last}
        title="Next phase (→)"
        aria-label="Next phase"
      >
        ›
      </button>
      <label className="follow" title="Camera follows the hall being built (F)">
        <input type="checkbox" checked={followBuild} onChange={(e) => setFollowBuild(e.target.checked)} />
        Follow the build
      </label>
    </div>
  )
}

/** The current phase: name, date, GPUs, build progress, description and source links. */
function TimelineInfo({ progress }: { progress: RefObject<HTMLSpanElement | null> }) {
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const phase = layout.phases[phaseIndex]!
  const cfg = layout.config.phases[phaseIndex]!
  const sources = sourcesOf(layout.config.sources, cfg.sources)
  const statusSources = sourceTitles(layout.config.sources, cfg.statusSources)
  return (
    <div className="timeline-info">
      <div className="timeline-phase">
        <strong data-testid="timeline-phase" title={phase.name}>
          {phase.name}
        </strong>{' '}
        <StatusBadge status={phase.status} sources={statusSources} />
        <span className="muted">
          {' '}
          · {fmtDate(phase.date)}
          {phase.estimate ? ' (est.)' : ''} · {fmtInt(phase.gpus)} GPUs
        </span>
        <span className="building" ref={progress} />
      </div>
      <p className="timeline-description">{cfg.description}</p>
      {sources.length > 0 && (
        <p className="timeline-sources">
          Sources:{' '}
          {sources.map((s, k) => (
            <span key={s.id}>
              {k > 0 ? ' · ' : ''}
              <a href={safeHref(s.url)} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
            </span>
          ))}
        </p>
      )}
    </div>
  )
}

/** Moves the cursor and writes "building… n%" as the clock runs, straight to the DOM. */
function useClockCursor(
  clock: TimelineClock,
  cursor: RefObject<HTMLDivElement | null>,
  progress: RefObject<HTMLSpanElement | null>,
): void {
  useEffect(() => {
    const update = (reveal: number) => {
      const ms = dateAtReveal(clock.span, reveal)
      const left = ((ms - clock.span.startMs) / (clock.span.endMs - clock.span.startMs)) * 100
      if (cursor.current) cursor.current.style.left = `${left}%`
      const f = reveal - Math.floor(reveal)
      if (progress.current)
        progress.current.textContent = f > 0.001 && f < 0.999 ? `building… ${Math.round(f * 100)}%` : ''
    }
    update(clock.reveal)
    return clock.subscribe(update)
  }, [clock, cursor, progress])
}

/** The track: date ticks, build spans, phase markers and the cursor; drag to scrub. */
function TimelineTrack({
  clock,
  cursor,
}: {
  clock: TimelineClock
  cursor: RefObject<HTMLDivElement | null>
}) {
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const setPhase = useApp((s) => s.setPhase)
  const span = clock.span
  const track = useRef<HTMLDivElement>(null)
  const ticks = useMemo(() => timelineTicks(span), [span])
  const x = (ms: number) => ((ms - span.startMs) / (span.endMs - span.startMs)) * 100
  const scrubAt = (clientX: number) => {
    const el = track.current
    if (!el) return
    const rect = el.getBoundingClientRect()
    const t = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width))
    clock.scrubTo(revealAtDate(clock.span, clock.span.startMs + t * (clock.span.endMs - clock.span.startMs)))
  }
  const phase = layout.phases[phaseIndex]!
  // The slider is a layer under the phase markers, not their parent: a slider may not contain
  // buttons (axe: nested-interactive). The track itself takes the pointer, for both.
  return (
    <div
      className="timeline-track"
      ref={track}
      onPointerDown={(e) => {
        if ((e.target as HTMLElement).closest('.timeline-marker')) return
        e.currentTarget.setPointerCapture(e.pointerId)
        scrubAt(e.clientX)
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) scrubAt(e.clientX)
      }}
      onPointerUp={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) {
          e.currentTarget.releasePointerCapture(e.pointerId)
          clock.endScrub()
        }
      }}
    >
      <div
        className="timeline-scrub"
        role="slider"
        tabIndex={0}
        aria-label="Timeline: drag to scrub"
        aria-valuemin={0}
        aria-valuemax={layout.phases.length - 1}
        aria-valuenow={phaseIndex}
        aria-valuetext={`${phase.name}, ${fmtDate(phase.date)}`}
      />
      <div className="timeline-rail" />
      {ticks.map((t) => (
        <div key={t.ms} className={`timeline-tick${t.major ? ' major' : ''}`} style={{ left: `${x(t.ms)}%` }}>
          <span>{t.label}</span>
        </div>
      ))}
      {layout.phases.map((p, i) => (
        <div
          key={`build-${p.id}`}
          className={`timeline-build${i <= phaseIndex ? ' done' : ''}`}
          style={{
            left: `${x(span.phaseStartMs[i]!)}%`,
            width: `${x(span.phaseEndMs[i]!) - x(span.phaseStartMs[i]!)}%`,
          }}
        />
      ))}
      {layout.phases.map((p, i) => (
        <button
          key={p.id}
          type="button"
          className={`timeline-marker${p.headline ? ' headline' : ''}${i === phaseIndex ? ' active' : ''}${i <= phaseIndex ? ' done' : ''}${p.status ? ` status-${p.status}` : ''}`}
          style={{ left: `${x(dateMs(p.date))}%` }}
          onClick={() => setPhase(i)}
          title={`${p.name} · ${fmtDate(p.date)} · ${fmtInt(p.gpus)} GPUs${p.status ? ` · ${STATUS_MEANING[p.status]}` : ''}`}
          data-phase={p.id}
          data-status={p.status ?? undefined}
          aria-pressed={i === phaseIndex}
        >
          {p.headline ? (
            <span className="timeline-marker-label">
              {compactCount(p.gpus)}
              {p.status === 'planned' ? ' planned' : p.status === 'claimed' ? ' claimed' : ''}
            </span>
          ) : null}
        </button>
      ))}
      <div className="timeline-cursor" ref={cursor} />
    </div>
  )
}

/** The timeline bar. */
export function Timeline() {
  const clock = useClock()
  const cursor = useRef<HTMLDivElement>(null)
  const progress = useRef<HTMLSpanElement>(null)
  useClockCursor(clock, cursor, progress)
  return (
    <section className="panel timeline" aria-label="Expansion timeline">
      <TimelineControls />
      <TimelineInfo progress={progress} />
      <TimelineTrack clock={clock} cursor={cursor} />
    </section>
  )
}
