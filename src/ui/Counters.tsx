/** Headline figures of the current phase. Derived power figures are labelled as estimates. */
import { useApp } from '../state/context'
import { fmtDate, fmtEf, fmtInt, fmtMw } from './format'

/** The counters panel. */
export function Counters() {
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const p = layout.phases[phaseIndex]!
  const cfg = layout.config.phases[phaseIndex]!
  const published = cfg.published ?? []
  return (
    <section className="panel counters" aria-label="Totals">
      <div className="brand">
        <span className="brand-name">Colossus Explorer</span>
        <span className="layout-name">{layout.config.name}</span>
      </div>
      <div className="phase-title">
        <span data-testid="phase-name">{p.name}</span>
        <span className="phase-date">
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
          <dd data-testid="gpus">{fmtInt(p.gpus)}</dd>
        </div>
        <div className="figure">
          <dt>Racks</dt>
          <dd data-testid="racks">{fmtInt(p.racks)}</dd>
        </div>
        <div className="figure">
          <dt>
            IT power <span className="est">est.</span>
          </dt>
          <dd data-testid="it-mw">{fmtMw(p.itPowerMw)}</dd>
        </div>
        <div className="figure">
          <dt>
            Facility <span className="est">est.</span>
          </dt>
          <dd data-testid="facility-mw">{fmtMw(p.facilityPowerMw)}</dd>
        </div>
        <div className="figure">
          <dt>BF16 dense</dt>
          <dd data-testid="bf16">{fmtEf(p.bf16Exaflops)}</dd>
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
      <p className="footnote">
        Power: nameplate rack kW × {layout.config.itOverheadFactor} IT overhead × PUE {p.pue}. Real racks run
        below nameplate.
      </p>
    </section>
  )
}
