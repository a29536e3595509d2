/**
 * Lights and renderer set-up of the quality tier in the store. `draft` is the fast path
 * (Lambert-lit lights, no shadows, no post-processing). `high` and `presentation` mount
 * <HighStage>, loaded on demand with the post-processing code it pulls, so the first page load
 * carries none of it; until it has loaded the draft lights stay.
 */
import { addTail, useFrame, useThree } from '@react-three/fiber'
import { lazy, Suspense, useEffect, useRef } from 'react'
import { type PerspectiveCamera, Vector2 } from 'three'
import { defaultQualityFor } from '../../domain/quality'
import { REST_SAMPLES, restJitter } from '../../domain/sampling'
import { setLiveTier, setRefineDue } from '../../gpu/quality/stage'
import { createRefiner } from '../../gpu/refine'
import { useApp, useStoreApi } from '../../state/context'
import { useDisposable } from '../useDisposable'

const HighStage = lazy(() => import('./HighStage'))

/**
 * Lights without any download: a sky/ground hemisphere and a sun. No environment map: the
 * materials are Lambert (matte), which keeps the per-pixel cost low on software renderers.
 */
function DraftLights() {
  return (
    <>
      <hemisphereLight args={['#e6eef8', '#2b3340', 1.6]} />
      <directionalLight position={[-400, 900, 500]} intensity={2.0} />
      <directionalLight position={[600, 300, -400]} intensity={0.35} />
    </>
  )
}

/**
 * The view must rest this long after the frame loop stops before its draft picture is refined,
 * ms: longer than the gaps between the frames of a slow drag on a software renderer (each pointer
 * move asks for one frame), so a drag is not slowed by refinements it throws away.
 */
export const REST_BEFORE_REFINE_MS = 150

/**
 * Draws the draft tier: a plain frame whenever the scene asks for one (fast while the view
 * moves), then, once it has rested, the same picture anti-aliased from jittered samples
 * (gpu/refine). Tells the exporter (gpu/quality/stage) that the draft tier is drawn.
 */
function DraftFrames({ refine }: { refine: boolean }) {
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const camera = useThree((s) => s.camera) as PerspectiveCamera
  const refiner = useDisposable(createRefiner, [])
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(
    () => () => {
      clearTimeout(timer.current)
      setLiveTier(null)
      setRefineDue(false)
    },
    [],
  )
  // When the frame loop stops (nothing asks for another frame), refine after a short rest. An
  // animation that keeps the loop going (a flight, playback, the training swing) is never
  // refined mid-way.
  useEffect(() => {
    if (!refiner || !refine) return
    return addTail(() => {
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        const size = gl.getDrawingBufferSize(_size)
        refiner.refine(gl, scene, camera, size.x, size.y, restJitter(REST_SAMPLES))
        setRefineDue(false)
      }, REST_BEFORE_REFINE_MS)
    })
  }, [refiner, refine, gl, scene, camera])
  useFrame(() => {
    // A whole frame: postprocessing's composer (high tier) turns autoClear off for good.
    gl.autoClear = true
    gl.render(scene, camera)
    setLiveTier('draft')
    if (!refiner || !refine) return
    clearTimeout(timer.current)
    setRefineDue(true)
  }, 1)
  return null
}

const _size = new Vector2()

/** The WebGL renderer string: the unmasked one when the browser tells it, else RENDERER. */
export function rendererString(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  try {
    const ext = gl.getExtension('WEBGL_debug_renderer_info')
    const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)
    return typeof r === 'string' ? r : ''
  } catch {
    return ''
  }
}

/** Sets the default tier from the renderer (draft on software GL, high on a GPU); a chosen tier stays. */
function DefaultQuality() {
  const gl = useThree((s) => s.gl)
  const store = useStoreApi()
  useEffect(() => {
    store.getState().setQuality(defaultQualityFor(rendererString(gl.getContext())), false)
  }, [gl, store])
  return null
}

/**
 * The tier's lights and renderer set-up. On live pages (`live`) the default tier comes from the
 * renderer string and the draft picture is refined at rest; scene tests (a renderer without a
 * canvas) stay in the store's tier and draw plain frames.
 */
export function QualityStage({ live = true }: { live?: boolean }) {
  const quality = useApp((s) => s.quality)
  return (
    <>
      {live && <DefaultQuality />}
      {quality === 'draft' ? (
        <>
          <DraftLights />
          <DraftFrames refine={live} />
        </>
      ) : (
        <Suspense fallback={<DraftLights />}>
          <HighStage tier={quality} />
        </Suspense>
      )}
    </>
  )
}
