/**
 * Site pads, building shells (floor, walls, roof), hall floors and soft ground shadows.
 * Lambert, not PBR: these surfaces cover much of the screen and need no reflections.
 */
import { useThree } from '@react-three/fiber'
import { useCallback, useEffect, useMemo } from 'react'
import { MeshBasicMaterial, MeshLambertMaterial } from 'three'
import { campusBoxes } from '../domain/campus'
import { createBoxInstances, softShadowTexture, unitBox, unitGroundQuad } from '../gpu/boxInstances'
import { useApp } from '../state/context'
import type { RoofMode } from '../state/store'
import { useVisiblePhase } from './useVisiblePhase'

const ROOF_OPACITY: Record<RoofMode, number> = { solid: 1, faded: 0.14, hidden: 0 }

/** The campus shell of the current layout. */
export function Campus() {
  const layout = useApp((s) => s.layout)
  const roofMode = useApp((s) => s.roofMode)
  const invalidate = useThree((s) => s.invalidate)
  const shell = useMemo(() => {
    const boxes = campusBoxes(layout)
    const geometry = unitBox()
    const padMat = new MeshLambertMaterial({ color: '#3a4658' })
    const floorMat = new MeshLambertMaterial({ color: '#c9d1dc' })
    const hallMat = new MeshLambertMaterial({ color: '#eef2f6' })
    const wallMat = new MeshLambertMaterial({ color: '#8d99a8' })
    const roofMat = new MeshLambertMaterial({
      color: '#9aa6b5',
      transparent: true,
      depthWrite: false,
    })
    const shadowGeometry = unitGroundQuad()
    const shadowTexture = softShadowTexture()
    const shadowMat = new MeshBasicMaterial({
      color: '#000000',
      alphaMap: shadowTexture,
      transparent: true,
      opacity: 0.55,
      depthWrite: false,
    })
    const n = layout.phases.length
    const pads = createBoxInstances(boxes.pads, geometry, padMat, n)
    const floors = createBoxInstances(boxes.floors, geometry, floorMat, n)
    const halls = createBoxInstances(boxes.hallFloors, geometry, hallMat, n)
    const walls = createBoxInstances(boxes.walls, geometry, wallMat, n)
    const roofs = createBoxInstances(boxes.roofs, geometry, roofMat, n)
    // Soft ground shadows: buildings sit on the ground instead of floating (a cheap stand-in
    // for ambient occlusion; one draw call).
    const shadows = createBoxInstances(boxes.shadows, shadowGeometry, shadowMat, n)
    shadows.mesh.name = 'ground-shadows'
    shadows.mesh.renderOrder = -1
    roofs.mesh.renderOrder = 10
    pads.mesh.name = 'site-pads'
    floors.mesh.name = 'building-floors'
    halls.mesh.name = 'hall-floors'
    walls.mesh.name = 'walls'
    roofs.mesh.name = 'roofs'
    return {
      meshes: [pads.mesh, floors.mesh, halls.mesh, walls.mesh, roofs.mesh, shadows.mesh],
      halls,
      roofMat,
      dispose: () => {
        geometry.dispose()
        shadowGeometry.dispose()
        shadowTexture.dispose()
        for (const m of [padMat, floorMat, hallMat, wallMat, roofMat, shadowMat]) m.dispose()
        for (const x of [pads, floors, halls, walls, roofs, shadows]) x.mesh.dispose()
      },
    }
  }, [layout])
  useEffect(() => () => shell.dispose(), [shell])
  // Buildings stand from the start (they predate the cluster); a hall floor (its fit-out)
  // appears with the first phase that puts racks in it.
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        shell.halls.mesh.count = shell.halls.countAtPhase[phase] ?? 0
      },
      [shell],
    ),
  )
  useEffect(() => {
    const o = ROOF_OPACITY[roofMode]
    shell.roofMat.opacity = o
    shell.roofMat.depthWrite = o >= 1
    shell.roofMat.transparent = o < 1
    shell.roofMat.needsUpdate = true
    const roofs = shell.meshes[4]!
    roofs.visible = o > 0
    invalidate()
  }, [shell, roofMode, invalidate])
  return (
    <group name="campus">
      {shell.meshes.map((m) => (
        <primitive key={m.uuid} object={m} />
      ))}
    </group>
  )
}
