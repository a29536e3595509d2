/**
 * Headline figures of the current phase. While the timeline animates they count up or down
 * with the racks on screen (written straight to the DOM from the timeline clock). Derived
 * power figures are labelled as estimates.
 */

import { useEffect, useMemo, useRef } from 'react'
import { fmtDate, fmtEf, fmtInt, fmtMw } from '../domain/format'
import { H100_EQUIVALENTS_FORMULA } from '../domain/generations'
import { sourceTitles } from '../domain/sources'
import { buildPrefix, statsAtReveal } from '../domain/timeline/timeline'
import { useApp, useClock } from '../state/context'
import { useShownMoment } from '../state/shownMoment'
import { PhaseCaveats } from './PhaseCaveats'
import { StatusBadge } from './StatusBadge'

/** The counters panel. */
export function Counters() {
  const layout = useApp((s) => s.layout)
  // The phase on screen (being built or taken down), like the figures below.
  const phaseIndex = useShownMoment().phase
  const p = layout.phases[phaseIndex]!
  const cfg = layout.config.phases[phaseIndex]!
  const published = cfg.published ?? []
  const clock = useClock()
  const prefix = useMemo(() => buildPrefix(layout), [layout])
  const refs = {
    gpus: useRef<HTMLElement>(null),
    racks: useRef<HTMLElement>(null),
    it: useRef<HTMLElement>(null),
    facility: useRef<HTMLElement>(null),
    bf16: useRef<HTMLElement>(null),
    h100e: useRef<HTMLElement>(null),
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: refs are stable
  useEffect(() => {
    const update = (reveal: number) => {
      const s = statsAtReveal(layout, prefix, reveal)
      const put = (r: { current: HTMLElement | null }, text: string) => {
        if (r.current && r.current.textContent !== text) r.current.textContent = text
      }
      put(refs.gpus, fmtInt(s.gpus))
      put(refs.racks, fmtInt(s.racks))
      put(refs.it, fmtMw(s.itPowerMw))
      put(refs.facility, fmtMw(s.facilityPowerMw))
      put(refs.bf16, fmtEf(s.bf16Exaflops))
      put(refs.h100e, fmtInt(s.h100Equivalents))
    }
    update(clock.reveal)
    return clock.subscribe(update)
  }, [clock, layout, prefix])
  return (
    <section className="panel counters" aria-label="Totals">
      <div className="brand">
        <span className="brand-name">Colossus Explorer</span>
        <span className="layout-name" title={layout.config.name}>
          {layout.config.name}
        </span>
      </div>
      <div className="phase-title">
        <span data-testid="phase-name" title={p.name}>
          {p.name}
        </span>
        <span className="phase-date">
          <StatusBadge status={p.status} sources={sourceTitles(layout.config.sources, cfg.statusSources)} />{' '}
          {fmtDate(p.date)}
          {p.estimate ? (
            <span className="est" title="What this phase adds is an estimate">
              {' '}
              est.
            </span>
          ) : null}
        </span>
      </div>
      <dl className="figures">
        <div className="figure big">
          <dt>GPUs</dt>
          <dd data-testid="gpus" ref={refs.gpus} />
        </div>
        <div className="figure">
          <dt>Racks</dt>
          <dd data-testid="racks" ref={refs.racks} />
        </div>
        <div className="figure">
          <dt>
            IT power <span className="est">est.</span>
          </dt>
          <dd data-testid="it-mw" ref={refs.it} />
        </div>
        <div className="figure">
          <dt>
            Facility <span className="est">est.</span>
          </dt>
          <dd data-testid="facility-mw" ref={refs.facility} />
        </div>
        <div className="figure">
          <dt>BF16 dense</dt>
          <dd data-testid="bf16" ref={refs.bf16} />
        </div>
        <div
          className="figure"
          title={`H100 equivalents: ${H100_EQUIVALENTS_FORMULA}. A compute measure, not a count of GPUs.`}
        >
          <dt>
            <span className="figure-help">H100 equiv.</span>
          </dt>
          <dd data-testid="h100e" ref={refs.h100e} aria-description={H100_EQUIVALENTS_FORMULA} />
        </div>
      </dl>
      {published.length > 0 && (
        <ul className="published" aria-label="Published figures">
          {published.map((f) => (
            <li key={f.label}>
              <span className="pub-tag">published</span> {f.label}: {fmtInt(f.value)} {f.unit}
            </li>
          ))}
        </ul>
      )}
      <PhaseCaveats phase={p} assumptions={cfg.assumptions ?? []} sources={layout.config.sources} />
      <p className="footnote">
        Power: nameplate rack kW × {layout.config.itOverheadFactor} IT overhead × PUE {p.pue}. Real racks run
        below nameplate.
      </p>
    </section>
  )
}
