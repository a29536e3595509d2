/** North arrow and scale bar, updated straight from the view channel (no React state per frame). */
import { useEffect, useRef } from 'react'
import { fmtLength } from '../domain/format'
import { scaleBarLength } from '../domain/view'
import { useViewChannel } from '../state/view'

/** Longest the scale bar may be, CSS pixels. */
const SCALE_BAR_MAX_PX = 140

/** The compass and scale bar. */
export function Compass() {
  const arrow = useRef<HTMLDivElement>(null)
  const bar = useRef<HTMLDivElement>(null)
  const label = useRef<HTMLSpanElement>(null)
  const view = useViewChannel()
  useEffect(
    () =>
      view.subscribe((v) => {
        if (arrow.current) arrow.current.style.transform = `rotate(${-v.headingDeg}deg)`
        const { metres, px } = scaleBarLength(v.metresPerPixel, SCALE_BAR_MAX_PX)
        if (bar.current) bar.current.style.width = `${px.toFixed(1)}px`
        if (label.current) label.current.textContent = fmtLength(metres)
      }),
    [view],
  )
  return (
    <section className="compass" aria-label="Compass and scale">
      <div className="north" ref={arrow} title="North" role="img" aria-label="North arrow">
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
    </section>
  )
}
