/**
 * The rack table: every rack of the final phase as a struct of typed arrays, so the scene
 * uploads columns to the GPU as they are and the stats read them without objects.
 */

/**
 * Every rack of the final phase, one entry per index. Racks are stored in build order:
 * phase by phase, and within a phase in the order its `adds` fill halls (hall by hall,
 * row by row), so the racks standing at phase p are exactly indices [0, phaseEnd[p]).
 */
export interface RackTable {
  /** Number of racks. */
  count: number
  /** Rack centre on the campus plane, metres (+x east). */
  x: Float32Array
  /** Rack centre on the campus plane, metres (+z south). */
  z: Float32Array
  /** Rotation about +y, radians: which way the rack faces. */
  rotY: Float32Array
  /** Index into `Layout.sites`. */
  site: Uint16Array
  /** Index into `Layout.buildings`. */
  building: Uint16Array
  /** Index into `Layout.halls`. */
  hall: Uint16Array
  /** Row within the hall, 0-based. */
  row: Uint16Array
  /** Array within the row, 0-based. */
  array: Uint16Array
  /** Rack within the array, 0-based. */
  slot: Uint16Array
  /** Index into `config.generations`. */
  generation: Uint8Array
  /** Index into `config.phases` of the phase that added the rack. */
  phase: Uint8Array
  /** Position in its phase's build order, 0-based. */
  orderInPhase: Uint32Array
  /** orderInPhase / racks added by the phase, in [0, 1): when in its phase the rack appears. */
  buildFraction: Float32Array
  /** Nameplate rack power, kW. */
  powerKw: Float32Array
  /** For each phase p, the number of racks standing at the end of p (racks [0, phaseEnd[p])). */
  phaseEnd: Uint32Array
}

/** A zeroed table of `count` racks over `phases` phases. */
export function allocateRackTable(count: number, phases: number): RackTable {
  return {
    count,
    x: new Float32Array(count),
    z: new Float32Array(count),
    rotY: new Float32Array(count),
    site: new Uint16Array(count),
    building: new Uint16Array(count),
    hall: new Uint16Array(count),
    row: new Uint16Array(count),
    array: new Uint16Array(count),
    slot: new Uint16Array(count),
    generation: new Uint8Array(count),
    phase: new Uint8Array(count),
    orderInPhase: new Uint32Array(count),
    buildFraction: new Float32Array(count),
    powerKw: new Float32Array(count),
    phaseEnd: new Uint32Array(phases),
  }
}
