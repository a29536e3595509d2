/**
 * Rack search: type a rack's id (or the start of it, e.g. `C1-H2-R03`) and press Enter to
 * select it and fly to it. `/` focuses the field from anywhere.
 */
import { type FormEvent, useState } from 'react'
import { findRack } from '../domain/layout/rackSearch'
import { useStoreApi } from '../state/context'

/** The search field and what it found. */
export function RackSearch() {
  const store = useStoreApi()
  const [text, setText] = useState('')
  const [message, setMessage] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const s = store.getState()
    const visible = s.layout.racks.phaseEnd[s.phaseIndex] ?? 0
    const index = findRack(s.layout, text, visible)
    if (index < 0) {
      setMessage(text.trim() === '' ? '' : `No rack "${text.trim()}" stands at this phase`)
      return
    }
    setMessage('')
    s.setSelected(index)
    s.requestCamera('rack')
  }
  return (
    <form className="panel rack-search" role="search" onSubmit={submit}>
      <label>
        <span className="muted">Find rack</span>
        <input
          type="search"
          id="rack-search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. C1-H1-R01-A01-R1"
          aria-describedby="rack-search-message"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <p id="rack-search-message" className="muted" aria-live="polite" hidden={message === ''}>
        {message}
      </p>
    </form>
  )
}
