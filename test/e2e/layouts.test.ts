/**
 * Browser tests of layouts: the examples from the Layout menu agree with the layout CLI, a
 * `?layout=` link, refused files (every problem listed, the previous layout kept), names shown
 * as text and never as HTML, reset to Colossus, WebGL context loss and restore, and no growth
 * of GPU geometries or textures over many phase switches and layout reloads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cliPhases,
  DEFAULT_LAYOUT_PATH,
  EXAMPLE_LAYOUT_FILES as EXAMPLE_FILES,
  layoutPath,
  layoutProblems,
  layoutText,
} from '../fixtures'
import { changedShare, litShare, type PageRecord, readCanvas, screenshot } from './browser'
import { colossus, expectCleanPage, openSession, withPage } from './session'

const DEFAULT_TEXT = layoutText()
const DEFAULT_NAME = (JSON.parse(DEFAULT_TEXT) as { name: string }).name
const SMALL_PATH = layoutPath('example-small-cluster.json')

/** A phase as `npm run layout -- <file> --json` prints it. */
type CliPhase = Record<string, unknown> & { id: string; gpus: number }

const layoutName = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name

let browser: Browser
let page: Page
let record: PageRecord
let tmp: string
let app: ReturnType<typeof colossus>
const state = () => app.state()
const stats = () => app.stats()
const ready = () => app.ready()

/**
 * Opens the Layout menu and clicks one of its items, as a user would: the item must be on top
 * where it is drawn (not clipped or covered), without scrolling anything first.
 */
async function menu(selector: string): Promise<void> {
  const open = await page.getAttribute('[data-testid=layout-menu]', 'aria-expanded')
  if (open !== 'true') await page.click('[data-testid=layout-menu]')
  await page.waitForSelector(selector, { timeout: 10_000 })
  const covered = await page.evaluate((sel) => {
    const el = document.querySelector(sel)!
    const r = el.getBoundingClientRect()
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
    if (at && el.contains(at)) return null
    const box = `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`
    return `${box}: ${at ? `<${at.tagName.toLowerCase()} class="${at.getAttribute('class') ?? ''}">` : 'nothing'} is there instead`
  }, selector)
  expect(covered, `the menu item ${selector} is hidden where it is drawn`).toBeNull()
  await page.click(selector, { timeout: 10_000 })
}

/** Loads a file through the hidden file input, as "Open a layout file…" does. */
async function openFile(name: string, text: string): Promise<string> {
  const path = join(tmp, name)
  writeFileSync(path, text)
  await page.setInputFiles('[data-testid=layout-file]', path)
  return path
}

/** Lines of the problems panel, once it names `source`. */
async function problemLines(source: string): Promise<string[]> {
  const panel = page.locator('[data-testid=layout-problems]')
  await expect
    .poll(async () => (await panel.count()) > 0 && (await panel.locator('h2').textContent()), {
      timeout: 30_000,
    })
    .toContain(source)
  return panel.locator('li').evaluateAll((lis) => lis.map((li) => li.textContent ?? ''))
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'colossus-layouts-'))
  ;({ browser, page, record } = await openSession())
  app = colossus(page)
})

