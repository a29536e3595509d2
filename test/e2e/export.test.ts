/**
 * Browser tests of exporting: 4K and 8K stills (size from the PNG's own header, pixels decoded
 * here in node), the overlay, transparency, seamless tiling, the live view left as it was, the
 * export dialog's download, video that demuxes to the frames it claims, a story's video (frames
 * decoded in Chromium) and its zip of stills from the dialog, and the stills command line with
 * its error messages.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny'
import type { Browser, Page } from 'playwright-core'
import { unzipSync } from 'three/examples/jsm/libs/fflate.module.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../src/cli/browser'
import { defaultLayoutJson, layoutPath, layoutProblems } from '../fixtures'
import { decodePng, type Png, pngHeader, pngText } from '../png'
import {
  changedShare as canvasChangedShare,
  hexBytes,
  hsv,
  hueDistance,
  type PageRecord,
  readCanvas,
} from './browser'
import { colossus, expectCleanPage, focusBody, openSession } from './session'

const config = defaultLayoutJson() as {
  generations: { id: string; color: string }[]
  phases: { id: string }[]
}
const PHASE_IDS = config.phases.map((p) => p.id)
const LAST = PHASE_IDS[PHASE_IDS.length - 1]!
const GENERATION_HUES = config.generations.map((g) => hsv(...hexBytes(g.color)).h)

/** Pixels that differ by more than `threshold` in some channel, in a rectangle, as a share. */
function changedShare(
  a: Png,
  b: Png,
  rect: { x: number; y: number; w: number; h: number },
  threshold: number,
): number {
  let n = 0
  for (let y = rect.y; y < rect.y + rect.h; y++)
    for (let x = rect.x; x < rect.x + rect.w; x++) {
      const o = (y * a.width + x) * 4
      let d = 0
      for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(a.data[o + k]! - b.data[o + k]!))
      if (d > threshold) n++
    }
  return n / (rect.w * rect.h)
}

/** Rack-coloured pixel (generation mode): saturated, not dark, with the hue of a generation. */
function isRackColour(r: number, g: number, b: number): boolean {
  const c = hsv(r, g, b)
  return c.s > 0.35 && c.v > 0.3 && GENERATION_HUES.some((h) => hueDistance(h, c.h) <= 12)
}

// --- The page ----------------------------------------------------------------------------

let browser: Browser
let page: Page
let record: PageRecord
let tmp: string

type StillOptions = Parameters<typeof window.colossus.exportStill>[0]
type VideoOptions = Parameters<typeof window.colossus.exportVideo>[0]

/** Exports a still through the API; returns its PNG bytes and what the API said. */
async function still(o: StillOptions) {
  const r = await page.evaluate((opts) => window.colossus.exportStill(opts), o)
  const bytes = new Uint8Array(Buffer.from(r.base64, 'base64'))
  console.log(
    `[e2e] exportStill ${JSON.stringify(o)}: ${r.tiles} tile(s), ${(bytes.length / 1e6).toFixed(1)} MB`,
  )
  return { ...r, bytes }
}

async function showView(phase: string, camera: string): Promise<void> {
  await page.evaluate(
    async ({ phase, camera }) => {
      await window.colossus.setPhase(phase)
      await window.colossus.setColorMode('generation')
      await window.colossus.setCamera(camera)
    },
    { phase, camera },
  )
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'colossus-export-'))
  ;({ browser, page, record } = await openSession({ acceptDownloads: true }))
})

