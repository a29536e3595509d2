/**
 * Browser tests of the power view: the power legend's range and scenario come from the domain,
 * the hall heat map shows in the power mode, and the training swing runs on the GPU (frames
 * render, no instance matrix or colour is rewritten, the picture pulses) while the power chart
 * shows the batteries buffering. Screenshots of power mode at campus and hall, and mid-swing.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { legendFor } from '../../src/domain/color/colorModes'
import { swingSummary } from '../../src/domain/power/swing'
import { defaultLayout } from '../fixtures'
import { changedShare, type PageRecord, readCanvas, screenshot } from './browser'
import { colossus, expectCleanPage, openSession, pointerOffCanvas } from './session'

const layout = defaultLayout()
const LAST = layout.phases.length - 1

let browser: Browser
let page: Page
let record: PageRecord
let app: ReturnType<typeof colossus>

beforeAll(async () => {
  ;({ browser, page, record } = await openSession())
  app = colossus(page)
  await pointerOffCanvas(page)
}, 180_000)

afterAll(async () => {
  await browser?.close()
})

describe('power view', () => {
  it('the power legend gives the domain’s draw range, its ramp and the illustrative scenario', async () => {
    await app.setMode('power')
    const legend = legendFor(layout, 'power', LAST)
    if (legend.mode !== 'power') throw new Error('expected the power legend')
    const kw = await page.$$eval('[data-testid=power-range] [data-kw]', (els) =>
      els.map((e) => Number(e.getAttribute('data-kw'))),
    )
    expect(kw).toEqual([legend.drawMinKw, legend.drawMaxKw])
    expect(kw[0]).toBeLessThan(kw[1]!)
    const ticks = await page.$$eval('.legend .ramp-ticks', (els) =>
      els.map((el) => [...el.querySelectorAll('span')].map((s) => Number(s.textContent))),
    )
    expect(ticks[0]).toEqual(legend.ticksKw)
    expect(ticks[1]).toEqual(legend.density.ticksKwM2)
    const scenario = await page.textContent('[data-testid=power-scenario]')
    expect(scenario).toContain(`illustrative scenario: ${layout.config.scenario!.name}`)
    expect(await app.legendItems()).toEqual(legend.present.map((p) => `${p.kw} kW`))
    await app.setCamera('campus')
    await screenshot(page, 'power-campus')
    await app.setCamera('hall')
    await screenshot(page, 'power-hall-density')
  }, 180_000)

  it('the hall heat map shows in the power mode only', async () => {
    const visible = () => page.evaluate(() => window.colossus.renderInfo().drawCalls)
    await app.setMode('power')
    const withMap = await visible()
    await app.setMode('generation')
    const without = await visible()
    // One quad per hall in view carries its heat map; none in the other modes.
    expect(withMap).toBeGreaterThan(without)
  }, 120_000)

  it('the training swing runs on the GPU: frames render and the picture pulses, no instance rewrites', async () => {
    await app.setMode('power')
    // Close over the job's first hall (C2-H1), near enough that racks are drawn one by one
    // (the per-rack level of detail carries the swing).
    const h1 = layout.halls.find((h) => h.id === 'C2-H1')!.transform
    await app.setCamera({ position: [h1.x + 40, 110, h1.z + 110], target: [h1.x, 0, h1.z] })
    expect((await app.state()).swing).toBe(false)
    // Control: with the swing off, two frames apart in time look the same.
    const still = await readCanvas(page, 4)
    await app.renderFrames(2)
    expect(changedShare(still, await readCanvas(page, 4))).toBe(0)
    const before = await app.renderInfo()
    await page.evaluate(() => window.colossus.setSwing(true))
    expect((await app.state()).swing).toBe(true)
    const shots: Awaited<ReturnType<typeof readCanvas>>[] = []
    // About 2 s of frames: the swing keeps the frame loop going by itself.
    const start = before.frames
    await expect
      .poll(async () => (await app.renderInfo()).frames - start, { timeout: 60_000 })
      .toBeGreaterThan(5)
    for (let k = 0; k < 4; k++) {
      shots.push(await readCanvas(page, 4))
      await page.waitForTimeout(450)
    }
    const after = await app.renderInfo()
    expect(after.frames).toBeGreaterThan(before.frames + 5)
    expect(after.rackMatrixWrites).toBe(before.rackMatrixWrites)
    expect(after.rackColorWrites).toBe(before.rackColorWrites)
    // The job's racks change colour between the samples (half a period is 1 s).
    const changed = Math.max(...shots.slice(1).map((s) => changedShare(shots[0]!, s)))
    await screenshot(page, 'power-swing-c2')
    // The job's racks are a small part of the view (the heat map and other halls stay put).
    expect(changed).toBeGreaterThan(0.0003)
  }, 180_000)

  it('the power chart shows the batteries buffering: discharging and charging, within their capacity', async () => {
    const s = swingSummary(layout, LAST)!
    const seen = new Set<string>()
    let maxAbs = 0
    await expect
      .poll(
        async () => {
          const mw = Number(await page.getAttribute('[data-testid=battery-now]', 'data-battery-mw'))
          seen.add(mw > 0.5 ? 'discharging' : mw < -0.5 ? 'charging' : 'idle')
          maxAbs = Math.max(maxAbs, Math.abs(mw))
          return seen.has('discharging') && seen.has('charging')
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(true)
    expect(maxAbs).toBeLessThanOrEqual(s.swingMw / 2 + 0.01)
    expect(maxAbs).toBeLessThanOrEqual(s.batteryCapacityMw)
    expect(await page.textContent('[data-testid=power-swing]')).toContain('Training swing (illustrative)')
    await app.setCamera('campus')
    await screenshot(page, 'power-swing-campus')
    await page.evaluate(() => window.colossus.setSwing(false))
    expect((await app.state()).swing).toBe(false)
    await expect(page.evaluate(() => window.colossus.setSwing('yes' as unknown as boolean))).rejects.toThrow(
      /setSwing: expected true or false/,
    )
  }, 180_000)

  it('left nothing wrong on the page', () => {
    expectCleanPage(record)
  })
})
