/**
 * The fill rule, once: the layout engine places racks with it and the capacity check counts
 * with it, so a config that passes the check builds exactly as checked.
 */

/** Slot counts by hall index (a typed array in the engine, a plain one in the checks). */
export type SlotCounts = { [hall: number]: number }

/**
 * Puts `racks` racks of one phase `add` into `halls` (hall indices, in the listed order): each
 * hall takes as many as it has free slots, in slot order, which `slotLocal` lays out row by
 * row. `filled[h]` is the slots hall h has used so far and is advanced; `place(h, firstSlot,
 * count)` is called for each hall that takes racks. Returns the racks that did not fit.
 */
export function fillHalls(
  racks: number,
  halls: readonly number[],
  capacity: SlotCounts,
  filled: SlotCounts,
  place?: (hall: number, firstSlot: number, count: number) => void,
): number {
  let left = racks
  for (const h of halls) {
    if (left === 0) break
    const take = Math.min(left, capacity[h]! - filled[h]!)
    if (take > 0) place?.(h, filled[h]!, take)
    filled[h] = filled[h]! + take
    left -= take
  }
  return left
}
