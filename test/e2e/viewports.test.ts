/**
 * Phones, tablets and desktops (issue 12, defect 2): at each viewport the visible panels do not
 * overlap each other, stay inside the viewport and leave the scene at least half the screen.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, openApp, phonePage, screenshot } from './browser'

type Browser = Awaited<ReturnType<typeof launchBrowser>>['browser']
let browser: Browser

beforeAll(async () => {
  browser = (await launchBrowser()).browser
})
afterAll(async () => {
  await browser.close()
})

/** Boxes of the visible panels and floating controls, and the share of the screen they cover. */
function layoutOf(page: Page) {
  return page.evaluate(() => {
    const els = Array.from(
      document.querySelectorAll<HTMLElement>(
        '.panel, .sheet-toggle, .compass, .overlay[data-sheet=open] .right-column',
      ),
    ).filter((el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
    // Panels nested in another panel, or in the open sheet (which scrolls), count as part of it.
    const tops = els.filter((el) => !els.some((o) => o !== el && o.contains(el)))
    const boxes = tops
      .map((el) => ({ name: el.className, r: el.getBoundingClientRect() }))
      .filter((b) => b.r.width > 0 && b.r.height > 0)
    const problems: string[] = []
    for (const b of boxes) {
      if (b.r.left < -1 || b.r.top < -1 || b.r.right > innerWidth + 1 || b.r.bottom > innerHeight + 1)
        problems.push(`${b.name} leaves the viewport`)
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r
        const c = boxes[j]!.r
        const w = Math.min(a.right, c.right) - Math.max(a.left, c.left)
        const h = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top)
        if (w > 1 && h > 1) problems.push(`${boxes[i]!.name} overlaps ${boxes[j]!.name}`)
      }
    let covered = 0
    let total = 0
    for (let y = 2; y < innerHeight; y += 8)
      for (let x = 2; x < innerWidth; x += 8) {
        total++
        if (boxes.some((b) => x >= b.r.left && x <= b.r.right && y >= b.r.top && y <= b.r.bottom)) covered++
      }
    return { problems, sceneShare: 1 - covered / total }
  })
}

describe('viewports', () => {
  for (const [width, height, touch] of [
    [390, 844, true],
    [768, 1024, true],
    [1280, 720, false],
    [1920, 1080, false],
  ] as const) {
    it(`${width}×${height}: panels apart, on screen, scene at least half the screen`, async () => {
      const page = await browser.newPage({ viewport: { width, height }, hasTouch: touch, isMobile: touch })
      await openApp(page, inject('previewUrl'))
      // The phase legend is the tallest (one row per phase): panels must stay apart with it too.
      await page.evaluate(() => window.colossus.setColorMode('phase'))
      const { problems, sceneShare } = await layoutOf(page)
      await screenshot(page, `viewport-${width}x${height}`)
      expect(problems).toEqual([])
      expect(sceneShare).toBeGreaterThanOrEqual(0.5)
      await page.close()
    })
  }

  it('390×844 and 1280×720: site labels are not hidden under a panel', async () => {
    for (const [width, height, touch] of [
      [390, 844, true],
      [1280, 720, false],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height }, hasTouch: touch, isMobile: touch })
      await openApp(page, inject('previewUrl'))
      for (const view of ['campus', 'site:C2']) {
        await page.evaluate((v) => window.colossus.setCamera(v), view)
        const r = await page.evaluate(() => {
          const panels = Array.from(
            document.querySelectorAll<HTMLElement>('.panel, .sheet-toggle, .compass, .caption-band'),
          )
            .map((el) => el.getBoundingClientRect())
            .filter((b) => b.width > 0 && b.height > 0)
          const labels = Array.from(document.querySelectorAll<HTMLElement>('.site-label')).filter(
            (el) => el.style.display !== 'none',
          )
          const hidden = labels
            .filter((el) => {
              const a = el.getBoundingClientRect()
              return panels.some(
                (b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
              )
            })
            .map((el) => el.dataset.site)
          return { shown: labels.map((el) => el.dataset.site), hidden }
        })
        console.log(`[e2e] ${width}×${height} ${view}: site labels shown ${r.shown.join(', ')}`)
        expect(r.hidden, `${width}×${height} ${view}: labels under a panel`).toEqual([])
        expect(r.shown.length, `${width}×${height} ${view}: labels shown`).toBeGreaterThanOrEqual(2)
      }
      await page.close()
    }
  })

  // At 1280×720 the seven phases fit (next test); lower, the legend scrolls rather than push the panels below off.
  it('1280×600, phase colours: the legend scrolls, and its last row shows whole at the end', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 } })
    await openApp(page, inject('previewUrl'))
    await page.evaluate(() => window.colossus.setColorMode('phase'))
    const seen = await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('.legend .swatches')!
      // The panel scrolls (the list within it, when it has a height of its own).
      const scroller = list.closest<HTMLElement>('.legend')!
      scroller.scrollTop = scroller.scrollHeight
      list.scrollTop = list.scrollHeight
      const rows = list.querySelectorAll('[data-legend-item]')
      const last = rows[rows.length - 1]!.getBoundingClientRect()
      // What of the list can be seen: its own box, inside the legend panel and the viewport.
      const own = list.getBoundingClientRect()
      const panel = list.closest('.legend')!.getBoundingClientRect()
      const top = Math.max(own.top, panel.top, 0)
      const bottom = Math.min(own.top + list.clientHeight, panel.top + scroller.clientHeight, innerHeight)
      return {
        scrolls:
          scroller.scrollHeight > scroller.clientHeight + 1 || list.scrollHeight > list.clientHeight + 1,
        last: { top: last.top, bottom: last.bottom },
        visible: { top, bottom },
      }
    })
    await screenshot(page, 'legend-phase-1280x600-scrolled')
    expect(seen.scrolls, 'the phase legend scrolls at 1280×600').toBe(true)
    expect(seen.last.top, 'last row: top inside the legend').toBeGreaterThanOrEqual(seen.visible.top - 0.5)
    expect(seen.last.bottom, 'last row: bottom inside the legend').toBeLessThanOrEqual(
      seen.visible.bottom + 0.5,
    )
    await page.close()
  })

  it('1280×720, phase colours: every legend row shows whole, clear of the camera bar and the timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await openApp(page, inject('previewUrl'))
    await page.evaluate(() => window.colossus.setColorMode('phase'))
    const faults = await page.evaluate(() => {
      const box = (el: Element | null) => el?.getBoundingClientRect() ?? null
      const hits = (a: DOMRect, b: DOMRect) =>
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5
      const rows = Array.from(document.querySelectorAll('.legend [data-legend-item]'))
      const out: string[] = []
      if (rows.length !== window.colossus.state().phases.length) out.push(`${rows.length} rows`)
      const covers = [box(document.querySelector('.camera-bar')), box(document.querySelector('.bottom'))]
      for (const row of rows) {
        const r = row.getBoundingClientRect()
        const name = row.getAttribute('data-legend-item')
        // Seen whole: inside the viewport and inside every box that clips it (list, panel).
        const clips = [new DOMRect(0, 0, innerWidth, innerHeight)]
        for (let el = row.parentElement; el; el = el.parentElement)
          if (getComputedStyle(el).overflowY !== 'visible') {
            const c = el.getBoundingClientRect()
            clips.push(new DOMRect(c.left, c.top, el.clientWidth, el.clientHeight))
          }
        for (const c of clips)
          if (
            r.top < c.top - 0.5 ||
            r.bottom > c.bottom + 0.5 ||
            r.left < c.left - 0.5 ||
            r.right > c.right + 0.5
          )
            out.push(
              `${name}: cut (${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(c.top)}–${Math.round(c.bottom)})`,
            )
        for (const c of covers) if (c && hits(r, c)) out.push(`${name}: under the camera bar or timeline`)
      }
      return out
    })
    await screenshot(page, 'legend-phase-1280x720')
    expect(faults).toEqual([])
    await page.close()
  })

  // Issue 11: at 390 px "548 EFLOPS" broke after its number. A figure and its unit stay on one
  // line, inside their cell of the grid and inside the panel, on phones and on a desktop.
  it('390×844, 360×800 and 1280×720: every counter figure is one line, inside its cell, at every phase', async () => {
    const page = await phonePage(browser)
    await openApp(page, inject('previewUrl'))
    const phases = await page.evaluate(() => window.colossus.state().phases.length)
    const faults: string[] = []
    for (const [width, height] of [
      [390, 844],
      [360, 800],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width, height })
      for (let i = 0; i < phases; i++) {
        await page.evaluate((k) => window.colossus.setPhase(k), i)
        const found = await page.evaluate(() => {
          const out: string[] = []
          const panel = document.querySelector('.counters')!.getBoundingClientRect()
          for (const dd of document.querySelectorAll<HTMLElement>('.counters .figures dd')) {
            const range = document.createRange()
            range.selectNodeContents(dd)
            // One rectangle top per line box the text takes.
            const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)))
            const text = range.getBoundingClientRect()
            const cell = dd.parentElement!.getBoundingClientRect()
            const name = `${dd.dataset.testid} "${dd.textContent}"`
            if (tops.size !== 1) out.push(`${name}: ${tops.size} lines`)
            if (text.right > cell.right + 0.5 || text.left < cell.left - 0.5)
              out.push(`${name}: out of its cell`)
            if (cell.right > panel.right + 0.5) out.push(`${name}: its cell leaves the panel`)
          }
          return out
        })
        faults.push(...found.map((f) => `${width}×${height}, phase ${i}: ${f}`))
      }
      await screenshot(page, `counters-${width}x${height}`)
    }
    expect(faults).toEqual([])
    await page.close()
  })

  it('390×844: the legend and views open in a sheet that leaves the counters and timeline clear', async () => {
    const page = await phonePage(browser)
    await openApp(page, inject('previewUrl'))
    expect(await page.isVisible('.legend')).toBe(false)
    await page.click('.sheet-toggle')
    expect(await page.isVisible('.legend')).toBe(true)
    expect((await layoutOf(page)).problems).toEqual([])
    await page.close()
  })
})
