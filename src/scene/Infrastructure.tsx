/** Power and cooling plant (gpu/plantMeshes) of the current layout: units appear with their phase. */
import { useCallback } from 'react'
import { createPlantMeshes } from '../gpu/plantMeshes'
import { useApp } from '../state/context'
import { useDisposable } from './useDisposable'
import { useVisiblePhase } from './useVisiblePhase'

/** Plant of the current layout, shown up to the current phase. */
export function Infrastructure() {
  const layout = useApp((s) => s.layout)
  const quality = useApp((s) => s.quality)
  // Rebuilt when the tier changes: its materials follow the tier.
  const plant = useDisposable(() => createPlantMeshes(layout, quality), [layout, quality])
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        for (const g of plant?.groups ?? []) {
          g.mesh.count = g.countAtPhase[phase] ?? 0
          g.mesh.visible = g.mesh.count > 0
        }
      },
      [plant],
    ),
  )
  return (
    <group name="infrastructure">
      {plant?.groups.map((g) => (
        <primitive key={g.mesh.uuid} object={g.mesh} />
      ))}
    </group>
  )
}
