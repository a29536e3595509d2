/**
 * What every exported picture shares, stills and video frames alike: the overlay as a painter
 * for strips, the story caption it burns in, and rendering in a chosen quality tier.
 */
import { type PerspectiveCamera, Vector3 } from 'three'
import type { StoreApi } from 'zustand/vanilla'
import type { QualityTier } from '../domain/quality'
import { type ResolvedStep, resolveStep } from '../domain/story'
import { buildPrefix, statsAtReveal } from '../domain/timeline/timeline'
import { describeView, emptyView, type ViewSnapshot } from '../domain/view'
import { saveCameraView } from '../gpu/cameraView'
import { whenLiveTier } from '../gpu/quality/stage'
import { type RenderHandle, renderHandleReady } from '../scene/renderHandle'
import { ALL_OVERLAY_PARTS, type OverlayParts, type StillRequest } from '../state/exportApi'

/** Quality of an exported picture (stills and every video frame): the export contract's. */
export type { ExportQuality } from '../state/exportApi'

import type { AppState } from '../state/store'
import { findStory } from '../state/story'
import type { TimelineClock } from '../state/timelineClock'
import type { CaptionText } from './captionOverlay'
import { drawOverlay, type OverlayInput } from './overlay'

const _target = new Vector3()
const _targetTuple: [number, number, number] = [0, 0, 0]

/** The overlay parts a request asks for, or null for none. */
export function overlayParts(o: StillRequest['overlay']): OverlayParts | null {
  if (o === false) return null
  return { ...ALL_OVERLAY_PARTS, ...(o ?? {}) }
}

/** Burns the overlay into a strip whose canvas row 0 is image row `top`. */
export type OverlayPainter = (ctx: CanvasRenderingContext2D, top: number) => void

/**
 * The overlay of a width × height image as a painter for its strips: the view is taken once,
 * with the camera as the still sees it (aspect of the image, no view offset), and each strip
 * draws the whole overlay shifted up by its top, clipped to the strip, so text across two
 * strips joins without a seam. `caption` is the story caption to burn in; by default the one
 * of the step on screen.
 */
export async function overlayPainter(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  width: number,
  height: number,
  parts: OverlayParts,
  caption?: CaptionText | null,
): Promise<OverlayPainter> {
  const h = await renderHandleReady()
  const camera = h.camera as PerspectiveCamera
  const s = store.getState()
  const restoreCamera = saveCameraView(camera).restore
  camera.aspect = width / height
  camera.clearViewOffset()
  camera.updateProjectionMatrix()
  camera.updateMatrixWorld()
  if (h.controls) h.controls.getTarget(_target)
  else _target.set(0, 0, 0)
  let view: ViewSnapshot
  try {
    view = describeView(
      {
        world: camera.matrixWorld.elements,
        worldInverse: camera.matrixWorldInverse.elements,
        projection: camera.projectionMatrix.elements,
        fovDeg: camera.fov,
      },
      _target.toArray(_targetTuple),
      width,
      height,
      emptyView(),
    )
  } finally {
    restoreCamera()
  }
  const input: OverlayInput = {
    layout: s.layout,
    phaseIndex: s.phaseIndex,
    colorMode: s.colorMode,
    stats: statsAtReveal(s.layout, buildPrefix(s.layout), clock.reveal),
    view,
    parts,
    caption: caption === undefined ? storyCaption(s) : caption,
  }
  return (ctx, top) => {
    ctx.save()
    ctx.translate(0, -top)
    drawOverlay(ctx, width, height, input)
    ctx.restore()
  }
}

/** The caption band of resolved step `r` of a story of `steps` steps. */
export const stepCaption = (r: ResolvedStep, steps: number): CaptionText => ({
  title: r.title,
  caption: r.caption,
  sources: r.sources,
  counter: `${r.index + 1} / ${steps}`,
})

/** The caption of the story step on screen, for the overlay; null when no story is told. */
function storyCaption(s: AppState): CaptionText | null {
  const story = s.story ? findStory(s, s.story.id) : undefined
  if (!s.story || !story) return null
  return stepCaption(resolveStep(s.layout, story, s.story.step), story.steps.length)
}

/** How long a tier switch may take (loading the pipeline, compiling shaders) before an export gives up. */
const TIER_SWITCH_TIMEOUT_MS = 120_000

/**
 * Resolves once the scene has drawn a frame in `tier` (its pipeline loaded, its materials on);
 * rejects after TIER_SWITCH_TIMEOUT_MS. Frames render on demand: it keeps asking for one.
 */
export async function untilTierDrawn(h: RenderHandle, tier: QualityTier): Promise<void> {
  let timer: ReturnType<typeof setInterval> | undefined
  const started = performance.now()
  await Promise.race([
    whenLiveTier(tier),
    new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (performance.now() - started > TIER_SWITCH_TIMEOUT_MS)
          reject(new Error(`the scene did not switch to the ${tier} quality tier`))
        h.invalidate()
      }, 50)
    }),
  ]).finally(() => clearInterval(timer))
}

/**
 * Runs `render` with the scene in `tier` (its materials, lights and shadows): switches the
 * store's tier when it differs, waits until the live scene draws it, and switches back after.
 */
export async function withTier<T>(
  store: StoreApi<AppState>,
  h: RenderHandle,
  tier: QualityTier,
  render: () => Promise<T>,
): Promise<T> {
  const saved = store.getState().quality
  if (tier !== saved) store.setState({ quality: tier })
  try {
    await untilTierDrawn(h, tier)
    return await render()
  } finally {
    if (tier !== saved) {
      store.setState({ quality: saved })
      h.invalidate()
    }
  }
}
