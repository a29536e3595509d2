/** Transient notices (bad URL values, refused layouts, lost GPU context). Text only. */
import { useEffect } from 'react'
import { useApp } from '../state/context'

/** The notice stack. */
export function Notices() {
  const notices = useApp((s) => s.notices)
  const dismiss = useApp((s) => s.dismissNotice)
  useEffect(() => {
    if (notices.length === 0) return
    const timers = notices.map((n) => setTimeout(() => dismiss(n.id), n.kind === 'error' ? 15000 : 8000))
    return () => timers.forEach(clearTimeout)
  }, [notices, dismiss])
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" onClick={() => dismiss(n.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
