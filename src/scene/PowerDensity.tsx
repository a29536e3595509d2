/**
 * The hall power-density heat map (gpu/densityFloor) of the current layout: shown in the power
 * colour mode, its cells coloured for the racks standing at the phase on screen.
 */
import { useThree } from '@react-three/fiber'
import { useCallback, useEffect } from 'react'
import { createDensityFloor } from '../gpu/densityFloor'
import { useApp } from '../state/context'
import { useDisposable } from './useDisposable'
import { useVisiblePhase } from './useVisiblePhase'

/** The heat map over the hall floors. */
export function PowerDensity() {
  const layout = useApp((s) => s.layout)
  const colorMode = useApp((s) => s.colorMode)
  const invalidate = useThree((s) => s.invalidate)
  const floor = useDisposable(() => createDensityFloor(layout), [layout])
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        floor?.showStanding(layout.racks.phaseEnd[phase] ?? 0)
      },
      [floor, layout],
    ),
  )
  useEffect(() => {
    if (!floor) return
    floor.object.visible = colorMode === 'power'
    invalidate()
  }, [floor, colorMode, invalidate])
  return floor ? <primitive object={floor.object} /> : null
}
