/** Colour mode switch and the legend of what is on screen, from the same functions that colour racks. */
import { COLOR_MODE_LABELS, COLOR_MODES, legendFor } from '../domain/color/colorModes'
import { fmtDate, fmtInt } from '../domain/format'
import { useApp } from '../state/context'
import { useShownMoment } from '../state/shownMoment'

/** The legend panel. */
export function Legend() {
  const layout = useApp((s) => s.layout)
  const shown = useShownMoment()
  const mode = useApp((s) => s.colorMode)
  const setMode = useApp((s) => s.setColorMode)
  const legend = legendFor(layout, mode, shown.phase, shown.racks)
  return (
    <section className="panel legend" aria-label="Legend" data-mode={mode}>
      <div className="mode-switch" role="group" aria-label="Colour racks by">
        {COLOR_MODES.map((m, k) => (
          <button
            key={m}
            type="button"
            aria-pressed={m === mode}
            className={m === mode ? 'active' : ''}
            onClick={() => setMode(m)}
            title={`${COLOR_MODE_LABELS[m]} (C cycles)`}
            data-mode={m}
          >
            {['Generation', 'Power', 'Phase'][k]}
          </button>
        ))}
      </div>
      <h2 className="legend-title">{legend.title}</h2>
      {legend.mode === 'power' ? (
        <div className="ramp-legend">
          <div
            className="ramp"
            style={{ background: `linear-gradient(to right, ${legend.stops.join(', ')})` }}
          >
            {legend.present.map((p) => (
              <span
                key={p.kw}
                className="ramp-marker"
                style={{ left: `${((p.kw - legend.minKw) / (legend.maxKw - legend.minKw)) * 100}%` }}
                title={`${p.kw} kW`}
              />
            ))}
          </div>
          <div className="ramp-ticks">
            {legend.ticksKw.map((t) => (
              <span
                key={t}
                style={{ left: `${((t - legend.minKw) / (legend.maxKw - legend.minKw)) * 100}%` }}
              >
                {t}
              </span>
            ))}
          </div>
          <ul className="swatches">
            {legend.present.map((p) => (
              <li key={p.kw} data-legend-item={`${p.kw} kW`}>
                <span className="swatch" style={{ background: p.color }} />
                <span className="swatch-label">{p.kw} kW per rack</span>
                <span className="swatch-count">{fmtInt(p.racks)} racks</span>
              </li>
            ))}
          </ul>
          <p className="footnote">Nameplate kW per rack (est.), viridis scale.</p>
        </div>
      ) : (
        <ul className="swatches">
          {legend.swatches.map((s) => (
            <li key={s.label} data-legend-item={s.label}>
              <span className="swatch" style={{ background: s.color }} />
              <span className="swatch-label" title={s.label}>
                {s.label}
                {s.detail ? <span className="swatch-detail">{fmtDate(s.detail)}</span> : null}
              </span>
              <span className="swatch-count">{fmtInt(s.gpus)} GPUs</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
