/** The campus shell (gpu/campusShell) of the current layout, with the roof drawn as chosen. */
import { useThree } from '@react-three/fiber'
import { useCallback, useEffect } from 'react'
import { createCampusShell } from '../gpu/campusShell'
import { useApp } from '../state/context'
import type { RoofMode } from '../state/store'
import { useDisposable } from './useDisposable'
import { useEnclosed } from './useEnclosed'
import { useVisiblePhase } from './useVisiblePhase'

const ROOF_OPACITY: Record<RoofMode, number> = { solid: 1, faded: 0.14, hidden: 0 }

/** The campus shell of the current layout. */
export function Campus() {
  const layout = useApp((s) => s.layout)
  const roofMode = useApp((s) => s.roofMode)
  const quality = useApp((s) => s.quality)
  const invalidate = useThree((s) => s.invalidate)
  // Rebuilt when the tier changes: its materials follow the tier (a few dozen boxes, cheap).
  const shell = useDisposable(() => createCampusShell(layout, quality), [layout, quality])
  // A hall floor (its fit-out) appears with the first phase that puts racks in it.
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        if (shell) shell.halls.count = shell.hallsAtPhase[phase] ?? 0
      },
      [shell],
    ),
  )
  // Site pads and ground shadows lie outside the buildings: hidden by the walls from inside.
  useEnclosed(
    useCallback(
      (enclosed: boolean) => {
        if (!shell) return
        shell.pads.visible = !enclosed
        shell.shadows.visible = !enclosed
      },
      [shell],
    ),
  )
  useEffect(() => {
    if (!shell) return
    const o = ROOF_OPACITY[roofMode]
    const roof = shell.roofMaterial
    roof.opacity = o
    roof.depthWrite = o >= 1
    roof.transparent = o < 1
    roof.needsUpdate = true
    shell.roofs.visible = o > 0
    invalidate()
  }, [shell, roofMode, invalidate])
  return (
    <group name="campus">
      {shell?.meshes.map((m) => (
        <primitive key={m.uuid} object={m} />
      ))}
    </group>
  )
}
