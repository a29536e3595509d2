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
