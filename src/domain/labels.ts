/** Where site labels stand: above the north edge of each site's buildings. Pure. */
import { gpusPerRack } from './generations'
import type { Layout } from './layout/buildLayout'

/** A label anchored at a world point. */
export interface LabelAnchor {
  id: string
  name: string
  /** World position, metres (y up). */
  position: [number, number, number]
  /** GPUs standing at the site at the given phase. */
  gpus: number
  /** Planned buildings of the site (not standing): names and notes, for a line of the label. */
  planned: { name: string; note: string | null }[]
}

/** One anchor per site, with its GPUs at phase `phaseIndex`. */
export function siteLabelAnchors(layout: Layout, phaseIndex: number, standing?: number): LabelAnchor[] {
  const r = layout.racks
  const end = standing ?? r.phaseEnd[phaseIndex] ?? 0
  const gpusBySite = new Float64Array(layout.sites.length)
  const perRack = layout.config.generations.map(gpusPerRack)
  for (let i = 0; i < end; i++) gpusBySite[r.site[i]!]! += perRack[r.generation[i]!]!
  return layout.sites.map((s, k) => {
    let minZ = Number.POSITIVE_INFINITY
    let height = 10
    let cx = 0
    let n = 0
    const own = layout.buildings.filter((b) => b.site === k)
    // The label stands over what stands: planned footprints don't pull it aside.
    const standing = own.some((b) => b.status !== 'planned') ? own.filter((b) => b.status !== 'planned') : own
    for (const b of standing) {
      minZ = Math.min(minZ, b.transform.z - b.sizeM[1] / 2)
      height = Math.max(height, b.sizeM[2])
      cx += b.transform.x
      n++
    }
    return {
      id: s.id,
      name: s.name,
      position: [n ? cx / n : 0, height + 6, Number.isFinite(minZ) ? minZ : 0],
      gpus: gpusBySite[k]!,
      planned: own.filter((b) => b.status === 'planned').map((b) => ({ name: b.name, note: b.note })),
    }
  })
}

/** A label's box on screen (CSS px, top-left corner) and how much it matters. */
export interface LabelBox {
  x: number
  y: number
  width: number
  height: number
  /** Larger first: e.g. the GPUs at the site. */
  priority: number
}

/**
 * The top-left corner of a `width` × `height` label anchored at its bottom centre on the
 * screen point (x, y), kept `marginPx` inside the top and sides of a view `viewW` wide: a site
 * near the top or a side edge (as in a small embed) keeps its whole label, over the site rather
 * than above it. Not held above the bottom: a site below the view is not pulled into it.
 * Writes into `out`.
 */
export function labelCorner(
  x: number,
  y: number,
  width: number,
  height: number,
  viewW: number,
  marginPx: number,
  out: { x: number; y: number },
): { x: number; y: number } {
  const maxX = Math.max(marginPx, viewW - width - marginPx)
  out.x = Math.min(maxX, Math.max(marginPx, x - width / 2))
  out.y = Math.max(marginPx, y - height)
  return out
}

/** A rectangle on the image or screen: top-left corner and size, px. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

const overlaps = (a: Rect, ax: number, ay: number, b: Rect, gapPx: number): boolean =>
  ax < b.x + b.width + gapPx &&
  b.x < ax + a.width + gapPx &&
  ay < b.y + b.height + gapPx &&
  b.y < ay + a.height + gapPx

/**
 * Where a label's `box` goes so that no `blocks` rectangle (the title block, legend or scale bar
 * of a still's overlay) hides it: where it stands if it is clear of them all (even partly off the
 * image, like a site below the view); else the nearest corner, among those that put an edge of
 * the label `gapPx` beside an edge of a block, that is clear of every block and `marginPx` inside
 * the `viewW` × `viewH` image. Null when there is none: the caller drops the label, as a label
 * half hidden under a block, or far from its site, would mislead. Writes into `out`.
 */
export function labelClearOf(
  box: Rect,
  blocks: readonly Rect[],
  viewW: number,
  viewH: number,
  marginPx: number,
  gapPx: number,
  out: { x: number; y: number },
): { x: number; y: number } | null {
  out.x = box.x
  out.y = box.y
  if (!blocks.some((b) => overlaps(box, box.x, box.y, b, 0))) return out
  const maxX = viewW - box.width - marginPx
  const maxY = viewH - box.height - marginPx
  // Candidate positions on each axis: where it stands (pulled inside the image) and flush with
  // each side of each block. Pairs of them cover "beside", "below", "above" and the corners.
  const xs = [Math.min(maxX, Math.max(marginPx, box.x))]
  const ys = [Math.min(maxY, Math.max(marginPx, box.y))]
  for (const b of blocks) {
    xs.push(b.x + b.width + gapPx, b.x - gapPx - box.width)
    ys.push(b.y + b.height + gapPx, b.y - gapPx - box.height)
  }
  let best = Number.POSITIVE_INFINITY
  for (const x of xs) {
    if (x < marginPx || x > maxX) continue
    for (const y of ys) {
      if (y < marginPx || y > maxY) continue
      const d = (x - box.x) ** 2 + (y - box.y) ** 2
      if (d >= best || blocks.some((b) => overlaps(box, x, y, b, 0))) continue
      best = d
      out.x = x
      out.y = y
    }
  }
  return best < Number.POSITIVE_INFINITY ? out : null
}

/**
 * Which labels to show so that none overlaps another: the most important first, each shown
 * only if its box (grown by `gapPx`) is clear of every label already shown. Pure.
 */
export function declutterLabels(boxes: readonly LabelBox[], gapPx = 4): boolean[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[b]!.priority - boxes[a]!.priority || a - b)
  const shown = boxes.map(() => false)
  const placed: LabelBox[] = []
  for (const i of order) {
    const b = boxes[i]!
    const clear = placed.every(
      (p) =>
        b.x + b.width + gapPx <= p.x ||
        p.x + p.width + gapPx <= b.x ||
        b.y + b.height + gapPx <= p.y ||
        p.y + p.height + gapPx <= b.y,
    )
    if (clear) {
      shown[i] = true
      placed.push(b)
    }
  }
  return shown
}
