/** Hover tooltip (follows the pointer, positioned without React state) and the selected rack's panel. */
import { useEffect, useRef } from 'react'
import { fmtDate, fmtInt } from '../domain/format'
import { rackInfo } from '../domain/layout/rackInfo'
import { useApp } from '../state/context'
import { overflowCue } from './overflowCue'

/** Tooltip of the rack under the pointer. */
export function Tooltip() {
  const layout = useApp((s) => s.layout)
  const hovered = useApp((s) => s.hovered)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const move = (e: PointerEvent) => {
      const el = ref.current
      if (!el) return
      const flip = e.clientX > window.innerWidth - 260
      el.style.transform = `translate(${e.clientX + (flip ? -250 : 16)}px, ${e.clientY + 16}px)`
    }
    window.addEventListener('pointermove', move)
    return () => window.removeEventListener('pointermove', move)
  }, [])
  const info = rackInfo(layout, hovered)
  return (
    <div className="tooltip" ref={ref} role="tooltip" hidden={!info} data-testid="tooltip">
      {info && (
        <>
          <div className="tooltip-id">{info.id}</div>
          <div>
            {info.generation} · {fmtInt(info.gpus)} GPUs · {info.powerKw} kW
          </div>
          <div className="tooltip-sub">
            {info.phase}, {fmtDate(info.phaseDate)}
          </div>
        </>
      )}
    </div>
  )
}

/** Details of the selected rack. */
export function SelectionPanel() {
  const layout = useApp((s) => s.layout)
  const selected = useApp((s) => s.selected)
  const setSelected = useApp((s) => s.setSelected)
  const request = useApp((s) => s.requestCamera)
  const info = rackInfo(layout, selected)
  if (!info) return null
  const rows: [string, string][] = [
    ['Generation', info.generation],
    [
      'GPUs',
      `${info.gpus} (${info.servers} ${info.generationId.startsWith('GB') ? 'compute trays' : 'servers'})`,
    ],
    ['Power', `${info.powerKw} kW nameplate${info.estimate ? ' (est.)' : ''}`],
    ['HBM', `${fmtInt(info.hbmGb)} GB`],
    ['BF16 dense', `${info.bf16Pflops.toLocaleString('en-US', { maximumFractionDigits: 1 })} PFLOPS`],
    ['Phase', `${info.phase}, ${fmtDate(info.phaseDate)}`],
    ['Where', `${info.site} · ${info.hall}`],
    ['Row / array / rack', `${info.row} / ${info.array} / ${info.slot}`],
  ]
  return (
    <aside className="panel selection" aria-label="Selected rack" data-testid="selection" ref={overflowCue}>
      <header>
        <h2>{info.id}</h2>
        <button
          type="button"
          className="close"
          onClick={() => setSelected(-1)}
          aria-label="Clear selection (Esc)"
        >
          ×
        </button>
      </header>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt className="selection-key">{k}</dt>
            <dd className="selection-value">{v}</dd>
          </div>
        ))}
      </dl>
      <div className="selection-actions">
        <button type="button" onClick={() => request('rack')}>
          Fly to rack
        </button>
        <button type="button" onClick={() => request('hall')}>
          Show hall
        </button>
      </div>
    </aside>
  )
}
