/**
 * Browser tests of issue 13's truth labels: the timeline markers, the counters and the burned-in
 * overlay say whether a phase was achieved, claimed or planned; the counters show H100
 * equivalents with their formula, and contested figures as a range.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliPhases } from '../fixtures'
import { colossus, expectCleanPage, openSession, type Session } from './session'

let s: Session
let app: ReturnType<typeof colossus>
const PHASES = cliPhases() as { id: string; name: string; status: string | null; h100Equivalents: number }[]
const indexOf = (id: string) => PHASES.findIndex((p) => p.id === id)

/** Waits until the clock has settled on the store's phase, so the counters show whole phases. */
async function settledAt(i: number): Promise<void> {
  await app.setPhase(i)
  await expect
    .poll(() => s.page.evaluate(() => window.colossus.reveal()), { timeout: 30_000, interval: 100 })
    .toBe(i + 1)
}

beforeAll(async () => {
  s = await openSession()
  app = colossus(s.page)
})

afterAll(async () => {
  expectCleanPage(s.record)
  await s.browser.close()
})

describe('status on screen', () => {
  it('marks every timeline marker with its phase status, and labels the 1M step planned', async () => {
    const marks = await s.page.$$eval('.timeline-marker', (els) =>
      els.map((e) => [e.getAttribute('data-phase'), e.getAttribute('data-status'), e.textContent]),
    )
    expect(marks.map(([id, status]) => [id, status])).toEqual(PHASES.map((p) => [p.id, p.status]))
    const oneMillion = marks.find(([id]) => id === 'one-million')!
    expect(oneMillion[2]).toBe('1M planned')
    const title = await s.page.getAttribute('.timeline-marker[data-phase="one-million"]', 'title')
    expect(title).toContain('Planned: not done yet')
  })

  it('shows the status badge, H100 equivalents and contested ranges of the phase on screen', async () => {
    for (const id of ['doubled', 'colossus-2-full', 'one-million']) {
      const i = indexOf(id)
      await settledAt(i)
      const badges = await s.page.$$eval('.counters .status-badge, .timeline-info .status-badge', (els) =>
        els.map((e) => e.textContent),
      )
      expect(badges, id).toEqual([PHASES[i]!.status, PHASES[i]!.status])
      const h100e = Number(((await s.page.textContent('[data-testid=h100e]')) ?? '').replace(/,/g, ''))
      expect(h100e, id).toBe(PHASES[i]!.h100Equivalents)
    }
    // The claimed gigawatt: the counters give the range, and each source's figure on opening it.
    await settledAt(indexOf('colossus-2-full'))
    const contested = s.page.locator('[data-testid=contested]')
    await expect.poll(() => contested.locator('summary').textContent()).toContain('350–1,500 MW')
    await contested.locator('summary').click()
    const rows = await contested.locator('li').allTextContents()
    expect(rows.some((r) => r.includes('1,000 MW') && r.includes('first gigawatt'))).toBe(true)
    expect(rows.some((r) => r.includes('350 MW') && r.includes('Epoch'))).toBe(true)
    const help = await s.page
      .locator('[data-testid=h100e]')
      .evaluate((e) => e.parentElement?.getAttribute('title'))
    expect(help).toContain('÷ 989')
  })

  it('burns the status and H100 equivalents into an exported still', async () => {
    await settledAt(indexOf('one-million'))
    const texts = await s.page.evaluate(async () => {
      const seen: string[] = []
      const proto = CanvasRenderingContext2D.prototype
      const original = proto.fillText
      proto.fillText = function (
        this: CanvasRenderingContext2D,
        text: string,
        x: number,
        y: number,
        w?: number,
      ) {
        seen.push(text)
        return w === undefined ? original.call(this, text, x, y) : original.call(this, text, x, y, w)
      }
      try {
        await window.colossus.exportStill({ width: 960, height: 540, overlay: true })
      } finally {
        proto.fillText = original
      }
      return seen
    })
    expect(texts.some((t) => t.startsWith('One million GPUs') && t.endsWith('PLANNED'))).toBe(true)
    expect(texts).toContain('H100 EQUIVALENTS')
    expect(texts).toContain(PHASES[indexOf('one-million')]!.h100Equivalents.toLocaleString('en-US'))
  })
})
