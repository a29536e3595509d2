/**
 * Whether the camera stands enclosed by a building (domain/campus enclosedByBuilding): the scene
 * hides the ground layers outside the buildings then, which the walls hide anyway but a software
 * renderer would still shade (tens of ms a layer at the rack preset under llvmpipe).
 */
import { useFrame, useThree } from '@react-three/fiber'
import { useRef } from 'react'
import { enclosedByBuilding } from '../domain/campus'
import { useApp } from '../state/context'

/** At least this far inside the walls and below their top, metres, besides the near plane. */
const ENCLOSED_MARGIN_M = 1

/**
 * Calls `apply(enclosed)` in the first rendered frame, before it is drawn, and again in the frame
 * the camera passes in or out of a building (checked each frame, no allocation), and redraws. `apply` must be stable (memoised with the
 * objects it updates).
 */
export function useEnclosed(apply: (enclosed: boolean) => void): void {
  const layout = useApp((s) => s.layout)
  const invalidate = useThree((s) => s.invalidate)
  const shown = useRef<boolean | null>(null)
  // New meshes (a new `apply`) start shown: the first frame after applies the state to them.
  const appliedBy = useRef<typeof apply | null>(null)
  useFrame(({ camera }) => {
    const p = camera.position
    const margin = Math.max(ENCLOSED_MARGIN_M, 2 * camera.near)
    const enclosed = enclosedByBuilding(layout, p.x, p.y, p.z, margin)
    if (enclosed === shown.current && apply === appliedBy.current) return
    shown.current = enclosed
    appliedBy.current = apply
    apply(enclosed)
    invalidate()
  })
}
