/**
 * Browser tests of the timeline and the URL: stepping phases with the keyboard (counters end on
 * the headline figures), playback (instance matrices are not rewritten per frame, it stops at
 * the end), links that carry phase, colour mode, roof and camera, back / forward, a nonsense
 * link, the help overlay, and a screenshot of each headline phase. One Chromium page is shared;
 * links open in pages of their own.
 */
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEFAULT_LAYOUT_PATH } from '../../src/cli/layout'
import { cliPhases } from '../fixtures'
import { hsv, launchBrowser, openApp, type PageRecord, readCanvas, screenshot } from './browser'

const VIEWPORT = { width: 1280, height: 720 }

/** The shipped layout: phase ids and which phases are headline steps. */
const config = JSON.parse(readFileSync(DEFAULT_LAYOUT_PATH, 'utf8')) as {
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

const state = () => page.evaluate(() => window.colossus.state())
const setPhase = (id: string | number) => page.evaluate((p) => window.colossus.setPhase(p), id)
const setCamera = (c: string) => page.evaluate((x) => window.colossus.setCamera(x), c)
const counterGpus = async (p: Page = page): Promise<number> => {
  const text = (await p.textContent('[data-testid=gpus]')) ?? ''
  return Number(text.replace(/,/g, ''))
}

/** Focus on the page body, so keys go to the app's window handler as a user's would. */
async function focusBody(p: Page = page): Promise<void> {
  await p.evaluate(() => {
    ;(document.activeElement as HTMLElement | null)?.blur()
  })
}

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

/** Share of canvas pixels that are drawn and not dark (racks, buildings, labels of the scene). */
async function litShare(p: Page): Promise<number> {
  const px = await readCanvas(p, 2)
  let lit = 0
  for (let i = 0; i < px.data.length; i += 4)
    if (px.data[i + 3]! > 0 && hsv(px.data[i]!, px.data[i + 1]!, px.data[i + 2]!).v > 0.25) lit++
  return lit / (px.width * px.height)
}

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, k) => v - b[k]!))

beforeAll(async () => {
  const launched = await launchBrowser()
  browser = launched.browser
  page = await browser.newPage({ viewport: VIEWPORT })
  record = await openApp(page, inject('previewUrl'))
})

afterAll(async () => {
  await browser?.close()
})

