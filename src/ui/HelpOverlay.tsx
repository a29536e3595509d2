/** The keyboard help overlay (`?`). */
import { useRef } from 'react'
import { useApp } from '../state/context'
import { useFocusTrap } from './useFocusTrap'
import { SHORTCUTS } from './useKeyboard'

/** Lists every shortcut. */
export function HelpOverlay() {
  const open = useApp((s) => s.helpOpen)
  const setOpen = useApp((s) => s.setHelpOpen)
  const dialog = useRef<HTMLDivElement>(null)
  useFocusTrap(dialog, open, () => setOpen(false))
  if (!open) return null
  return (
    <div className="help-backdrop">
      <div
        ref={dialog}
        className="panel help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
      >
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
