/**
 * Drives the expansion animation from the frame loop: advances the timeline clock (whose
 * listeners, such as the racks' reveal uniform, follow it), keeps frames coming only while
 * something moves, and in "follow the build" mode glides the camera target to the hall being
 * built.
 */
import { useFrame, useThree } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useEffect, useMemo, useRef } from 'react'
import { buildPrefix, statsAtReveal } from '../domain/timeline/timeline'
import { useApp, useClock, useStoreApi } from '../state/context'

/** Mounted once inside the Canvas. */
export function TimelineDriver() {
  const clock = useClock()
  const store = useStoreApi()
  const invalidate = useThree((s) => s.invalidate)
  const layout = useApp((s) => s.layout)
  const prefix = useMemo(() => buildPrefix(layout), [layout])
  const followHall = useRef(-1)
  useEffect(() => {
    const offStore = store.subscribe((s, prev) => {
      if (s.phaseIndex !== prev.phaseIndex || s.playing !== prev.playing || s.layout !== prev.layout)
        invalidate()
    })
    const offClock = clock.subscribe(() => invalidate())
    invalidate()
    return () => {
      offStore()
      offClock()
    }
  }, [clock, store, invalidate])
  useFrame((state, delta) => {
    clock.advance(delta)
    const s = store.getState()
    const controls = state.controls as CameraControlsImpl | null
    if (s.followBuild && controls && clock.animating()) {
      const k = Math.min(s.layout.racks.count - 1, statsAtReveal(s.layout, prefix, clock.reveal).racks)
      const hall = k >= 0 ? s.layout.racks.hall[k]! : -1
      if (hall >= 0 && hall !== followHall.current) {
        followHall.current = hall
        const t = s.layout.halls[hall]!.transform
        void controls.moveTo(t.x, 0, t.z, true)
      }
    }
    if (clock.animating()) invalidate()
  })
  return null
}
