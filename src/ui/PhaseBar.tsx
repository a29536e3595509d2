/** Phase selector: one button per phase; headline steps stand out. */
import { useApp } from '../state/context'
import { fmtDate, fmtInt } from './format'

/** The phase selector. */
export function PhaseBar() {
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const setPhase = useApp((s) => s.setPhase)
  return (
    <nav className="panel phase-bar" aria-label="Expansion phases">
      {layout.phases.map((p, i) => (
        <button
          key={p.id}
          type="button"
          className={`phase-step${i === phaseIndex ? ' active' : ''}${p.headline ? ' headline' : ''}${i < phaseIndex ? ' past' : ''}`}
          aria-pressed={i === phaseIndex}
          onClick={() => setPhase(i)}
          data-phase={p.id}
        >
          <span className="phase-step-name">{p.name}</span>
          <span className="phase-step-meta">
            {fmtDate(p.date)} · {fmtInt(p.gpus)} GPUs
          </span>
        </button>
      ))}
    </nav>
  )
}
