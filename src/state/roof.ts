/** The roof toggle's order, shared by the camera bar button and the `R` key. */
import type { RoofMode } from './store'

const ROOF_NEXT: Record<RoofMode, RoofMode> = { faded: 'hidden', hidden: 'solid', solid: 'faded' }

/** The roof mode after `mode`: faded → hidden → solid → faded. */
export const nextRoofMode = (mode: RoofMode): RoofMode => ROOF_NEXT[mode]
