/**
 * The per-instance inputs of the training swing (see rackMaterial): each rack's, run's and
 * row's draw under the scenario (`aDrawKw`) and whether it belongs to the swinging job (`aJob`),
 * written once per layout; and the swing uniforms, set when the layout, colour mode or swing
 * changes, plus the cycle's phase once per frame while the swing runs.
 */
import { type BufferGeometry, InstancedBufferAttribute } from 'three'
import { type ColorMode, powerRangeKw } from '../domain/color/colorModes'
import type { Layout } from '../domain/layout/buildLayout'
import type { SwingUniforms } from './rackMaterial'
import type { RackMeshes } from './rackMeshes'

/** Sets `aDrawKw` and `aJob` on `geometry`: one entry per instance, from rack `firstRack[k]`. */
function setPowerAttributes(layout: Layout, geometry: BufferGeometry, firstRack: Uint32Array): void {
  const n = Math.max(1, firstRack.length)
  const draw = new Float32Array(n)
  const job = new Float32Array(n)
  for (let k = 0; k < firstRack.length; k++) {
    draw[k] = layout.power.drawKw[firstRack[k]!]!
    job[k] = layout.power.job[firstRack[k]!]!
  }
  geometry.setAttribute('aDrawKw', new InstancedBufferAttribute(draw, 1))
  geometry.setAttribute('aJob', new InstancedBufferAttribute(job, 1))
}

/**
 * Writes the swing's per-instance attributes into every rack, run and row mesh, once per layout.
 * Runs and rows hold racks of one hall and phase, which share workload and job (scenario rules
 * go by hall and phase), so their first rack speaks for them.
 */
export function writeRackPowerAttributes(rm: RackMeshes): void {
  rm.buckets.forEach((bucket, b) => {
    setPowerAttributes(rm.layout, rm.meshes[b]!.geometry, bucket.indices)
    setPowerAttributes(rm.layout, rm.runMeshes[b]!.geometry, rm.runFirstRack[b]!)
    setPowerAttributes(rm.layout, rm.rowMeshes[b]!.geometry, rm.rowFirstRack[b]!)
  })
}

/** Sets the slow swing uniforms: on only when asked and the scenario has a swing. */
export function configureSwing(u: SwingUniforms, layout: Layout, mode: ColorMode, on: boolean): void {
  const { minKw, maxKw } = powerRangeKw(layout)
  u.uPowerRangeKw.value = [minKw, maxKw]
  u.uPowerMode.value = mode === 'power' ? 1 : 0
  u.uSwingDepth.value = layout.power.swing?.depth ?? 0
  u.uSwingOn.value = on && layout.power.swing ? 1 : 0
}

/** Sets the cycle's phase for time `tS` (seconds); false when the swing is off (nothing to animate). */
export function advanceSwing(u: SwingUniforms, layout: Layout, tS: number): boolean {
  const spec = layout.power.swing
  if (!spec || u.uSwingOn.value === 0) return false
  const cycles = tS / spec.periodS
  u.uSwingPhase.value = cycles - Math.floor(cycles)
  return true
}
