/**
 * The post-processing pipeline of the `high` and `presentation` tiers, loaded on demand (it pulls
 * `postprocessing` and `n8ao`; nothing of it is in the first page load): the scene rendered
 * into a half-float buffer, N8AO ambient occlusion at half resolution, SMAA (high) and an output
 * pass that averages jittered samples (presentation) and writes the result to the canvas with
 * the renderer's tone map (Neutral) and output colour space.
 */
import { N8AOPostPass } from 'n8ao'
import { EffectComposer, EffectPass, Pass, RenderPass, SMAAEffect, SMAAPreset } from 'postprocessing'
import {
  type Camera,
  HalfFloatType,
  PMREMGenerator,
  type Scene,
  ShaderMaterial,
  type Texture,
  Uniform,
  type WebGLRenderer,
  WebGLRenderTarget,
} from 'three'
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js'

const VERTEX = `varying vec2 vUv;
void main() {
  vUv = position.xy * 0.5 + 0.5;
  gl_Position = vec4(position.xy, 1.0, 1.0);
}`

/** out = mix(previous average, new sample, weight): the running mean of the samples. */
const BLEND = `uniform sampler2D tPrev;
uniform sampler2D tNew;
uniform float weight;
varying vec2 vUv;
void main() {
  gl_FragColor = mix(texture2D(tPrev, vUv), texture2D(tNew, vUv), weight);
}`

/** Writes a linear HDR buffer to the output: the renderer's tone map and colour space. */
const OUTPUT = `uniform sampler2D tDiffuse;
varying vec2 vUv;
void main() {
  gl_FragColor = texture2D(tDiffuse, vUv);
  #include <tonemapping_fragment>
  #include <colorspace_fragment>
}`

/**
 * The last pass: with `sample` ≥ 0 it folds the input into a running average (weight
 * 1 / (sample + 1)) and shows the average; with `sample` < 0 it shows the input as is.
 */
class OutputPass extends Pass {
  /** Index of the sample being rendered (0 starts a new average), or -1 for no accumulation. */
  sample = -1
  private readonly blend: ShaderMaterial
  private readonly output: ShaderMaterial
  private a: WebGLRenderTarget
  private b: WebGLRenderTarget

  constructor() {
    super('OutputPass')
    this.blend = new ShaderMaterial({
      uniforms: { tPrev: new Uniform(null), tNew: new Uniform(null), weight: new Uniform(1) },
      vertexShader: VERTEX,
      fragmentShader: BLEND,
      depthTest: false,
      depthWrite: false,
      toneMapped: false,
    })
    this.output = new ShaderMaterial({
      uniforms: { tDiffuse: new Uniform(null) },
      vertexShader: VERTEX,
      fragmentShader: OUTPUT,
      depthTest: false,
      depthWrite: false,
    })
    this.fullscreenMaterial = this.output
    this.a = new WebGLRenderTarget(1, 1, { type: HalfFloatType, depthBuffer: false })
    this.b = this.a.clone()
    this.needsSwap = false
  }

  override render(renderer: WebGLRenderer, inputBuffer: WebGLRenderTarget): void {
    let shown: Texture = inputBuffer.texture
    if (this.sample >= 0) {
      this.blend.uniforms.tPrev!.value = this.a.texture
      this.blend.uniforms.tNew!.value = inputBuffer.texture
      this.blend.uniforms.weight!.value = 1 / (this.sample + 1)
      this.fullscreenMaterial = this.blend
      renderer.setRenderTarget(this.b)
      renderer.render(this.scene, this.camera)
      ;[this.a, this.b] = [this.b, this.a]
      shown = this.a.texture
    }
    this.output.uniforms.tDiffuse!.value = shown
    this.fullscreenMaterial = this.output
    renderer.setRenderTarget(null)
    renderer.render(this.scene, this.camera)
  }

  override setSize(width: number, height: number): void {
    this.a.setSize(width, height)
    this.b.setSize(width, height)
  }

  override dispose(): void {
    this.a.dispose()
    this.b.dispose()
    this.blend.dispose()
    this.output.dispose()
  }
}