afterAll(async () => {
  await browser?.close()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

describe('choosing a layout', () => {
  for (const file of EXAMPLE_FILES) {
    it(`loads ${file} from the Layout menu, with the CLI's figures`, async () => {
      const name = layoutName(layoutPath(file))
      expect((await state()).layoutName).not.toBe(name)
      await menu(`[data-example="${file}"]`)
      await expect.poll(async () => (await state()).layoutName, { timeout: 30_000 }).toBe(name)
      await ready()
      const s = await state()
      expect(s.layoutSource).toBe(file)
      const phases = cliPhases<CliPhase>(layoutPath(file))
      expect(s.phases).toEqual(phases.map((p) => p.id))
      expect(s.phaseId, 'a new layout opens at its last phase').toBe(phases[phases.length - 1]!.id)
      expect(await stats()).toEqual(phases[phases.length - 1])
      expect(await page.textContent('[data-testid=gpus]')).toBe(
        phases[phases.length - 1]!.gpus.toLocaleString('en-US'),
      )
      expect(litShare(await readCanvas(page, 2)), 'share of the canvas drawn').toBeGreaterThan(0.01)
    })
  }

  it("each example loaded through colossus.loadLayout has the CLI's figures at every phase", async () => {
    for (const file of EXAMPLE_FILES) {
      const text = layoutText(layoutPath(file))
      const result = await page.evaluate(({ t, f }) => window.colossus.loadLayout(t, f), { t: text, f: file })
      expect(result).toEqual({ ok: true, name: layoutName(layoutPath(file)) })
      const phases = cliPhases<CliPhase>(layoutPath(file))
      for (const phase of phases) {
        await page.evaluate((id) => window.colossus.setPhase(id), phase.id)
        expect(await stats(), `${file} at ${phase.id}`).toEqual(phase)
      }
    }
    await page.evaluate((t) => window.colossus.loadLayout(t, 'default'), DEFAULT_TEXT)
    expect((await state()).layoutName).toBe(DEFAULT_NAME)
  })

  it('Reset to Colossus goes back to the default layout', async () => {
    if ((await state()).layoutName === DEFAULT_NAME) {
      const text = readFileSync(SMALL_PATH, 'utf8')
      expect(await page.evaluate((t) => window.colossus.loadLayout(t, 'example'), text)).toMatchObject({
        ok: true,
      })
    }
    await menu('[data-testid=reset-layout]')
    await expect.poll(async () => (await state()).layoutName, { timeout: 30_000 }).toBe(DEFAULT_NAME)
    await ready()
    expect((await state()).layoutSource).toBe('default')
    const phases = cliPhases<CliPhase>(DEFAULT_LAYOUT_PATH)
    expect(await stats()).toEqual(phases[phases.length - 1])
  })

  it('?layout=layouts/example-small-cluster.json&phase=start opens that layout at that phase', async () => {
    await withPage(browser, '?layout=layouts/example-small-cluster.json&phase=start', async (linked, rec) => {
      const name = layoutName(SMALL_PATH)
      await expect
        .poll(() => linked.evaluate(() => window.colossus.state().layoutName), { timeout: 30_000 })
        .toBe(name)
      await expect
        .poll(() => linked.evaluate(() => window.colossus.state().phaseId), { timeout: 30_000 })
        .toBe('start')
      await linked.evaluate(() => window.colossus.ready)
      const start = cliPhases<CliPhase>(SMALL_PATH).find((p) => p.id === 'start')!
      expect(await linked.evaluate(() => window.colossus.stats())).toEqual(start)
      await expect
        .poll(() => linked.textContent('[data-testid=gpus]'), { timeout: 30_000 })
        .toBe(start.gpus.toLocaleString('en-US'))
      const params = new URL(linked.url()).searchParams
      expect(params.get('layout')).toBe('layouts/example-small-cluster.json')
      expect(params.get('phase')).toBe('start')
      expect(await linked.locator('[data-testid=layout-problems]').count()).toBe(0)
      expect(rec.pageErrors).toEqual([])
      expect(rec.failedRequests).toEqual([])
    })
  })
})

describe('refused files', () => {
  it('lists every problem of a broken file as `<path>: <message>` and keeps the previous layout', async () => {
    await ready()
    const before = await state()
    const info0 = await app.renderInfo()
    const lit0 = litShare(await readCanvas(page, 2))
    const broken = JSON.parse(readFileSync(SMALL_PATH, 'utf8'))
    broken.generations[0].gpusPerServer = -8
    broken.phases[1].adds[0].halls = ['NO-SUCH-HALL']
    broken.phases[0].date = 'yesterday'
    broken.hallTypes[0].rows = 'four'
    broken.bogus = true
    const text = JSON.stringify(broken, null, 2)
    const expected = layoutProblems(text)
    expect(expected.length, 'problems the validator finds').toBeGreaterThanOrEqual(5)
    for (const path of [
      'generations[0].gpusPerServer',
      'phases[1].adds[0].halls[0]',
      'phases[0].date',
      'hallTypes[0].rows',
    ])
      expect(
        expected.some((l) => l.startsWith(`${path}: `)),
        `a problem at ${path} in ${JSON.stringify(expected)}`,
      ).toBe(true)

    await openFile('broken-layout.json', text)
    const lines = await problemLines('broken-layout.json')
    expect(lines).toEqual(expected)
    const heading = await page.textContent('[data-testid=layout-problems] h2')
    expect(heading).toContain(`${expected.length} problems`)

    // The previous layout stays, drawn as before.
    await ready()
    const after = await state()
    expect(after.layoutName).toBe(before.layoutName)
    expect(after.layoutSource).toBe(before.layoutSource)
    expect(after.phaseId).toBe(before.phaseId)
    const info1 = await app.renderInfo()
    expect(info1.drawCalls).toBe(info0.drawCalls)
    expect(info1.triangles).toBe(info0.triangles)
    const lit1 = litShare(await readCanvas(page, 2))
    expect(lit1, 'share of the canvas drawn after the refusal').toBeGreaterThan(Math.min(0.01, lit0 * 0.5))
    expect(await page.textContent('[data-testid=layout-problems]')).toContain(
      `Still showing “${before.layoutName}”`,
    )
  })

  it('refuses a file that is not JSON with one problem at (root)', async () => {
    const before = await state()
    await openFile('not-json.json', 'this is { not: JSON at all')
    const lines = await problemLines('not-json.json')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\(root\): is not valid JSON/)
    expect(await page.textContent('[data-testid=layout-problems] h2')).toContain('1 problem')
    const after = await state()
    expect(after.layoutName).toBe(before.layoutName)
    expect(after.layoutSource).toBe(before.layoutSource)
    // Dismiss the panel.
    await page.click('[data-testid=layout-problems] button[aria-label=Dismiss]')
    await expect
      .poll(() => page.locator('[data-testid=layout-problems]').count(), { timeout: 10_000 })
      .toBe(0)
  })

  it('shows a name and description carrying HTML as text', async () => {
    const evil = '<img src=x onerror=alert(1)>'
    const dialogs: string[] = []
    const onDialog = (d: { message(): string; dismiss(): Promise<void> }) => {
      dialogs.push(d.message())
      void d.dismiss()
    }
    page.on('dialog', onDialog)
    try {
      const layout = JSON.parse(readFileSync(SMALL_PATH, 'utf8'))
      layout.name = `Lab ${evil}`
      for (const p of layout.phases) p.description = `Racks ${evil} arrive.`
      await openFile('evil.json', JSON.stringify(layout))
      await expect.poll(async () => (await state()).layoutName, { timeout: 30_000 }).toBe(`Lab ${evil}`)
      // Two more rendered frames: anything the new names cause on the page has happened.
      expect(await app.renderFrames(2)).toBeGreaterThanOrEqual(2)
      const imgs = await page.$$eval('img', (els) =>
        els.map((e) => e.getAttribute('src')).filter((src) => src === 'x' || src?.endsWith('/x')),
      )
      expect(imgs, 'img elements made from the layout').toEqual([])
      expect(dialogs, 'dialogs opened').toEqual([])
      expect(await page.textContent('.layout-name')).toBe(`Lab ${evil}`)
      expect(await page.textContent('.timeline-description')).toBe(`Racks ${evil} arrive.`)
      expect(await page.getByText(`Lab ${evil}`, { exact: true }).first().isVisible()).toBe(true)
      expect(await page.getByText(`Racks ${evil} arrive.`, { exact: true }).first().isVisible()).toBe(true)
    } finally {
      page.off('dialog', onDialog)
      await page.evaluate((t) => window.colossus.loadLayout(t, 'default'), DEFAULT_TEXT)
    }
  })
})

describe('the GPU', () => {
  it('shows a banner while the WebGL context is lost and renders again once it is restored', async () => {
    await page.evaluate(() => window.colossus.setCamera('campus'))
    await ready()
    const stats0 = await stats()
    const px0 = await readCanvas(page, 2)
    const lit0 = litShare(px0)
    await screenshot(page, 'context-before-loss')
    expect(lit0).toBeGreaterThan(0.05)
    await page.evaluate(() => {
      const canvas = document.querySelector('canvas')!
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!
      const ext = gl.getExtension('WEBGL_lose_context')
      if (!ext) throw new Error('no WEBGL_lose_context')
      ;(window as unknown as { __lose: WEBGL_lose_context }).__lose = ext
      ext.loseContext()
    })
    const banner = page.locator('[data-testid=context-lost]')
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await banner.textContent()).toMatch(/lost its graphics context/)
    // 30 animation frames of the page later, it is still up.
    await page.evaluate(async () => {
      for (let k = 0; k < 30; k++) await new Promise((r) => requestAnimationFrame(r))
    })
    expect(await banner.isVisible(), 'banner still up while the context is lost').toBe(true)
    await page.evaluate(() => (window as unknown as { __lose: WEBGL_lose_context }).__lose.restoreContext())
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0)
    await page.evaluate(() => window.colossus.ready)
    expect(
      await page.evaluate(() => document.querySelector('canvas')!.getContext('webgl2')?.isContextLost()),
    ).toBe(false)
    // It draws the same scene again (software GL may take a moment to re-upload everything).
    let px1 = await readCanvas(page, 2)
    await expect
      .poll(
        async () => {
          px1 = await readCanvas(page, 2)
          return litShare(px1)
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBeGreaterThan(lit0 * 0.9)
    await screenshot(page, 'context-restored')
    const diff = changedShare(px0, px1)
    console.log(
      `[e2e] after context restore: ${(litShare(px1) * 100).toFixed(1)} % lit (was ${(lit0 * 100).toFixed(1)} %), ${(diff * 100).toFixed(2)} % of pixels changed`,
    )
    expect(litShare(px1), 'share of the canvas lit after the restore').toBeGreaterThan(lit0 * 0.9)
    expect(diff, 'share of pixels that differ from before the loss').toBeLessThan(0.01)
    expect(await stats()).toEqual(stats0)
    const info = await app.renderInfo()
    expect(info.drawCalls).toBeGreaterThan(0)
  })

  it('geometries and textures return to their count after 100 phase switches and 10 layout reloads', async () => {
    const examples = EXAMPLE_FILES.map((f) => ({ name: f, text: layoutText(layoutPath(f)) }))
    /** Jumps between phases, alternating between the low and the high end of the timeline. */
    const switches = (n: number) =>
      page.evaluate(async (count) => {
        const c = window.colossus
        const phases = c.state().phases.length
        for (let i = 0; i < count; i++) {
          const k = Math.floor(i / 2) % phases
          await c.setPhase(i % 2 === 0 ? k : phases - 1 - k)
        }
        await c.setPhase(phases - 1)
      }, n)
    const reloads = (rounds: number) =>
      page.evaluate(
        async ({ rounds, examples, defaultText }) => {
          for (let i = 0; i < rounds; i++) {
            const ex = examples[i % examples.length]!
            const a = await window.colossus.loadLayout(ex.text, ex.name)
            if (!a.ok) throw new Error(`${ex.name} was refused: ${JSON.stringify(a.problems)}`)
            const b = await window.colossus.loadLayout(defaultText, 'default')
            if (!b.ok) throw new Error(`the default layout was refused: ${JSON.stringify(b.problems)}`)
          }
        },
        { rounds, examples, defaultText: DEFAULT_TEXT },
      )
    const counts = async () => {
      await ready()
      const i = await page.evaluate(() => window.colossus.renderInfo())
      return { geometries: i.geometries, textures: i.textures, programs: i.programs }
    }
    // Warm-up: every example and every phase once, so lazily created things exist.
    await switches(12)
    await reloads(examples.length)
    await switches(12)
    const baseline = await counts()
    const s0 = await state()
    await switches(100)
    await reloads(5)
    const after = await counts()
    console.log(
      `[e2e] 100 phase switches and 10 reloads: ${JSON.stringify(baseline)} → ${JSON.stringify(after)}`,
    )
    const s1 = await state()
    expect(s1.layoutName).toBe(DEFAULT_NAME)
    expect(s1.phaseId).toBe(s0.phaseId)
    expect(after.geometries, 'geometries').toBe(baseline.geometries)
    expect(after.textures, 'textures').toBe(baseline.textures)
  })
})

describe('the page', () => {
  it('had no page errors, console errors or requests to other hosts', () => {
    expectCleanPage(record)
  })
})
