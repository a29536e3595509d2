/** The export size rule, shared by the dialog, the automation API and the stills command line. */
import { describe, expect, it } from 'vitest'
import {
  exportSizeProblem,
  type GpuLimits,
  gpuTileLimit,
  MAX_EXPORT_SIDE,
  MIN_EXPORT_SIDE,
  parseSize,
  tileLimitProblem,
} from '../../src/domain/exportSize'
import { qualityTileSide, TILE_MARGIN_PX } from '../../src/export/renderStill'
import { nextRoofMode } from '../../src/state/roof'

describe('export sizes', () => {
  it('accepts whole sides from the smallest to the largest', () => {
    expect(exportSizeProblem(MIN_EXPORT_SIDE, MIN_EXPORT_SIDE)).toBeNull()
    expect(exportSizeProblem(MAX_EXPORT_SIDE, MAX_EXPORT_SIDE)).toBeNull()
    expect(exportSizeProblem(3840, 2160)).toBeNull()
  })

  it('refuses sides that are too small, too large or fractional, saying which', () => {
    expect(exportSizeProblem(MIN_EXPORT_SIDE - 1, 100)).toMatch(/too small/)
    expect(exportSizeProblem(100, MAX_EXPORT_SIDE + 1)).toMatch(/too large/)
    expect(exportSizeProblem(1920.5, 1080)).toMatch(/whole number/)
    expect(exportSizeProblem(Number.NaN, 1080)).toMatch(/whole number/)
  })

  it('parses "WxH" and applies the same rule', () => {
    expect(parseSize('1920x1080')).toEqual({ width: 1920, height: 1080 })
    expect(parseSize(' 800 × 600 ')).toEqual({ width: 800, height: 600 })
    expect(parseSize('big')).toEqual({ error: '"big" is not a size like 1920x1080' })
    expect(parseSize('20000x100')).toEqual({ error: exportSizeProblem(20000, 100) })
  })
})

describe('GPU limits of a still', () => {
  const limits = (texture: number, renderbuffer: number, viewport: [number, number]): GpuLimits => ({
    maxTextureSize: texture,
    maxRenderbufferSize: renderbuffer,
    maxViewportDims: viewport,
  })

  it('takes the smallest of the texture, renderbuffer and viewport limits, naming it', () => {
    expect(gpuTileLimit(limits(16384, 16384, [16384, 16384]))).toEqual({
      side: 16384,
      limit: 'MAX_TEXTURE_SIZE',
    })
    expect(gpuTileLimit(limits(16384, 4096, [16384, 16384]))).toEqual({
      side: 4096,
      limit: 'MAX_RENDERBUFFER_SIZE',
    })
    expect(gpuTileLimit(limits(8192, 8192, [8192, 2048]))).toEqual({ side: 2048, limit: 'MAX_VIEWPORT_DIMS' })
  })

  it('accepts tiles that fit and refuses, naming the size and the limit, those that do not', () => {
    const gpu = limits(4096, 4096, [4096, 4096])
    expect(tileLimitProblem(16384, 16384, 1280, 720, 0, gpu)).toBeNull()
    expect(tileLimitProblem(16384, 16384, 4000, 4000, 48, gpu)).toBeNull()
    expect(tileLimitProblem(16384, 16384, 4002, 4000, 48, gpu)).toBe(
      "A 16384x16384 still has to render 4098x4096 px at a time (a tile of 4002x4000 px and a 48 px margin around it), but this GPU's MAX_TEXTURE_SIZE is 4096 px.",
    )
    expect(tileLimitProblem(16384, 16384, 5000, 720, 0, gpu)).toBe(
      "A 16384x16384 still has to render 5000x720 px at a time, but this GPU's MAX_TEXTURE_SIZE is 4096 px.",
    )
    expect(tileLimitProblem(3840, 2160, 16, 16, 48, limits(16384, 100, [16384, 16384]))).toBe(
      "A 3840x2160 still has to render 112x112 px at a time (a tile of 16x16 px and a 48 px margin around it), but this GPU's MAX_RENDERBUFFER_SIZE is 100 px.",
    )
  })

  it('sizes pipelined tiles so that tile and margin fit the limit, and the smallest tile when nothing fits', () => {
    for (const side of [16384, 4096, 2100, 1000, 200]) {
      const tile = qualityTileSide(undefined, side)
      expect(tile + 2 * TILE_MARGIN_PX, `limit ${side}`).toBeLessThanOrEqual(side)
      expect(
        tileLimitProblem(16384, 16384, tile, tile, TILE_MARGIN_PX, limits(side, side, [side, side])),
      ).toBeNull()
    }
    const tiny = qualityTileSide(undefined, 100)
    expect(tiny).toBe(16)
    expect(tileLimitProblem(640, 360, tiny, tiny, TILE_MARGIN_PX, limits(100, 100, [100, 100]))).toMatch(
      /640x360 still has to render 112x112 px .* MAX_TEXTURE_SIZE is 100 px/,
    )
  })
})

describe('roof toggle', () => {
  it('cycles faded → hidden → solid → faded', () => {
    expect(nextRoofMode('faded')).toBe('hidden')
    expect(nextRoofMode('hidden')).toBe('solid')
    expect(nextRoofMode('solid')).toBe('faded')
  })
})
