/** Site labels as DOM text, placed each rendered frame from the view channel (never HTML from config). */
import { useEffect, useMemo, useRef } from 'react'
import { fmtInt } from '../domain/format'
import { siteLabelAnchors } from '../domain/labels'
import { projectToScreen } from '../domain/view'
import { useApp } from '../state/context'
import { useShownMoment } from '../state/shownMoment'
import { useViewChannel } from '../state/view'

/** The site labels layer. */
export function SiteLabels() {
  const layout = useApp((s) => s.layout)
  const shown = useShownMoment()
  const anchors = useMemo(
    () => siteLabelAnchors(layout, shown.phase, shown.racks),
    [layout, shown.phase, shown.racks],
  )
  const refs = useRef<(HTMLDivElement | null)[]>([])
  const channel = useViewChannel()
  useEffect(() => {
    const out = { x: 0, y: 0 }
    return channel.subscribe((view) => {
      anchors.forEach((a, k) => {
        const el = refs.current[k]
        if (!el) return
        const p = projectToScreen(view, a.position[0], a.position[1], a.position[2], out)
        el.style.display = p ? 'block' : 'none'
        if (p)
          el.style.transform = `translate(-50%, -100%) translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px)`
      })
    })
  }, [anchors, channel])
  return (
    <div className="site-labels" aria-hidden="false">
      {anchors.map((a, k) => (
        <div
          key={a.id}
          className="site-label"
          data-site={a.id}
          ref={(el) => {
            refs.current[k] = el
          }}
        >
          <div className="site-label-name" title={a.name}>
            {a.name}
          </div>
          <div className="site-label-detail">{a.gpus > 0 ? `${fmtInt(a.gpus)} GPUs` : 'not yet built'}</div>
        </div>
      ))}
    </div>
  )
}
