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
import { POWER_RAMP } from '../domain/color/colorModes'
import { SWING_SHARPNESS } from '../domain/power/swing'
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
function patchRack(
  m: Material,
  reveal: RevealUniform,
  uv: boolean,
  key: string,
  swing?: SwingUniforms,
): void {
  m.onBeforeCompile = (shader) => {
    shader.uniforms.uReveal = reveal
    let vs = shader.vertexShader
      .replace('#include <common>', DECLARATIONS)
      .replace('#include <begin_vertex>', RISE)
    if (swing) {
      Object.assign(shader.uniforms, swing)
      vs = vs
        .replace('#include <common>', `#include <common>${SWING_DECLARATIONS}`)
        .replace('#include <color_vertex>', SWING_COLOR)
    }
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
  m.customProgramCacheKey = swing ? () => `${key}-swing-v1` : () => key
}

// ---- Power colours and the training swing ----
// Racks of a training job (`aJob` 1) swing between their compute draw (`aDrawKw`, the scenario's)
// and their communication draw, all in step, driven by one uniform (`uSwingPhase`, the cycle's
// phase in [0, 1)): nothing per frame touches instance colours. In the power colour mode the job's
// racks are recoloured by their draw on the power ramp; in the other modes they dim as they shed load.

/**
 * The uniforms of the training swing, one set per scene, shared by its rack materials. Set
 * `.value` to animate; `uSwingPhase` is the only one that changes per frame.
 */
export interface SwingUniforms {
  /** 1 while the swing animation runs, else 0. */
  uSwingOn: { value: number }
  /** Phase of the compute/communication cycle, [0, 1): time ÷ period, fractional part. */
  uSwingPhase: { value: number }
  /** Share of its load a job rack sheds while communicating (the scenario's depth). */
  uSwingDepth: { value: number }
  /** 1 in the power colour mode, else 0. */
  uPowerMode: { value: number }
  /** The power ramp's [min, max], kW (powerRangeKw). */
  uPowerRangeKw: { value: [number, number] }
  /** The ramp's stops, sRGB, 3 floats each. */
  uPowerRamp: { value: Float32Array }
}

/** Fresh swing uniforms: the swing off, the power ramp's stops filled in. */
export function createSwingUniforms(): SwingUniforms {
  return {
    uSwingOn: { value: 0 },
    uSwingPhase: { value: 0 },
    uSwingDepth: { value: 0 },
    uPowerMode: { value: 0 },
    uPowerRangeKw: { value: [0, 1] },
    uPowerRamp: { value: Float32Array.from(POWER_RAMP.flat()) },
  }
}

const SWING_DECLARATIONS = `
attribute float aDrawKw;
attribute float aJob;
uniform float uSwingOn;
uniform float uSwingPhase;
uniform float uSwingDepth;
uniform float uPowerMode;
uniform vec2 uPowerRangeKw;
uniform vec3 uPowerRamp[${POWER_RAMP.length}];
// sampleRamp (domain/color) in GLSL, then sRGB to linear as colours are uploaded.
vec3 powerRampLinear(float t) {
  float x = clamp(t, 0.0, 1.0) * ${(POWER_RAMP.length - 1).toFixed(1)};
  int i = int(min(${(POWER_RAMP.length - 2).toFixed(1)}, floor(x)));
  vec3 c = mix(uPowerRamp[i], uPowerRamp[i + 1], x - float(i));
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(vec3(0.04045), c));
}`

// swingWave and swingLoadFactor (domain/power/swing) in GLSL.
const SWING_COLOR = `#include <color_vertex>
#ifdef USE_INSTANCING_COLOR
if (uSwingOn > 0.5 && aJob > 0.5) {
  float swingW = clamp(0.5 + ${SWING_SHARPNESS.toFixed(4)} * sin(6.28318530718 * uSwingPhase), 0.0, 1.0);
  float swingF = 1.0 - uSwingDepth * (1.0 - swingW);
  if (uPowerMode > 0.5)
    vColor.rgb = powerRampLinear((aDrawKw * swingF - uPowerRangeKw.x) / (uPowerRangeKw.y - uPowerRangeKw.x));
  else vColor.rgb *= swingF;
}
#endif`

/** The look of a painted steel rack in the physically based tiers. */
export const RACK_PAINT = { roughness: 0.5, metalness: 0.2, envMapIntensity: 0.35 } as const

/**
 * Creates the material of one rack kind for `tier`, animated by `reveal` and, when given, by the
 * training swing of `swing`. @default tier 'draft'
 */
export function createRackMaterial(
  map: Texture,
  emissiveMap: Texture,
  reveal: RevealUniform,
  tier: QualityTier = 'draft',
  swing?: SwingUniforms,
): MeshLambertMaterial | MeshStandardMaterial {
  const common = { map, emissiveMap, emissive: new Color('#d9f7ff'), emissiveIntensity: 0.55 }
  if (tier === 'draft') {
    const m = new MeshLambertMaterial(common)
    patchRack(m, reveal, true, 'rack-build-v2', swing)
    return m
  }
  const m = new MeshStandardMaterial({ ...common, ...RACK_PAINT, emissiveIntensity: 0.45 })
  patchRack(m, reveal, true, 'rack-build-pbr-v1', swing)
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
