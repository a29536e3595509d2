/**
 * Browser tests of issue 14's stories: presenter mode stepped with each clicker key (phase,
 * camera and caption follow), `?story=…&step=N` links, an embed in an iframe that lets the
 * host page scroll, and the story stills command. Screenshots of presenter mode and the embed
 * go to test/output/screenshots/.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ROOT } from '../../src/cli/browser'
import { defaultLayoutJson } from '../fixtures'
import { screenshot } from './browser'
import { colossus, expectCleanPage, focusBody, openSession, type Session, withPage } from './session'

const config = defaultLayoutJson() as {
  stories: { id: string; steps: { phase: string; camera: unknown }[] }[]
}
const STORY = config.stories[0]!
const N = STORY.steps.length

let s: Session
let app: ReturnType<typeof colossus>
let tmp: string

beforeAll(async () => {
  s = await openSession()
  app = colossus(s.page)
  tmp = mkdtempSync(join(tmpdir(), 'colossus-story-'))
})

afterAll(async () => {
  expectCleanPage(s.record)
  await s.browser.close()
  rmSync(tmp, { recursive: true, force: true })
})

/** The story step, phase, caption and camera distance the page shows. */
async function shown(page: Page = s.page) {
  return page.evaluate(() => {
    const st = window.colossus.state()
    const cam = st.camera!
    return {
      step: st.story?.step ?? null,
      phase: st.phaseId,
      presenting: st.presenting,
      title: document.querySelector('[data-testid=caption-title]')?.textContent ?? null,
      caption: document.querySelector('[data-testid=caption]')?.textContent ?? null,
      counter: document.querySelector('[data-testid=step-counter]')?.textContent ?? null,
      distance: Math.hypot(...cam.position.map((v, k) => v - cam.target[k]!)),
    }
  })
}

/** Waits until the page shows step `k` with its phase and caption, and the camera has come to rest. */
async function expectStep(k: number): Promise<Awaited<ReturnType<typeof shown>>> {
  const stories = await s.page.evaluate(() => window.colossus.stories())
  const want = stories[0]!.steps[k]!
  await expect.poll(async () => (await shown()).step, { timeout: 30_000 }).toBe(k)
  const now = await shown()
  expect(now.phase).toBe(STORY.steps[k]!.phase)
  expect(now.title).toBe(want.title)
  expect(now.caption).toBe(want.caption)
  expect(now.counter).toBe(`${k + 1} / ${N}`)
  // The camera flight ends: two reads a moment apart agree.
  let last = -1
  await expect
    .poll(
      async () => {
        const d = (await shown()).distance
        const still = Math.abs(d - last) < 0.5
        last = d
        return still
      },
      { timeout: 60_000, interval: 400 },
    )
    .toBe(true)
  return shown()
}

describe('presenter mode', () => {
  it('P enters it; each clicker key steps the phase, camera and caption; B blacks out; Esc leaves', async () => {
    await focusBody(s.page)
    await s.page.keyboard.press('p')
    await expect.poll(async () => (await shown()).presenting).toBe(true)
    const first = await expectStep(0)
    await screenshot(s.page, 'presenter-step-1')
    // Only the caption band remains of the panels.
    expect(await s.page.locator('.counters').isVisible()).toBe(false)
    expect(await s.page.locator('.timeline').isVisible()).toBe(false)
    await s.page.keyboard.press('PageDown')
    await expectStep(1)
    await s.page.keyboard.press('ArrowRight')
    const doubled = await expectStep(2)
    await s.page.keyboard.press('Space')
    const rack = await expectStep(3)
    await screenshot(s.page, 'presenter-step-4-rack')
    // The rack step's camera is close: a fraction of the site view's distance.
    expect(rack.distance).toBeLessThan(doubled.distance / 5)
    expect(first.distance).toBeGreaterThan(rack.distance)
    await s.page.keyboard.press('PageUp')
    await expectStep(2)
    await s.page.keyboard.press('ArrowLeft')
    await expectStep(1)
    await s.page.keyboard.press('End')
    await expectStep(N - 1)
    await screenshot(s.page, 'presenter-last-step')
    await s.page.keyboard.press('Home')
    await expectStep(0)
    await s.page.keyboard.press('b')
    await expect.poll(() => s.page.locator('[data-testid=blackout]').isVisible()).toBe(true)
    await s.page.keyboard.press('b')
    await expect.poll(() => s.page.locator('[data-testid=blackout]').count()).toBe(0)
    await s.page.keyboard.press('Escape')
    await expect.poll(async () => (await shown()).presenting).toBe(false)
    expect(await s.page.locator('.counters').isVisible()).toBe(true)
  })

  it('colossus.setStory shows a step and state().story says which; the URL carries it', async () => {
    await app.ready()
    await s.page.evaluate(() => window.colossus.setStory('colossus', 4))
    expect((await app.state()).story).toEqual({ id: STORY.id, step: 4 })
    expect((await app.state()).phaseId).toBe(STORY.steps[4]!.phase)
    await expect.poll(() => s.page.evaluate(() => location.search)).toContain(`story=${STORY.id}&step=5`)
    await expect(s.page.evaluate(() => window.colossus.setStory('nope'))).rejects.toThrow(
      /unknown story "nope"/,
    )
  })
})

