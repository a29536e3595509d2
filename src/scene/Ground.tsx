/** The ground plane under the campus of the current layout. */
import { useEffect, useMemo } from 'react'
import { createGround, disposeGround } from '../gpu/groundGrid'
import { useApp } from '../state/context'

/** Ground centred on the campus, wide enough to reach the horizon of the campus view. */
export function Ground() {
  const layout = useApp((s) => s.layout)
  const ground = useMemo(() => {
    let minX = Number.POSITIVE_INFINITY
    let maxX = Number.NEGATIVE_INFINITY
    let minZ = Number.POSITIVE_INFINITY
    let maxZ = Number.NEGATIVE_INFINITY
    for (const s of layout.sites) {
      minX = Math.min(minX, s.bounds.minX)
      maxX = Math.max(maxX, s.bounds.maxX)
      minZ = Math.min(minZ, s.bounds.minZ)
      maxZ = Math.max(maxZ, s.bounds.maxZ)
    }
    const span = Math.max(maxX - minX, maxZ - minZ, 200)
    // Round the centre to whole 100 m tiles so grid lines stay on round coordinates.
    const cx = Math.round((minX + maxX) / 200) * 100
    const cz = Math.round((minZ + maxZ) / 200) * 100
    return createGround(cx, cz, span)
  }, [layout])
  useEffect(() => () => disposeGround(ground), [ground])
  return <primitive object={ground} />
}
