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

/**
 * Splits a bucket into maximal groups of racks, in bucket (build) order: rack i joins the group
 * of the rack before it, prev, when `joins(i, prev)`. Groups of phases ≤ p are a prefix.
 */
function groupRacks(
  layout: Layout,
  bucket: RackBucket,
  joins: (i: number, prev: number) => boolean,
): RackRuns {
  const r = layout.racks
  const idx = bucket.indices
  const starts: number[] = []
  const lengths: number[] = []
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!
    const prev = k > 0 ? idx[k - 1]! : -1
    if (prev >= 0 && lengths[lengths.length - 1]! < 0xffff && joins(i, prev)) lengths[lengths.length - 1]!++
    else {
      starts.push(k)
      lengths.push(1)
    }
  }
  const countAtPhase = new Uint32Array(layout.phases.length)
  let group = 0
  for (let p = 0; p < layout.phases.length; p++) {
    while (group < starts.length && r.phase[idx[starts[group]!]!]! <= p) group++
    countAtPhase[p] = group
  }
  return { start: Uint32Array.from(starts), length: Uint16Array.from(lengths), countAtPhase }
}

/** Splits a bucket into runs. */
export function rackRuns(layout: Layout, bucket: RackBucket): RackRuns {
  const r = layout.racks
  return groupRacks(
    layout,
    bucket,
    (i, prev) =>
      r.hall[i] === r.hall[prev] &&
      r.row[i] === r.row[prev] &&
      r.array[i] === r.array[prev] &&
      r.slot[i] === r.slot[prev]! + 1 &&
      r.phase[i] === r.phase[prev] &&
      r.generation[i] === r.generation[prev],
  )
}

/**
 * Writes, at instance `k` of `out`, the matrix of a box spanning racks `first` to `last` (their
 * centres' midpoint), turned by `angleRad` about y and scaled by (sx, sy, sz).
 */
function writeSpanMatrix(
  r: Layout['racks'],
  first: number,
  last: number,
  angleRad: number,
  scale: [number, number, number],
  out: Float32Array,
  k: number,
): void {
  const c = Math.cos(angleRad)
  const s = Math.sin(angleRad)
  const o = k * 16
  out.fill(0, o, o + 16)
  out[o] = c * scale[0]
  out[o + 2] = -s * scale[0]
  out[o + 5] = scale[1]
  out[o + 8] = s * scale[2]
  out[o + 10] = c * scale[2]
  out[o + 12] = (r.x[first]! + r.x[last]!) / 2
  out[o + 14] = (r.z[first]! + r.z[last]!) / 2
  out[o + 15] = 1
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
    writeSpanMatrix(r, first, last, r.rotY[first]!, [sx, sy, sz], matrices, k)
    buildKeys[k] = r.phase[first]! + r.buildFraction[first]! * (1 - BUILD_FADE)
    repeats[k] = n
  }
}

/**
 * Rows of a bucket, the far level of detail: maximal stretches of racks that follow each other
 * in one hall row (across the gaps between its arrays), next to each other in the rack table
 * and added by the same phase with the same generation. A row is drawn as one box from its
 * first rack to its last; its fragment shader cuts the array gaps out and draws each rack's
 * face (so the picture matches racks and runs from afar) and hides racks not yet built (see
 * rackRowMaterial). Rows keep build order, so the rows standing at phase p are a prefix.
 */
export type RackRows = RackRuns

/** Splits a bucket into rows. */
export function rackRows(layout: Layout, bucket: RackBucket): RackRows {
  const r = layout.racks
  return groupRacks(layout, bucket, (i, prev) => {
    const perArray = layout.halls[r.hall[i]!]!.grid.racksPerArray
    // The next slot of the row: in the same array, or the first of the next array.
    const next =
      (r.array[i] === r.array[prev] && r.slot[i] === r.slot[prev]! + 1) ||
      (r.array[i] === r.array[prev]! + 1 && r.slot[i] === 0 && r.slot[prev] === perArray - 1)
    // Neighbours in the table too, so build keys grow by one step per rack along the row.
    return (
      next &&
      i === prev + 1 &&
      r.hall[i] === r.hall[prev] &&
      r.row[i] === r.row[prev] &&
      r.phase[i] === r.phase[prev] &&
      r.generation[i] === r.generation[prev]
    )
  })
}

/** Per-instance data of the row boxes, 4 floats per row in `spec` and `build`. */
export interface RowAttributes {
  matrices: Float32Array
  /** Build key of the first rack (the box rises with it). */
  buildKeys: Float32Array
  /**
   * x: the first rack's slot in its array; y: racks per array; z: the gap between arrays in
   * rack widths; w: the box's length in rack widths (gaps included).
   */
  spec: Float32Array
  /** x: racks in the row; y: build-key step from one rack to the next; z, w: unused (0). */
  build: Float32Array
}

/**
 * Writes one matrix per row: a box from the first rack's outer edge to the last rack's, its
 * local +x pointing from the first rack to the last (so the shader counts racks from its −x
 * end), scaled to cover the racks and the array gaps between them.
 */
export function writeRowAttributes(
  layout: Layout,
  bucket: RackBucket,
  rows: RackRows,
  out: RowAttributes,
): void {
  const r = layout.racks
  const base = bucket.sizeM
  for (let k = 0; k < rows.start.length; k++) {
    const first = bucket.indices[rows.start[k]!]!
    const n = rows.length[k]!
    const last = bucket.indices[rows.start[k]! + n - 1]!
    const grid = layout.halls[r.hall[first]!]!.grid
    const rack = grid.rack
    const gaps = r.array[last]! - r.array[first]!
    const lengthM = n * rack.widthM + gaps * grid.arrayGapM
    let angle = r.rotY[first]!
    // Racks of a row face alternately; the box's +x must run from first to last rack.
    if (
      n > 1 &&
      (r.x[last]! - r.x[first]!) * Math.cos(angle) - (r.z[last]! - r.z[first]!) * Math.sin(angle) < 0
    )
      angle += Math.PI
    const scale: [number, number, number] = [
      lengthM / base.widthM,
      rack.heightM / base.heightM,
      rack.depthM / base.depthM,
    ]
    writeSpanMatrix(r, first, last, angle, scale, out.matrices, k)
    out.buildKeys[k] = r.phase[first]! + r.buildFraction[first]! * (1 - BUILD_FADE)
    const stepKey =
      n > 1 ? ((r.buildFraction[last]! - r.buildFraction[first]!) * (1 - BUILD_FADE)) / (n - 1) : 0
    out.spec.set(
      [r.slot[first]!, grid.racksPerArray, grid.arrayGapM / rack.widthM, lengthM / rack.widthM],
      k * 4,
    )
    out.build.set([n, stepKey, 0, 0], k * 4)
  }
}
