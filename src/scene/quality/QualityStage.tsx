/**
 * Lights and renderer set-up of the quality tier in the store. `draft` is the fast path
 * (Lambert-lit lights, no shadows, no post-processing). `high` and `presentation` mount
 * <HighStage>, loaded on demand with the post-processing code it pulls, so the first page load
 * carries none of it; until it has loaded the draft lights stay.
 */
import { useFrame, useThree } from '@react-three/fiber'
import { lazy, Suspense, useEffect } from 'react'
import { defaultQualityFor } from '../../domain/quality'
import { setLiveTier } from '../../gpu/quality/stage'
import { useApp, useStoreApi } from '../../state/context'

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

/** Tells the exporter (gpu/quality/stage) that the draft tier is drawn. */
function DraftMarker() {
  useFrame(() => setLiveTier('draft'))
  useEffect(() => () => setLiveTier(null), [])
  return null
}

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
 * The tier's lights and renderer set-up. `detect` (live pages) picks the default tier from the
 * renderer string; scene tests leave it out and stay in the store's tier.
 */
export function QualityStage({ detect = true }: { detect?: boolean }) {
  const quality = useApp((s) => s.quality)
  return (
    <>
      {detect && <DefaultQuality />}
      {quality === 'draft' ? (
        <>
          <DraftLights />
          <DraftMarker />
        </>
      ) : (
        <Suspense fallback={<DraftLights />}>
          <HighStage tier={quality} />
        </Suspense>
      )}
    </>
  )
}
