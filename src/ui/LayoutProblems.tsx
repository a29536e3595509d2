/** Every problem of a refused layout, as `<path>: <what is wrong>`. Text only: names in configs are never HTML. */
import { useApp } from '../state/context'

const SHOWN = 200

/** The problems panel; nothing when the last load was fine. */
export function LayoutProblems() {
  const refused = useApp((s) => s.layoutProblems)
  const current = useApp((s) => s.layout.config.name)
  const dismiss = useApp((s) => s.setLayoutProblems)
  if (!refused) return null
  const { source, problems } = refused
  return (
    <section
      className="panel layout-problems"
      role="alert"
      aria-label="Layout problems"
      data-testid="layout-problems"
    >
      <header>
        <h2>
          {source} was not loaded: {problems.length} {problems.length === 1 ? 'problem' : 'problems'}
        </h2>
        <button type="button" className="close" onClick={() => dismiss(source, null)} aria-label="Dismiss">
          ×
        </button>
      </header>
      <p className="muted">Still showing “{current}”. Fix these and load the file again:</p>
      <ul>
        {problems.slice(0, SHOWN).map((p, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their order
          <li key={k}>
            <code>{p.path}</code>: {p.message}
          </li>
        ))}
      </ul>
      {problems.length > SHOWN ? <p className="muted">…and {problems.length - SHOWN} more.</p> : null}
    </section>
  )
}
