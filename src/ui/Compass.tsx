/** North arrow and scale bar, updated straight from the view probe (no React state per frame). */
import { useEffect, useRef } from 'react'
import { onViewChange } from '../scene/ViewProbe'

const NICE = [1, 2, 5]

/** The largest round length (1, 2, 5 × 10^k metres) that fits in `maxPx` at `mpp` metres per pixel. */
export function scaleBarLength(mpp: number, maxPx: number): { metres: number; px: number } {
  const maxM = mpp * maxPx
  let best = 1
  for (let e = -1; e <= 5; e++) for (const n of NICE) if (n * 10 ** e <= maxM) best = n * 10 ** e
  return { metres: best, px: best / mpp }
}

/** The compass and scale bar. */
export function Compass() {
  const arrow = useRef<HTMLDivElement>(null)
  const bar = useRef<HTMLDivElement>(null)
  const label = useRef<HTMLSpanElement>(null)
  useEffect(
    () =>
      onViewChange((v) => {
        if (arrow.current) arrow.current.style.transform = `rotate(${-v.headingDeg}deg)`
        const { metres, px } = scaleBarLength(v.metresPerPixel, 140)
        if (bar.current) bar.current.style.width = `${px.toFixed(1)}px`
        if (label.current) label.current.textContent = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`
      }),
    [],
  )
  return (
    <div className="compass" role="img" aria-label="North arrow and scale bar">
      <div className="north" ref={arrow} title="North">
        <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">
          <circle cx="20" cy="20" r="18" fill="rgba(10,16,24,0.55)" stroke="rgba(255,255,255,0.35)" />
          <path d="M20 5 L26 22 L20 19 L14 22 Z" fill="#ff6b5a" />
          <path d="M20 35 L26 22 L20 25 L14 22 Z" fill="#cfd8e3" />
          <text x="20" y="15.5" textAnchor="middle" fontSize="7" fontWeight="700" fill="#fff">
            N
          </text>
        </svg>
      </div>
      <div className="scale">
        <div className="scale-bar" ref={bar} data-testid="scale-bar" />
        <span ref={label} className="scale-label" />
      </div>
    </div>
  )
}
