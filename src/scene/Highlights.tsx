/**
 * Outlines around the hovered and the selected rack: two line objects that R3F creates and
 * disposes, moved and scaled onto a rack, never rebuilt.
 */
import { useThree } from '@react-three/fiber'
import { useLayoutEffect, useRef } from 'react'
import type { LineSegments } from 'three'
import type { Layout } from '../domain/layout/buildLayout'
import { useApp } from '../state/context'

/** The 12 edges of a unit cube centred on the origin, as pairs of line-segment endpoints. */
function unitCubeEdges(): Float32Array {
  const corner = (k: number) => [(k & 1) - 0.5, ((k >> 1) & 1) - 0.5, ((k >> 2) & 1) - 0.5]
  const points: number[] = []
  for (let k = 0; k < 8; k++)
    for (const axis of [1, 2, 4]) if (!(k & axis)) points.push(...corner(k), ...corner(k | axis))
  return new Float32Array(points)
}

const EDGES = unitCubeEdges()
/** How far an outline stands off the rack on each axis (metres), so it is not hidden in its faces. */
const OUTLINE_MARGIN_M = 0.12
/** Outlines are never picked: picking goes through the layout's spatial grid. */
const noRaycast = () => {}

function place(line: LineSegments | null, layout: Layout, i: number): void {
  if (!line) return
  const r = layout.racks
  if (i < 0 || i >= r.count) {
    line.visible = false
    return
  }
  const rack = layout.halls[r.hall[i]!]!.grid.rack
  line.visible = true
  line.position.set(r.x[i]!, rack.heightM / 2, r.z[i]!)
  line.rotation.set(0, r.rotY[i]!, 0)
  const m = OUTLINE_MARGIN_M
  line.scale.set(rack.widthM + m, rack.heightM + m, rack.depthM + m)
}

/** Hover and selection outlines. */
export function Highlights() {
  const layout = useApp((s) => s.layout)
  const hovered = useApp((s) => s.hovered)
  const selected = useApp((s) => s.selected)
  const invalidate = useThree((s) => s.invalidate)
  const hover = useRef<LineSegments>(null)
  const select = useRef<LineSegments>(null)
  useLayoutEffect(() => {
    place(hover.current, layout, hovered === selected ? -1 : hovered)
    place(select.current, layout, selected)
    invalidate()
  }, [layout, hovered, selected, invalidate])
  return (
    <>
      <lineSegments ref={hover} visible={false} renderOrder={20} raycast={noRaycast}>
        <bufferGeometry>
          <bufferAttribute attach="attributes-position" args={[EDGES, 3]} />
        </bufferGeometry>
        <lineBasicMaterial color="#ffffff" depthTest={false} transparent opacity={0.9} />
      </lineSegments>
      <lineSegments ref={select} visible={false} renderOrder={21} raycast={noRaycast}>
        <bufferGeometry>
          <bufferAttribute attach="attributes-position" args={[EDGES, 3]} />
        </bufferGeometry>
        <lineBasicMaterial color="#ffd84d" depthTest={false} />
      </lineSegments>
    </>
  )
}
