/** Site labels as DOM text, placed each rendered frame from the view channel (never HTML from config). */
import { useEffect, useMemo, useRef } from 'react'
import { fmtInt } from '../domain/format'
import { declutterLabels, type LabelBox, labelCorner, siteLabelAnchors } from '../domain/labels'
import { projectToScreen } from '../domain/view'
import { useApp } from '../state/context'
import { useShownMoment } from '../state/shownMoment'
import { useViewChannel } from '../state/view'

/** How far inside the view's edges a site label stays, CSS px. */
const LABEL_MARGIN_PX = 4

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
    const corner = { x: 0, y: 0 }
    // Label sizes change only with their text: measured once per set of anchors, not per frame.
    // A hidden label measures 0: show each one to measure it (the next view hides it again).
    const sizes = anchors.map((_, k) => {
      const el = refs.current[k]
      if (el) el.style.display = 'block'
      return { width: el?.offsetWidth ?? 0, height: el?.offsetHeight ?? 0 }
    })
    return channel.subscribe((view) => {
      const boxes: (LabelBox | null)[] = anchors.map((a, k) => {
        const p = projectToScreen(view, a.position[0], a.position[1], a.position[2], out)
        if (!p) return null
        const { width, height } = sizes[k]!
        // Anchored at its bottom centre, kept inside the view; more GPUs, higher priority.
        labelCorner(p.x, p.y, width, height, view.width, LABEL_MARGIN_PX, corner)
        return { x: corner.x, y: corner.y, width, height, priority: a.gpus }
      })
      const shown = declutterLabels(boxes.map((b) => b ?? { x: 0, y: 0, width: 0, height: 0, priority: -1 }))
      anchors.forEach((_, k) => {
        const el = refs.current[k]
        const b = boxes[k]
        if (!el) return
        const visible = b !== null && shown[k]!
        el.style.display = visible ? 'block' : 'none'
        if (b && visible) el.style.transform = `translate(${b.x.toFixed(1)}px, ${b.y.toFixed(1)}px)`
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
          {a.planned.length > 0 && (
            <div
              className="site-label-planned"
              data-testid="planned-buildings"
              title={a.planned.map((b) => `${b.name}: ${b.note ?? 'planned'}`).join('\n')}
            >
              + {a.planned.length === 1 ? '1 planned building' : `${a.planned.length} planned buildings`}
            </div>
          )}
        </div>
      ))}
    </div>
  )
}