describe('the timeline', () => {
  it('steps with ← and → from the first to the last headline phase, the counter ending on 100k, 200k and 1M', async () => {
    expect(HEADLINES.length).toBe(HEADLINE_GPUS.length)
    await focusBody()
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
      const stats = await page.evaluate(() => window.colossus.stats())
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

  it('plays without rewriting rack matrices, moving frames and reveal, and stops at the last phase', async () => {
    await setPhase(0)
    await settled()
    const before = await page.evaluate(() => window.colossus.renderInfo())
    const play = page.locator('[data-testid=play]')
    expect(await play.getAttribute('aria-label')).toBe('Play')
    await play.click()
    const samples: { frames: number; matrix: number; color: number; reveal: number; phase: number }[] = []
    const t0 = Date.now()
    while (Date.now() - t0 < 4_000) {
      samples.push(
        await page.evaluate(() => {
          const info = window.colossus.renderInfo()
          return {
            frames: info.frames,
            matrix: info.rackMatrixWrites,
            color: info.rackColorWrites,
            reveal: window.colossus.reveal(),
            phase: window.colossus.state().phaseIndex,
          }
        }),
      )
      await new Promise((r) => setTimeout(r, 200))
    }
    const first = samples[0]!
    const final = samples[samples.length - 1]!
    console.log(
      `[e2e] playback, ${samples.length} samples over 4 s: frames ${before.frames} → ${final.frames}, reveal ${first.reveal.toFixed(3)} → ${final.reveal.toFixed(3)}, matrix writes ${before.rackMatrixWrites} → ${final.matrix}`,
    )
    expect(await play.getAttribute('aria-label'), 'the play button reads Pause while playing').toBe('Pause')
    expect(final.frames - before.frames, 'frames rendered while playing').toBeGreaterThanOrEqual(5)
    const reveals = new Set(samples.map((s) => s.reveal.toFixed(4)))
    expect(reveals.size, 'distinct reveal values sampled while playing').toBeGreaterThanOrEqual(3)
    for (let k = 1; k < samples.length; k++)
      expect(samples[k]!.reveal, 'reveal never goes back while playing').toBeGreaterThanOrEqual(
        samples[k - 1]!.reveal,
      )
    expect(final.reveal).toBeGreaterThan(first.reveal)
    // Building racks animates through uniforms: no full rewrite of the instance matrices.
    expect(
      samples.map((s) => s.matrix),
      'rackMatrixWrites while playing',
    ).toEqual(samples.map(() => before.rackMatrixWrites))
    expect(
      samples.map((s) => s.color),
      'rackColorWrites while playing (same layout, same colour mode)',
    ).toEqual(samples.map(() => before.rackColorWrites))

    // Playback runs to the last phase and stops there by itself.
    await expect.poll(() => play.getAttribute('aria-label'), { timeout: 150_000, interval: 250 }).toBe('Play')
    const stopped = await page.evaluate(() => ({
      phase: window.colossus.state().phaseIndex,
      reveal: window.colossus.reveal(),
      matrix: window.colossus.renderInfo().rackMatrixWrites,
    }))
    expect(stopped.phase).toBe(LAST_INDEX)
    expect(stopped.reveal).toBe(LAST_INDEX + 1)
    expect(stopped.matrix).toBe(before.rackMatrixWrites)
    await new Promise((r) => setTimeout(r, 1_500))
    const later = await page.evaluate(() => ({
      phase: window.colossus.state().phaseIndex,
      reveal: window.colossus.reveal(),
    }))
    expect(later, 'nothing moves after playback stopped').toEqual({
      phase: LAST_INDEX,
      reveal: LAST_INDEX + 1,
    })
    expect(await counterGpus()).toBe(PHASES[LAST_INDEX]!.gpus)
  })

  it('plays with Space too, and Space again pauses', async () => {
    await setPhase(0)
    await settled()
    await focusBody()
    await page.keyboard.press(' ')
    await expect
      .poll(() => page.getAttribute('[data-testid=play]', 'aria-label'), { timeout: 10_000 })
      .toBe('Pause')
    const r0 = await page.evaluate(() => window.colossus.reveal())
    await expect
      .poll(() => page.evaluate(() => window.colossus.reveal()), { timeout: 20_000 })
      .toBeGreaterThan(r0 + 0.05)
    await page.keyboard.press(' ')
    await expect
      .poll(() => page.getAttribute('[data-testid=play]', 'aria-label'), { timeout: 10_000 })
      .toBe('Play')
    await settled()
    const paused = await page.evaluate(() => ({
      r: window.colossus.reveal(),
      p: window.colossus.state().phaseIndex,
    }))
    await new Promise((r) => setTimeout(r, 1_000))
    expect(
      await page.evaluate(() => ({ r: window.colossus.reveal(), p: window.colossus.state().phaseIndex })),
      'paused playback stays put',
    ).toEqual(paused)
    expect(paused.p).toBeLessThan(LAST_INDEX)
  })
})

describe('links and history', () => {
  it('a link with phase, mode, roof and a camera pose opens the same view in a new page', async () => {
    await setCamera('site:C2')
    const pose = (await state()).camera!
    expect(pose).not.toBeNull()
    const cam = [...pose.position, ...pose.target].map((v) => v.toFixed(2)).join(',')
    const query = `?phase=doubled&mode=power&roof=hidden&cam=${cam}`
    const linked = await browser.newPage({ viewport: VIEWPORT })
    try {
      const rec = await openApp(linked, inject('previewUrl'), query)
      const s = await linked.evaluate(() => window.colossus.state())
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
      await new Promise((r) => setTimeout(r, 1_500))
      expect(await gap(), 'camera pose 1.5 s later, metres from the link').toBeLessThan(0.5)
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
      expect(await litShare(linked)).toBeGreaterThan(0.02)
      expect(rec.pageErrors).toEqual([])
      expect(rec.consoleErrors).toEqual([])
    } finally {
      await linked.close()
    }
  })

  it('Back returns to the previous phase after stepping with the keyboard, Forward redoes it', async () => {
    await setPhase(LAST_INDEX)
    await settled()
    await focusBody()
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
    const bad = await browser.newPage({ viewport: VIEWPORT })
    const dialogs: string[] = []
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
    try {
      const rec = await openApp(bad, inject('previewUrl'), '?phase=zzz&mode=<script>&cam=1,2&roof=7')
      const s = await bad.evaluate(() => window.colossus.state())
      expect(s.phaseId, 'default phase').toBe(PHASES[LAST_INDEX]!.id)
      expect(s.colorMode, 'default colour mode').toBe('generation')
      expect(s.roofMode, 'default roof').toBe('faded')
      // The default camera: the campus view.
      const opened = s.camera!
      await bad.evaluate(() => window.colossus.setCamera('campus'))
      const campus = (await bad.evaluate(() => window.colossus.state().camera))!
      expect(distance(opened.position, campus.position), 'camera opened in the campus view').toBeLessThan(1)
      expect(await litShare(bad), 'share of the canvas drawn').toBeGreaterThan(0.05)
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
    } finally {
      await bad.close()
    }
  })
})

describe('help and screenshots', () => {
  it('? opens the help overlay listing Space and S; Esc closes it', async () => {
    await focusBody()
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
    await page.mouse.move(5, VIEWPORT.height / 2)
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
    const otherHosts = record.otherRequests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'))
    expect(otherHosts).toEqual([])
    expect(record.failedRequests).toEqual([])
    expect(record.pageErrors).toEqual([])
    expect(record.consoleErrors).toEqual([])
  })
})
