/**
 * Panels that scroll say so (issue 11, item 4: legibility). At 1280×720 in power colours the
 * legend's last footnote was cut at the card's edge with nothing to show the card scrolls: a
 * reader took the text to end mid-line. Every panel of the overlay that scrolls, at the sizes and
 * colour modes people use, must either show all of its text, or show a cue at the clipped edge
 * (`data-overflow` names the edges with more beyond them, and the card's fade is painted), be
 * reachable from the keyboard, and show its last line whole, with the cue gone, once scrolled to
 * the end. And the panel itself is on screen, clear of the bottom bar: a cue under the timeline
 * shows nothing.
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

/** One scrolling panel, as seen at rest and scrolled to its end. */
interface Seen {
  name: string
  overflows: boolean
  /** What hides part of the panel itself: the viewport's edge or the bottom bar, or null. */
  hidden: string | null
  rest: { overflow: string; fadeOpacity: number; fadeHeight: number; tabIndex: number }
  end: { overflow: string; fadeOpacity: number; lastLine: string; cut: string | null }
}

/**
 * Every visible element of the overlay that scrolls vertically: whether it overflows, its cue at
 * rest, and, scrolled to the end, its cue and whether its last line of text shows whole.
 */
function scrollPanels(page: Page): Promise<Seen[]> {
  return page.evaluate(async () => {
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    // Longer than the fade's transition, so the opacity read is the one that stays.
    const settle = async () => {
      await frames()
      await new Promise((r) => setTimeout(r, 400))
    }
    const fade = (el: Element) => {
      const s = getComputedStyle(el, '::after')
      const shown = s.content !== 'none' && s.display !== 'none' && s.visibility !== 'hidden'
      return {
        fadeOpacity: shown ? Number(s.opacity) : 0,
        fadeHeight: shown ? Number.parseFloat(s.height) || 0 : 0,
      }
    }
    /** The last line box of the last rendered text in `el`. */
    const lastLine = (el: Element): { text: string; box: DOMRect } | null => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
      let found: { text: string; box: DOMRect } | null = null
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim() || !n.parentElement?.checkVisibility()) continue
        const range = document.createRange()
        range.selectNodeContents(n)
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0)
        const box = rects[rects.length - 1]
        if (box) found = { text: n.textContent.trim().slice(-40), box }
      }
      return found
    }
    const all = Array.from(document.querySelectorAll<HTMLElement>('.overlay *')).filter((el) => {
      const oy = getComputedStyle(el).overflowY
      const r = el.getBoundingClientRect()
      // checkVisibility: not in a closed <details> either (its content keeps boxes but is not drawn).
      return (oy === 'auto' || oy === 'scroll') && r.width > 0 && r.height > 0 && el.checkVisibility()
    })
    const out: Seen[] = []
    for (const el of all) {
      const name = `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`
      const overflows = el.scrollHeight > el.clientHeight + 1
      const box = el.getBoundingClientRect()
      const bar = document.querySelector('.bottom')?.getBoundingClientRect()
      let hidden: string | null = null
      if (box.top < -0.5 || box.bottom > innerHeight + 0.5 || box.left < -0.5 || box.right > innerWidth + 0.5)
        hidden = `leaves the viewport (${Math.round(box.top)}–${Math.round(box.bottom)} of ${innerHeight})`
      else if (
        bar &&
        !el.closest('.bottom') &&
        box.bottom > bar.top + 0.5 &&
        box.right > bar.left &&
        box.left < bar.right
      )
        hidden = `runs under the bottom bar (to ${Math.round(box.bottom)}, bar from ${Math.round(bar.top)})`
      el.scrollTop = 0
      await settle()
      const rest = { overflow: el.dataset.overflow ?? '', ...fade(el), tabIndex: el.tabIndex }
      el.scrollTop = el.scrollHeight
      await settle()
      const line = lastLine(el)
      const r = el.getBoundingClientRect()
      const top = r.top + el.clientTop
      const bottom = top + el.clientHeight
      let cut: string | null = null
      if (line && (line.box.bottom > bottom + 0.5 || line.box.top < top - 0.5))
        cut = `line ${Math.round(line.box.top)}–${Math.round(line.box.bottom)} in ${Math.round(top)}–${Math.round(bottom)}`
      const end = {
        overflow: el.dataset.overflow ?? '',
        fadeOpacity: fade(el).fadeOpacity,
        lastLine: line?.text ?? '',
        cut,
      }
      el.scrollTop = 0
      out.push({ name, overflows, hidden, rest, end })
    }
    await settle()
    return out
  })
}

