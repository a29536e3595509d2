/**
 * Browser tests of issue 12's defect 1, stills streamed into the PNG a row of tiles at a time:
 * the largest still (16384×16384, which used to come out as the overlay on nothing: Chromium's
 * 2D canvas silently stays blank from 16384×16381 up) is complete when read back in pieces; the
 * overlay joins across strips; and a GPU whose limits are too small for the tiles is refused
 * with a message naming the size and the limit, in the dialog and from `exportStill`, with the
 * app left as it was.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readKeptStill } from '../../src/cli/browser'
import { decodePng, forEachPngRow, pngChunks, pngHeader } from '../png'
import type { PageRecord } from './browser'
import { colossus, expectCleanPage, focusBody, openSession, withPage } from './session'

let browser: Browser
let page: Page
let record: PageRecord

beforeAll(async () => {
  ;({ browser, page, record } = await openSession())
})

afterAll(async () => {
  await browser?.close()
})

/** Exports a still kept in the page and reads it back in pieces. */
async function keptStill(o: Parameters<typeof window.colossus.exportStill>[0]): Promise<Buffer> {
  const r = await page.evaluate((opts) => window.colossus.exportStill({ ...opts, chunked: true }), o)
  expect(r.base64, 'nothing inline when chunked').toBe('')
  expect(r.handle).toMatch(/^still-\d+$/)
  const pieces: Buffer[] = []
  await readKeptStill(page, r, (piece) => pieces.push(piece))
  await expect(page.evaluate((h) => window.colossus.readExport(h, 0, 1), r.handle!)).rejects.toThrow(
    /no kept file/,
  )
  const file = Buffer.concat(pieces)
  expect(file.length, 'bytes read back').toBe(r.bytes)
  console.log(
    `[e2e] exportStill ${JSON.stringify(o)}: ${r.tiles} tiles, ${(r.bytes / 1e6).toFixed(1)} MB in ${pieces.length} piece(s)`,
  )
  return file
}

/** The page background (#17202c to #0b1018, a radial gradient): dark blue, nothing above 60. */
const isBackground = (r: number, g: number, b: number, a: number) =>
  a === 255 && Math.max(r, g, b) <= 60 && b >= r && b >= g

describe('the largest still', () => {
  it('a 16384×16384 still is a complete PNG: background in the corners, scene across the middle', {
    timeout: 1_200_000,
  }, async () => {
    await page.evaluate(async () => {
      await window.colossus.setPhase(window.colossus.state().phases.length - 1)
      await window.colossus.setCamera('campus')
    })
    const side = 16384
    const file = await keptStill({ width: side, height: side })
    expect(pngHeader(file)).toMatchObject({ width: side, height: side, bitDepth: 8, colorType: 2 })
    expect(pngChunks(file).at(-1)!.type).toBe('IEND')
    // Rows spread over the image: the first and last (background at both ends, overlay aside),
    // and the middle third, where the campus is.
    const corners: number[][] = []
    let middleRows = 0
    let middleScene = 0
    const colours = new Set<number>()
    forEachPngRow(file, (y, rgba) => {
      if (y === 2 || y === side - 3)
        for (const x of [2, side - 3]) corners.push([...rgba.subarray(x * 4, x * 4 + 4)])
      if (y < side / 3 || y > (2 * side) / 3 || y % 256 !== 0) return
      middleRows++
      for (let x = Math.floor(side / 3); x < (2 * side) / 3; x += 2) {
        const [r, g, b, a] = rgba.subarray(x * 4, x * 4 + 4)
        colours.add((r! << 16) | (g! << 8) | b!)
        // Scene: opaque and not the background (a blank still is transparent there).
        if (a === 255 && !isBackground(r!, g!, b!, a)) middleScene++
      }
    })
    const share = middleScene / (middleRows * (side / 6))
    console.log(
      `[e2e] 16384² still: corners ${JSON.stringify(corners)}, middle third ${(share * 100).toFixed(1)} % scene, ${colours.size} colours`,
    )
    for (const c of corners) expect(isBackground(c[0]!, c[1]!, c[2]!, c[3]!), `corner ${c}`).toBe(true)
    expect(share, 'share of scene pixels in the middle third').toBeGreaterThan(0.2)
    expect(colours.size, 'distinct colours in the middle third').toBeGreaterThan(500)
  })
})