afterAll(async () => {
  await browser?.close()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

describe('stills', () => {
  it('a 3840×2160 still is that size, not blank, and carries the overlay', async () => {
    await showView(LAST, 'campus')
    const withOverlay = await still({ width: 3840, height: 2160 })
    const without = await still({ width: 3840, height: 2160, overlay: false })
    expect(withOverlay.fileName).toBe(`colossus-${LAST}-generation-3840x2160.png`)
    for (const s of [withOverlay, without]) {
      const h = pngHeader(s.bytes)
      expect({ width: h.width, height: h.height }, 'IHDR size').toEqual({ width: 3840, height: 2160 })
      expect({ width: s.width, height: s.height }).toEqual({ width: 3840, height: 2160 })
    }
    const a = decodePng(withOverlay.bytes)
    const b = decodePng(without.bytes)

    // Not blank: many colours, and a fair share of the picture is scene, not background.
    const colours = new Set<number>()
    let scene = 0
    let rack = 0
    for (let i = 0; i < b.data.length; i += 4) {
      const [r, g, bl] = [b.data[i]!, b.data[i + 1]!, b.data[i + 2]!]
      colours.add((r << 16) | (g << 8) | bl)
      // The background is a dark blue gradient (#17202c to #0b1018): nothing in it exceeds 60.
      if (Math.max(r, g, bl) > 60) scene++
      if (isRackColour(r, g, bl)) rack++
    }
    const pixels = b.width * b.height
    console.log(
      `[e2e] 4K still: ${colours.size} colours, ${((scene / pixels) * 100).toFixed(1)} % scene, ${((rack / pixels) * 100).toFixed(1)} % rack-coloured`,
    )
    expect(colours.size, 'distinct colours').toBeGreaterThan(2000)
    expect(scene / pixels, 'share of non-background pixels').toBeGreaterThan(0.03)
    expect(rack / pixels, 'share of rack-coloured pixels').toBeGreaterThan(0.001)

    // The overlay: the title panel at the top left (28 px × scale 2.3 from the corner).
    const title = { x: 70, y: 70, w: 900, h: 380 }
    const differs = changedShare(a, b, title, 40)
    const bright = (p: Png) => {
      let white = 0
      let yellow = 0
      for (let y = title.y; y < title.y + title.h; y++)
        for (let x = title.x; x < title.x + title.w; x++) {
          const o = (y * p.width + x) * 4
          const [r, g, bl] = [p.data[o]!, p.data[o + 1]!, p.data[o + 2]!]
          if (Math.min(r, g, bl) > 200) white++
          // The "COLOSSUS EXPLORER" line is #ffd84d.
          if (r > 220 && g > 170 && bl < 140) yellow++
        }
      return { white, yellow }
    }
    const on = bright(a)
    const off = bright(b)
    console.log(
      `[e2e] title region: ${(differs * 100).toFixed(1)} % differs; white/yellow text pixels ${JSON.stringify(on)} with overlay, ${JSON.stringify(off)} without`,
    )
    expect(differs, 'share of the title region the overlay changes').toBeGreaterThan(0.05)
    expect(on.white, 'white text pixels in the title region').toBeGreaterThan(3000)
    expect(on.white).toBeGreaterThan(5 * off.white + 100)
    expect(on.yellow, 'yellow title pixels').toBeGreaterThan(300)
  })

  it('the overlay does not move the scene: away from its panels a 4K still agrees with overlay:false', async () => {
    await showView(LAST, 'campus')
    const a = decodePng((await still({ width: 3840, height: 2160 })).bytes)
    const b = decodePng((await still({ width: 3840, height: 2160, overlay: false })).bytes)
    // Ground left of the sites, and ground below the legend right of Colossus 2: no overlay there.
    const regions = [
      { x: 200, y: 1200, w: 800, h: 600 },
      { x: 2880, y: 648, w: 576, h: 432 },
    ]
    /** The horizontal shift (−2..2 px) that best maps b onto a in a region, and its mean difference. */
    const bestShift = (r: (typeof regions)[number]) => {
      let best = { dx: 0, mean: Number.POSITIVE_INFINITY }
      for (let dx = -2; dx <= 2; dx++) {
        let sum = 0
        for (let y = r.y; y < r.y + r.h; y++)
          for (let x = r.x; x < r.x + r.w; x++)
            for (let k = 0; k < 3; k++)
              sum += Math.abs(a.data[(y * a.width + x) * 4 + k]! - b.data[(y * b.width + x + dx) * 4 + k]!)
        const mean = sum / (r.w * r.h * 3)
        if (mean < best.mean) best = { dx, mean }
      }
      return best
    }
    for (const r of regions) {
      const share = changedShare(a, b, r, 8)
      const shift = bestShift(r)
      console.log(
        `[e2e] overlay vs none in ${JSON.stringify(r)}: ${(share * 100).toFixed(2)} % differ by > 8; best horizontal shift ${shift.dx} px (mean diff ${shift.mean.toFixed(2)})`,
      )
      expect(
        shift.dx,
        `horizontal shift of the scene between overlay and overlay:false in ${JSON.stringify(r)}`,
      ).toBe(0)
      expect(share, `share of pixels that differ in ${JSON.stringify(r)}`).toBeLessThan(0.005)
    }
  })

  it('a transparent still has alpha 0 on the background and 255 on racks', async () => {
    await showView(LAST, 'campus')
    const size = { width: 3840, height: 2160, overlay: false }
    // Rack pixels: those the colour mode changes (only racks take the mode's colours).
    await page.evaluate(() => window.colossus.setColorMode('phase'))
    const byPhase = decodePng((await still(size)).bytes)
    await page.evaluate(() => window.colossus.setColorMode('generation'))
    const opaque = decodePng((await still(size)).bytes)
    const tr = await still({ ...size, transparent: true })
    const h = pngHeader(tr.bytes)
    expect(h.colorType, 'PNG colour type (6 = RGBA)').toBe(6)
    const t = decodePng(tr.bytes)
    expect([t.width, t.height]).toEqual([3840, 2160])
    const alphaAt = (x: number, y: number) => t.data[(y * t.width + x) * 4 + 3]!
    // Corners: 24 × 24 patches, all fully transparent.
    const corners: number[] = []
    for (const [cx, cy] of [
      [0, 0],
      [t.width - 24, 0],
      [0, t.height - 24],
      [t.width - 24, t.height - 24],
    ] as const)
      for (let y = cy; y < cy + 24; y++) for (let x = cx; x < cx + 24; x++) corners.push(alphaAt(x, y))
    expect(Math.max(...corners), 'largest alpha in the corners').toBe(0)
    let clear = 0
    for (let i = 3; i < t.data.length; i += 4) if (t.data[i] === 0) clear++
    expect(clear / (t.width * t.height), 'share of fully transparent pixels').toBeGreaterThan(0.3)
    const W = t.width
    const mask = new Uint8Array(W * t.height)
    for (let i = 0; i < mask.length; i++) {
      let d = 0
      for (let k = 0; k < 3; k++) d += Math.abs(opaque.data[i * 4 + k]! - byPhase.data[i * 4 + k]!)
      mask[i] = d > 30 ? 1 : 0
    }
    // Inside racks only: pixels whose whole 3 × 3 neighbourhood is rack (no antialiased edges).
    let racks = 0
    let solid = 0
    let colourDiff = 0
    for (let y = 1; y < t.height - 1; y++)
      for (let x = 1; x < W - 1; x++) {
        let all = true
        for (let dy = -1; dy <= 1 && all; dy++)
          for (let dx = -1; dx <= 1 && all; dx++) all = mask[(y + dy) * W + x + dx] === 1
        if (!all) continue
        racks++
        const o = (y * W + x) * 4
        if (t.data[o + 3] === 255) solid++
        for (let k = 0; k < 3; k++) colourDiff += Math.abs(t.data[o + k]! - opaque.data[o + k]!)
      }
    console.log(
      `[e2e] transparent still: ${((clear / (t.width * t.height)) * 100).toFixed(1)} % clear; ${racks} rack pixels, ${solid} opaque, mean colour diff ${(colourDiff / Math.max(1, racks * 3)).toFixed(2)}`,
    )
    expect(racks, 'rack pixels found').toBeGreaterThan(1000)
    expect(solid / racks, 'share of rack pixels with alpha 255').toBeGreaterThan(0.99)
    expect(colourDiff / (racks * 3), 'racks keep their colour on a transparent background').toBeLessThan(3)
  })

  it('tiles without seams: 1280×720 in one tile equals the same in 256 px tiles', async () => {
    await showView(LAST, 'site:C1')
    const one = await still({ width: 1280, height: 720, overlay: false })
    const tiled = await still({ width: 1280, height: 720, overlay: false, tileSize: 256 })
    expect(one.tiles, 'reference rendered in one tile').toBe(1)
    expect(tiled.tiles, 'tiles of 256 px').toBe(15)
    const a = decodePng(one.bytes)
    const b = decodePng(tiled.bytes)
    expect([b.width, b.height]).toEqual([a.width, a.height])
    let sum = 0
    let within = 0
    let worst = 0
    for (let i = 0; i < a.data.length; i += 4) {
      let d = 0
      for (let k = 0; k < 4; k++) {
        const e = Math.abs(a.data[i + k]! - b.data[i + k]!)
        sum += e
        d = Math.max(d, e)
      }
      if (d <= 8) within++
      worst = Math.max(worst, d)
    }
    const pixels = a.width * a.height
    // Seams would sit on the tile edges: compare the columns and rows next to them on their own.
    let edge = 0
    let edgeWithin = 0
    for (let y = 0; y < a.height; y++)
      for (let x = 0; x < a.width; x++) {
        if (x % 256 > 1 && x % 256 < 254 && y % 256 > 1 && y % 256 < 254) continue
        edge++
        const o = (y * a.width + x) * 4
        let d = 0
        for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(a.data[o + k]! - b.data[o + k]!))
        if (d <= 8) edgeWithin++
      }
    console.log(
      `[e2e] one tile vs 15 tiles: mean abs diff ${(sum / a.data.length).toFixed(4)}, ${((within / pixels) * 100).toFixed(3)} % within 8 levels (tile edges ${((edgeWithin / edge) * 100).toFixed(3)} %), worst ${worst}`,
    )
    expect(sum / a.data.length, 'mean absolute difference per channel').toBeLessThan(1)
    expect(within / pixels, 'share of pixels within 8 levels').toBeGreaterThan(0.999)
    expect(edgeWithin / edge, 'share of tile-edge pixels within 8 levels').toBeGreaterThan(0.995)
  })

  it('a 7680×4320 still is rendered in 512 px tiles and is that size', async () => {
    await showView(LAST, 'campus')
    const big = await still({ width: 7680, height: 4320, tileSize: 512 })
    expect(big.tiles).toBe(15 * 9)
    const h = pngHeader(big.bytes)
    expect({ width: h.width, height: h.height }, 'IHDR size').toEqual({ width: 7680, height: 4320 })
    const p = decodePng(big.bytes)
    let rack = 0
    for (let i = 0; i < p.data.length; i += 16)
      if (isRackColour(p.data[i]!, p.data[i + 1]!, p.data[i + 2]!)) rack++
    expect(rack / (p.data.length / 16), 'share of rack-coloured pixels in the 8K still').toBeGreaterThan(
      0.001,
    )
  })

  it('leaves the camera, the canvas and renderInfo as they were', async () => {
    await showView(LAST, 'site:C2')
    const info = async () => {
      await colossus(page).ready()
      const { frames: _frames, ...rest } = await colossus(page).renderInfo()
      return rest
    }
    const camera0 = (await page.evaluate(() => window.colossus.state().camera))!
    const info0 = await info()
    const canvas0 = await readCanvas(page, 2)
    // A square, tiled still: a different aspect and view offset from the screen's.
    await still({ width: 1000, height: 1000, tileSize: 300 })
    await still({ width: 640, height: 360, transparent: true, overlay: false })
    const camera1 = (await page.evaluate(() => window.colossus.state().camera))!
    const info1 = await info()
    const canvas1 = await readCanvas(page, 2)
    for (let k = 0; k < 3; k++) {
      expect(camera1.position[k]).toBeCloseTo(camera0.position[k]!, 6)
      expect(camera1.target[k]).toBeCloseTo(camera0.target[k]!, 6)
    }
    expect(info1).toEqual(info0)
    const share = canvasChangedShare(canvas0, canvas1)
    console.log(`[e2e] canvas after exports: ${(share * 100).toFixed(3)} % of pixels changed`)
    expect(share, 'share of on-screen pixels changed by the exports').toBeLessThan(0.001)
  })

  it('the dialog opens with S and its Export PNG button downloads colossus-<phase>-<mode>-<w>x<h>.png', async () => {
    await showView('doubled', 'campus')
    await page.evaluate(() => window.colossus.setColorMode('power'))
    await focusBody(page)
    await page.keyboard.press('s')
    const dialog = page.locator('[data-testid=export-dialog]')
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true)
    await dialog.locator('input[name=size][value=custom]').check()
    await dialog.getByLabel('Width in pixels').fill('320')
    await dialog.getByLabel('Height in pixels').fill('200')
    expect(await dialog.textContent()).toContain('320 × 200 px')
    // Stills are made for slides: presentation unless the user picks otherwise.
    expect(await dialog.getByLabel('Quality').inputValue()).toBe('presentation')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 300_000 }),
      dialog.getByRole('button', { name: 'Export PNG' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('colossus-doubled-power-320x200.png')
    const path = join(tmp, download.suggestedFilename())
    await download.saveAs(path)
    const file = readFileSync(path)
    const h = pngHeader(file)
    expect({ width: h.width, height: h.height }).toEqual({ width: 320, height: 200 })
    // The file says what it shows and how it was rendered.
    const text = pngText(file)
    expect(text.Title).toMatch(/power colours$/)
    expect(text.Comment).toMatch(/^Rendered in the presentation quality tier, 16 samples per pixel/)
    expect(text.Source).toMatch(/<https?:\/\//)
    await expect
      .poll(() => page.locator('[data-testid=export-progress]').count(), { timeout: 30_000 })
      .toBe(0)
    expect(await dialog.locator('.error').count(), 'no error in the dialog').toBe(0)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0)
    await page.evaluate(() => window.colossus.setColorMode('generation'))
  })
})

