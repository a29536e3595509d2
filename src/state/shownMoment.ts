/**
 * The moment the scene shows: while the timeline clock animates, racks rise or fall in build
 * order, so the phase on screen is the one being built (or taken down), not the store's target
 * phase. Title, legend and site labels follow this moment, as the counters do, so everything
 * on screen agrees.
 */
import { useEffect, useMemo, useState } from 'react'
import type { Layout } from '../domain/layout/buildLayout'
import { buildPrefix, phaseAtReveal, statsAtReveal } from '../domain/timeline/timeline'
import { useApp, useClock } from './context'
import type { TimelineClock } from './timelineClock'

/** What is on screen: the phase whose figures apply, and how many racks (in build order) stand. */
export interface ShownMoment {
  phase: number
  racks: number
}

/** React renders for rack counts during a build at most this often (ms); phase changes at once. */
const RACKS_THROTTLE_MS = 100

function momentAt(layout: Layout, prefix: ReturnType<typeof buildPrefix>, clock: TimelineClock): ShownMoment {
  return {
    phase: phaseAtReveal(clock.reveal, layout.phases.length),
    racks: statsAtReveal(layout, prefix, clock.reveal).racks,
  }
}

/** The shown moment, following the clock (see the module comment). */
export function useShownMoment(): ShownMoment {
  const layout = useApp((s) => s.layout)
  const clock = useClock()
  const prefix = useMemo(() => buildPrefix(layout), [layout])
  const [moment, setMoment] = useState(() => momentAt(layout, prefix, clock))
  useEffect(() => {
    let shown = momentAt(layout, prefix, clock)
    setMoment(shown)
    let timer: ReturnType<typeof setTimeout> | undefined
    const show = () => {
      timer = undefined
      shown = momentAt(layout, prefix, clock)
      setMoment(shown)
    }
    const off = clock.subscribe(() => {
      const next = momentAt(layout, prefix, clock)
      if (next.phase !== shown.phase) {
        clearTimeout(timer)
        show()
      } else if (next.racks !== shown.racks && timer === undefined)
        timer = setTimeout(show, RACKS_THROTTLE_MS)
    })
    return () => {
      off()
      clearTimeout(timer)
    }
  }, [layout, prefix, clock])
  return moment
}