describe('autoplay', () => {
  it('?story=…&autoplay=1 plays step 1, then 2, and stops at the end; A plays and pauses; a step key pauses', async () => {
    await withPage(s.browser, '', async (page, record) => {
      // A two-step story of one second a step, loaded for this session.
      const quick = {
        id: 'quick',
        title: 'Quick',
        steps: STORY.steps.slice(1, 3).map((x) => ({ ...x, durationS: 1 })),
      }
      const loaded = await page.evaluate(
        (t) => window.colossus.loadStories(t),
        JSON.stringify({ stories: [quick] }),
      )
      expect(loaded).toEqual({ ok: true, problems: [] })
      const now = () =>
        page.evaluate(() => ({
          step: window.colossus.state().story?.step ?? null,
          autoplay: window.colossus.state().autoplay,
          search: location.search,
        }))
      // Opened as a link (through history, as Back and Forward do; a reload would drop the session's story).
      await page.evaluate(() => {
        history.pushState(null, '', '?story=quick&autoplay=1')
        dispatchEvent(new PopStateEvent('popstate'))
      })
      expect(await now()).toMatchObject({ step: 0, autoplay: 'once' })
      await expect.poll(async () => (await now()).step, { timeout: 60_000 }).toBe(1)
      await expect.poll(async () => (await now()).autoplay, { timeout: 60_000 }).toBe(false)
      const stopped = await now()
      expect(stopped.step).toBe(1)
      const link = new URLSearchParams(stopped.search)
      expect([link.get('story'), link.get('step'), link.get('autoplay')]).toEqual(['quick', '2', null])
      // Presenter mode: A plays again from the first step; the band says so and shows the step's time.
      await focusBody(page)
      await page.keyboard.press('p')
      await page.keyboard.press('a')
      expect(await now()).toMatchObject({ step: 0, autoplay: 'once' })
      await expect.poll(() => page.locator('[data-testid=autoplay-state]').textContent()).toBe('Playing')
      expect(await page.locator('[data-testid=autoplay-progress]').isVisible()).toBe(true)
      await screenshot(page, 'presenter-autoplay')
      // A pauses it: the step stays well past its second.
      await page.keyboard.press('a')
      expect(await now()).toMatchObject({ step: 0, autoplay: false })
      expect(await page.locator('[data-testid=autoplay-progress]').count()).toBe(0)
      await page.waitForTimeout(3000)
      expect(await now()).toMatchObject({ step: 0, autoplay: false })
      // Played again, a clicker key steps by hand and pauses it.
      await page.locator('[data-testid=autoplay-toggle]').click()
      expect((await now()).autoplay).toBe('once')
      await focusBody(page)
      await page.keyboard.press('PageDown')
      expect(await now()).toMatchObject({ step: 1, autoplay: false })
      await page.keyboard.press('Escape')
      // colossus.setStory(…, { autoplay: 'loop' }) goes from the last step back to the first.
      await page.evaluate(() => window.colossus.setStory('quick', 1, { autoplay: 'loop' }))
      expect((await now()).autoplay).toBe('loop')
      await expect.poll(async () => (await now()).step, { timeout: 60_000 }).toBe(0)
      expect((await now()).autoplay).toBe('loop')
      await expect(
        page.evaluate(() => window.colossus.setStory('quick', 0, { autoplay: 'yes' as 'loop' })),
      ).rejects.toThrow(/autoplay must be/)
      expectCleanPage(record)
    })
  })
})

