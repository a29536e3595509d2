/**
 * What a careful reader must know about a phase's figures: where sources disagree (the range,
 * and each source's value one click away) and what the layout assumes without a source. Both
 * fold into one line each, so the counters panel stays short on a phone.
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
    <div className="caveats">
      {phase.contested.map((c) => (
        <details className="contested" key={c.label} data-testid="contested">
          <summary>
            <span className="tag-contested">contested</span>
            {c.label}:{' '}
            <span className="range">
              {fmtInt(c.min)}–{fmtInt(c.max)} {c.unit}
            </span>
          </summary>
          <ul>
            {c.figures.map((f) => (
              <li key={`${f.label}-${f.value}`} title={title(f.source)}>
                <span className="range">
                  {fmtInt(f.value)} {c.unit}
                </span>
                : {f.label}
              </li>
            ))}
          </ul>
        </details>
      ))}
      {assumptions.length > 0 && (
        <details className="assumptions" data-testid="assumptions">
          <summary>
            <span className="tag-assumption">assumed</span>
            {assumptions.length === 1
              ? 'One assumption without a source'
              : `${assumptions.length} assumptions without a source`}
          </summary>
          <ul>
            {assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