describe('video', () => {
  for (const format of ['webm', 'mp4'] as const) {
    it(`a short ${format} demuxes to the frames and size it reports`, async () => {
      await showView(LAST, 'campus')
      const before = await page.evaluate(() => window.colossus.state().phaseId)
      const o: VideoOptions = {
        width: 640,
        height: 360,
        fps: 10,
        fromPhase: 0,
        toPhase: 1,
        secondsPerPhase: 0.5,
        holdSeconds: 0.2,
        format,
      }
      const r = await page.evaluate((opts) => window.colossus.exportVideo(opts), o)
      const buf = Buffer.from(r.base64, 'base64')
      console.log(`[e2e] ${format}: ${r.codec}, ${r.frames} frames, ${(buf.length / 1e3).toFixed(0)} kB`)
      // Two phases of 0.5 s at 10 fps, then 0.2 s held.
      expect(r.frames).toBe(12)
      expect(r.mimeType).toBe(`video/${format}`)
      expect(r.fileName).toBe(`colossus-${PHASE_IDS[0]}-to-${PHASE_IDS[1]}-generation-640x360.${format}`)
      const input = new Input({ source: new BufferSource(buf), formats: ALL_FORMATS })
      const track = await input.getPrimaryVideoTrack()
      expect(track, 'a video track').not.toBeNull()
      expect([track!.displayWidth, track!.displayHeight]).toEqual([640, 360])
      let packets = 0
      for await (const _ of new EncodedPacketSink(track!).packets()) packets++
      expect(packets, 'packets in the file').toBe(r.frames)
      const duration = await input.computeDuration()
      expect(duration).toBeCloseTo(r.frames / 10, 1)
      expect(
        await page.evaluate(() => window.colossus.state().phaseId),
        'phase restored after recording',
      ).toBe(before)
    })
  }
})

