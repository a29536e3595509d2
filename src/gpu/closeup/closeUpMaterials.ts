/**
 * Materials and generated textures of the close-up. Solid surfaces come from
 * createSurfaceMaterial (so the quality tier swaps them); rack materials are patched so that
 * `aTint` mixes the legend colour in per vertex, and the build animation (`uReveal` against the
 * per-instance `aBuild`, as in ../rackMaterial.ts) raises a detailed rack exactly as it raises
 * the rack box inside it.
 */
import {
  DoubleSide,
  type Material,
  MeshBasicMaterial,
  MeshDepthMaterial,
  RGBADepthPacking,
  type Texture,
} from 'three'
import type { QualityTier } from '../../domain/quality'
import { BUILD_FADE } from '../../domain/timeline/timeline'
import { repeatingTexture } from '../dataTexture'
import type { RevealUniform } from '../rackMaterial'
import { createSurfaceMaterial } from '../surface'

/** Texels across one floor tile: ≥ 1 texel per screen pixel at the rack preset on a 1080p screen. */
const FLOOR_TEX = 512
/** Texels across one perforation tile of a door (DOOR_TILE_M = 6 cm: 2,100 texels a metre). */
const PERF_TEX = 128

const dataTexture = (data: Uint8Array, size: number, srgb: boolean, anisotropy: number): Texture =>
  repeatingTexture(data, size, size, { srgb, anisotropy })

/**
 * One raised-floor tile (sRGB): light grey with a fine speckle, a dark seam and a bevel at its
 * edges. Deterministic (a hash, no random numbers).
 */
export function paintFloorTile(size = FLOOR_TEX): Uint8Array {
  const data = new Uint8Array(size * size * 4)
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const edge = Math.min(x, y, size - 1 - x, size - 1 - y)
      const h = ((x * 73856093) ^ (y * 19349663)) >>> 0
      let v = 206 + ((h >>> 7) % 9) - 4
      if (edge < 3) v = 92
      else if (edge < 7) v = x < 7 || y < 7 ? 226 : 178
      const o = (y * size + x) * 4
      data[o] = v
      data[o + 1] = v + 2
      data[o + 2] = v + 5
      data[o + 3] = 255
    }
  return data
}

/** A perforated sheet's alpha (linear): round holes on a staggered 6 mm pitch, 45% open. */
export function paintPerforation(size = PERF_TEX): Uint8Array {
  const data = new Uint8Array(size * size * 4)
  const holes = 10
  const pitch = size / holes
  const radius = pitch * 0.38
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / pitch)
      const cx = (Math.floor(x / pitch - (row % 2) * 0.5) + 0.5 + (row % 2) * 0.5) * pitch
      const cy = (row + 0.5) * pitch
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy)
      // Anti-aliased hole edge, a texel wide.
      const a = Math.min(1, Math.max(0, d - radius + 0.5))
      const v = Math.round(40 + 215 * a)
      const o = (y * size + x) * 4
      data[o] = v
      data[o + 1] = v
      data[o + 2] = v
      data[o + 3] = 255
    }
  return data
}

/** Adds the build animation (and the per-vertex legend tint) to a material's vertex shader. */
function patchRack(m: Material, reveal: RevealUniform, tint: boolean, key: string): void {
  m.onBeforeCompile = (shader) => {
    shader.uniforms.uReveal = reveal
    let vs = shader.vertexShader
      .replace(
        '#include <common>',
        `#include <common>
attribute float aBuild;
${tint ? 'attribute float aTint;' : ''}
uniform float uReveal;`,
      )
      .replace(
        '#include <begin_vertex>',
        `#include <begin_vertex>
float buildK = clamp((uReveal - aBuild) / ${BUILD_FADE.toFixed(4)}, 0.0, 1.0);
transformed.y *= buildK;
transformed.xz *= step(0.0001, buildK);`,
      )
    if (tint)
      vs = vs.replace(
        '#include <color_vertex>',
        `vColor = vec4(1.0);
#ifdef USE_COLOR
vColor.rgb *= color;
#endif
#ifdef USE_INSTANCING_COLOR
vColor.rgb *= mix(vec3(1.0), instanceColor.rgb, aTint);
#endif`,
      )
    shader.vertexShader = vs
  }
  m.customProgramCacheKey = () => `closeup-${key}-v1`
}

/** Every material of the close-up for one quality tier. */
export interface CloseUpMaterials {
  rackBody: Material
  rackLights: Material
  rackDoor: Material
  /** Shadow depth of rack detail, raised by the build animation like the racks. */
  rackDepth: Material
  hallBody: Material
  hallGlass: Material
  hallFloor: Material
  dispose: () => void
}

/** Creates the close-up's materials for `tier`; rack materials follow `reveal`. */
export function createCloseUpMaterials(tier: QualityTier, reveal: RevealUniform): CloseUpMaterials {
  // The floor is seen at grazing angles: anisotropic filtering keeps its seams sharp into the
  // distance. Perforations face the camera at the rack preset; 2 is enough. In draft (software
  // renderers) anisotropic filtering is off: at the rack preset on llvmpipe it cost about a
  // quarter of the frame (the floor fills half the screen).
  const draft = tier === 'draft'
  const floorMap = dataTexture(paintFloorTile(), FLOOR_TEX, true, draft ? 1 : 4)
  const perforation = dataTexture(paintPerforation(), PERF_TEX, false, draft ? 1 : 2)
  const rackBody = createSurfaceMaterial(
    { color: '#ffffff', vertexColors: true, roughness: 0.5, metalness: 0.4 },
    tier,
  )
  // Perforated grilles: the perforation multiplies their colour; every other part samples the
  // texture's origin, plain metal (see PartBuilder.textured).
  rackBody.map = perforation
  patchRack(rackBody, reveal, true, `body-${tier}`)
  const rackLights = new MeshBasicMaterial({ vertexColors: true })
  patchRack(rackLights, reveal, true, 'lights')
  const rackDoor = createSurfaceMaterial(
    { color: '#23262b', roughness: 0.45, metalness: 0.6, transparent: true, depthWrite: false },
    tier,
  )
  rackDoor.alphaMap = perforation
  patchRack(rackDoor, reveal, false, `door-${tier}`)
  const rackDepth = new MeshDepthMaterial({ depthPacking: RGBADepthPacking })
  patchRack(rackDepth, reveal, false, 'depth')
  const hallBody = createSurfaceMaterial(
    { color: '#ffffff', vertexColors: true, roughness: 0.6, metalness: 0.3 },
    tier,
  )
  const hallGlass = createSurfaceMaterial(
    { color: '#bcd3e6', roughness: 0.08, metalness: 0.1, transparent: true, opacity: 0.3, depthWrite: false },
    tier,
  )
  hallGlass.side = DoubleSide
  const hallFloor = createSurfaceMaterial({ color: '#ffffff', roughness: 0.7, metalness: 0 }, tier)
  hallFloor.map = floorMap
  const all = [rackBody, rackLights, rackDoor, rackDepth, hallBody, hallGlass, hallFloor]
  return {
    rackBody,
    rackLights,
    rackDoor,
    rackDepth,
    hallBody,
    hallGlass,
    hallFloor,
    dispose: () => {
      for (const m of all) m.dispose()
      floorMap.dispose()
      perforation.dispose()
    },
  }
}
