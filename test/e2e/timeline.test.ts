/**
 * Browser tests of the timeline and the URL: stepping phases with the keyboard (counters end on
 * the headline figures), playback (instance matrices are not rewritten per frame, it stops at
 * the end), links that carry phase, colour mode, roof and camera, back / forward, a nonsense
 * link, the help overlay, and a screenshot of each headline phase. One Chromium page is shared;
 * links open in pages of their own.
 */
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliPhases, defaultLayoutJson } from '../fixtures'
import { litShare, type PageRecord, readCanvas, screenshot } from './browser'
import {
  colossus,
  expectCleanPage,
  focusBody,
  openSession,
  pointerOffCanvas,
  VIEWPORT,
  withPage,
} from './session'

/** The shipped layout: phase ids and which phases are headline steps. */
const config = defaultLayoutJson() as {
  phases: { id: string; name: string; headline?: boolean }[]
}

const PHASES = cliPhases()
const LAST_INDEX = PHASES.length - 1
const HEADLINES = config.phases.filter((p) => p.headline).map((p) => p.id)
/** The figures the headline steps stand for: 100k, 200k (doubled) and 1M GPUs. */
const HEADLINE_GPUS = [100_000, 200_000, 1_000_000]

let browser: Browser
let page: Page
let record: PageRecord
let app: ReturnType<typeof colossus>
const state = () => app.state()
const setPhase = (id: string | number) => app.setPhase(id)
const setCamera = (c: string) => app.setCamera(c)
const counterGpus = (p: Page = page) => colossus(p).counterGpus()

/** Waits until the timeline clock has settled (reveal is a whole number) on the store's phase. */
async function settled(p: Page = page): Promise<void> {
  await expect
    .poll(
      () =>
        p.evaluate(() => {
          const r = window.colossus.reveal()
          return Number.isInteger(r) && r === window.colossus.state().phaseIndex + 1
        }),
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true)
}

/** What playback looks like at one frame of the page. */
interface Sample {
  frames: number
  matrix: number
  color: number
  reveal: number
  phase: number
  playing: boolean
}

/** Waits for the page's next animation frame, then reads the frame counters, clock and play button. */
const sample = (): Promise<Sample> =>
  page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(r))
    const info = window.colossus.renderInfo()
    return {
      frames: info.frames,
      matrix: info.rackMatrixWrites,
      color: info.rackColorWrites,
      reveal: window.colossus.reveal(),
      phase: window.colossus.state().phaseIndex,
      playing: document.querySelector('[data-testid=play]')?.getAttribute('aria-label') === 'Pause',
    }
  })

/** Share of the canvas drawn and not dark (racks, buildings, plant). */
const litCanvas = async (p: Page): Promise<number> => litShare(await readCanvas(p, 2))

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, k) => v - b[k]!))

beforeAll(async () => {
  ;({ browser, page, record } = await openSession())
  app = colossus(page)
})

afterAll(async () => {
  await browser?.close()
})

