/**
 * Browser tests of the built app: what the canvas shows, the figures next to it, the legend,
 * picking, camera presets, the automation API and the page's network hygiene. One Chromium
 * page is shared; every test sets the phase, colour mode and camera it needs.
 */
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliPhases, defaultLayout, defaultLayoutJson } from '../fixtures'
import {
  changedPixels,
  changedShare,
  hexBytes,
  hsv,
  hueDistance,
  litShare,
  type PageRecord,
  type Pixels,
  readCanvas,
  screenshot,
} from './browser'
import { colossus, expectCleanPage, openSession, otherHosts, pointerOffCanvas, withPage } from './session'

const COLOR_MODES = ['generation', 'power', 'phase'] as const
type Mode = (typeof COLOR_MODES)[number]

/** What `npm run layout -- --json` prints per phase. */
interface CliPhase {
  id: string
  name: string
  gpus: number
  racks: number
  gpusByGeneration: Record<string, number>
}

/** The shipped layout config (names, colours and kW of generations, phase names). */
/** Each rack's draw under the default layout's scenario, kW, in build order. */
const DRAW_KW = defaultLayout().power.drawKw

const config = defaultLayoutJson() as {
  generations: { id: string; name: string; color: string; rackPowerKw: number }[]
  phases: { id: string; name: string }[]
}
const PHASES = cliPhases<CliPhase>()
const LAST = PHASES[PHASES.length - 1]!
const FIRST = PHASES[0]!

let browser: Browser
let page: Page
let record: PageRecord
let app: ReturnType<typeof colossus>
const setPhase = (id: string) => app.setPhase(id)
const setMode = (m: Mode) => app.setMode(m)
const setCamera = (c: string) => app.setCamera(c)
const state = () => app.state()

/**
 * Counts the pixels of `gen` (generation mode) whose hue is that of a GPU generation. Only
 * pixels in `mask` count (rack pixels: those that change with the colour mode), only coloured
 * ones (saturation, brightness), each going to the generation of the nearest hue within 15°.
 */
function generationHues(gen: Pixels, mask: boolean[]): Record<string, number> {
  const targets = config.generations.map((g) => ({ id: g.id, h: hsv(...hexBytes(g.color)).h }))
  const counts: Record<string, number> = Object.fromEntries(targets.map((t) => [t.id, 0]))
  for (let k = 0; k < mask.length; k++) {
    if (!mask[k]) continue
    const c = hsv(gen.data[k * 4]!, gen.data[k * 4 + 1]!, gen.data[k * 4 + 2]!)
    if (c.s < 0.2 || c.v < 0.15) continue
    let best: { id: string; d: number } | null = null
    for (const t of targets) {
      const d = hueDistance(c.h, t.h)
      if (d <= 15 && (!best || d < best.d)) best = { id: t.id, d }
    }
    if (best) counts[best.id]!++
  }
  return counts
}

/**
 * Checks the generation colours on the canvas: each generation of `present` (ids) covers at
 * least 20 pixels, each of `absent` next to none (antialiasing noise: 1 % of coloured pixels).
 */
async function expectGenerationColours(where: string, present: string[], absent: string[]): Promise<void> {
  await setMode('phase')
  const other = await readCanvas(page, 1)
  await setMode('generation')
  const gen = await readCanvas(page, 1)
  const counts = generationHues(gen, changedPixels(gen, other))
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const seen = `${where}: ${JSON.stringify(counts)}`
  for (const g of config.generations) {
    if (present.includes(g.id))
      expect(counts[g.id], `pixels of ${g.name} (${g.color}), ${seen}`).toBeGreaterThanOrEqual(20)
    if (absent.includes(g.id))
      expect(counts[g.id], `pixels of ${g.name}, not standing, ${seen}`).toBeLessThanOrEqual(3 + total * 0.01)
  }
}

/** Ids of the generations standing at a phase, and of those not. */
function generationsAt(phase: CliPhase): { present: string[]; absent: string[] } {
  const present = Object.keys(phase.gpusByGeneration)
  return { present, absent: config.generations.map((g) => g.id).filter((id) => !present.includes(id)) }
}

beforeAll(async () => {
  ;({ browser, page, record } = await openSession())
  app = colossus(page)
})

afterAll(async () => {
  await browser?.close()
})

