/** Site labels as DOM text, placed each rendered frame from the view channel (never HTML from config). */
import { useEffect, useMemo, useRef } from 'react'
import { fmtInt } from '../domain/format'
import {
  declutterLabels,
  type LabelBox,
  labelClearOf,
  labelCorner,
  type Rect,
  siteLabelAnchors,
} from '../domain/labels'
import { projectToScreen } from '../domain/view'
import { useApp } from '../state/context'
import { useShownMoment } from '../state/shownMoment'
import { useViewChannel } from '../state/view'

/** How far inside the view's edges a site label stays, CSS px. */
const LABEL_MARGIN_PX = 4

/** Gap kept between a label moved out from under a panel and that panel, CSS px. */
const PANEL_GAP_PX = 6

/** What covers the view: panels, floating controls, the caption band. */
const COVERING = '.panel, .sheet-toggle, .compass, .caption-band, .embed-credit'

/** Panels move only when the page lays out again: their boxes are measured at most this often, ms. */
const PANEL_MEASURE_MS = 250

/** Boxes of what covers the view, relative to the stage (CSS px), from the DOM. */
function coveringBoxes(stage: Element | null): Rect[] {
  const origin = stage?.getBoundingClientRect() ?? { left: 0, top: 0 }
  const out: Rect[] = []
  for (const el of document.querySelectorAll<HTMLElement>(COVERING)) {
    const r = el.getBoundingClientRect()
    if (r.width > 0 && r.height > 0)
      out.push({ x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height })
  }
  return out
}

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
    const stage = refs.current[0]?.closest('.stage') ?? null
    let panels: Rect[] = []
    let measuredAt = Number.NEGATIVE_INFINITY
    return channel.subscribe((view) => {
      const now = performance.now()
      if (now - measuredAt > PANEL_MEASURE_MS) {
        panels = coveringBoxes(stage)
        measuredAt = now
      }
      const boxes: (LabelBox | null)[] = anchors.map((a, k) => {
        const p = projectToScreen(view, a.position[0], a.position[1], a.position[2], out)
        if (!p) return null
        const { width, height } = sizes[k]!
        // Anchored at its bottom centre, kept inside the view, then moved out from under the
        // panels (or dropped when there is no room); more GPUs, higher priority.
        labelCorner(p.x, p.y, width, height, view.width, LABEL_MARGIN_PX, corner)
        const box = { x: corner.x, y: corner.y, width, height }
        const placed = labelClearOf(
          box,
          panels,
          view.width,
          view.height,
          LABEL_MARGIN_PX,
          PANEL_GAP_PX,
          corner,
        )
        return placed && { x: placed.x, y: placed.y, width, height, priority: a.gpus }
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
