/**
 * Which quality tier the live scene is drawing (its lights, materials and pipeline mounted and
 * one frame rendered), for code outside React (the exporter) that switches the tier and must
 * wait for the scene to follow. One per page, like the render handle.
 */
import type { QualityTier } from '../../domain/quality'

let live: QualityTier | null = null
const waiting: { tier: QualityTier; resolve: () => void }[] = []

/** Called by the scene once a frame of `tier` has been drawn (null when its stage unmounts). */
export function setLiveTier(tier: QualityTier | null): void {
  live = tier
  for (let i = waiting.length - 1; i >= 0; i--)
    if (waiting[i]!.tier === tier) waiting.splice(i, 1)[0]!.resolve()
}

/** The tier the live scene draws, or null while it is switching. */
export const liveTier = (): QualityTier | null => live

/** Resolves once the live scene draws `tier`. */
export function whenLiveTier(tier: QualityTier): Promise<void> {
  return live === tier ? Promise.resolve() : new Promise((resolve) => waiting.push({ tier, resolve }))
}

/** The sun light's object name, by which stills find it to jitter it. */
export const SUN_NAME = 'sun'

/** How the live scene draws a frame when its tier has a pipeline of its own, or null (a plain render). */
let frameRenderer: (() => void) | null = null

/**
 * Called by a tier that draws through a pipeline (composer, ambient occlusion, shadows) with
 * the function that draws one frame as it does while the view moves; null when it unmounts.
 * Code that times frames (`benchmarkFrames`) draws through it, so a tier's figures include
 * its pipeline.
 */
export function setLiveFrameRenderer(render: (() => void) | null): void {
  frameRenderer = render
}

/** The live tier's frame renderer, or null when a frame is a plain `gl.render(scene, camera)`. */
export const liveFrameRenderer = (): (() => void) | null => frameRenderer

/** True while the draft picture on the canvas is plain and its refined (anti-aliased) redraw is due. */
let refineDue = false
const refinedListeners = new Set<() => void>()

/** Set by the draft tier: due after a plain frame, not once the refined picture is drawn. */
export function setRefineDue(due: boolean): void {
  refineDue = due
  if (!due) for (const l of refinedListeners) l()
}

/** Whether the canvas still waits for its refined draft picture. */
export const isRefineDue = (): boolean => refineDue

/** Calls `listener` each time a refined picture has been drawn; returns the unsubscribe. */
export function onRefined(listener: () => void): () => void {
  refinedListeners.add(listener)
  return () => refinedListeners.delete(listener)
}
