/**
 * The cue on a panel that scrolls. A card cut at its edge reads as text that ends mid-line (the
 * power legend at 1280×720 did): a panel whose content goes past an edge says so.
 *
 * Decision: the panels keep scrolling (at 720p the legend, the camera bar and the tools cannot all
 * fit above the timeline, and the heat-map scale belongs with the legend), and say so:
 * - `data-overflow` names the edges with more beyond them ("above", "below", both, or empty);
 *   the stylesheet paints a fade with a chevron at each such edge, gone once scrolled to it;
 * - while it overflows, the panel takes `tabindex="0"`, so the keyboard reaches the text no
 *   control in it leads to (the footnotes): Tab to the panel, then arrows, PageDown or End
 *   scroll it. Screen readers read the text in any case (it is in the DOM, only clipped).
 * Cheap: nothing runs per frame. A ResizeObserver (the panel and its children) and a passive
 * scroll listener set the attribute, and only when it changes.
 */

/**
 * What lies beyond `el`'s edges: "above", "below", "above below" or "". Nothing when `el` does
 * not scroll (the right column scrolls only as the phones' sheet; on wide screens the Layout menu
 * hangs out of it, which is overflow but nothing to scroll to).
 */
function edgesOf(el: HTMLElement): string {
  const oy = getComputedStyle(el).overflowY
  if (oy !== 'auto' && oy !== 'scroll') return ''
  const above = el.scrollTop > 1
  const below = el.scrollTop + el.clientHeight < el.scrollHeight - 1
  return [above ? 'above' : '', below ? 'below' : ''].filter(Boolean).join(' ')
}

/**
 * A callback ref (React 19 runs the returned cleanup on detach): keeps `data-overflow` and the
 * tab stop of the scrolling panel it is attached to up to date. Module-level, so React attaches
 * it once per element, not on every render.
 */
export function overflowCue(el: HTMLElement | null): (() => void) | undefined {
  if (!el) return undefined
  // Only a tab stop this code added is taken away again (never one the markup set).
  const ownTabStop = !el.hasAttribute('tabindex')
  const update = () => {
    const edges = edgesOf(el)
    if (el.dataset.overflow !== edges) el.dataset.overflow = edges
    if (!ownTabStop) return
    const focusable = edges !== ''
    if (focusable && !el.hasAttribute('tabindex')) el.tabIndex = 0
    else if (!focusable && el.hasAttribute('tabindex')) el.removeAttribute('tabindex')
  }
  const resize = new ResizeObserver(update)
  // The panel keeps its size at its max-height while its content grows: watch the children too,
  // and the children that come and go (a colour mode swaps the legend's list for a ramp).
  const observe = () => {
    resize.disconnect()
    resize.observe(el)
    for (const child of el.children) resize.observe(child)
  }
  const children = new MutationObserver(() => {
    observe()
    update()
  })
  observe()
  children.observe(el, { childList: true })
  el.addEventListener('scroll', update, { passive: true })
  update()
  return () => {
    resize.disconnect()
    children.disconnect()
    el.removeEventListener('scroll', update)
  }
}
