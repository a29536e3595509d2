/**
 * Browser tests of defects found in use (issue 12), each written to fail before its fix.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { layoutPath } from '../fixtures'
import { openApp } from './browser'
import { colossus, expectCleanPage, focusBody, openSession, type Session } from './session'

let s: Session
let app: ReturnType<typeof colossus>

beforeAll(async () => {
  s = await openSession()
  app = colossus(s.page)
})

afterAll(async () => {
  expectCleanPage(s.record)
  await s.browser.close()
})

describe('defects found in use', () => {
  it('#12.3 Space on a focused button presses the button and does not start playback', async () => {
    const before = (await app.state()).roofMode
    await s.page.focus('button[data-roof]')
    await s.page.keyboard.press(' ')
    await app.renderFrames(2)
    const after = await app.state()
    expect(after.roofMode).not.toBe(before)
    expect(await s.page.getAttribute('[data-testid=play]', 'aria-label')).toBe('Play')
    await focusBody(s.page)
  })

  it('#12.7 after a camera preset the tooltip no longer names the rack that was under the pointer', async () => {
    await app.setPhase((await app.state()).phases.length - 1)
    await app.setCamera('hall')
    const at = await s.page.evaluate(() => window.colossus.rackScreenPosition(0))
    expect(at, 'rack 0 is on screen in the hall view').not.toBeNull()
    await s.page.mouse.move(at!.x, at!.y)
    await app.renderFrames(3)
    const hovered = (await app.state()).hovered
    expect(hovered, 'a rack is hovered').not.toBeNull()
    await app.setCamera('campus')
    await app.renderFrames(3)
    const now = (await app.state()).hovered
    const tooltip = await s.page.textContent('[data-testid=tooltip]')
    expect(now).not.toBe(hovered)
    if (now === null) expect(await s.page.isHidden('[data-testid=tooltip]')).toBe(true)
    else expect(tooltip).toContain(now)
    await s.page.mouse.move(5, 300)
  })
})

describe('#12.15 the timeline track (its slider no longer holds the phase buttons)', () => {
  it('pressing on the track scrubs to that date, and a phase marker still sets its phase', async () => {
    const n = (await app.state()).phases.length
    await app.setPhase(n - 1)
    const slider = await s.page.$('.timeline-track [role=slider]')
    expect(slider, 'the slider is in the track').not.toBeNull()
    expect(await s.page.$$('[role=slider] button'), 'no button inside the slider').toEqual([])
    const box = (await s.page.locator('.timeline-track').boundingBox())!
    // Scrub at the very start of the track (left of every marker): nothing is built yet there.
    await s.page.mouse.move(box.x + 2, box.y + box.height - 4)
    await s.page.mouse.down()
    await s.page.mouse.up()
    expect(await app.reveal()).toBeLessThan(1)
    await s.page.click(`[data-phase="${(await app.state()).phases[1]}"]`)
    await s.page.waitForFunction(() => window.colossus.state().phaseIndex === 1, null, { timeout: 30_000 })
    await app.setPhase(n - 1)
    await s.page.mouse.move(5, 300)
  })
})

describe('#12.9 the address always reopens what is on screen', () => {
  const search = () => s.page.evaluate(() => location.search)
  const layoutName = async () => (await app.state()).layoutName
  const waitForLayout = (name: string) =>
    s.page.waitForFunction((n) => window.colossus.state().layoutName === n, name, { timeout: 60_000 })

  it('an example from the menu is in the address; Reset removes it; Back after a file restores the old layout and phase', async () => {
    const colossusName = await layoutName()
    await app.setPhase(1)
    const phaseBefore = (await app.state()).phaseId
    await s.page.click('[data-testid=layout-menu]')
    await s.page.click('[data-example="example-small-cluster.json"]')
    await waitForLayout('Small H100 cluster (example)')
    expect(await search()).toContain('layout=layouts/example-small-cluster.json')

    await s.page.click('[data-testid=layout-menu]')
    await s.page.click('[data-testid=reset-layout]')
    await waitForLayout(colossusName)
    expect(await search()).not.toContain('layout=')

    await app.setPhase(phaseBefore)
    const small = readFileSync(layoutPath('example-small-cluster.json'))
    await s.page.setInputFiles('[data-testid=layout-file]', {
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: small,
    })
    await waitForLayout('Small H100 cluster (example)')
    expect(await search()).toContain('layout=file:mine.json')
    await s.page.goBack()
    await waitForLayout(colossusName)
    await s.page.waitForFunction((p) => window.colossus.state().phaseId === p, phaseBefore, {
      timeout: 60_000,
    })
    expect(await search()).not.toContain('layout=')
  })
})

describe('#12.4 dialogs, menus and racks from the keyboard', () => {
  const activeInside = (selector: string) =>
    s.page.evaluate((sel) => document.querySelector(sel)?.contains(document.activeElement) ?? false, selector)

  it('the export dialog takes focus, keeps it on Tab, and Esc closes it from a field', async () => {
    await focusBody(s.page)
    await s.page.keyboard.press('s')
    await s.page.waitForSelector('[data-testid=export-dialog]')
    expect(await activeInside('[data-testid=export-dialog]')).toBe(true)
    for (let k = 0; k < 40; k++) await s.page.keyboard.press('Tab')
    expect(await activeInside('[data-testid=export-dialog]')).toBe(true)
    await s.page.focus('[data-testid=export-dialog] input')
    await s.page.keyboard.press('Escape')
    expect(await s.page.$('[data-testid=export-dialog]')).toBeNull()
  })

  it('the layout menu opens with focus on its first item and Esc closes it', async () => {
    await s.page.focus('[data-testid=layout-menu]')
    await s.page.keyboard.press('Enter')
    await s.page.waitForSelector('[role=menu]')
    expect(await activeInside('[role=menu]')).toBe(true)
    await s.page.keyboard.press('Escape')
    expect(await s.page.$('[role=menu]')).toBeNull()
  })

  it('a rack is found by id with / and Enter, and Shift+→ selects its neighbour', async () => {
    await app.setPhase((await app.state()).phases.length - 1)
    const id = (await s.page.evaluate(() => window.colossus.rack(10)))!.id
    await focusBody(s.page)
    await s.page.keyboard.press('/')
    await s.page.keyboard.type(id)
    await s.page.keyboard.press('Enter')
    await s.page.waitForFunction((want) => window.colossus.state().selected === want, id, { timeout: 30_000 })
    await focusBody(s.page)
    await s.page.keyboard.press('Shift+ArrowRight')
    const next = (await app.state()).selected
    expect(next).not.toBe(id)
    expect(next).toBe((await s.page.evaluate(() => window.colossus.rack(11)))!.id)
  })
})

describe('#12.6 during a build everything on screen shows the same moment', () => {
  it('stepping back from the last phase, title and legend show the racks still standing', async () => {
    const st = await app.state()
    const n = st.phases.length
    await app.setPhase(n - 1)
    const legendAtEnd = await app.legendItems()
    const nameAtEnd = await s.page.textContent('[data-testid=phase-name]')
    // Step back and look after the first frame of the animation: the last phase's racks are
    // still (mostly) standing, so title and legend must still be the last phase's.
    const seen = await s.page.evaluate(async (target) => {
      void window.colossus.setPhase(target, { animate: true })
      await window.colossus.ready
      await new Promise((r) => setTimeout(r, 50))
      return {
        reveal: window.colossus.reveal(),
        title: document.querySelector('[data-testid=phase-name]')?.textContent,
        legend: Array.from(document.querySelectorAll('[data-legend-item]')).map((e) =>
          e.getAttribute('data-legend-item'),
        ),
      }
    }, n - 2)
    expect(seen.reveal, 'the racks of the last phase are still coming down').toBeGreaterThan(n - 1)
    expect(seen.title).toBe(nameAtEnd)
    expect(seen.legend).toEqual(legendAtEnd)
    await s.page.waitForFunction((r) => window.colossus.reveal() === r, n - 1, { timeout: 120_000 })
  })
})

describe('#12.11 long names', () => {
  it('60-character names are cut with an ellipsis and keep every panel and button on screen', async () => {
    const long = (what: string, n = 60) => `${what} `.padEnd(n, 'x')
    const data = JSON.parse(readFileSync(layoutPath('example-small-cluster.json'), 'utf8'))
    data.name = long('A layout with a very long name')
    data.generations[0].name = long('A generation', 40) // the schema's longest
    data.sites[0].name = long('A site')
    for (const p of data.phases) p.name = long(`Phase ${p.id}`)
    const r = await s.page.evaluate((d) => window.colossus.loadLayout(d, 'long-names.json'), data)
    expect(r.ok).toBe(true)
    await app.renderFrames(2)
    const overflow = await s.page.evaluate(() => {
      const out: string[] = []
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('.panel'))) {
        if (el.offsetParent === null) continue
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} scrolls sideways`)
        const box = el.getBoundingClientRect()
        if (box.right > innerWidth + 1 || box.left < -1) out.push(`${el.className} runs off screen`)
      }
      for (const b of Array.from(document.querySelectorAll<HTMLElement>('button'))) {
        if (b.offsetParent === null) continue
        const box = b.getBoundingClientRect()
        if (box.right > innerWidth + 1) out.push(`button "${b.textContent?.slice(0, 20)}" runs off screen`)
      }
      return out
    })
    expect(overflow).toEqual([])
    expect(await s.page.getAttribute('.layout-name', 'title')).toBe(data.name)
    await s.page.click('[data-testid=layout-menu]')
    await s.page.click('[data-testid=reset-layout]')
  })
})

describe('#12.8 many sites', () => {
  it('with ten sites every site has a preset and no two visible site labels overlap', async () => {
    const data = JSON.parse(readFileSync(layoutPath('example-small-cluster.json'), 'utf8'))
    const site = data.sites[0]
    data.sites = Array.from({ length: 10 }, (_, k) => {
      const copy = JSON.parse(JSON.stringify(site).replaceAll(`"${site.id}`, `"S${k}`))
      copy.name = `Site number ${k + 1}`
      // Close together, so that from the campus view their labels would collide.
      copy.positionM = [(k % 5) * 60, Math.floor(k / 5) * 45]
      return copy
    })
    data.phases = [data.phases[0]]
    for (const st of data.sites) for (const inf of st.infrastructure ?? []) inf.phase = data.phases[0].id
    data.phases[0].adds[0].halls = data.sites.map(
      (s: { id: string }) => `${s.id}${site.buildings[0].halls[0].id.slice(site.id.length)}`,
    )
    data.phases[0].adds[0].racks = 10
    const r = await s.page.evaluate((d) => window.colossus.loadLayout(d, 'ten-sites.json'), data)
    expect(r.ok ? 'ok' : JSON.stringify(r.problems)).toBe('ok')
    const presets = (await app.state()).cameraPresets
    for (let k = 0; k < 10; k++) expect(presets).toContain(`site:S${k}`)
    await app.setCamera('site:S9')
    await app.setCamera('campus')
    await app.renderFrames(2)
    const overlaps = await s.page.evaluate(() => {
      const boxes = Array.from(document.querySelectorAll<HTMLElement>('.site-label'))
        .filter((el) => el.style.display !== 'none')
        .map((el) => el.getBoundingClientRect())
      let n = 0
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!
          const b = boxes[j]!
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++
        }
      return { n, shown: boxes.length }
    })
    expect(overlaps.shown).toBeGreaterThan(0)
    expect(overlaps.n).toBe(0)
    expect(await s.page.$('[data-testid=more-sites]')).not.toBeNull()
    await s.page.click('[data-testid=layout-menu]')
    await s.page.click('[data-testid=reset-layout]')
  })
})

describe('#12.2 touch on a phone', () => {
  /** Camera target's horizontal distance from a rack's footprint centre, metres. */
  const targetDistance = (cam: { target: number[] }, at: [number, number]) =>
    Math.hypot(cam.target[0]! - at[0], cam.target[2]! - at[1])

  it('tap selects a rack and shows its panel, double tap flies to it, one finger orbits', async () => {
    const context = await s.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    })
    try {
      const page = await context.newPage()
      const record = await openApp(page, inject('previewUrl'))
      const phone = colossus(page)
      await phone.setPhase((await phone.state()).phases.length - 1)
      await phone.setCamera('hall')
      const start = (await phone.state()).camera!
      // A rack on the canvas (not under a panel), far enough from the target that a flight shows.
      const found = await page.evaluate((target) => {
        const canvas = document.querySelector('canvas')
        for (let i = 0; i < 20_000; i += 7) {
          const at = window.colossus.rackScreenPosition(i)
          const info = window.colossus.rack(i)
          if (!at || !info) continue
          const far = Math.hypot(info.positionM[0] - target[0]!, info.positionM[1] - target[2]!) > 15
          if (far && document.elementFromPoint(at.x, at.y) === canvas) return { at, info }
        }
        return null
      }, start.target)
      expect(found, 'a tappable rack in the hall view').not.toBeNull()
      const { at, info } = found!

      await page.touchscreen.tap(at.x, at.y)
      await page.waitForFunction((id) => window.colossus.state().selected === id, info.id, {
        timeout: 30_000,
      })
      expect(await page.isVisible('[data-testid=selection]'), 'the panel shows on a phone').toBe(true)
      expect(await page.textContent('[data-testid=selection] h2')).toBe(info.id)
      expect(targetDistance(start, info.positionM), 'a single tap does not fly').toBeGreaterThan(15)

      const before = (await phone.state()).camera!
      // A gesture of its own: further from the single tap than a double tap's two taps (300 ms).
      await page.waitForTimeout(400)
      await page.touchscreen.tap(at.x, at.y)
      await page.touchscreen.tap(at.x, at.y)
      await page.waitForFunction(
        ([x, z]) => {
          const c = window.colossus.state().camera
          return c !== null && Math.hypot(c.target[0] - x!, c.target[2] - z!) < 5
        },
        info.positionM,
        { timeout: 60_000 },
      )
      expect(targetDistance((await phone.state()).camera!, info.positionM)).toBeLessThan(5)
      expect(targetDistance(before, info.positionM)).toBeGreaterThan(15)

      // One finger across the view: the camera turns around its target at the same distance.
      const flown = (await phone.state()).camera!
      const cdp = await context.newCDPSession(page)
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
        cdp.send('Input.dispatchTouchEvent', {
          type,
          touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }],
        })
      const y = 280
      const onCanvas = await page.evaluate(
        (yy) => [100, 175, 250].every((x) => document.elementFromPoint(x, yy)?.tagName === 'CANVAS'),
        y,
      )
      expect(onCanvas, 'the drag runs over the canvas').toBe(true)
      await touch('touchStart', 100, y)
      for (let k = 1; k <= 10; k++) await touch('touchMove', 100 + k * 15, y)
      await touch('touchEnd', 250, y)
      await phone.renderFrames(3)
      const turned = (await phone.state()).camera!
      const heading = (c: typeof flown) =>
        (Math.atan2(c.position[0] - c.target[0], c.position[2] - c.target[2]) * 180) / Math.PI
      const dist = (c: typeof flown) => Math.hypot(...c.position.map((p, k) => p - c.target[k]!))
      const turnedDeg = Math.abs(((heading(turned) - heading(flown) + 540) % 360) - 180)
      expect(turnedDeg, 'one finger orbits').toBeGreaterThan(10)
      expect(dist(turned) / dist(flown)).toBeCloseTo(1, 1)
      expect((await phone.state()).selected, 'a drag does not change the selection').toBe(info.id)
      expectCleanPage(record)
    } finally {
      await context.close()
    }
  })
})
