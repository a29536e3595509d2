/** The export size rule, shared by the dialog, the automation API and the stills command line. */
import { describe, expect, it } from 'vitest'
import { exportSizeProblem, MAX_EXPORT_SIDE, MIN_EXPORT_SIDE, parseSize } from '../../src/domain/exportSize'
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

describe('roof toggle', () => {
  it('cycles faded → hidden → solid → faded', () => {
    expect(nextRoofMode('faded')).toBe('hidden')
    expect(nextRoofMode('hidden')).toBe('solid')
    expect(nextRoofMode('solid')).toBe('faded')
  })
})