describe('links and embeds', () => {
  it('?story=<id>&step=N opens that step', async () => {
    await withPage(s.browser, `?story=${STORY.id}&step=4`, async (page) => {
      await page.evaluate(() => window.colossus.ready)
      await expect
        .poll(() => page.evaluate(() => window.colossus.state().story))
        .toEqual({ id: STORY.id, step: 3 })
      const st = await page.evaluate(() => window.colossus.state())
      expect(st.phaseId).toBe(STORY.steps[3]!.phase)
      const current = await page.locator('.story-steps [aria-current=step]').textContent()
      const titles = await page.evaluate(() => window.colossus.stories()[0]!.steps.map((x) => x.title))
      expect(current).toBe(titles[3])
    })
  })

  it('an iframe at 640×360 shows the scene and caption, and does not capture page scroll until clicked', async () => {
    const page = await s.browser.newPage({ viewport: { width: 900, height: 700 } })
    try {
      const src = `${inject('previewUrl')}?embed=1&story=${STORY.id}&step=2`
      await page.setContent(
        `<!doctype html><body style="margin:0"><h1>Article</h1><div style="height:200px"></div>
         <iframe id="f" src="${src}" width="640" height="360" style="border:0"></iframe>
         <div style="height:3000px"></div></body>`,
      )
      const frame = await (await page.waitForSelector('#f')).contentFrame()
      await frame!.waitForFunction(() => 'colossus' in window, null, { timeout: 120_000 })
      await frame!.evaluate(() => window.colossus.ready)
      await expect.poll(() => frame!.evaluate(() => window.colossus.state().story?.step ?? null)).toBe(1)
      expect(await frame!.locator('[data-testid=caption-band]').isVisible()).toBe(true)
      expect(await frame!.locator('.counters').isVisible()).toBe(false)
      expect(await frame!.locator('.embed-credit').getAttribute('href')).not.toContain('embed=1')
      await screenshot(page, 'embed-640x360')
      const camera = () => frame!.evaluate(() => window.colossus.state().camera)
      const before = await camera()
      // The wheel over the embed scrolls the article, not the camera.
      await page.mouse.move(320, 400)
      await page.mouse.wheel(0, 400)
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100)
      expect(await camera()).toEqual(before)
      // Clicked, it takes the wheel: the camera zooms and the page stays.
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.mouse.click(320, 400)
      expect(await frame!.locator('[data-testid=embed-veil]').count()).toBe(0)
      await page.mouse.wheel(0, 400)
      await expect
        .poll(async () => JSON.stringify(await camera()), { timeout: 20_000 })
        .not.toBe(JSON.stringify(before))
      expect(await page.evaluate(() => window.scrollY)).toBe(0)
    } finally {
      await page.close()
    }
  })
})

describe('npm run stills -- --story', () => {
  it('writes one PNG per step at the asked size', { timeout: 900_000 }, () => {
    const out = join(tmp, 'story')
    const r = spawnSync(
      'npm',
      ['run', '--silent', 'stills', '--', '--story', STORY.id, '--size', '960x540', '--out', out],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 880_000,
      },
    )
    expect(r.status, r.stderr).toBe(0)
    const files = readdirSync(out).sort()
    expect(files).toEqual(STORY.steps.map((_, k) => `${STORY.id}-step-${String(k + 1).padStart(2, '0')}.png`))
    for (const f of files) {
      const png = readFileSync(join(out, f))
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], f).toEqual([960, 540])
    }
  })

  it('refuses an unknown story, naming the ones there are', () => {
    const r = spawnSync(
      'npm',
      ['run', '--silent', 'stills', '--', '--story', 'nope', '--out', join(tmp, 'x')],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    )
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(`unknown story "nope"; stories are ${STORY.id}`)
  })
})
