/**
 * The rack material: MeshLambertMaterial (cheap per pixel: hundreds of thousands of rack pixels
 * on software renderers) plus a build animation driven on the GPU. Each instance has an
 * `aBuild` key (phase + position in its phase's build order, see writeBuildKeys); the `uReveal`
 * uniform is the animation clock in phases. A rack rises from the floor as uReveal passes its
 * key: nothing per frame touches instance matrices.
 */
import { Color, MeshLambertMaterial, type Texture } from 'three'
import { BUILD_FADE } from '../domain/timeline/timeline'

/**
 * The `uReveal` uniform: the animation clock in phases (racks with key + BUILD_FADE ≤ value
 * stand fully). One per scene, shared by its rack materials; set `.value` to animate.
 */
export interface RevealUniform {
  value: number
}

/** Creates the material of one rack kind, animated by `reveal`. */
export function createRackMaterial(
  map: Texture,
  emissiveMap: Texture,
  reveal: RevealUniform,
): MeshLambertMaterial {
  const m = new MeshLambertMaterial({
    map,
    emissiveMap,
    emissive: new Color('#d9f7ff'),
    emissiveIntensity: 0.55,
  })
  m.onBeforeCompile = (shader) => {
    shader.uniforms.uReveal = reveal
    shader.vertexShader = shader.vertexShader
      .replace(
        '#include <common>',
        `#include <common>
attribute float aBuild;
attribute float aRepeat;
uniform float uReveal;`,
      )
      .replace(
        '#include <uv_vertex>',
        `#include <uv_vertex>
// A run of racks drawn as one box repeats the rack face once per rack.
vMapUv.x *= aRepeat;
vEmissiveMapUv.x *= aRepeat;`,
      )
      .replace(
        '#include <begin_vertex>',
        `#include <begin_vertex>
float buildK = clamp((uReveal - aBuild) / ${BUILD_FADE.toFixed(4)}, 0.0, 1.0);
// Rise from the floor: scale height; a rack not yet built collapses to nothing.
transformed.y *= buildK;
transformed.xz *= step(0.0001, buildK);`,
      )
  }
  // One program for all rack materials that share this shader code.
  m.customProgramCacheKey = () => 'rack-build-v2'
  return m
}