describe('the timeline', () => {
  it('steps with ← and → from the first to the last headline phase, the counter ending on 100k, 200k and 1M', async () => {
    expect(HEADLINES.length).toBe(HEADLINE_GPUS.length)
    await focusBody(page)
    // ← from wherever the page opened down to the first phase.
    for (let i = (await state()).phaseIndex; i > 0; i--) {
      await page.keyboard.press('ArrowLeft')
      await expect.poll(async () => (await state()).phaseIndex, { timeout: 10_000 }).toBe(i - 1)
    }
    // ← at the first phase stays there.
    await page.keyboard.press('ArrowLeft')
    await settled()
    expect((await state()).phaseIndex).toBe(0)

    const seen: Record<string, number> = {}
    const last = PHASES.findIndex((p) => p.id === HEADLINES[HEADLINES.length - 1])
    for (let i = 0; i <= last; i++) {
      if (i > 0) {
        await page.keyboard.press('ArrowRight')
        await expect.poll(async () => (await state()).phaseIndex, { timeout: 10_000 }).toBe(i)
      }
      await settled()
      const s = await state()
      expect(s.phaseId).toBe(PHASES[i]!.id)
      const stats = await app.stats()
      const shown = await counterGpus()
      expect(shown, `counter at ${s.phaseId} once settled`).toBe(stats.gpus)
      expect(stats.gpus, `stats().gpus at ${s.phaseId}`).toBe(PHASES[i]!.gpus)
      seen[s.phaseId] = shown
    }
    HEADLINES.forEach((id, k) => {
      const figure = HEADLINE_GPUS[k]!
      expect(seen[id], `GPUs at headline phase ${id}`).toBeGreaterThanOrEqual(figure * 0.99)
      expect(seen[id], `GPUs at headline phase ${id}`).toBeLessThanOrEqual(figure * 1.01)
    })
    console.log(`[e2e] counters at the headline phases: ${JSON.stringify(seen)}`)
  })

  it('plays to the last phase and stops: reveal only rises, a frame per step, no matrix rewrites', async () => {
    await setPhase(0)
    await settled()
    const before = await app.renderInfo()
    const play = page.locator('[data-testid=play]')
    expect(await play.getAttribute('aria-label')).toBe('Play')
    await play.click()
    await expect.poll(() => play.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Pause')
    // One sample per animation frame of the page, until playback stops by itself.
    const samples: Sample[] = []
    for (let s = await sample(); ; s = await sample()) {
      samples.push(s)
      if (!s.playing) break
      if (s.frames - before.frames > 5_000) throw new Error('playback has not stopped after 5,000 frames')
    }
    const final = samples[samples.length - 1]!
    console.log(
      `[e2e] playback: ${samples.length} samples, frames ${before.frames} → ${final.frames}, reveal ${samples[0]!.reveal.toFixed(3)} → ${final.reveal}`,
    )
    const reveals = new Set(samples.map((s) => s.reveal))
    expect(reveals.size, 'distinct reveal values sampled while playing').toBeGreaterThanOrEqual(3)
    for (let k = 1; k < samples.length; k++) {
      const [a, b] = [samples[k - 1]!, samples[k]!]
      expect(b.reveal, 'reveal never goes back while playing').toBeGreaterThanOrEqual(a.reveal)
      // The clock advances in the frame loop only: a new reveal value comes with a rendered frame.
      if (b.reveal > a.reveal)
        expect(b.frames, `a frame rendered reveal ${b.reveal}`).toBeGreaterThan(a.frames)
    }
    // Building racks animates through uniforms: no rewrite of instance matrices or colours.
    expect(new Set(samples.map((s) => s.matrix)), 'rackMatrixWrites while playing').toEqual(
      new Set([before.rackMatrixWrites]),
    )
    expect(
      new Set(samples.map((s) => s.color)),
      'rackColorWrites while playing (same layout, same colour mode)',
    ).toEqual(new Set([before.rackColorWrites]))
    expect({ phase: final.phase, reveal: final.reveal }).toEqual({
      phase: LAST_INDEX,
      reveal: LAST_INDEX + 1,
    })
    // Stopped: more frames move nothing.
    expect(await app.renderFrames(10)).toBeGreaterThanOrEqual(10)
    const later = await sample()
    expect(
      { phase: later.phase, reveal: later.reveal, playing: later.playing, matrix: later.matrix },
      'after playback stopped and 10 more frames',
    ).toEqual({ phase: LAST_INDEX, reveal: LAST_INDEX + 1, playing: false, matrix: before.rackMatrixWrites })
    expect(await counterGpus()).toBe(PHASES[LAST_INDEX]!.gpus)
  })

  it('plays with Space too, and Space again pauses', async () => {
    await setPhase(0)
    await settled()
    await focusBody(page)
    await page.keyboard.press(' ')
    await expect
      .poll(() => page.getAttribute('[data-testid=play]', 'aria-label'), { timeout: 10_000 })
      .toBe('Pause')
    const r0 = await app.reveal()
    await expect.poll(() => app.reveal(), { timeout: 20_000 }).toBeGreaterThan(r0 + 0.05)
    await page.keyboard.press(' ')
    await expect
      .poll(() => page.getAttribute('[data-testid=play]', 'aria-label'), { timeout: 10_000 })
      .toBe('Play')
    await settled()
    const paused = await sample()
    expect(await app.renderFrames(10)).toBeGreaterThanOrEqual(10)
    const later = await sample()
    expect({ r: later.reveal, p: later.phase }, 'paused playback stays put over 10 frames').toEqual({
      r: paused.reveal,
      p: paused.phase,
    })
    expect(paused.phase).toBeLessThan(LAST_INDEX)
  })
})

describe('links and history', () => {
  it('a link with phase, mode, roof and a camera pose opens the same view in a new page', async () => {
    await setCamera('site:C2')
    const pose = (await state()).camera!
    expect(pose).not.toBeNull()
    const cam = [...pose.position, ...pose.target].map((v) => v.toFixed(2)).join(',')
    const query = `?phase=doubled&mode=power&roof=hidden&cam=${cam}`
    await withPage(browser, query, async (linked, rec) => {
      const s = await colossus(linked).state()
      expect(s.phaseId).toBe('doubled')
      expect(s.colorMode).toBe('power')
      expect(s.roofMode).toBe('hidden')
      expect(await linked.getAttribute('[data-roof]', 'data-roof')).toBe('hidden')
      const gap = async () => {
        const c = (await linked.evaluate(() => window.colossus.state().camera))!
        return Math.max(distance(c.position, pose.position), distance(c.target, pose.target))
      }
      await expect.poll(gap, { timeout: 15_000 }).toBeLessThan(0.5)
      // And it stays there (nothing re-frames a preset over it).
      expect(await colossus(linked).renderFrames(30)).toBeGreaterThanOrEqual(30)
      expect(await gap(), 'camera pose 30 frames later, metres from the link').toBeLessThan(0.5)
      expect(await counterGpus(linked)).toBe(PHASES.find((p) => p.id === 'doubled')!.gpus)
      // The address keeps the pose (rounded to 0.1 m).
      const params = new URL(linked.url()).searchParams
      expect(params.get('phase')).toBe('doubled')
      expect(params.get('mode')).toBe('power')
      expect(params.get('roof')).toBe('hidden')
      const kept = params.get('cam')!.split(',').map(Number)
      expect(kept).toHaveLength(6)
      expect(distance(kept.slice(0, 3), pose.position)).toBeLessThan(0.5)
      expect(distance(kept.slice(3), pose.target)).toBeLessThan(0.5)
      expect(await litCanvas(linked)).toBeGreaterThan(0.02)
      expect(rec.pageErrors).toEqual([])
      expect(rec.consoleErrors).toEqual([])
    })
  })

  it('Back returns to the previous phase after stepping with the keyboard, Forward redoes it', async () => {
    await setPhase(LAST_INDEX)
    await settled()
    await focusBody(page)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(async () => (await state()).phaseIndex, { timeout: 10_000 }).toBe(LAST_INDEX - 1)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(async () => (await state()).phaseIndex, { timeout: 10_000 }).toBe(LAST_INDEX - 2)
    await settled()
    expect(new URL(page.url()).searchParams.get('phase')).toBe(PHASES[LAST_INDEX - 2]!.id)

    await page.goBack({ timeout: 30_000 })
    await expect.poll(async () => (await state()).phaseIndex, { timeout: 10_000 }).toBe(LAST_INDEX - 1)
    expect(new URL(page.url()).searchParams.get('phase')).toBe(PHASES[LAST_INDEX - 1]!.id)
    await settled()
    expect(await counterGpus()).toBe(PHASES[LAST_INDEX - 1]!.gpus)

    await page.goBack({ timeout: 30_000 })
    await expect.poll(async () => (await state()).phaseIndex, { timeout: 10_000 }).toBe(LAST_INDEX)

    await page.goForward({ timeout: 30_000 })
    await expect.poll(async () => (await state()).phaseIndex, { timeout: 10_000 }).toBe(LAST_INDEX - 1)
    // Going through history does not add entries of its own: Back again lands on the last phase.
    await page.goBack({ timeout: 30_000 })
    await expect.poll(async () => (await state()).phaseIndex, { timeout: 10_000 }).toBe(LAST_INDEX)
  })

  it('a nonsense link still opens the app, at the defaults, with a notice naming the bad parameters', async () => {
    const dialogs: string[] = []
    const watch = async (bad: Page) => {
      bad.on('dialog', (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
      // Notices go away after a while: record every notice text the page ever shows.
      await bad.addInitScript(() => {
        const seen: string[] = []
        ;(window as unknown as { __notices: string[] }).__notices = seen
        new MutationObserver(() => {
          for (const el of document.querySelectorAll('.notice')) {
            const t = el.textContent ?? ''
            if (!seen.includes(t)) seen.push(t)
          }
        }).observe(document, { childList: true, subtree: true, characterData: true })
      })
    }
    const query = '?phase=zzz&mode=<script>&cam=1,2&roof=7'
    await withPage(
      browser,
      query,
      async (bad, rec) => {
        const s = await colossus(bad).state()
        expect(s.phaseId, 'default phase').toBe(PHASES[LAST_INDEX]!.id)
        expect(s.colorMode, 'default colour mode').toBe('generation')
        expect(s.roofMode, 'default roof').toBe('faded')
        // The default camera: the campus view.
        const opened = s.camera!
        await bad.evaluate(() => window.colossus.setCamera('campus'))
        const campus = (await bad.evaluate(() => window.colossus.state().camera))!
        expect(distance(opened.position, campus.position), 'camera opened in the campus view').toBeLessThan(1)
        expect(await litCanvas(bad), 'share of the canvas drawn').toBeGreaterThan(0.05)
        expect(await counterGpus(bad)).toBe(PHASES[LAST_INDEX]!.gpus)

        const notices = await bad.evaluate(() => (window as unknown as { __notices: string[] }).__notices)
        const notice = notices.find((t) => t.includes('not understood')) ?? notices.join('\n')
        console.log(`[e2e] notice of the nonsense link: ${JSON.stringify(notice)}`)
        expect(notice).toMatch(/phase: "zzz"/)
        expect(notice).toMatch(/mode: "<script>"/)
        expect(notice).toMatch(/roof: "7"/)
        expect(notice).toMatch(/cam: "1,2"/)
        // Shown as text: no script element came from the link.
        const scripts = await bad.$$eval('script', (els) => els.map((e) => e.textContent ?? '').join('\n'))
        expect(scripts).not.toContain('<script>')
        expect(dialogs).toEqual([])
        expect(rec.pageErrors).toEqual([])
      },
      watch,
    )
  })
})

describe('help and screenshots', () => {
  it('? opens the help overlay listing Space and S; Esc closes it', async () => {
    await focusBody(page)
    await page.keyboard.press('?')
    const help = page.locator('[role=dialog][aria-label="Keyboard shortcuts"]')
    await expect.poll(() => help.isVisible(), { timeout: 10_000 }).toBe(true)
    const rows = await help
      .locator('tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('kbd')?.textContent ?? '',
          tr.querySelector('td')?.textContent ?? '',
        ]),
      )
    const keys = Object.fromEntries(rows)
    expect(Object.keys(keys)).toEqual(expect.arrayContaining(['Space', 'S', '← / →', '?']))
    expect(keys.Space).toMatch(/play/)
    expect(keys.S).toMatch(/export/)
    await page.keyboard.press('Escape')
    await expect.poll(() => help.count(), { timeout: 10_000 }).toBe(0)
  })

  it('saves a screenshot of each headline phase', async () => {
    await pointerOffCanvas(page)
    for (const id of HEADLINES) {
      await setPhase(id)
      await setCamera('campus')
      await settled()
      const path = await screenshot(page, `timeline-${id}`)
      const png = readFileSync(path)
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height])
    }
  })

  it('had no page errors, console errors or requests to other hosts', () => {
    expectCleanPage(record)
  })
})
