/** The ground grid (gpu/groundGrid) under the campus of the current layout. */
import { useCallback } from 'react'
import { campusBounds } from '../domain/layout/buildLayout'
import { createGround, disposeGround } from '../gpu/groundGrid'
import { useApp } from '../state/context'
import { useDisposable } from './useDisposable'
import { useEnclosed } from './useEnclosed'

/** Ground centred on the campus, wide enough to reach the horizon of the campus view. */
export function Ground() {
  const layout = useApp((s) => s.layout)
  const ground = useDisposable(() => {
    const { minX, maxX, minZ, maxZ } = campusBounds(layout)
    const span = Math.max(maxX - minX, maxZ - minZ, 200)
    // Round the centre to whole 100 m tiles so grid lines stay on round coordinates.
    const cx = Math.round((minX + maxX) / 200) * 100
    const cz = Math.round((minZ + maxZ) / 200) * 100
    const group = createGround(cx, cz, span)
    return { group, dispose: () => disposeGround(group) }
  }, [layout])
  // Under the building floors and outside their walls: hidden from inside a building.
  useEnclosed(
    useCallback(
      (enclosed: boolean) => {
        if (ground) ground.group.visible = !enclosed
      },
      [ground],
    ),
  )
  return ground && <primitive object={ground.group} />
}
