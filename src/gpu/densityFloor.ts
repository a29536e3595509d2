/**
 * The hall power-density heat map: one flat quad over each hall floor, coloured by the kW/m²
 * its standing racks draw (domain/power/totals `hallDensityKwM2`) on the heat map's own ramp.
 * Shown in the power colour mode; recoloured when the phase on screen changes (one colour per
 * hall, never per rack or per frame).
 */
import {
  InstancedBufferAttribute,
  InstancedMesh,
  Matrix4,
  MeshBasicMaterial,
  Quaternion,
  Vector3,
} from 'three'
import { densityColor, densityRangeKwM2 } from '../domain/color/colorModes'
import type { Layout } from '../domain/layout/buildLayout'
import { hallDensityKwM2 } from '../domain/power/totals'
import { unitGroundQuad } from './boxInstances'
import { srgbToLinear } from './rackBuckets'

/** Just above the hall floor's top (slab 0.15 m + fit-out 0.04 m above 0.02 m), under the racks' feet. */
const HEAT_MAP_Y_M = 0.2

/** The heat map mesh of a layout and how to recolour it. */
export interface DensityFloor {
  mesh: InstancedMesh
  /** Colours each hall by the density of racks [0, standing). */
  showStanding: (standing: number) => void
  dispose: () => void
}

const _m = new Matrix4()
const _q = new Quaternion()
const _p = new Vector3()
const _s = new Vector3()
const _y = new Vector3(0, 1, 0)

/** Builds the heat map of `layout`: one quad per hall (hidden until the caller shows it). */
export function createDensityFloor(layout: Layout): DensityFloor {
  const halls = layout.halls
  const geometry = unitGroundQuad()
  const material = new MeshBasicMaterial({
    transparent: true,
    opacity: 0.85,
    depthWrite: false,
    polygonOffset: true,
    polygonOffsetFactor: -1,
    polygonOffsetUnits: -1,
  })
  const n = Math.max(1, halls.length)
  const mesh = new InstancedMesh(geometry, material, n)
  mesh.name = 'power-density'
  halls.forEach((hall, h) => {
    const t = hall.transform
    _q.setFromAxisAngle(_y, t.angle)
    mesh.setMatrixAt(
      h,
      _m.compose(_p.set(t.x, HEAT_MAP_Y_M, t.z), _q, _s.set(hall.sizeM[0], 1, hall.sizeM[1])),
    )
  })
  mesh.count = halls.length
  mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(n * 3), 3)
  mesh.instanceMatrix.needsUpdate = true
  mesh.computeBoundingBox()
  mesh.computeBoundingSphere()
  mesh.raycast = () => {}
  mesh.visible = false
  // Racks stand on it: draw it first among the transparent objects, under everything else.
  mesh.renderOrder = -1
  const { maxKwM2 } = densityRangeKwM2(layout)
  const density = new Float32Array(halls.length)
  const colors = mesh.instanceColor.array as Float32Array
  return {
    mesh,
    showStanding(standing) {
      hallDensityKwM2(layout, standing, density)
      for (let h = 0; h < halls.length; h++) {
        const c = densityColor(density[h]!, maxKwM2)
        colors[h * 3] = srgbToLinear(c[0])
        colors[h * 3 + 1] = srgbToLinear(c[1])
        colors[h * 3 + 2] = srgbToLinear(c[2])
      }
      mesh.instanceColor!.needsUpdate = true
    },
    dispose() {
      mesh.dispose()
      geometry.dispose()
      material.dispose()
    },
  }
}