describe('Colossus Explorer in Chromium', () => {
  it('opens at the last phase in the campus view, within the draw budget', async () => {
    const s = await state()
    expect(s.phaseId).toBe(LAST.id)
    expect(s.phases).toEqual(PHASES.map((p) => p.id))
    const opened = s.camera
    expect(opened).not.toBeNull()
    // The page opened in the campus view: asking for it again does not move the camera.
    await setCamera('campus')
    const campus = (await state()).camera!
    for (let k = 0; k < 3; k++) {
      expect(campus.position[k]).toBeCloseTo(opened!.position[k]!, 0)
      expect(campus.target[k]).toBeCloseTo(opened!.target[k]!, 0)
    }
    // Every site with racks has its first and last rack on screen.
    const sites = await page.evaluate(() => {
      const c = window.colossus
      const bySite: Record<string, { first: number; last: number }> = {}
      for (let i = 0; i < c.stats().racks; i++) {
        const site = c.rack(i)!.site
        bySite[site] ??= { first: i, last: i }
        bySite[site].last = i
      }
      return Object.entries(bySite).map(([site, { first, last }]) => ({
        site,
        first: c.rackScreenPosition(first),
        last: c.rackScreenPosition(last),
      }))
    })
    expect(sites.length).toBeGreaterThanOrEqual(2)
    for (const site of sites) {
      expect(site.first, `first rack of ${site.site} on screen`).not.toBeNull()
      expect(site.last, `last rack of ${site.site} on screen`).not.toBeNull()
    }
    const info = await app.renderInfo()
    console.log(`[e2e] ${LAST.id}, campus: ${JSON.stringify(info)}`)
    expect(info.drawCalls).toBeGreaterThan(0)
    expect(info.drawCalls).toBeLessThan(20)
    expect(info.triangles).toBeLessThanOrEqual(1_500_000)
  })

  it('keeps the draw budget at the last phase in every camera preset', async () => {
    await setPhase(LAST.id)
    for (const preset of (await state()).cameraPresets) {
      await setCamera(preset)
      const info = await app.renderInfo()
      // Issue 11's budget: at most 40 draw calls (campus context and close-up detail included).
      expect(info.drawCalls, `draw calls in ${preset}`).toBeLessThanOrEqual(40)
      expect(info.triangles, `triangles in ${preset}`).toBeLessThanOrEqual(1_500_000)
    }
  })

  it('draws racks on the canvas in the colours of the generations standing', async () => {
    await setPhase(LAST.id)
    await setCamera('campus')
    await setMode('generation')
    // The campus itself: pads, buildings, racks, plant.
    const share = litShare(await readCanvas(page, 1), 0.24)
    console.log(`[e2e] campus view: ${(share * 100).toFixed(1)} % of the canvas lit`)
    // The three sites fill about a sixth of a 16:9 view around the panels.
    expect(share).toBeGreaterThan(0.08)
    const { present, absent } = generationsAt(LAST)
    expect(present.length).toBe(config.generations.length)
    await expectGenerationColours(`campus view at ${LAST.id}`, present, absent)
    // The hall view shows the hall of the first rack: its generation only.
    await setCamera('hall')
    const first = (await page.evaluate(() => window.colossus.rack(0)))!
    await expectGenerationColours(
      `hall view at ${LAST.id}`,
      [first.generationId],
      present.filter((id) => id !== first.generationId),
    )
  })

  it(`shows only ${config.generations[0]!.name} racks at the first phase`, async () => {
    await setPhase(FIRST.id)
    expect(Object.keys(FIRST.gpusByGeneration)).toEqual([config.generations[0]!.id])
    await setCamera('campus')
    const { present, absent } = generationsAt(FIRST)
    await expectGenerationColours(`campus view at ${FIRST.id}`, present, absent)
  })

  it('shows the CLI GPU count of every phase, in the API and the counter', async () => {
    for (const phase of PHASES) {
      await setPhase(phase.id)
      const stats = await app.stats()
      expect(stats.id).toBe(phase.id)
      expect(stats.gpus, `stats().gpus at ${phase.id}`).toBe(phase.gpus)
      expect(stats.racks, `stats().racks at ${phase.id}`).toBe(phase.racks)
      await expect
        .poll(() => page.textContent('[data-testid=gpus]'), { timeout: 10_000 })
        .toBe(phase.gpus.toLocaleString('en-US'))
      await expect
        .poll(() => page.textContent('[data-testid=racks]'), { timeout: 10_000 })
        .toBe(phase.racks.toLocaleString('en-US'))
    }
  })

  it('steps to a phase from its button, and the counter ends on the CLI figure', async () => {
    await setPhase(LAST.id)
    const target = PHASES[1]!
    await page.click(`button[data-phase="${target.id}"]`)
    await expect.poll(async () => (await state()).phaseId, { timeout: 10_000 }).toBe(target.id)
    // The counter counts down with the animation and stops on the phase's figure.
    await expect
      .poll(() => page.textContent('[data-testid=gpus]'), { timeout: 30_000 })
      .toBe(target.gpus.toLocaleString('en-US'))
  })

  it('renders every colour mode differently, switched from its button', async () => {
    await setPhase(LAST.id)
    await setCamera('hall')
    const reads: Partial<Record<Mode, Pixels>> = {}
    for (const mode of COLOR_MODES) {
      await page.click(`button[data-mode="${mode}"]`)
      await expect.poll(async () => (await state()).colorMode, { timeout: 10_000 }).toBe(mode)
      reads[mode] = await readCanvas(page, 2)
    }
    for (const [a, b] of [
      ['generation', 'power'],
      ['power', 'phase'],
      ['phase', 'generation'],
    ] as const) {
      const share = changedShare(reads[a]!, reads[b]!)
      expect(share, `share of pixels that differ between ${a} and ${b}`).toBeGreaterThan(0.01)
    }
  })

  it('lists in the legend what each colour mode shows at each phase', async () => {
    for (const [p, phase] of PHASES.entries()) {
      await setPhase(phase.id)
      const present = config.generations.filter((g) => (phase.gpusByGeneration[g.id] ?? 0) > 0)
      await setMode('generation')
      expect(await app.legendItems(), `generation legend at ${phase.id}`).toEqual(present.map((g) => g.name))
      await setMode('phase')
      expect(await app.legendItems(), `phase legend at ${phase.id}`).toEqual(
        config.phases.slice(0, p + 1).map((x) => x.name),
      )
      await setMode('power')
      // Racks are coloured by their draw under the layout's scenario: the draws of the racks standing.
      const draw = DRAW_KW.subarray(0, phase.racks)
      const kw = [...new Set(Array.from(draw, (d) => Math.round(d * 10) / 10))].sort((a, b) => a - b)
      expect(await app.legendItems(), `power legend at ${phase.id}`).toEqual(kw.map((k) => `${k} kW`))
    }
    await setMode('generation')
  })

  it('hovering a rack shows its tooltip, clicking selects it, Esc clears the selection', async () => {
    await setPhase(LAST.id)
    await setMode('generation')
    const index = 100
    const rack = (await page.evaluate((i) => window.colossus.rack(i), index))!
    expect(rack.id).toMatch(/^C\d+-H\d+-R\d{2}-A\d{2}-R\d+$/)
    // Look down on the rack, nearly vertically: nothing stands between the camera and its top.
    const [x, z] = rack.positionM
    await page.evaluate((pose) => window.colossus.setCamera(pose), {
      position: [x, 30, z + 3],
      target: [x, 0, z],
    })
    const at = (await page.evaluate((i) => window.colossus.rackScreenPosition(i), index))!
    expect(at, 'rack on screen').not.toBeNull()
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, at)).toBe('CANVAS')
    await page.mouse.move(at.x - 40, at.y - 40)
    await page.mouse.move(at.x, at.y, { steps: 4 })
    await expect.poll(async () => (await state()).hovered, { timeout: 10_000 }).toBe(rack.id)
    const tooltip = page.locator('[data-testid=tooltip]')
    await expect.poll(() => tooltip.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await tooltip.textContent()).toContain(rack.id)

    await page.mouse.click(at.x, at.y)
    await expect.poll(async () => (await state()).selected, { timeout: 10_000 }).toBe(rack.id)
    const panel = page.locator('[data-testid=selection]')
    await expect.poll(() => panel.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await panel.textContent()).toContain(rack.id)
    await screenshot(page, 'rack-selected')

    await page.keyboard.press('Escape')
    await expect.poll(async () => (await state()).selected, { timeout: 10_000 }).toBeNull()
    await expect.poll(() => panel.count(), { timeout: 10_000 }).toBe(0)
    // Leaving the rack hides the tooltip.
    await pointerOffCanvas(page)
    await expect.poll(() => tooltip.isVisible(), { timeout: 10_000 }).toBe(false)
  })

  // rackScreenPosition(i) is documented as the rack's top centre, the point scripts move the
  // pointer to. It must land on rack i, not on a rack standing in front of it.
  it('rackScreenPosition points at the rack itself in the hall and rack presets', async () => {
    await setPhase(LAST.id)
    const misses: string[] = []
    for (const preset of ['hall', 'rack']) {
      await setCamera(preset)
      // The first few racks on screen and not under a panel.
      const targets = await page.evaluate(() => {
        const out: { index: number; id: string; x: number; y: number }[] = []
        for (let i = 0; i < 60 && out.length < 2; i++) {
          const p = window.colossus.rackScreenPosition(i)
          if (p && document.elementFromPoint(p.x, p.y)?.tagName === 'CANVAS')
            out.push({ index: i, id: window.colossus.rack(i)!.id, ...p })
        }
        return out
      })
      expect(targets.length, `racks on screen in ${preset}`).toBeGreaterThan(0)
      for (const t of targets) {
        // Off the canvas first (onto a panel), so the hover below is a fresh one.
        await pointerOffCanvas(page)
        await expect.poll(async () => (await state()).hovered, { timeout: 10_000 }).toBeNull()
        await page.mouse.move(t.x, t.y)
        await expect.poll(async () => (await state()).hovered, { timeout: 10_000 }).not.toBeNull()
        const hovered = (await state()).hovered
        if (hovered !== t.id)
          misses.push(
            `${preset}: rack ${t.index} ${t.id} at (${t.x.toFixed(0)}, ${t.y.toFixed(0)}) hovers ${hovered}`,
          )
      }
    }
    await pointerOffCanvas(page)
    expect(misses, 'hovering rackScreenPosition(i) must hover rack i').toEqual([])
  })

  it('moves the camera for every preset', async () => {
    await setPhase(LAST.id)
    const presets = (await state()).cameraPresets
    expect(presets).toEqual(expect.arrayContaining(['campus', 'hall', 'rack']))
    const poses = new Map<string, string>()
    await setCamera('rack')
    for (const preset of presets) {
      const before = (await state()).camera!
      await setCamera(preset)
      const after = (await state()).camera!
      const moved =
        Math.hypot(...after.position.map((v, k) => v - before.position[k]!)) +
        Math.hypot(...after.target.map((v, k) => v - before.target[k]!))
      expect(moved, `camera moved by ${preset}`).toBeGreaterThan(1)
      poses.set(preset, JSON.stringify(after.position.map((v) => Math.round(v))))
    }
    expect(new Set(poses.values()).size, `distinct poses ${JSON.stringify([...poses])}`).toBe(presets.length)
    // The buttons fly there too (animated).
    await setCamera('campus')
    await page.click('button[data-preset="hall"]')
    const hall = JSON.parse(poses.get('hall')!) as number[]
    await expect
      .poll(
        async () => {
          const p = (await state()).camera!.position
          return Math.hypot(...p.map((v, k) => v - hall[k]!))
        },
        { timeout: 30_000 },
      )
      .toBeLessThan(1.5)
  })

  it('rejects bad input to the automation API with a clear message', async () => {
    await setPhase(LAST.id)
    const rejection = (fn: () => Promise<unknown>) =>
      fn().then(
        () => 'resolved',
        (e: Error) => e.message,
      )
    expect(await rejection(() => page.evaluate(() => window.colossus.setPhase('nope')))).toMatch(
      /setPhase: unknown phase "nope"; phases are colossus-1-online, /,
    )
    expect(await rejection(() => page.evaluate(() => window.colossus.setPhase(99)))).toMatch(
      new RegExp(`setPhase: index 99 is out of range 0\\.\\.${PHASES.length - 1}`),
    )
    expect(
      await rejection(() =>
        page.evaluate(() =>
          window.colossus.setColorMode('x' as Parameters<typeof window.colossus.setColorMode>[0]),
        ),
      ),
    ).toMatch(/setColorMode: unknown mode "x"; modes are generation, power, phase/)
    expect(await rejection(() => page.evaluate(() => window.colossus.setCamera('nowhere')))).toMatch(
      /setCamera: unknown preset "nowhere"; presets are campus, /,
    )
    expect(
      await rejection(() =>
        page.evaluate(() => window.colossus.setCamera({ position: [0, 1], target: [0, 0, 0] })),
      ),
    ).toMatch(/setCamera: a pose needs position and target/)
    expect(await rejection(() => page.evaluate(() => window.colossus.select('no-such-rack')))).toMatch(
      /select: unknown rack "no-such-rack"/,
    )
    // Nothing changed.
    const s = await state()
    expect(s.phaseId).toBe(LAST.id)
    expect(COLOR_MODES).toContain(s.colorMode)
  })

  it('saves screenshots of the campus, hall and rack views in each colour mode', async () => {
    await setPhase(LAST.id)
    await pointerOffCanvas(page)
    for (const view of ['campus', 'hall', 'rack']) {
      await setCamera(view)
      for (const mode of COLOR_MODES) {
        await setMode(mode)
        const path = await screenshot(page, `${view}-${mode}`)
        expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG')
      }
    }
    await setMode('generation')
  })

  it('made no request to another host, and had no page errors', () => {
    expectCleanPage(record)
  })
})

describe('a link to a phase and colour mode', () => {
  it(`opens ${FIRST.id} in phase colours, with only that phase in the legend`, async () => {
    await withPage(browser, `?phase=${FIRST.id}&mode=phase`, async (linked, rec) => {
      const s = await colossus(linked).state()
      expect(s.phaseId).toBe(FIRST.id)
      expect(s.colorMode).toBe('phase')
      expect(await linked.textContent('[data-testid=gpus]')).toBe(FIRST.gpus.toLocaleString('en-US'))
      expect(await colossus(linked).legendItems()).toEqual([FIRST.name])
      expect(rec.pageErrors).toEqual([])
      expect(otherHosts(rec)).toEqual([])
    })
  })
})
