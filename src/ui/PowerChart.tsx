/**
 * Power demand against supply over the timeline, in SVG: supply stacked
 * by source (grid, turbines, batteries) as steps, IT and facility demand (estimates) rising
 * with each build, published figures as diamonds, and the current date as a line.
 */
import { useEffect, useMemo, useRef } from 'react'
import { fmtDate, fmtMw } from '../domain/format'
import type { Layout } from '../domain/layout/buildLayout'
import { type SwingSummary, swingSample, swingSummary } from '../domain/power/swing'
import { dateAtReveal, dateMs, type TimelineSpan } from '../domain/timeline/timeline'
import { useApp, useClock } from '../state/context'

const W = 340
const H = 170
const PAD = { left: 42, right: 8, top: 10, bottom: 20 }

/** Colours of the supply sources and demand lines. */
const POWER_COLORS = {
  grid: '#5b8def',
  turbine: '#d9823b',
  battery: '#6cc08b',
  facility: '#ffffff',
  it: '#c8d3e0',
  published: '#ffd84d',
} as const

/** Chart geometry: paths and axes for a layout (pure; exported for tests). */
export function powerChartModel(layout: Layout, span: TimelineSpan) {
  const n = layout.phases.length
  let maxMw = 0
  for (const p of layout.phases) maxMw = Math.max(maxMw, p.facilityPowerMw, p.supply.totalMw)
  for (const c of layout.config.phases) {
    for (const f of c.published ?? []) if (f.unit === 'MW') maxMw = Math.max(maxMw, f.value)
    for (const k of c.contested ?? [])
      if (k.unit === 'MW') for (const f of k.figures) maxMw = Math.max(maxMw, f.value)
  }
  const step = maxMw > 2000 ? 1000 : maxMw > 800 ? 500 : maxMw > 300 ? 100 : 50
  const top = Math.max(step, Math.ceil((maxMw * 1.05) / step) * step)
  const x = (ms: number) =>
    PAD.left + ((ms - span.startMs) / (span.endMs - span.startMs)) * (W - PAD.left - PAD.right)
  const y = (mw: number) => H - PAD.bottom - (mw / top) * (H - PAD.top - PAD.bottom)
  // Supply: steps, each phase's supply holding from its build start to the next build start.
  const layers = (['gridMw', 'turbineMw', 'batteryMw'] as const).map((key, li) => {
    const upper: [number, number][] = []
    const lower: [number, number][] = []
    for (let p = 0; p < n; p++) {
      const s = layout.phases[p]!.supply
      const base = li === 0 ? 0 : li === 1 ? s.gridMw : s.gridMw + s.turbineMw
      const x0 = x(span.phaseStartMs[p]!)
      const x1 = p < n - 1 ? x(span.phaseStartMs[p + 1]!) : x(span.endMs)
      upper.push([x0, y(base + s[key])], [x1, y(base + s[key])])
      lower.push([x0, y(base)], [x1, y(base)])
    }
    const d = `M${upper.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join('L')}L${lower
      .reverse()
      .map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`)
      .join('L')}Z`
    return { key, d }
  })
  // Demand: 0 at the first build start, rising linearly through each build.
  const demand = (field: 'itPowerMw' | 'facilityPowerMw') => {
    const pts: string[] = [`${x(span.phaseStartMs[0]!).toFixed(1)},${y(0).toFixed(1)}`]
    for (let p = 0; p < n; p++)
      pts.push(`${x(span.phaseEndMs[p]!).toFixed(1)},${y(layout.phases[p]![field]).toFixed(1)}`)
    pts.push(`${x(span.endMs).toFixed(1)},${y(layout.phases[n - 1]![field]).toFixed(1)}`)
    return `M${pts.join('L')}`
  }
  const published = layout.config.phases.flatMap((c) =>
    (c.published ?? [])
      .filter((f) => f.unit === 'MW')
      .map((f) => ({
        cx: x(dateMs(c.date)),
        cy: y(f.value),
        label: `${f.label}: ${f.value.toLocaleString('en-US')} MW (published)`,
      })),
  )
  // Each phase's end on the demand line, marked as the timeline marks it: achieved solid,
  // claimed a ring, planned dashed.
  const statusMarks = layout.phases.flatMap((ph, p) =>
    ph.status
      ? [
          {
            cx: x(span.phaseEndMs[p]!),
            cy: y(ph.facilityPowerMw),
            status: ph.status,
            label: `${ph.name}: ${ph.status}`,
          },
        ]
      : [],
  )
  // Where sources disagree on a power figure: a whisker from the lowest to the highest.
  const contested = layout.phases.flatMap((ph) =>
    ph.contested
      .filter((c) => c.unit === 'MW')
      .map((c) => ({
        cx: x(dateMs(ph.date)),
        y0: y(c.min),
        y1: y(c.max),
        label: `${c.label} (contested): ${c.figures.map((f) => `${f.value.toLocaleString('en-US')} MW, ${f.label}`).join('; ')}`,
      })),
  )
  const yTicks: { y: number; label: string }[] = []
  for (let v = 0; v <= top; v += step) yTicks.push({ y: y(v), label: v >= 1000 ? `${v / 1000} GW` : `${v}` })
  const xTicks: { x: number; label: string }[] = []
  const firstYear = new Date(span.startMs).getUTCFullYear() + 1
  for (let yr = firstYear; Date.UTC(yr, 0, 1) < span.endMs; yr++)
    xTicks.push({ x: x(Date.UTC(yr, 0, 1)), label: String(yr) })
  return {
    layers,
    it: demand('itPowerMw'),
    facility: demand('facilityPowerMw'),
    published,
    statusMarks,
    contested,
    yTicks,
    xTicks,
    x,
    top,
  }
}

/** The power chart panel. */
export function PowerChart() {
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const clock = useClock()
  const span = clock.span
  const model = useMemo(() => powerChartModel(layout, span), [layout, span])
  const cursor = useRef<SVGLineElement>(null)
  useEffect(() => {
    const update = (reveal: number) => {
      const cx = model.x(dateAtReveal(clock.span, reveal)).toFixed(1)
      cursor.current?.setAttribute('x1', cx)
      cursor.current?.setAttribute('x2', cx)
    }
    update(clock.reveal)
    return clock.subscribe(update)
  }, [clock, model])
  const p = layout.phases[phaseIndex]!
  const gap = p.supply.totalMw - p.facilityPowerMw
  return (
    <section className="panel power-chart" aria-label="Power demand and supply">
      <h2>
        Power: demand <span className="est">est.</span> vs supply
      </h2>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label="Power demand and supply over time"
      >
        {model.yTicks.map((t) => (
          <g key={t.label}>
            <line x1={PAD.left} x2={W - PAD.right} y1={t.y} y2={t.y} className="grid-line" />
            <text x={PAD.left - 4} y={t.y + 3} textAnchor="end" className="axis-label">
              {t.label}
            </text>
          </g>
        ))}
        {model.xTicks.map((t) => (
          <text key={t.label} x={t.x} y={H - 6} textAnchor="middle" className="axis-label">
            {t.label}
          </text>
        ))}
        {model.layers.map((l) => (
          <path
            key={l.key}
            d={l.d}
            fill={
              l.key === 'gridMw'
                ? POWER_COLORS.grid
                : l.key === 'turbineMw'
                  ? POWER_COLORS.turbine
                  : POWER_COLORS.battery
            }
            opacity={0.55}
          />
        ))}
        <path d={model.it} fill="none" stroke={POWER_COLORS.it} strokeWidth={1.5} strokeDasharray="4 3" />
        <path d={model.facility} fill="none" stroke={POWER_COLORS.facility} strokeWidth={2} />
        {model.published.map((d) => (
          <path
            key={d.label}
            d={`M${d.cx},${d.cy - 4}L${d.cx + 4},${d.cy}L${d.cx},${d.cy + 4}L${d.cx - 4},${d.cy}Z`}
            fill={POWER_COLORS.published}
          >
            <title>{d.label}</title>
          </path>
        ))}
        {model.contested.map((c) => (
          <g key={c.label} className="chart-contested" data-testid="chart-contested">
            <title>{c.label}</title>
            <line x1={c.cx} x2={c.cx} y1={c.y0} y2={c.y1} />
            <line x1={c.cx - 3} x2={c.cx + 3} y1={c.y0} y2={c.y0} />
            <line x1={c.cx - 3} x2={c.cx + 3} y1={c.y1} y2={c.y1} />
          </g>
        ))}
        {model.statusMarks.map((m) => (
          <circle
            key={m.label}
            cx={m.cx}
            cy={m.cy}
            r={3}
            className={`chart-status-mark status-${m.status}`}
            data-status={m.status}
          >
            <title>{m.label}</title>
          </circle>
        ))}
        <line ref={cursor} y1={PAD.top} y2={H - PAD.bottom} className="chart-cursor" />
      </svg>
      <ul className="chart-legend">
        <li>
          <span className="swatch" style={{ background: POWER_COLORS.grid }} /> Grid
        </li>
        <li>
          <span className="swatch" style={{ background: POWER_COLORS.turbine }} /> Gas turbines
        </li>
        <li>
          <span className="swatch" style={{ background: POWER_COLORS.battery }} /> Batteries
        </li>
        <li>
          <span className="line-swatch" /> Facility <span className="est">est.</span>
        </li>
        <li>
          <span className="line-swatch dashed" /> IT <span className="est">est.</span>
        </li>
        <li>
          <span className="diamond" /> Published
        </li>
        {model.contested.length > 0 && (
          <li>
            <span className="whisker" /> Contested range
          </li>
        )}
      </ul>
      <p className="chart-status" data-testid="power-gap">
        {fmtDate(p.date)}
        {p.status ? ` (${p.status})` : ''}: supply {fmtMw(p.supply.totalMw)} vs facility demand{' '}
        {fmtMw(p.facilityPowerMw)} — {gap >= 0 ? `${fmtMw(gap)} spare` : `${fmtMw(-gap)} short`}
      </p>
      <SwingChart />
    </section>
  )
}

// ---- The training swing, live ----

const SW = 340
const SH = 26
/** Seconds of swing the strip shows. */
const SWING_WINDOW_CYCLES = 3
const SWING_SAMPLES = 120

/** Polyline of `n` samples of `value(t)` over the window ending at `nowS`, on [lo, hi] into a strip at `top`. */
function stripPath(
  s: SwingSummary,
  nowS: number,
  value: (sample: { drawMw: number; batteryMw: number }) => number,
  lo: number,
  hi: number,
  top: number,
): string {
  const sample = { drawMw: 0, batteryMw: 0 }
  const windowS = s.periodS * SWING_WINDOW_CYCLES
  let d = ''
  for (let k = 0; k < SWING_SAMPLES; k++) {
    const t = nowS - windowS + (k / (SWING_SAMPLES - 1)) * windowS
    const v = value(swingSample(s, t, sample))
    const x = PAD.left + (k / (SWING_SAMPLES - 1)) * (SW - PAD.left - PAD.right)
    const y = top + SH - ((v - lo) / (hi - lo)) * SH
    d += `${k === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`
  }
  return d
}

/**
 * While the training swing runs: the facility draw swinging over the last few cycles against
 * the flat grid + turbine supply, and the batteries making up the difference (discharging at
 * the compute peaks, charging in the communication troughs) on a scale of their capacity.
 * Redrawn every animation frame by setting path attributes: no React render per frame.
 */
function SwingChart() {
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const on = useApp((s) => s.swing)
  const summary = useMemo(() => swingSummary(layout, phaseIndex), [layout, phaseIndex])
  const draw = useRef<SVGPathElement>(null)
  const battery = useRef<SVGPathElement>(null)
  const now = useRef<HTMLSpanElement>(null)
  useEffect(() => {
    if (!on || !summary || summary.jobRacks === 0) return
    const s = summary
    const half = Math.max(s.swingMw / 2, 1)
    const cap = Math.max(s.batteryCapacityMw, half)
    const sample = { drawMw: 0, batteryMw: 0 }
    let frame = 0
    const tick = () => {
      // The page's clock, as the racks' swing uniform reads it: colours and chart pulse together.
      const tS = performance.now() / 1000
      draw.current?.setAttribute(
        'd',
        stripPath(s, tS, (v) => v.drawMw, s.flatMw - half * 1.3, s.flatMw + half * 1.3, 0),
      )
      battery.current?.setAttribute(
        'd',
        stripPath(s, tS, (v) => v.batteryMw, -cap, cap, SH + 8),
      )
      const b = swingSample(s, tS, sample).batteryMw
      if (now.current) {
        now.current.dataset.batteryMw = b.toFixed(2)
        now.current.textContent = `${b >= 0 ? 'discharging' : 'charging'} ${fmtMw(Math.abs(b))}`
      }
      frame = requestAnimationFrame(tick)
    }
    tick()
    return () => cancelAnimationFrame(frame)
  }, [on, summary])
  if (!on || !summary) return null
  if (summary.jobRacks === 0)
    return (
      <p className="chart-status power-swing">Training swing: no racks of the job stand at this phase.</p>
    )
  const over = summary.swingMw / 2 - summary.batteryCapacityMw
  const flatY = SH / 2
  const zeroY = SH + 8 + SH / 2
  return (
    <div className="power-swing" data-testid="power-swing">
      <svg
        viewBox={`0 0 ${SW} ${2 * SH + 8}`}
        width={SW}
        height={2 * SH + 8}
        role="img"
        aria-label="Training swing: draw and batteries"
      >
        <line
          x1={PAD.left}
          x2={SW - PAD.right}
          y1={flatY}
          y2={flatY}
          stroke={POWER_COLORS.turbine}
          strokeWidth={1.5}
        />
        <text x={PAD.left - 4} y={flatY + 3} textAnchor="end" className="axis-label">
          {fmtMw(summary.flatMw)}
        </text>
        <path ref={draw} className="swing-trace" stroke={POWER_COLORS.facility} />
        <line x1={PAD.left} x2={SW - PAD.right} y1={zeroY} y2={zeroY} className="grid-line" />
        <text x={PAD.left - 4} y={zeroY + 3} textAnchor="end" className="axis-label">
          0
        </text>
        <path ref={battery} className="swing-trace" stroke={POWER_COLORS.battery} />
      </svg>
      <p className="chart-status">
        Training swing (illustrative): {fmtMw(summary.swingMw)} on {summary.jobRacks.toLocaleString('en-US')}{' '}
        racks; grid + turbines flat at {fmtMw(summary.flatMw)}; batteries at {summary.jobSites.join(' and ')}{' '}
        <span ref={now} data-testid="battery-now" /> of {fmtMw(summary.batteryCapacityMw)}
        {over > 0 ? `, short by ${fmtMw(over)}` : ''}.
      </p>
    </div>
  )
}
