/**
 * Quality tiers: how much the renderer spends on a picture.
 * - `draft`: Lambert materials, no shadows, no post-processing (fast on software renderers).
 * - `high`: physically based materials, sky light and a shadowing sun, ambient occlusion,
 *   anti-aliasing and a filmic tone map (for real GPUs).
 * - `presentation`: `high` plus progressive accumulation of jittered samples (for exports, and
 *   the view at rest when chosen).
 */
export const QUALITY_TIERS = ['draft', 'high', 'presentation'] as const

/** One of the quality tiers. */
export type QualityTier = (typeof QUALITY_TIERS)[number]

/** True for a quality tier name. */
export const isQualityTier = (value: unknown): value is QualityTier =>
  typeof value === 'string' && (QUALITY_TIERS as readonly string[]).includes(value)

/** Renderer strings of software rasterisers (no GPU): SwiftShader, llvmpipe, softpipe, and the like. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|lavapipe|microsoft basic render/i

/**
 * The tier a page starts in, from the WebGL renderer string (`WEBGL_debug_renderer_info`'s
 * UNMASKED_RENDERER, or RENDERER when that is unavailable): `draft` on software renderers,
 * `high` on a GPU. An unknown (empty) string counts as a GPU.
 */
export const defaultQualityFor = (renderer: string): QualityTier =>
  SOFTWARE_RENDERER.test(renderer) ? 'draft' : 'high'

/** The next tier in the order the Q key cycles them. */
export const nextQualityTier = (tier: QualityTier): QualityTier =>
  QUALITY_TIERS[(QUALITY_TIERS.indexOf(tier) + 1) % QUALITY_TIERS.length]!
