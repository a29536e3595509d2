/**
 * The rack material plus a build animation driven on the GPU. Each instance has an `aBuild`
 * key (phase + position in its phase's build order, see writeBuildKeys); the `uReveal` uniform
 * is the animation clock in phases. A rack rises from the floor as uReveal passes its key:
 * nothing per frame touches instance matrices.
 * - `draft`: MeshLambertMaterial (cheap per pixel: hundreds of thousands of rack pixels on
 *   software renderers).
 * - `high` / `presentation`: MeshStandardMaterial, painted metal, the same shader patch; and a
 *   depth material with the same vertex patch, so shadows follow the build reveal.
 */
import {
  Color,
  type Material,
  MeshDepthMaterial,
  MeshLambertMaterial,
  MeshStandardMaterial,
  type Texture,
} from 'three'
import type { QualityTier } from '../domain/quality'
import { BUILD_FADE } from '../domain/timeline/timeline'

/**
 * The `uReveal` uniform: the animation clock in phases (racks with key + BUILD_FADE ≤ value
 * stand fully). One per scene, shared by its rack materials; set `.value` to animate.
 */
export interface RevealUniform {
  value: number
}

const DECLARATIONS = `#include <common>
attribute float aBuild;
attribute float aRepeat;
uniform float uReveal;`

const RISE = `#include <begin_vertex>
float buildK = clamp((uReveal - aBuild) / ${BUILD_FADE.toFixed(4)}, 0.0, 1.0);
// Rise from the floor: scale height; a rack not yet built collapses to nothing.
transformed.y *= buildK;
transformed.xz *= step(0.0001, buildK);`

/** Adds the build animation (and, with `uv`, the per-run texture repeat) to a material's vertex shader. */
function patchRack(m: Material, reveal: RevealUniform, uv: boolean, key: string): void {
  m.onBeforeCompile = (shader) => {
    shader.uniforms.uReveal = reveal
    let vs = shader.vertexShader
      .replace('#include <common>', DECLARATIONS)
      .replace('#include <begin_vertex>', RISE)
    if (uv)
      vs = vs.replace(
        '#include <uv_vertex>',
        `#include <uv_vertex>
// A run of racks drawn as one box repeats the rack face once per rack.
vMapUv.x *= aRepeat;
vEmissiveMapUv.x *= aRepeat;`,
      )
    shader.vertexShader = vs
  }
  // One program for all rack materials that share this shader code.
  m.customProgramCacheKey = () => key
}

/** The look of a painted steel rack in the physically based tiers. */
export const RACK_PAINT = { roughness: 0.5, metalness: 0.2, envMapIntensity: 0.35 } as const

/** Creates the material of one rack kind for `tier`, animated by `reveal`. @default tier 'draft' */
export function createRackMaterial(
  map: Texture,
  emissiveMap: Texture,
  reveal: RevealUniform,
  tier: QualityTier = 'draft',
): MeshLambertMaterial | MeshStandardMaterial {
  const common = { map, emissiveMap, emissive: new Color('#d9f7ff'), emissiveIntensity: 0.55 }
  if (tier === 'draft') {
    const m = new MeshLambertMaterial(common)
    patchRack(m, reveal, true, 'rack-build-v2')
    return m
  }
  const m = new MeshStandardMaterial({ ...common, ...RACK_PAINT, emissiveIntensity: 0.45 })
  patchRack(m, reveal, true, 'rack-build-pbr-v1')
  return m
}

/**
 * The depth material shadow-casting racks draw the shadow map with (`mesh.customDepthMaterial`):
 * the same build animation, so a rack not yet built casts no shadow. The caller disposes it.
 */
export function createRackDepthMaterial(reveal: RevealUniform): MeshDepthMaterial {
  const m = new MeshDepthMaterial()
  patchRack(m, reveal, false, 'rack-build-depth-v1')
  return m
}
