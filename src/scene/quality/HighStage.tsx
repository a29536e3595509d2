/**
 * The `high` and `presentation` tiers (loaded on demand by <QualityStage>): sky light (a
 * hemisphere and a small environment generated in code), a sun whose PCF shadow map is fitted
 * to the view and rendered again only when something moved, and the post-processing pipeline
 * (gpu/quality/pipeline: N8AO, SMAA, Neutral tone map). `high` lowers the resolution, then drops
 * the ambient occlusion, when frames get slow (drei's PerformanceMonitor). `presentation`
 * averages jittered samples (camera and sun) while the view rests.
 */
import { PerformanceMonitor } from '@react-three/drei'
import { useFrame, useThree } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import {
  type DirectionalLight,
  Matrix4,
  NeutralToneMapping,
  PCFShadowMap,
  type PerspectiveCamera,
  type Scene,
  Vector3,
  type WebGLRenderer,
} from 'three'
import type { QualityTier } from '../../domain/quality'
import { discJitter, pixelJitter } from '../../domain/sampling'
import { createEnvironment, createQualityPipeline, type QualityPipeline } from '../../gpu/quality/pipeline'
import { SUN_NAME, setLiveFrameRenderer, setLiveTier } from '../../gpu/quality/stage'
import { fitSun, SHADOW_MAP_SIZE, SUN_SOFTNESS_RAD } from '../../gpu/quality/sun'
import { useClock, useStoreApi } from '../../state/context'
import { useDisposable } from '../useDisposable'

/** Samples the presentation tier averages while the view rests. */
export const LIVE_SAMPLES = 32
/** Seed of the live presentation samples. */
const LIVE_SEED = 1

const _target = new Vector3()
const jitter = pixelJitter(LIVE_SAMPLES, LIVE_SEED)
const sunJitter = discJitter(LIVE_SAMPLES, LIVE_SEED, SUN_SOFTNESS_RAD)

/** Shadows on (PCF, updated on demand), Neutral tone map, the generated environment; all undone on unmount. */
function useRendererSetup(gl: WebGLRenderer, scene: Scene): void {
  useLayoutEffect(() => {
    const saved = {
      shadows: gl.shadowMap.enabled,
      type: gl.shadowMap.type,
      autoUpdate: gl.shadowMap.autoUpdate,
      toneMapping: gl.toneMapping,
      exposure: gl.toneMappingExposure,
      environment: scene.environment,
      environmentIntensity: scene.environmentIntensity,
    }
    gl.shadowMap.enabled = true
    gl.shadowMap.type = PCFShadowMap
    gl.shadowMap.autoUpdate = false
    gl.shadowMap.needsUpdate = true
    gl.toneMapping = NeutralToneMapping
    // Neutral keeps mid-tones where ACES (the draft tier's) darkens them: match the draft's brightness.
    gl.toneMappingExposure = 0.95
    const env = createEnvironment(gl)
    scene.environment = env
    scene.environmentIntensity = 0.3
    return () => {
      gl.shadowMap.enabled = saved.shadows
      gl.shadowMap.type = saved.type
      gl.shadowMap.autoUpdate = saved.autoUpdate
      gl.toneMapping = saved.toneMapping
      gl.toneMappingExposure = saved.exposure
      scene.environment = saved.environment
      scene.environmentIntensity = saved.environmentIntensity
      env.dispose()
    }
  }, [gl, scene])
}

/** What the frame loop remembers between frames to tell whether anything moved. */
interface Rest {
  world: Matrix4
  projection: Matrix4
  reveal: number
  dirty: boolean
  sample: number
}

/** Renders each frame through the pipeline; fits the sun; accumulates samples at rest (presentation). */
function useQualityFrame(
  tier: QualityTier,
  pipeline: QualityPipeline | null,
  sun: React.RefObject<DirectionalLight | null>,
) {
  const clock = useClock()
  const store = useStoreApi()
  const [rest] = useState<Rest>(() => ({
    world: new Matrix4(),
    projection: new Matrix4(),
    reveal: Number.NaN,
    dirty: true,
    sample: 0,
  }))
  // Any change of slow state (layout, phase, dressing, colours…) may move shadows.
  useEffect(
    () =>
      store.subscribe(() => {
        rest.dirty = true
      }),
    [store, rest],
  )
  useFrame((state) => {
    const { gl, size, invalidate } = state
    const camera = state.camera as PerspectiveCamera
    const light = sun.current
    if (!pipeline || !light) return
    const controls = state.controls as CameraControlsImpl | null
    if (controls) controls.getTarget(_target)
    else _target.set(0, 0, 0)
    camera.updateMatrixWorld()
    const moved =
      rest.dirty ||
      !rest.world.equals(camera.matrixWorld) ||
      !rest.projection.equals(camera.projectionMatrix) ||
      rest.reveal !== clock.reveal
    if (moved) {
      rest.world.copy(camera.matrixWorld)
      rest.projection.copy(camera.projectionMatrix)
      rest.reveal = clock.reveal
      rest.dirty = false
      rest.sample = 0
      gl.shadowMap.needsUpdate = true
    }
    if (tier !== 'presentation') {
      if (fitSun(light, camera, _target)) gl.shadowMap.needsUpdate = true
      pipeline.render()
    } else {
      renderSample(pipeline, camera, light, rest.sample, size.width, size.height)
      gl.shadowMap.needsUpdate = true
      rest.sample++
      if (rest.sample < LIVE_SAMPLES) invalidate()
    }
    setLiveTier(tier)
  }, 1)
}

