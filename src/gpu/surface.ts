/**
 * Surface materials that follow the quality tier: Lambert in `draft` (cheap per pixel on
 * software renderers), physically based (MeshStandardMaterial) in `high` and `presentation`.
 * Every solid surface of the scene is made here, so a tier change swaps them all alike.
 */
import { Color, MeshLambertMaterial, MeshStandardMaterial } from 'three'
import type { QualityTier } from '../domain/quality'

/** What a surface is made of. Roughness and metalness are used by the physically based tiers only. */
export interface SurfaceSpec {
  color: string
  /** @default 0.8 */
  roughness?: number
  /** @default 0 */
  metalness?: number
  vertexColors?: boolean
  transparent?: boolean
  opacity?: number
  depthWrite?: boolean
}

/** Named surfaces shared by the scene: one look per material, whatever draws it. */
export const SURFACES = {
  concrete: { color: '#b9bcc0', roughness: 0.92, metalness: 0 },
  asphalt: { color: '#3a3d42', roughness: 0.95, metalness: 0 },
  wallPanel: { color: '#d7dbe0', roughness: 0.6, metalness: 0.25 },
  paintedSteel: { color: '#8d949c', roughness: 0.45, metalness: 0.6 },
  darkSteel: { color: '#2b2f35', roughness: 0.4, metalness: 0.7 },
  glass: { color: '#9fb6c8', roughness: 0.1, metalness: 0.1, transparent: true, opacity: 0.45 },
  grass: { color: '#6f8f4e', roughness: 1, metalness: 0 },
  /** White times per-vertex colours: merged context meshes (ground, roads, fences) that carry their own. */
  vertexColored: { color: '#ffffff', roughness: 0.92, metalness: 0, vertexColors: true },
  /** Tree crowns, tinted per instance. */
  foliage: { color: '#ffffff', roughness: 1, metalness: 0 },
  /** Ribbed metal cladding of building walls (a generated rib texture on top). */
  cladding: { color: '#c9ced3', roughness: 0.55, metalness: 0.3, vertexColors: true },
  /** Roof membrane. */
  roofMembrane: { color: '#a9b0b8', roughness: 0.85, metalness: 0 },
  /** Light concrete of the building floor slabs. */
  slab: { color: '#c9d1dc', roughness: 0.9, metalness: 0 },
  /** Fitted-out hall floors. */
  hallFloor: { color: '#eef2f6', roughness: 0.7, metalness: 0 },
  /** Site yards (the pads around the buildings): weathered concrete and gravel. */
  yard: { color: '#9a9d9e', roughness: 0.95, metalness: 0 },
  /** Plant enclosures and cabinets, tinted per part by vertex colours. */
  plantBody: { color: '#ffffff', roughness: 0.5, metalness: 0.35, vertexColors: true },
} as const satisfies Record<string, SurfaceSpec>

/** A material of `spec` for `tier`. The caller owns it and disposes it. */
export function createSurfaceMaterial(
  spec: SurfaceSpec,
  tier: QualityTier,
): MeshLambertMaterial | MeshStandardMaterial {
  const common = {
    color: new Color(spec.color),
    vertexColors: spec.vertexColors ?? false,
    transparent: spec.transparent ?? false,
    opacity: spec.opacity ?? 1,
    depthWrite: spec.depthWrite ?? true,
  }
  if (tier === 'draft') return new MeshLambertMaterial(common)
  return new MeshStandardMaterial({
    ...common,
    roughness: spec.roughness ?? 0.8,
    metalness: spec.metalness ?? 0,
  })
}
