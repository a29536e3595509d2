/** The part of n8ao (which ships no types) that the quality pipeline uses. */
declare module 'n8ao' {
  import type { Pass } from 'postprocessing'
  import type { Camera, Color, Matrix4, Scene } from 'three'

  /** N8AO's screen-space ambient occlusion as a `postprocessing` pass. */
  export class N8AOPostPass extends Pass {
    constructor(scene: Scene, camera: Camera, width?: number, height?: number)
    configuration: {
      aoSamples: number
      aoRadius: number
      denoiseSamples: number
      denoiseRadius: number
      distanceFalloff: number
      intensity: number
      halfRes: boolean
      screenSpaceRadius: boolean
      color: Color
      gammaCorrection: boolean
      accumulate: boolean
      transparencyAware: boolean
    }
    /** Internal: index of the frame being accumulated (AO is computed while below 1024 / aoSamples). */
    frame: number
    /** Internal: forces the next frame to start a new accumulation. */
    needsFrame: boolean
    /** Internal: the camera matrices of the last frame (a change starts a new accumulation). */
    lastViewMatrix: Matrix4
    lastProjectionMatrix: Matrix4
    /** Sets samples and denoise radius from a preset: 'Performance' | 'Low' | 'Medium' | 'High' | 'Ultra'. */
    setQualityMode(mode: string): void
    setSize(width: number, height: number): void
  }
}
