/** Runs `apply(phase)` whenever the highest phase on screen changes (timeline clock), and redraws. */
import { useThree } from '@react-three/fiber'
import { useLayoutEffect } from 'react'
import { useClock } from '../state/context'

/**
 * Calls `apply` with the phase whose racks must be drawn (the phase shown, or one still
 * animating out after a step back) now and whenever it changes. `apply` must be stable
 * (memoised with the objects it updates).
 */
export function useVisiblePhase(apply: (phase: number) => void): void {
  const clock = useClock()
  const invalidate = useThree((s) => s.invalidate)
  useLayoutEffect(() => {
    let shown = -1
    const update = () => {
      const visible = clock.visiblePhase()
      if (visible === shown) return
      shown = visible
      apply(visible)
      invalidate()
    }
    update()
    return clock.subscribe(update)
  }, [apply, clock, invalidate])
}