// --- Story exports ------------------------------------------------------------------------

/** A stories file of three one-second steps: a site, a later phase up close, an earlier one cut back to. */
const TEST_STORY = {
  id: 'export-test',
  title: 'Export test',
  steps: [
    { title: 'First', caption: '{gpus} GPUs', phase: PHASE_IDS[0]!, camera: 'site:C1', durationS: 1 },
    { title: 'Up close', caption: '{racks} racks', phase: PHASE_IDS[2]!, camera: 'rack', durationS: 1 },
    { title: 'Back out', caption: 'On {date}', phase: PHASE_IDS[1]!, camera: 'campus', durationS: 1 },
  ],
}

/** Decodes the first and last frames of a video in Chromium (WebCodecs); returns how many frames decoded and their mean difference per channel. */
async function firstLastDifference(buf: Buffer): Promise<{ decoded: number; meanDiff: number }> {
  const input = new Input({ source: new BufferSource(buf), formats: ALL_FORMATS })
  const track = (await input.getPrimaryVideoTrack())!
  const config = (await track.getDecoderConfig())!
  const packets: { type: 'key' | 'delta'; timestamp: number; data: number[] }[] = []
  for await (const p of new EncodedPacketSink(track).packets())
    packets.push({ type: p.type, timestamp: Math.round(p.timestamp * 1e6), data: [...p.data] })
  const description = config.description ? [...new Uint8Array(config.description as ArrayBuffer)] : null
  return page.evaluate(
    async ({ codec, width, height, description, packets }) => {
      const canvas = new OffscreenCanvas(width, height)
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!
      const images: Uint8ClampedArray[] = []
      let failure: unknown = null
      const decoder = new VideoDecoder({
        output: (frame) => {
          ctx.drawImage(frame, 0, 0, width, height)
          images.push(ctx.getImageData(0, 0, width, height).data)
          frame.close()
        },
        error: (e) => {
          failure = e
        },
      })
      decoder.configure({
        codec,
        codedWidth: width,
        codedHeight: height,
        ...(description ? { description: new Uint8Array(description) } : {}),
      })
      for (const p of packets)
        decoder.decode(
          new EncodedVideoChunk({ type: p.type, timestamp: p.timestamp, data: new Uint8Array(p.data) }),
        )
      await decoder.flush()
      decoder.close()
      if (failure) throw new Error(String(failure))
      const a = images[0]!
      const b = images[images.length - 1]!
      let sum = 0
      for (let i = 0; i < a.length; i++) if (i % 4 !== 3) sum += Math.abs(a[i]! - b[i]!)
      return { decoded: images.length, meanDiff: sum / ((a.length / 4) * 3) }
    },
    { codec: config.codec, width: track.codedWidth, height: track.codedHeight, description, packets },
  )
}

