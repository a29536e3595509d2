/**
 * What a careful reader must know about a phase's figures: where sources disagree (the range
 * and each source's value) and what the layout assumes without a source.
 */
import type { SourceConfig } from '../config/schema'
import { fmtInt } from '../domain/format'
import type { PhaseStats } from '../domain/stats/phaseStats'

/** Contested ranges and assumptions of one phase; nothing when it has neither. */
export function PhaseCaveats({
  phase,
  assumptions,
  sources,
}: {
  phase: Pick<PhaseStats, 'contested'>
  assumptions: readonly string[]
  sources: readonly SourceConfig[]
}) {
  const title = (id: string) => sources.find((s) => s.id === id)?.title ?? id
  return (
    <>
      {phase.contested.length > 0 && (
        <ul className="contested" aria-label="Contested figures" data-testid="contested">
          {phase.contested.map((c) => (
            <li key={c.label}>
              <span className="tag-contested">contested</span>
              {c.label}:{' '}
              <span className="range">
                {fmtInt(c.min)}–{fmtInt(c.max)} {c.unit}
              </span>
              {c.figures.map((f) => (
                <span className="who" key={`${f.label}-${f.value}`} title={title(f.source)}>
                  {fmtInt(f.value)} {c.unit}: {f.label}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {assumptions.length > 0 && (
        <ul className="assumptions" aria-label="Assumptions" data-testid="assumptions">
          {assumptions.map((a) => (
            <li key={a}>
              <span className="tag-assumption">assumption</span>
              {a}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
