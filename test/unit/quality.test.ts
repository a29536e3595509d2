import { describe, expect, it } from 'vitest'
import { defaultQualityFor, isQualityTier, nextQualityTier, QUALITY_TIERS } from '../../src/domain/quality'
import { createSurfaceMaterial, SURFACES } from '../../src/gpu/surface'
import { createAppStore } from '../../src/state/store'
import { defaultConfig } from '../fixtures'

describe('quality tiers', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'draft'],
    ['ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)', 'draft'],
    ['softpipe', 'draft'],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11 vs_5_0 ps_5_0, D3D11)', 'high'],
    ['Apple M3 Pro', 'high'],
    ['', 'high'],
  ])('%s starts in %s', (renderer, tier) => {
    expect(defaultQualityFor(renderer)).toBe(tier)
  })

  it('Q cycles draft → high → presentation → draft', () => {
    expect(QUALITY_TIERS.map(nextQualityTier)).toEqual(['high', 'presentation', 'draft'])
    expect(isQualityTier('high')).toBe(true)
    expect(isQualityTier('ultra')).toBe(false)
  })

  it('a detected default never overrides a tier the user chose', () => {
    const store = createAppStore(defaultConfig())
    store.getState().setQuality('presentation')
    store.getState().setQuality('draft', false)
    expect(store.getState().quality).toBe('presentation')
    const fresh = createAppStore(defaultConfig())
    fresh.getState().setQuality('high', false)
    expect(fresh.getState()).toMatchObject({ quality: 'high', qualityChosen: false })
    fresh.getState().setQuality('draft')
    expect(fresh.getState()).toMatchObject({ quality: 'draft', qualityChosen: true })
  })

  it('surfaces are Lambert in draft and physically based above it', () => {
    const draft = createSurfaceMaterial(SURFACES.paintedSteel, 'draft')
    const high = createSurfaceMaterial(SURFACES.paintedSteel, 'high')
    expect(draft.type).toBe('MeshLambertMaterial')
    expect(high.type).toBe('MeshStandardMaterial')
    expect(high).toMatchObject({ roughness: 0.45, metalness: 0.6 })
    expect(high.color.getHexString()).toBe(draft.color.getHexString())
    draft.dispose()
    high.dispose()
  })
})
