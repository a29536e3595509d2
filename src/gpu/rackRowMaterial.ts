/**
 * The material of the far level of detail, one box per row of racks (see rackRows): the rack
 * material of its kind (same textures, lighting and build animation, whatever createRackMaterial
 * makes) with a fragment stage that turns a row box back into its racks:
 *
 * - the gaps between arrays are cut out (discard), so the floor shows through them as it does
 *   between runs;
 * - each rack's face is drawn from its own place along the row, so the servers and GPU marks
 *   line up with the racks' as they do one by one;
 * - during the build animation each rack is cut to its own rise (its build key is the first
 *   rack's plus one step per rack), so racks not yet built are not drawn. The box itself rises
 *   with the row's first rack (the rack material's `aBuild`).
 *
 * The array-gap end faces of racks are not drawn (a row box has only two ends): at the distance
 * rows are drawn (ROW_LOD_DISTANCE_M) such a face is a pixel or two wide at 4K.
 */
import {
  type Material,
  ShaderChunk,
  type WebGLProgramParametersWithUniforms,
  type WebGLRenderer,
} from 'three'
import { BUILD_FADE } from '../domain/timeline/timeline'

const VERTEX_DECLARATIONS = `
attribute vec4 aRowSpec;
attribute vec4 aRowBuild;
uniform vec2 uRowRackM;
varying vec4 vRowSpec;
varying vec4 vRowBuild;
varying vec3 vRowLocal;`

const VERTEX_MAIN = `
// x: rack widths from the box's -x end; y: height (set after the rise); z: which face.
vRowSpec = aRowSpec;
vRowBuild = vec4(aRowBuild.xy, aBuild, 0.0);
vRowLocal = vec3((position.x / uRowRackM.x + 0.5) * aRowSpec.w, 0.0, normal.z);`

const FRAGMENT_DECLARATIONS = `
uniform float uReveal;
varying vec4 vRowSpec;
varying vec4 vRowBuild;
varying vec3 vRowLocal;`

const FRAGMENT_MAIN = `
// Racks counted from the start of the first rack's array; period = one array and its gap.
float rowPos = vRowLocal.x + vRowSpec.x;
float rowPeriod = vRowSpec.y + vRowSpec.z;
float rowArray = floor(rowPos / rowPeriod);
float rowWithin = rowPos - rowArray * rowPeriod;
if (rowWithin > vRowSpec.y) discard;
float rowRack = clamp(rowArray * vRowSpec.y + floor(rowWithin) - vRowSpec.x, 0.0, vRowBuild.x - 1.0);
float rowRise = clamp((uReveal - (vRowBuild.z + rowRack * vRowBuild.y)) / ${BUILD_FADE.toFixed(4)}, 0.0, 1.0);
if (vRowLocal.y > rowRise + 0.001) discard;
// The face texture repeats once per rack (RepeatWrapping); the back face runs the other way.
vec2 rowUv = vMapUv;
if (vRowLocal.z > 0.5) rowUv.x = rowWithin;
else if (vRowLocal.z < -0.5) rowUv.x = -rowWithin;
`

/**
 * Derives the row material from a rack material `base` (which keeps its own shader changes).
 * `rackM` is the size of the rack geometry the row meshes share (width and height, metres).
 * Dispose the result with the base.
 */
export function createRackRowMaterial(base: Material, rackM: { widthM: number; heightM: number }): Material {
  const m = base.clone()
  const baseCompile = base.onBeforeCompile.bind(base)
  m.onBeforeCompile = (shader: WebGLProgramParametersWithUniforms, renderer: WebGLRenderer) => {
    baseCompile(shader, renderer)
    shader.uniforms.uRowRackM = { value: [rackM.widthM, rackM.heightM] }
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', `#include <common>${VERTEX_DECLARATIONS}`)
      .replace('#include <uv_vertex>', `#include <uv_vertex>${VERTEX_MAIN}`)
      // After the rise: the height a fragment is at, in rack heights.
      .replace(
        '#include <project_vertex>',
        'vRowLocal.y = transformed.y / uRowRackM.y;\n#include <project_vertex>',
      )
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', `#include <common>${FRAGMENT_DECLARATIONS}`)
      .replace('#include <clipping_planes_fragment>', `${FRAGMENT_MAIN}#include <clipping_planes_fragment>`)
      .replace('#include <map_fragment>', ShaderChunk.map_fragment.replace('vMapUv', 'rowUv'))
      .replace(
        '#include <emissivemap_fragment>',
        ShaderChunk.emissivemap_fragment.replace('vEmissiveMapUv', 'rowUv'),
      )
  }
  const baseKey = base.customProgramCacheKey.bind(base)
  m.customProgramCacheKey = () => `${baseKey()}-rows-v1`
  return m
}
