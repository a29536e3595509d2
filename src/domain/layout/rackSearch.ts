/**
 * Finding racks without a pointer: by id (what the tooltip and the selection panel show) and by
 * neighbourhood in a hall (the keyboard's Shift + arrows).
 */
import { type Layout, rackId } from './buildLayout'

/**
 * The standing rack (index < `visible`) whose id is `text` (case and surrounding spaces
 * ignored), else the first whose id starts with it; -1 when none does.
 */
export function findRack(layout: Layout, text: string, visible: number): number {
  const wanted = text.trim().toUpperCase()
  if (wanted === '') return -1
  let prefix = -1
  for (let i = 0; i < visible; i++) {
    const id = rackId(layout, i).toUpperCase()
    if (id === wanted) return i
    if (prefix < 0 && id.startsWith(wanted)) prefix = i
  }
  return prefix
}

/**
 * The standing rack next to `index` in its hall: `dSlot` racks along its array (←/→), `dRow`
 * rows across (↑/↓), same array and slot. Returns `index` itself when there is none that way.
 */
export function neighbourRack(
  layout: Layout,
  index: number,
  dRow: number,
  dSlot: number,
  visible: number,
): number {
  const r = layout.racks
  if (index < 0 || index >= visible) return index
  const hall = r.hall[index]!
  const row = r.row[index]! + dRow
  const array = r.array[index]!
  const slot = r.slot[index]! + dSlot
  for (let i = 0; i < visible; i++) {
    if (r.hall[i] === hall && r.row[i] === row && r.array[i] === array && r.slot[i] === slot) return i
  }
  return index
}