describe('story exports', () => {
  beforeAll(async () => {
    const r = await page.evaluate(
      (text) => window.colossus.loadStories(text),
      JSON.stringify({ stories: [TEST_STORY] }),
    )
    expect(r.problems).toEqual([])
  })

  it('exportVideo({story}) records the planned frames; first and last frames differ; the view is put back', {
    timeout: 600_000,
  }, async () => {
    await showView(LAST, 'campus')
    const before = await page.evaluate(() => window.colossus.state())
    await expect(
      page.evaluate(() =>
        window.colossus.exportVideo({ story: 'export-test', width: 320, height: 180, fromPhase: 0 }),
      ),
    ).rejects.toThrow(/leave out fromPhase/)
    await expect(
      page.evaluate(() => window.colossus.exportVideo({ story: 'nope', width: 320, height: 180 })),
    ).rejects.toThrow(/unknown story "nope"; stories are .*export-test/)
    const r = await page.evaluate(() =>
      window.colossus.exportVideo({ story: 'export-test', width: 320, height: 180, fps: 4, format: 'webm' }),
    )
    const buf = Buffer.from(r.base64, 'base64')
    console.log(`[e2e] story video: ${r.codec}, ${r.frames} frames, ${(buf.length / 1e3).toFixed(1)} kB`)
    // Three 1 s holds at 4 fps, and two 2 s transitions between them.
    expect(r.frames).toBe(3 * 4 + 2 * 8)
    expect(r.fileName).toBe('colossus-story-export-test-320x180.webm')
    expect(buf.length, 'bytes in the file').toBeGreaterThan(5_000)
    const input = new Input({ source: new BufferSource(buf), formats: ALL_FORMATS })
    const track = (await input.getPrimaryVideoTrack())!
    expect([track.displayWidth, track.displayHeight]).toEqual([320, 180])
    let packets = 0
    for await (const _ of new EncodedPacketSink(track).packets()) packets++
    expect(packets, 'packets in the file').toBe(r.frames)
    const ends = await firstLastDifference(buf)
    console.log(
      `[e2e] story video decoded ${ends.decoded} frames; first vs last: ${ends.meanDiff.toFixed(1)} per channel`,
    )
    expect(ends.decoded).toBe(r.frames)
    expect(ends.meanDiff, 'a site at the first phase vs the campus later').toBeGreaterThan(4)
    const after = await page.evaluate(() => window.colossus.state())
    expect({ phase: after.phaseId, mode: after.colorMode, story: after.story }).toEqual({
      phase: before.phaseId,
      mode: before.colorMode,
      story: before.story,
    })
    for (let k = 0; k < 3; k++) expect(after.camera!.position[k]).toBeCloseTo(before.camera!.position[k]!, 3)
  })

  it('the dialog downloads one PNG per story step, at the asked size, in one zip', {
    timeout: 600_000,
  }, async () => {
    await focusBody(page)
    await page.keyboard.press('s')
    const dialog = page.locator('[data-testid=export-dialog]')
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true)
    await dialog.getByText('One PNG per story step (zip)').click()
    await dialog.getByLabel('Story', { exact: true }).selectOption('export-test')
    await dialog.locator('input[name=size][value=custom]').check()
    await dialog.getByLabel('Width in pixels').fill('320')
    await dialog.getByLabel('Height in pixels').fill('180')
    expect(await dialog.textContent()).toContain('320 × 180 px · 3 PNGs, one per step, in a zip')
    await dialog.getByLabel('Quality').selectOption('draft')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 300_000 }),
      dialog.getByRole('button', { name: 'Export PNGs (zip)' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('colossus-story-export-test-320x180.zip')
    const path = join(tmp, download.suggestedFilename())
    await download.saveAs(path)
    const files = unzipSync(new Uint8Array(readFileSync(path)))
    expect(Object.keys(files).sort()).toEqual(['01-first.png', '02-up-close.png', '03-back-out.png'])
    for (const [name, png] of Object.entries(files)) {
      const h = pngHeader(png)
      expect([h.width, h.height], name).toEqual([320, 180])
      // The quality picked in the dialog, over the steps' own.
      expect(pngText(png).Comment, name).toMatch(/^Rendered in the draft quality tier, 4 samples per pixel/)
    }
    // Each step looks different: the PNGs are not one picture three times.
    expect(new Set(Object.values(files).map((f) => f.length)).size).toBe(3)
    await expect
      .poll(() => page.locator('[data-testid=export-progress]').count(), { timeout: 30_000 })
      .toBe(0)
    expect(await dialog.locator('.error').count(), 'no error in the dialog').toBe(0)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0)
  })
})

