/** The keyboard help overlay (`?`). */
import { useApp } from '../state/context'
import { SHORTCUTS } from './useKeyboard'

/** Lists every shortcut. */
export function HelpOverlay() {
  const open = useApp((s) => s.helpOpen)
  const setOpen = useApp((s) => s.setHelpOpen)
  if (!open) return null
  return (
    <div className="help-backdrop">
      <div className="panel help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
        <header>
          <h2>Keyboard and mouse</h2>
          <button type="button" className="close" onClick={() => setOpen(false)} aria-label="Close (Esc)">
            ×
          </button>
        </header>
        <table>
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