/** The faults of the panels seen, in words. */
function faultsOf(where: string, seen: Seen[]): string[] {
  const faults: string[] = []
  for (const s of seen) {
    const at = `${where} ${s.name}`
    if (s.hidden) faults.push(`${at}: ${s.hidden}`)
    if (s.end.cut) faults.push(`${at}: last line "${s.end.lastLine}" cut at the end (${s.end.cut})`)
    if (!s.overflows) continue
    if (!s.rest.overflow.includes('below'))
      faults.push(`${at}: overflows, data-overflow="${s.rest.overflow}"`)
    if (s.rest.fadeOpacity < 0.5 || s.rest.fadeHeight < 16)
      faults.push(`${at}: overflows with no fade at its edge (${s.rest.fadeOpacity}, ${s.rest.fadeHeight}px)`)
    if (s.rest.tabIndex < 0) faults.push(`${at}: scrolls but cannot be reached from the keyboard`)
    if (s.end.overflow.includes('below')) faults.push(`${at}: scrolled to the end, still says more below`)
    if (s.end.fadeOpacity > 0.05) faults.push(`${at}: scrolled to the end, fade still over the last line`)
  }
  return faults
}

const MODES = ['generation', 'power', 'phase'] as const

describe('scrolling panels show a cue and their last line', () => {
  it('1280×720 power colours: the legend shows a cue, scrolls from the keyboard, and its last footnote whole at the end', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await openApp(page, inject('previewUrl'), '?quality=draft&mode=power&phase=one-million')
    const seen = await scrollPanels(page)
    const legend = seen.find((s) => s.name.includes('legend'))
    console.log(`[e2e] 1280×720 power: ${JSON.stringify(legend)}`)
    await screenshot(page, 'scroll-cue-1280x720-power')
    expect(legend?.overflows, 'the power legend scrolls at 1280×720').toBe(true)
    expect(faultsOf('1280×720 power', seen)).toEqual([])
    // The keyboard reaches the footnotes: the legend takes focus and End scrolls it to its end.
    await page.focus('.legend')
    await page.keyboard.press('End')
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('.legend')!
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 1
    })
    await page.close()
  })

  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
    [1024, 768],
  ] as const) {
    it(`${width}×${height}, every colour mode, a rack selected, the story open: every scrolling panel shows a cue or all its text`, async () => {
      const page = await browser.newPage({ viewport: { width, height } })
      await openApp(page, inject('previewUrl'), '?quality=draft&phase=one-million')
      const faults: string[] = []
      for (const mode of MODES) {
        await page.evaluate((m) => window.colossus.setColorMode(m), mode)
        faults.push(...faultsOf(`${width}×${height} ${mode}`, await scrollPanels(page)))
      }
      await page.evaluate(() => window.colossus.select(0))
      faults.push(...faultsOf(`${width}×${height} selected`, await scrollPanels(page)))
      // The stories panel open as well: the right column at its fullest.
      await page.click('.story-panel summary')
      faults.push(...faultsOf(`${width}×${height} selected, story open`, await scrollPanels(page)))
      await screenshot(page, `scroll-cue-${width}x${height}-selected`)
      expect(faults).toEqual([])
      await page.close()
    })
  }

  it('390×844, the sheet open, every colour mode: the sheet shows a cue or all its text', async () => {
    const page = await phonePage(browser)
    await openApp(page, inject('previewUrl'), '?quality=draft&phase=one-million')
    await page.click('.sheet-toggle')
    const faults: string[] = []
    let sheetScrolls = false
    for (const mode of MODES) {
      await page.evaluate((m) => window.colossus.setColorMode(m), mode)
      const seen = await scrollPanels(page)
      sheetScrolls ||= seen.some((s) => s.name.includes('right-column') && s.overflows)
      faults.push(...faultsOf(`390×844 ${mode}`, seen))
    }
    await screenshot(page, 'scroll-cue-390x844-sheet')
    expect(sheetScrolls, 'the sheet scrolls at 390×844').toBe(true)
    expect(faults).toEqual([])
    await page.close()
  })
})