describe('npm run stills', () => {
  const stills = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync('npm', ['run', '--silent', 'stills', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 600_000,
    })
    // npm may warn about its own config on stderr; those lines are not the command's.
    const stderr = r.stderr
      .split('\n')
      .filter((l) => !l.startsWith('npm warn'))
      .join('\n')
    return { status: r.status, stdout: r.stdout, stderr, error: r.error }
  }

  it('writes one 1280×720 PNG per phase and prints their paths', { timeout: 600_000 }, () => {
    const out = join(tmp, 'stills-all')
    // Draft keeps this test short on software GL; the command's default is presentation.
    const r = stills(['--phases', 'all', '--size', '1280x720', '--quality', 'draft', '--out', out])
    expect(r.error).toBeUndefined()
    expect(r.status, r.stderr).toBe(0)
    const expected = PHASE_IDS.map((id) => `colossus-${id}-generation-1280x720.png`)
    expect(readdirSync(out).sort()).toEqual([...expected].sort())
    const printed = r.stdout.split('\n').filter((l) => l.endsWith('.png'))
    expect(printed).toEqual(expected.map((f) => join(out, f)))
    for (const f of expected) {
      const file = readFileSync(join(out, f))
      const h = pngHeader(file)
      expect({ f, width: h.width, height: h.height }).toEqual({ f, width: 1280, height: 720 })
      expect(pngText(file).Comment, f).toMatch(/^Rendered in the draft quality tier/)
    }
  })

  it('refuses an unknown phase, naming it and listing the valid ones', () => {
    const r = stills(['--phases', 'nope', '--out', join(tmp, 'none')])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('"nope"')
    expect(r.stderr).toContain(`phases are ${PHASE_IDS.join(', ')}`)
    expect(r.stdout).not.toMatch(/\.png/)
  })

  it('refuses a broken --config with one `<path>: <message>` line per problem', () => {
    const small = JSON.parse(readFileSync(layoutPath('example-small-cluster.json'), 'utf8'))
    small.generations[0].gpusPerServer = -8
    small.phases[1].adds[0].halls = ['NO-SUCH-HALL']
    small.phases[0].date = 'yesterday'
    small.bogus = true
    const file = join(tmp, 'broken-layout.json')
    writeFileSync(file, JSON.stringify(small, null, 2))
    const problems = layoutProblems(JSON.stringify(small))
    expect(problems.length).toBeGreaterThanOrEqual(4)
    const r = stills(['--config', file, '--out', join(tmp, 'none')])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(file)
    const lines = r.stderr.split('\n')
    for (const p of problems) expect(lines, 'a line per problem').toContain(p)
    for (const path of ['generations[0].gpusPerServer', 'phases[0].date', 'phases[1].adds[0].halls[0]'])
      expect(
        lines.some((l) => l.startsWith(`${path}: `)),
        `a line for ${path}`,
      ).toBe(true)
  })

  it('says how to install Chromium when CHROMIUM_PATH does not exist', { timeout: 300_000 }, () => {
    const r = stills(['--phases', PHASE_IDS[0]!, '--out', join(tmp, 'none')], {
      CHROMIUM_PATH: '/nonexistent',
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('/nonexistent')
    expect(r.stderr).toMatch(/apt-get install -y chromium/)
    expect(r.stderr).toContain('CHROMIUM_PATH')
  })
})

describe('the page', () => {
  it('had no page errors, console errors or requests to other hosts', () => {
    expectCleanPage(record)
  })
})
