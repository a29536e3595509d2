/** Outlines around the hovered and the selected rack: two line meshes, moved, never rebuilt. */
import { useThree } from '@react-three/fiber'
import { useEffect, useLayoutEffect, useMemo } from 'react'
import { BoxGeometry, EdgesGeometry, LineBasicMaterial, LineSegments } from 'three'
import type { Layout } from '../domain/layout/buildLayout'
import { useApp } from '../state/context'

function place(line: LineSegments, layout: Layout, i: number): void {
  const r = layout.racks
  if (i < 0 || i >= r.count) {
    line.visible = false
    return
  }
  const rack = layout.halls[r.hall[i]!]!.grid.rack
  line.visible = true
  line.position.set(r.x[i]!, rack.heightM / 2, r.z[i]!)
  line.rotation.set(0, r.rotY[i]!, 0)
  line.scale.set(rack.widthM + 0.12, rack.heightM + 0.12, rack.depthM + 0.12)
}

/** Hover and selection outlines. */
export function Highlights() {
  const layout = useApp((s) => s.layout)
  const hovered = useApp((s) => s.hovered)
  const selected = useApp((s) => s.selected)
  const invalidate = useThree((s) => s.invalidate)
  const lines = useMemo(() => {
    const edges = new EdgesGeometry(new BoxGeometry(1, 1, 1))
    const hoverMat = new LineBasicMaterial({
      color: '#ffffff',
      depthTest: false,
      transparent: true,
      opacity: 0.9,
    })
    const selectMat = new LineBasicMaterial({ color: '#ffd84d', depthTest: false })
    const hover = new LineSegments(edges, hoverMat)
    const select = new LineSegments(edges, selectMat)
    hover.renderOrder = 20
    select.renderOrder = 21
    hover.raycast = () => {}
    select.raycast = () => {}
    return {
      hover,
      select,
      dispose: () => {
        edges.dispose()
        hoverMat.dispose()
        selectMat.dispose()
      },
    }
  }, [])
  useEffect(() => () => lines.dispose(), [lines])
  useLayoutEffect(() => {
    place(lines.hover, layout, hovered === selected ? -1 : hovered)
    place(lines.select, layout, selected)
    invalidate()
  }, [lines, layout, hovered, selected, invalidate])
  return (
    <>
      <primitive object={lines.hover} />
      <primitive object={lines.select} />
    </>
  )
}
