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