describe('strips', () => {
  it('the overlay joins across strips: a still in rows of 100 px equals one drawn in a single row', async () => {
    await page.evaluate(async () => {
      await window.colossus.setPhase(window.colossus.state().phases.length - 1)
      await window.colossus.setCamera('campus')
    })
    const still = async (tileSize?: number) => {
      const r = await page.evaluate(
        (t) => window.colossus.exportStill({ width: 1280, height: 720, ...(t ? { tileSize: t } : {}) }),
        tileSize,
      )
      return { tiles: r.tiles, png: decodePng(Buffer.from(r.base64, 'base64')) }
    }
    const one = await still()
    const rows = await still(100)
    expect(one.tiles, 'reference in one tile').toBe(1)
    expect(rows.tiles, '13 × 8 tiles of 100 px').toBe(104)
    // The title panel (top left, from 21 px to about 175 px down) is cut by the strips at 100.
    const W = 1280
    const region = { x: 22, y: 22, w: 360, h: 150 }
    let within = 0
    let text = [0, 0]
    let seamWorst = 0
    for (let y = region.y; y < region.y + region.h; y++)
      for (let x = region.x; x < region.x + region.w; x++) {
        const o = (y * W + x) * 4
        let d = 0
        for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs(one.png.data[o + k]! - rows.png.data[o + k]!))
        if (d <= 8) within++
        if (y === 99 || y === 100) seamWorst = Math.max(seamWorst, d)
        const white = (p: Uint8Array) => Math.min(p[o]!, p[o + 1]!, p[o + 2]!) > 200
        text = [text[0]! + (white(one.png.data) ? 1 : 0), text[1]! + (white(rows.png.data) ? 1 : 0)]
      }
    const share = within / (region.w * region.h)
    console.log(
      `[e2e] overlay one row vs 100 px rows: ${(share * 100).toFixed(3)} % within 8 levels, worst on the seam rows ${seamWorst}, white text pixels ${text}`,
    )
    expect(text[0], 'white text pixels in the title panel').toBeGreaterThan(1000)
    expect(Math.abs(text[0]! - text[1]!), 'same white text pixels').toBeLessThan(text[0]! * 0.01)
    expect(share, 'share of the title panel within 8 levels').toBeGreaterThan(0.995)
    expect(seamWorst, 'largest difference on the rows either side of the strip edge').toBeLessThanOrEqual(8)
  })
})

/** Init script: the GPU reports a MAX_RENDERBUFFER_SIZE of 100 px (nothing else reads it). */
const SMALL_RENDERBUFFER = `(() => {
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
    const get = proto.getParameter
    proto.getParameter = function (p) {
      return p === 0x84e8 ? 100 : get.call(this, p)
    }
  }
})()`

describe('GPU limits', () => {
  it('a GPU too small for the tiles is refused, naming size and limit, in the dialog and from exportStill; the app keeps its state', {
    timeout: 600_000,
  }, async () => {
    await withPage(
      browser,
      '?quality=high',
      async (p, rec) => {
        const state0 = await colossus(p).state()
        expect(state0.quality).toBe('high')
        const why =
          "A 640x360 still has to render 112x112 px at a time (a tile of 16x16 px and a 48 px margin around it), but this GPU's MAX_RENDERBUFFER_SIZE is 100 px."
        await expect(
          p.evaluate(() => window.colossus.exportStill({ width: 640, height: 360 })),
        ).rejects.toThrow(why)
        await focusBody(p)
        await p.keyboard.press('s')
        const dialog = p.locator('[data-testid=export-dialog]')
        await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true)
        await dialog.locator('input[name=size][value=custom]').check()
        await dialog.getByLabel('Width in pixels').fill('640')
        await dialog.getByLabel('Height in pixels').fill('360')
        await dialog.getByRole('button', { name: 'Export PNG' }).click()
        await expect
          .poll(() => dialog.locator('.error[role=alert]').textContent(), { timeout: 60_000 })
          .toBe(why)
        expect(await dialog.getByRole('button', { name: 'Export PNG' }).isEnabled()).toBe(true)
        await p.keyboard.press('Escape')
        await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0)
        expect(await colossus(p).state(), 'state after the refusals').toEqual(state0)
        expectCleanPage(rec)
      },
      async (p) => {
        await p.addInitScript(SMALL_RENDERBUFFER)
      },
    )
  })
})

describe('the page', () => {
  it('had no page errors, console errors or requests to other hosts', () => {
    expectCleanPage(record)
  })
})
