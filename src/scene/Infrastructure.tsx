/** Power and cooling plant: one instanced mesh per kind; units appear with their phase. */
import { useThree } from '@react-three/fiber'
import { useCallback, useEffect, useMemo } from 'react'
import { MeshLambertMaterial } from 'three'
import { type Box, unitPlacements } from '../domain/campus'
import type { PlacedInfrastructure } from '../domain/layout/buildLayout'
import { createBoxInstances } from '../gpu/boxInstances'
import { PLANT_COLORS, plantGeometry } from '../gpu/plantGeometry'
import { useApp } from '../state/context'
import { useVisiblePhase } from './useVisiblePhase'

const KINDS: PlacedInfrastructure['kind'][] = ['substation', 'turbine', 'battery', 'chiller']

/** Plant of the current layout, shown up to the current phase. */
export function Infrastructure() {
  const layout = useApp((s) => s.layout)
  const _invalidate = useThree((s) => s.invalidate)
  const groups = useMemo(
    () =>
      KINDS.flatMap((kind) => {
        const units: Box[] = []
        for (const inf of layout.infrastructure) {
          if (inf.kind !== kind) continue
          for (const u of unitPlacements(inf))
            units.push({ x: u.x, y: 0, z: u.z, sx: 1, sy: 1, sz: 1, rotY: u.rotY, phase: inf.phase })
        }
        if (units.length === 0) return []
        const geometry = plantGeometry(kind)
        const material = new MeshLambertMaterial({ color: PLANT_COLORS[kind], vertexColors: true })
        const made = createBoxInstances(units, geometry, material, layout.phases.length)
        made.mesh.name = `plant-${kind}`
        return [
          {
            ...made,
            dispose: () => {
              made.mesh.dispose()
              geometry.dispose()
              material.dispose()
            },
          },
        ]
      }),
    [layout],
  )
  useEffect(
    () => () => {
      for (const g of groups) g.dispose()
    },
    [groups],
  )
  useVisiblePhase(
    useCallback(
      (phase: number) => {
        for (const g of groups) {
          g.mesh.count = g.countAtPhase[phase] ?? 0
          g.mesh.visible = g.mesh.count > 0
        }
      },
      [groups],
    ),
  )
  return (
    <group name="infrastructure">
      {groups.map((g) => (
        <primitive key={g.mesh.uuid} object={g.mesh} />
      ))}
    </group>
  )
}