/** Renders live sample `k` (0 unjittered) with the camera and sun jittered, camera restored after. */
function renderSample(
  pipeline: QualityPipeline,
  camera: PerspectiveCamera,
  light: DirectionalLight,
  k: number,
  width: number,
  height: number,
): void {
  const i = k % LIVE_SAMPLES
  const jx = k === 0 ? 0 : jitter[2 * i]!
  const jy = k === 0 ? 0 : jitter[2 * i + 1]!
  fitSun(light, camera, _target, k === 0 ? 0 : sunJitter[2 * i]!, k === 0 ? 0 : sunJitter[2 * i + 1]!)
  const view = camera.view?.enabled ? { ...camera.view } : null
  if (view)
    camera.setViewOffset(
      view.fullWidth,
      view.fullHeight,
      view.offsetX + jx,
      view.offsetY + jy,
      view.width,
      view.height,
    )
  else camera.setViewOffset(width, height, jx, jy, width, height)
  camera.updateProjectionMatrix()
  pipeline.render(k)
  if (view)
    camera.setViewOffset(view.fullWidth, view.fullHeight, view.offsetX, view.offsetY, view.width, view.height)
  else camera.clearViewOffset()
  camera.updateProjectionMatrix()
}

/**
 * Publishes how this tier draws a frame while the view moves (gpu/quality/stage), for code that
 * times frames: the sun fitted, the shadow map drawn again and the whole pipeline rendered.
 */
function useFrameRenderer(pipeline: QualityPipeline | null, sun: React.RefObject<DirectionalLight | null>) {
  const gl = useThree((s) => s.gl)
  const camera = useThree((s) => s.camera)
  const controls = useThree((s) => s.controls) as CameraControlsImpl | null
  useEffect(() => {
    if (!pipeline) return
    setLiveFrameRenderer(() => {
      const light = sun.current
      if (controls) controls.getTarget(_target)
      else _target.set(0, 0, 0)
      camera.updateMatrixWorld()
      if (light) fitSun(light, camera as PerspectiveCamera, _target)
      gl.shadowMap.needsUpdate = true
      pipeline.render()
    })
    return () => setLiveFrameRenderer(null)
  }, [gl, camera, controls, pipeline, sun])
}

/** How much the high tier has given up for speed: 0 nothing, 1 resolution, 2 also ambient occlusion. */
function usePerformanceLevel(pipeline: QualityPipeline | null) {
  const [level, setLevel] = useState(0)
  const setDpr = useThree((s) => s.setDpr)
  const initialDpr = useThree((s) => s.viewport.initialDpr)
  const invalidate = useThree((s) => s.invalidate)
  // Frame times of the last frames: a verdict counts only while frames come back to back (the
  // frame loop runs on demand, and an idle gap is not a slow frame).
  const stamps = useRef<number[]>([])
  useFrame(() => {
    const s = stamps.current
    s.push(performance.now())
    if (s.length > 12) s.shift()
  })
  const continuous = () => {
    const s = stamps.current
    return s.length >= 12 && s[s.length - 1]! - s[0]! < 12 * 150 && performance.now() - s[s.length - 1]! < 500
  }
  useEffect(() => {
    setDpr(level >= 1 ? Math.max(0.75, initialDpr / 2) : initialDpr)
    pipeline?.setAO(level < 2)
    invalidate()
  }, [level, pipeline, setDpr, initialDpr, invalidate])
  return {
    decline: () => {
      if (continuous()) setLevel((l) => Math.min(2, l + 1))
    },
    incline: () => {
      if (continuous()) setLevel((l) => Math.max(0, l - 1))
    },
  }
}

/** The high and presentation tiers' lights, renderer set-up and pipeline. */
export default function HighStage({ tier }: { tier: 'high' | 'presentation' }) {
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const camera = useThree((s) => s.camera)
  const size = useThree((s) => s.size)
  const dpr = useThree((s) => s.viewport.dpr)
  const invalidate = useThree((s) => s.invalidate)
  const sun = useRef<DirectionalLight>(null)
  useRendererSetup(gl, scene)
  const pipeline = useDisposable(
    () =>
      createQualityPipeline(gl, scene, camera, {
        smaa: tier === 'high',
        aoSamples: tier === 'high' ? 16 : 8,
      }),
    [gl, scene, camera, tier],
  )
  // biome-ignore lint/correctness/useExhaustiveDependencies: the pipeline's buffers follow the drawing buffer (size × dpr)
  useLayoutEffect(() => {
    pipeline?.setSize(size.width, size.height)
    invalidate()
  }, [pipeline, size, dpr, invalidate])
  useQualityFrame(tier, pipeline, sun)
  useFrameRenderer(pipeline, sun)
  const perf = usePerformanceLevel(pipeline)
  useEffect(() => () => setLiveTier(null), [])
  return (
    <>
      <hemisphereLight args={['#dce8f6', '#3b4048', 0.7]} />
      <directionalLight
        ref={sun}
        name={SUN_NAME}
        castShadow
        intensity={2.6}
        shadow-mapSize={[SHADOW_MAP_SIZE, SHADOW_MAP_SIZE]}
      />
      <directionalLight position={[600, 300, -400]} intensity={0.3} />
      {tier === 'high' && <PerformanceMonitor onDecline={perf.decline} onIncline={perf.incline} />}
    </>
  )
}
