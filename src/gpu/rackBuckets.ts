/**
 * Racks grouped by what they look like (one InstancedMesh each). Within a bucket racks keep
 * build order, so the racks standing at phase p are a prefix of the bucket: `countAtPhase[p]`.
 */
import type { Layout } from '../domain/layout/buildLayout'
import { BUILD_FADE } from '../domain/timeline/timeline'

/** Rack kinds that have their own geometry and detail texture. */
export type RackKind = 'hgx' | 'nvl'

/** One instanced-mesh bucket. */
export interface RackBucket {
  kind: RackKind
  /** Rack indices (into the rack table), in build order. */
  indices: Uint32Array
  /** For each phase, how many of this bucket's racks stand at its end. */
  countAtPhase: Uint32Array
  /**
   * Rack size the bucket's geometry is built at (its first rack's hall type), metres. Racks of
   * other sizes are scaled to theirs through their instance matrix.
   */
  sizeM: { widthM: number; depthM: number; heightM: number }
}

/** Splits a layout's racks into buckets by rack kind. Buckets with no racks are left out. */
export function rackBuckets(layout: Layout): RackBucket[] {
  const r = layout.racks
  const kinds: RackKind[] = ['hgx', 'nvl']
  const genKind = layout.config.generations.map((g) => g.rackKind)
  const out: RackBucket[] = []
  for (const kind of kinds) {
    let n = 0
    for (let i = 0; i < r.count; i++) if (genKind[r.generation[i]!] === kind) n++
    if (n === 0) continue
    const indices = new Uint32Array(n)
    const countAtPhase = new Uint32Array(layout.phases.length)
    let k = 0
    let p = 0
    for (let i = 0; i < r.count; i++) {
      while (p < layout.phases.length && i >= r.phaseEnd[p]!) countAtPhase[p++] = k
      if (genKind[r.generation[i]!] === kind) indices[k++] = i
    }
    while (p < layout.phases.length) countAtPhase[p++] = k
    const rack = layout.halls[r.hall[indices[0]!]!]!.grid.rack
    out.push({ kind, indices, countAtPhase, sizeM: { ...rack } })
  }
  return out
}

/**
 * Writes instance matrices (column-major 4×4: scale to the rack's own size, rotate about y,
 * translate) for a bucket into `out` (16 floats per instance). Called once per layout, never
 * per frame.
 */
export function writeRackMatrices(layout: Layout, bucket: RackBucket, out: Float32Array): void {
  const r = layout.racks
  const base = bucket.sizeM
  for (let k = 0; k < bucket.indices.length; k++) {
    const i = bucket.indices[k]!
    const rack = layout.halls[r.hall[i]!]!.grid.rack
    const sx = rack.widthM / base.widthM
    const sy = rack.heightM / base.heightM
    const sz = rack.depthM / base.depthM
    const c = Math.cos(r.rotY[i]!)
    const s = Math.sin(r.rotY[i]!)
    const o = k * 16
    out[o] = c * sx
    out[o + 1] = 0
    out[o + 2] = -s * sx
    out[o + 3] = 0
    out[o + 4] = 0
    out[o + 5] = sy
    out[o + 6] = 0
    out[o + 7] = 0
    out[o + 8] = s * sz
    out[o + 9] = 0
    out[o + 10] = c * sz
    out[o + 11] = 0
    out[o + 12] = r.x[i]!
    out[o + 13] = 0
    out[o + 14] = r.z[i]!
    out[o + 15] = 1
  }
}

/**
 * Writes each rack's build key: phase + buildFraction × (1 − BUILD_FADE). A rack is fully
 * standing once the reveal uniform passes key + BUILD_FADE, so at reveal = p + 1 every rack
 * of phases ≤ p stands.
 */
export function writeBuildKeys(layout: Layout, bucket: RackBucket, out: Float32Array): void {
  const r = layout.racks
  for (let k = 0; k < bucket.indices.length; k++) {
    const i = bucket.indices[k]!
    out[k] = r.phase[i]! + r.buildFraction[i]! * (1 - BUILD_FADE)
  }
}

/** sRGB to linear, for uploading colours to a linear-space renderer. */
export const srgbToLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)

/**
 * Runs of a bucket: maximal stretches of racks that stand side by side in one array, added by
 * the same phase with the same generation. From afar a run is drawn as one box (its face
 * texture repeated once per rack), which is what eight touching racks look like at a metre a
 * pixel, for an eighth of the triangles. Runs keep build order, so the runs standing at
 * phase p are a prefix too.
 */
export interface RackRuns {
  /** Index (into bucket.indices) of each run's first rack. */
  start: Uint32Array
  /** Racks in each run. */
  length: Uint16Array
  countAtPhase: Uint32Array
}

/** Splits a bucket into runs. */
export function rackRuns(layout: Layout, bucket: RackBucket): RackRuns {
  const r = layout.racks
  const idx = bucket.indices
  const starts: number[] = []
  const lengths: number[] = []
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!
    const prev = k > 0 ? idx[k - 1]! : -1
    const continues =
      prev >= 0 &&
      lengths[lengths.length - 1]! < 0xffff &&
      r.hall[i] === r.hall[prev] &&
      r.row[i] === r.row[prev] &&
      r.array[i] === r.array[prev] &&
      r.slot[i] === r.slot[prev]! + 1 &&
      r.phase[i] === r.phase[prev] &&
      r.generation[i] === r.generation[prev]
    if (continues) lengths[lengths.length - 1]!++
    else {
      starts.push(k)
      lengths.push(1)
    }
  }
  const countAtPhase = new Uint32Array(layout.phases.length)
  let run = 0
  for (let p = 0; p < layout.phases.length; p++) {
    while (run < starts.length && r.phase[idx[starts[run]!]!]! <= p) run++
    countAtPhase[p] = run
  }
  return { start: Uint32Array.from(starts), length: Uint16Array.from(lengths), countAtPhase }
}

/**
 * Writes one matrix per run (centre between its end racks, scaled along the row to cover
 * them), the run's build key (its first rack's) and the texture repeat (racks in the run).
 */
export function writeRunAttributes(
  layout: Layout,
  bucket: RackBucket,
  runs: RackRuns,
  matrices: Float32Array,
  buildKeys: Float32Array,
  repeats: Float32Array,
): void {
  const r = layout.racks
  const base = bucket.sizeM
  for (let k = 0; k < runs.start.length; k++) {
    const first = bucket.indices[runs.start[k]!]!
    const n = runs.length[k]!
    const last = bucket.indices[runs.start[k]! + n - 1]!
    const rack = layout.halls[r.hall[first]!]!.grid.rack
    const sx = (n * rack.widthM) / base.widthM
    const sy = rack.heightM / base.heightM
    const sz = rack.depthM / base.depthM
    const c = Math.cos(r.rotY[first]!)
    const s = Math.sin(r.rotY[first]!)
    const o = k * 16
    matrices.fill(0, o, o + 16)
    matrices[o] = c * sx
    matrices[o + 2] = -s * sx
    matrices[o + 5] = sy
    matrices[o + 8] = s * sz
    matrices[o + 10] = c * sz
    matrices[o + 12] = (r.x[first]! + r.x[last]!) / 2
    matrices[o + 14] = (r.z[first]! + r.z[last]!) / 2
    matrices[o + 15] = 1
    buildKeys[k] = r.phase[first]! + r.buildFraction[first]! * (1 - BUILD_FADE)
    repeats[k] = n
  }
}
