/** Pure parts of the DOM overlay and the still renderer: chart geometry, timeline ticks, tiles. */
import { describe, expect, it } from 'vitest'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import { timelineSpan } from '../../src/domain/timeline/timeline'
import { tileGrid } from '../../src/export/renderStill'
import { powerChartModel } from '../../src/ui/PowerChart'
import { compactCount, timelineTicks } from '../../src/ui/Timeline'
import { defaultConfig } from '../fixtures'

describe('power chart model', () => {
  const layout = buildLayout(defaultConfig())
  const model = powerChartModel(layout, timelineSpan(layout))

  it('has a y axis that reaches above the largest demand and supply', () => {
    const maxMw = Math.max(...layout.phases.map((p) => Math.max(p.facilityPowerMw, p.supply.totalMw)))
    expect(model.top).toBeGreaterThanOrEqual(maxMw)
    expect(model.yTicks[0]!.label).toBe('0')
  })

  it('draws one supply layer per source and a demand line per estimate', () => {
    expect(model.layers.map((l) => l.key)).toEqual(['gridMw', 'turbineMw', 'batteryMw'])
    expect(model.it.startsWith('M')).toBe(true)
    expect(model.facility.split('L')).toHaveLength(layout.phases.length + 2)
  })

  it('marks each phase with its status and draws contested power as a whisker over its range', () => {
    expect(model.statusMarks.map((m) => m.status)).toEqual(layout.phases.map((p) => p.status))
    const ranges = layout.phases.flatMap((p) => p.contested.filter((c) => c.unit === 'MW'))
    expect(model.contested).toHaveLength(ranges.length)
    model.contested.forEach((c, k) => {
      const y = (mw: number) =>
        model.yTicks[0]!.y - (mw / model.top) * (model.yTicks[0]!.y - model.yTicks.at(-1)!.y)
      expect(c.y0).toBeCloseTo(y(ranges[k]!.min), 6)
      expect(c.y1).toBeCloseTo(y(ranges[k]!.max), 6)
      // The whisker fits the chart: its top is not above the axis's top.
      expect(c.y1).toBeGreaterThanOrEqual(model.yTicks.at(-1)!.y - 1e-9)
    })
  })
})

describe('timeline', () => {
  it('ticks monthly over a short span, labelling January with the year', () => {
    const ticks = timelineTicks({ startMs: Date.UTC(2024, 9, 15), endMs: Date.UTC(2025, 3, 15) })
    expect(ticks.map((t) => t.label)).toEqual(['Nov', 'Dec', '2025', 'Feb', 'Mar', 'Apr'])
    expect(ticks.filter((t) => t.major).map((t) => t.label)).toEqual(['2025'])
  })

  it('ticks every quarter over two years and every half year over five', () => {
    const two = timelineTicks({ startMs: Date.UTC(2024, 0, 15), endMs: Date.UTC(2026, 0, 15) })
    expect(two.map((t) => t.label)).toEqual(['Apr', 'Jul', 'Oct', '2025', 'Apr', 'Jul', 'Oct', '2026'])
    const five = timelineTicks({ startMs: Date.UTC(2024, 0, 15), endMs: Date.UTC(2029, 0, 15) })
    expect(new Set(five.map((t) => new Date(t.ms).getUTCMonth()))).toEqual(new Set([0, 6]))
  })

  it('writes headline GPU counts compactly', () => {
    expect(compactCount(999)).toBe('999')
    expect(compactCount(100_000)).toBe('100k')
    expect(compactCount(1_000_000)).toBe('1M')
    expect(compactCount(1_550_000)).toBe('1.6M')
  })
})

describe('still tiles', () => {
  it('cover the image exactly once, edge tiles cut to fit', () => {
    const tiles = tileGrid(1000, 700, 400, 300)
    expect(tiles).toHaveLength(9)
    expect(tiles.reduce((a, t) => a + t.w * t.h, 0)).toBe(1000 * 700)
    expect(tiles.at(-1)).toEqual({ x: 800, y: 600, w: 200, h: 100 })
  })
})
