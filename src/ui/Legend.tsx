/** Colour mode switch and the legend of what is on screen, from the same functions that colour racks. */
import {
  COLOR_MODE_LABELS,
  COLOR_MODES,
  type Legend as LegendData,
  legendFor,
  powerScenarioLabel,
} from '../domain/color/colorModes'
import { fmtDate, fmtInt } from '../domain/format'
import { useApp } from '../state/context'
import { useShownMoment } from '../state/shownMoment'
import { overflowCue } from './overflowCue'

/** The legend panel. */
export function Legend() {
  const layout = useApp((s) => s.layout)
  const shown = useShownMoment()
  const mode = useApp((s) => s.colorMode)
  const setMode = useApp((s) => s.setColorMode)
  const legend = legendFor(layout, mode, shown.phase, shown.racks)
  return (
    <section className="panel legend" aria-label="Legend" data-mode={mode} ref={overflowCue}>
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
      <SwingToggle />
      {legend.mode === 'power' ? (
        <PowerLegend legend={legend} />
      ) : (
        <ul className="swatches">
          {legend.swatches.map((s) => (
            <li key={s.label} data-legend-item={s.label}>
              <span className="swatch" style={{ background: s.color }} />
              <span className="swatch-label" title={s.detail ? `${s.label}, ${fmtDate(s.detail)}` : s.label}>
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

type PowerLegendData = Extract<LegendData, { mode: 'power' }>

/** Left offset (%) of `v` on a scale from `lo` to `hi`. */
const at = (v: number, lo: number, hi: number): string => `${((v - lo) / (hi - lo)) * 100}%`

/** A ramp with tick labels under it, and markers at `marks`. */
function Ramp(props: { stops: string[]; lo: number; hi: number; ticks: number[]; marks: number[] }) {
  const { stops, lo, hi, ticks, marks } = props
  return (
    <>
      <div className="ramp" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }}>
        {marks.map((v) => (
          <span key={v} className="ramp-marker" style={{ left: at(v, lo, hi) }} />
        ))}
      </div>
      <div className="ramp-ticks">
        {ticks.map((t) => (
          <span key={t} style={{ left: at(t, lo, hi) }}>
            {t}
          </span>
        ))}
      </div>
    </>
  )
}

/** The power legend: rack draw on its ramp (kW), the racks per draw, the scenario, the hall heat map. */
function PowerLegend({ legend }: { legend: PowerLegendData }) {
  const fmtKw = (kw: number) => `${Math.round(kw * 10) / 10} kW`
  return (
    <div className="ramp-legend">
      <Ramp
        stops={legend.stops}
        lo={legend.minKw}
        hi={legend.maxKw}
        ticks={legend.ticksKw}
        marks={legend.present.map((p) => p.kw)}
      />
      <p className="footnote" data-testid="power-range">
        Draw per rack: <span data-kw={legend.drawMinKw}>{fmtKw(legend.drawMinKw)}</span> to{' '}
        <span data-kw={legend.drawMaxKw}>{fmtKw(legend.drawMaxKw)}</span>
      </p>
      <ul className="swatches">
        {legend.present.map((p) => (
          <li key={p.kw} data-legend-item={`${p.kw} kW`}>
            <span className="swatch" style={{ background: p.color }} />
            <span className="swatch-label">{p.kw} kW per rack</span>
            <span className="swatch-count">{fmtInt(p.racks)} racks</span>
          </li>
        ))}
      </ul>
      <p className="footnote" data-testid="power-scenario" data-illustrative={legend.illustrative}>
        {powerScenarioLabel(legend)}. Nameplate kW × load (est.), viridis scale.
      </p>
      <h3 className="legend-subtitle">Hall floor power density (kW/m²)</h3>
      <Ramp
        stops={legend.density.stops}
        lo={0}
        hi={legend.density.maxKwM2}
        ticks={legend.density.ticksKwM2}
        marks={[legend.density.densestKwM2]}
      />
      <p className="footnote" data-testid="density-max">
        Densest hall on screen: {legend.density.densestKwM2.toFixed(1)} kW/m² of floor (racks only). Plain
        floor: no racks there yet.
      </p>
    </div>
  )
}

/** Starts and stops the training swing animation, when the layout's scenario has one. */
function SwingToggle() {
  const swingSpec = useApp((s) => s.layout.power.swing)
  const swing = useApp((s) => s.swing)
  const setSwing = useApp((s) => s.setSwing)
  const mode = useApp((s) => s.colorMode)
  // Offered where it shows best (power colours), and wherever it is running so it can be stopped.
  if (!swingSpec || (mode !== 'power' && !swing)) return null
  return (
    <button
      type="button"
      className={`swing-toggle${swing ? ' active' : ''}`}
      aria-pressed={swing}
      data-testid="swing-toggle"
      onClick={() => setSwing(!swing)}
      title={`A synchronised training job swings between compute and communication every ${swingSpec.periodS} s (illustrative)`}
    >
      Training swing {swing ? 'on' : 'off'}
    </button>
  )
}
