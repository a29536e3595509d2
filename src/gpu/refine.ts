/**
 * Anti-aliasing by jittered supersampling, for the draft tier. The canvas has no multisampling:
 * on software renderers 4× MSAA nearly doubled every draft frame (55 → 33 ms at the 1M campus
 * view under llvmpipe), for every frame of a drag. So a draft frame is drawn plain while the
 * view changes, and once it rests the picture is drawn again `samples` times, each shifted by a
 * fraction of a pixel, and averaged: edges, textures and thin lines are anti-aliased, better
 * than MSAA (which smooths edges only).
 *
 * Each sample is drawn straight into the canvas, exactly as a plain frame is (same shader
 * programs, same blending, same tone map and colour encoding), copied out, and summed; the sum
 * is then drawn back over the region. So the averaged picture differs from the plain one only
 * at the edges, and no shader is compiled twice. The jitter goes on top of the camera's own view
 * offset, so a tile of a still is refined like the whole view (tile-safe).
 */
import {
  CustomBlending,
  FramebufferTexture,
  HalfFloatType,
  Mesh,
  NearestFilter,
  NoBlending,
  OneFactor,
  OrthographicCamera,
  type PerspectiveCamera,
  PlaneGeometry,
  type Scene,
  ShaderMaterial,
  Vector2,
  type WebGLRenderer,
  WebGLRenderTarget,
} from 'three'
import { saveCameraView } from './cameraView'

const VERTEX = /* glsl */ `
varying vec2 vUv;
void main() {
  vUv = uv;
  gl_Position = vec4(position.xy, 0.0, 1.0);
}`

/** Raw texel times a weight: no tone map or colour encoding (the texels are the canvas's own). */
const FRAGMENT = /* glsl */ `
uniform sampler2D uTex;
uniform float uWeight;
varying vec2 vUv;
void main() {
  gl_FragColor = texture2D(uTex, vUv) * uWeight;
}`

/** Draws regions of the canvas again, supersampled. Owns GPU buffers: dispose it. */
export interface Refiner {
  /**
   * Draws `scene` once per jitter (x0, y0, x1, y1, … pixels: domain/sampling restJitter) into
   * the canvas region (0, 0, width, height) of the bound viewport, and leaves their average there.
   */
  refine(
    gl: WebGLRenderer,
    scene: Scene,
    camera: PerspectiveCamera,
    width: number,
    height: number,
    jitter: Float64Array,
  ): void
  dispose(): void
}

/** A refiner; its buffers follow the size of the region refined. */
export function createRefiner(): Refiner {
  let frame: FramebufferTexture | null = null
  let sum: WebGLRenderTarget | null = null
  const material = new ShaderMaterial({
    uniforms: { uTex: { value: null }, uWeight: { value: 1 } },
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    depthTest: false,
    depthWrite: false,
    toneMapped: false,
  })
  const quad = new Mesh(new PlaneGeometry(2, 2), material)
  quad.frustumCulled = false
  const quadCamera = new OrthographicCamera()
  const origin = new Vector2()

  const sizeBuffers = (width: number, height: number) => {
    if (frame && frame.image.width === width && frame.image.height === height) return
    frame?.dispose()
    sum?.dispose()
    frame = new FramebufferTexture(width, height)
    sum = new WebGLRenderTarget(width, height, {
      type: HalfFloatType,
      depthBuffer: false,
      minFilter: NearestFilter,
      magFilter: NearestFilter,
    })
  }

  return {
    refine(gl, scene, camera, width, height, jitter) {
      const samples = jitter.length / 2
      sizeBuffers(width, height)
      const { view, restore: restoreCamera } = saveCameraView(camera)
      const autoClear = gl.autoClear
      const target = gl.getRenderTarget()
      try {
        for (let k = 0; k < samples; k++) {
          const dx = jitter[2 * k]!
          const dy = jitter[2 * k + 1]!
          // The view's offsets are in its full image's pixels, which are the canvas's here.
          if (view)
            camera.setViewOffset(
              view.fullWidth,
              view.fullHeight,
              view.offsetX + dx,
              view.offsetY + dy,
              view.width,
              view.height,
            )
          else camera.setViewOffset(width, height, dx, dy, width, height)
          // Each sample is a whole picture: cleared first, whatever the renderer was left with
          // (postprocessing's composer turns autoClear off for good).
          gl.setRenderTarget(target)
          gl.autoClear = true
          gl.render(scene, camera)
          gl.copyFramebufferToTexture(frame!, origin)
          // Add this sample into the sum: the first overwrites.
          gl.setRenderTarget(sum)
          gl.autoClear = false
          material.uniforms.uTex!.value = frame
          material.uniforms.uWeight!.value = 1 / samples
          material.blending = k === 0 ? NoBlending : CustomBlending
          material.blendSrc = OneFactor
          material.blendDst = OneFactor
          gl.render(quad, quadCamera)
        }
        // The average back over the region, as it is (premultiplied, encoded: the canvas's own texels).
        gl.setRenderTarget(target)
        material.uniforms.uTex!.value = sum!.texture
        material.uniforms.uWeight!.value = 1
        material.blending = NoBlending
        gl.render(quad, quadCamera)
      } finally {
        gl.autoClear = autoClear
        restoreCamera()
        gl.setRenderTarget(target)
      }
    },
    dispose() {
      frame?.dispose()
      sum?.dispose()
      material.dispose()
      quad.geometry.dispose()
    },
  }
}