/** What a pipeline draws. */
export interface PipelineOptions {
  /** Ambient occlusion. @default true */
  ao?: boolean
  /** SMAA anti-aliasing (the high tier; presentation anti-aliases by jitter). @default true */
  smaa?: boolean
  /** AO samples per pixel (fewer when many jittered samples are averaged). @default 16 */
  aoSamples?: number
  /**
   * When averaging jittered samples: the AO is computed (with fresh noise, accumulated by N8AO)
   * for this many samples only, then reused: ambient occlusion is soft and barely moves with a
   * sub-pixel jitter, and it is the dearest pass on software renderers. @default 2
   */
  aoFrames?: number
}

/** A scene's post-processing chain, drawing into the renderer's canvas. */
export interface QualityPipeline {
  /** Sizes the renderer (CSS pixels, style untouched) and the buffers to its drawing buffer. */
  setSize(width: number, height: number): void
  /** Turns ambient occlusion on or off (the performance monitor drops it when frames get slow). */
  setAO(on: boolean): void
  /**
   * Renders a frame; `sample` ≥ 0 adds it to the running average of jittered samples and shows
   * that (sample 0 starts a new average). `camera` must already hold the sample's matrices.
   */
  render(sample?: number): void
  dispose(): void
}

/** Builds the pipeline for `scene` seen by `camera`. */
export function createQualityPipeline(
  gl: WebGLRenderer,
  scene: Scene,
  camera: Camera,
  opts: PipelineOptions = {},
): QualityPipeline {
  const composer = new EffectComposer(gl, { frameBufferType: HalfFloatType })
  composer.autoRenderToScreen = false
  composer.addPass(new RenderPass(scene, camera))
  const ao = new N8AOPostPass(scene, camera, 1, 1)
  ao.configuration.halfRes = true
  ao.configuration.aoRadius = 3
  ao.configuration.distanceFalloff = 1.5
  ao.configuration.intensity = 2.2
  ao.configuration.aoSamples = opts.aoSamples ?? 16
  ao.configuration.denoiseSamples = opts.aoSamples !== undefined && opts.aoSamples < 16 ? 4 : 8
  ao.configuration.denoiseRadius = 8
  ao.enabled = opts.ao ?? true
  ao.configuration.accumulate = true
  const aoFrames = Math.max(1, opts.aoFrames ?? 2)
  composer.addPass(ao)
  if (opts.smaa ?? true) composer.addPass(new EffectPass(camera, new SMAAEffect({ preset: SMAAPreset.HIGH })))
  const output = new OutputPass()
  composer.addPass(output)
  return {
    setSize: (width, height) => composer.setSize(width, height, false),
    setAO: (on) => {
      ao.enabled = on
    },
    render: (sample = -1) => {
      if (sample < 0) ao.needsFrame = true
      else if (sample === 0) ao.needsFrame = true
      else {
        // N8AO accumulates while the camera matrices stay: let the jittered ones count as the
        // same view, computing AO (with the frame's noise) for the first `aoFrames` samples only.
        camera.updateMatrixWorld()
        ao.lastViewMatrix.copy(camera.matrixWorldInverse)
        ao.lastProjectionMatrix.copy(camera.projectionMatrix)
        ao.frame = sample < aoFrames ? sample - 1 : 1e9
      }
      output.sample = sample
      // Count the frame's draw calls and triangles over all passes (renderInfo), not the last pass's.
      gl.info.autoReset = false
      gl.info.reset()
      try {
        composer.render(0)
      } finally {
        gl.info.autoReset = true
      }
    },
    dispose: () => composer.dispose(),
  }
}

/**
 * A small studio environment generated in code (three's RoomEnvironment, prefiltered): soft
 * reflections for painted metal and glass. No file is downloaded. The caller disposes it.
 */
export function createEnvironment(gl: WebGLRenderer): Texture {
  const pmrem = new PMREMGenerator(gl)
  const room = new RoomEnvironment()
  const texture = pmrem.fromScene(room, 0.04).texture
  room.dispose()
  pmrem.dispose()
  return texture
}
