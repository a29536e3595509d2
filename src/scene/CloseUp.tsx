/**
 * The nearest level of detail (gpu/closeup): real rack geometry for the racks near the orbit
 * target and the interiors of the halls around it. Each rendered frame reads the orbit target
 * and distance; the near set (domain/closeup) is recomputed, and instance data written, only
 * when the target has moved CLOSEUP_REFRESH_M, the level changes, or the phase, layout or colour
 * mode does. From afar everything here is hidden with no instances: no draw call, no triangle.
 *
 * Build animation: detailed racks carry the same build key as their rack box and read this
 * mount's reveal uniform, kept equal to the timeline clock like RackInstances' own, so a rack's
 * detail rises with its box and a rack not yet built is drawn neither way. Racks of the phase
 * still animating are in the near set (the visible phase), collapsed until the reveal reaches them.
 */
import { useFrame, useThree } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useCallback, useLayoutEffect, useState } from 'react'
import { Vector3 } from 'three'
import {
  CLOSEUP_HALL_RADIUS_M,
  CLOSEUP_MAX_HALLS,
  CLOSEUP_MAX_RACKS,
  CLOSEUP_RADIUS_M,
  CLOSEUP_REFRESH_M,
  closeUpLevel,
  nearHalls,
  nearRacks,
} from '../domain/closeup'
import type { ColorMode } from '../domain/color/colorModes'
import type { RackGrid } from '../domain/layout/pick'
import { createCloseUpMaterials } from '../gpu/closeup/closeUpMaterials'
import {
  assignMaterials,
  type CloseUpMeshes,
  clearNearRacks,
  colourNearRacks,
  createCloseUpMeshes,
  setNearHalls,
  setNearRacks,
} from '../gpu/closeup/closeUpMeshes'
import type { RevealUniform } from '../gpu/rackMaterial'
import { useApp, useClock, useStoreApi } from '../state/context'
import { useDisposable } from './useDisposable'
import { useVisiblePhase } from './useVisiblePhase'

const _target = new Vector3()

/** What the near set was last computed for. */
interface Applied {
  x: number
  z: number
  racks: boolean
  halls: boolean
  phase: number
  mesh: CloseUpMeshes | null
}

const near = new Uint32Array(CLOSEUP_MAX_RACKS)

/** Recomputes and writes the near set when the view has moved enough; true when it wrote. */
function refresh(
  cu: CloseUpMeshes,
  applied: Applied,
  state: { rackGrid: RackGrid; colorMode: ColorMode },
  x: number,
  z: number,
  distanceM: number,
  phase: number,
): boolean {
  const level = closeUpLevel(distanceM)
  const moved = Math.hypot(x - applied.x, z - applied.z) > CLOSEUP_REFRESH_M
  const changed =
    applied.mesh !== cu ||
    applied.phase !== phase ||
    applied.racks !== level.racks ||
    applied.halls !== level.halls
  if (!changed && !(moved && (level.racks || level.halls))) return false
  Object.assign(applied, { x, z, racks: level.racks, halls: level.halls, phase, mesh: cu })
  const layout = cu.layout
  if (level.racks) {
    const standing = layout.racks.phaseEnd[phase] ?? 0
    const n = nearRacks(layout, state.rackGrid, standing, x, z, CLOSEUP_RADIUS_M, near)
    setNearRacks(cu, near, n, state.colorMode)
  } else clearNearRacks(cu)
  setNearHalls(
    cu,
    level.halls ? nearHalls(layout, phase, x, z, CLOSEUP_HALL_RADIUS_M, CLOSEUP_MAX_HALLS) : [],
    level.racks,
  )
  return true
}

/** The close-up detail around the orbit target. */
export function CloseUp() {
  const layout = useApp((s) => s.layout)
  const colorMode = useApp((s) => s.colorMode)
  const quality = useApp((s) => s.quality)
  const store = useStoreApi()
  const clock = useClock()
  const invalidate = useThree((s) => s.invalidate)
  const get = useThree((s) => s.get)
  const [reveal] = useState<RevealUniform>(() => ({ value: clock.reveal }))
  const [applied] = useState<Applied>(() => ({
    x: 0,
    z: 0,
    racks: false,
    halls: false,
    phase: -1,
    mesh: null,
  }))
  useLayoutEffect(() => {
    reveal.value = clock.reveal
    return clock.subscribe((r) => {
      reveal.value = r
    })
  }, [clock, reveal])
  const cu = useDisposable(() => createCloseUpMeshes(layout), [layout])
  const materials = useDisposable(() => createCloseUpMaterials(quality, reveal), [quality, reveal])
  useLayoutEffect(() => {
    if (!cu || !materials) return
    assignMaterials(cu, materials)
    invalidate()
  }, [cu, materials, invalidate])
  useLayoutEffect(() => {
    if (!cu) return
    colourNearRacks(cu, colorMode)
    invalidate()
  }, [cu, colorMode, invalidate])
  // Each frame, and as soon as the phase drawn changes (as the rack boxes do, see useVisiblePhase).
  const update = useCallback(() => {
    const { controls, camera } = get()
    const orbit = controls as CameraControlsImpl | null
    if (!orbit || !cu || !materials) return
    orbit.getTarget(_target)
    const { rackGrid, colorMode: mode } = store.getState()
    const distanceM = camera.position.distanceTo(_target)
    refresh(cu, applied, { rackGrid, colorMode: mode }, _target.x, _target.z, distanceM, clock.visiblePhase())
  }, [get, cu, materials, store, applied, clock])
  useVisiblePhase(update)
  useFrame(update)
  if (!cu) return null
  return (
    <group name="closeup">
      {cu.kinds.map((k) => [k.body, k.lights, k.door].map((m) => <primitive key={m.uuid} object={m} />))}
      <primitive object={cu.hallFloor} />
      <primitive object={cu.hallBody} />
      <primitive object={cu.hallGlass} />
    </group>
  )
}
