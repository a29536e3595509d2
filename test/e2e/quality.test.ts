/**
 * Browser tests of the quality tiers: every tier draws a picture (through exports, which switch
 * the scene to the tier and back), a presentation still is the same PNG twice, and a pipelined
 * still in small tiles (with their overlap margins cropped) matches the same still in one tile.
 * Pixels are decoded in the page (createImageBitmap): the PNGs never leave it.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ColorMode, type Rgb, rackColor, rgbToHex } from '../../src/domain/color/colorModes'
import { defaultLayout } from '../fixtures'
import type { PageRecord } from './browser'
import { colossus, expectCleanPage, openSession } from './session'

let browser: Browser
let page: Page
let record: PageRecord

type StillOptions = Parameters<typeof window.colossus.exportStill>[0]

/** Figures of a still: how much of it is lit and varied (not empty), and its PNG as base64. */
async function still(o: StillOptions) {
  const t0 = Date.now()
  const r = await page.evaluate(async (opts) => {
    const s = await window.colossus.exportStill(opts)
    const bytes = Uint8Array.from(atob(s.base64), (c) => c.charCodeAt(0))
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
    const c = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = c.getContext('2d')!
    ctx.drawImage(bitmap, 0, 0)
    const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data
    let bright = 0
    let saturated = 0
    for (let i = 0; i < d.length; i += 4) {
      const mx = Math.max(d[i]!, d[i + 1]!, d[i + 2]!)
      const mn = Math.min(d[i]!, d[i + 1]!, d[i + 2]!)
      if (mx > 120) bright++
      if (mx > 80 && mx - mn > 50) saturated++
    }
    const n = d.length / 4
    return {
      base64: s.base64,
      tiles: s.tiles,
      quality: s.quality,
      samples: s.samples,
      width: bitmap.width,
      height: bitmap.height,
      bright: bright / n,
      saturated: saturated / n,
    }
  }, o)
  console.log(
    `[e2e] quality still ${JSON.stringify(o)}: ${r.tiles} tile(s), ${((Date.now() - t0) / 1000).toFixed(1)} s, lit ${(r.bright * 100).toFixed(1)} %, coloured ${(r.saturated * 100).toFixed(2)} %`,
  )
  return r
}

/** Differences between two PNGs (base64) of one size, decoded in the page, with tile-edge pixels on their own. */
function compare(a: string, b: string, tile: number) {
  return page.evaluate(
    async ({ a, b, tile }) => {
      const pixels = async (b64: string) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
        const c = new OffscreenCanvas(bitmap.width, bitmap.height)
        const ctx = c.getContext('2d')!
        ctx.drawImage(bitmap, 0, 0)
        return {
          w: bitmap.width,
          h: bitmap.height,
          d: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data,
        }
      }
      const pa = await pixels(a)
      const pb = await pixels(b)
      let sum = 0
      let within = 0
      let worst = 0
      let edge = 0
      let edgeWithin = 0
      for (let y = 0; y < pa.h; y++)
        for (let x = 0; x < pa.w; x++) {
          const o = (y * pa.w + x) * 4
          let d = 0
          for (let k = 0; k < 4; k++) {
            const e = Math.abs(pa.d[o + k]! - pb.d[o + k]!)
            sum += e
            d = Math.max(d, e)
          }
          worst = Math.max(worst, d)
          if (d <= 8) within++
          const onEdge = x % tile <= 1 || x % tile >= tile - 2 || y % tile <= 1 || y % tile >= tile - 2
          if (onEdge) {
            edge++
            if (d <= 8) edgeWithin++
          }
        }
      const n = pa.w * pa.h
      return { mean: sum / (n * 4), within: within / n, edgeWithin: edgeWithin / edge, worst }
    },
    { a, b, tile },
  )
}

/**
 * Share of a PNG's pixels (base64, decoded in the page) that show each colour in `colours`
 * (sRGB 0..1) lit or shaded: a hue within 12° of its hue, clearly saturated and not near
 * black. Lighting scales a surface's colour, it keeps its hue: so a rack painted in a legend
 * colour counts whatever its shading.
 */
function colourShares(png: string, colours: readonly Rgb[]) {
  return page.evaluate(
    async ({ png, colours }) => {
      const hsv = (r: number, g: number, b: number) => {
        const mx = Math.max(r, g, b)
        const d = mx - Math.min(r, g, b)
        let h = 0
        if (d > 0) {
          if (mx === r) h = ((g - b) / d + 6) % 6
          else if (mx === g) h = (b - r) / d + 2
          else h = (r - g) / d + 4
        }
        return { h: h * 60, s: mx ? d / mx : 0, v: mx }
      }
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
      const c = new OffscreenCanvas(bitmap.width, bitmap.height)
      const ctx = c.getContext('2d')!
      ctx.drawImage(bitmap, 0, 0)
      const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data
      const want = colours.map((c) => hsv(c[0]!, c[1]!, c[2]!).h)
      const hits = want.map(() => 0)
      for (let i = 0; i < d.length; i += 4) {
        const p = hsv(d[i]! / 255, d[i + 1]! / 255, d[i + 2]! / 255)
        if (p.s < 0.3 || p.v < 0.2) continue
        want.forEach((h, k) => {
          const dh = Math.abs(p.h - h)
          if (Math.min(dh, 360 - dh) <= 12) hits[k]!++
        })
      }
      return hits.map((n) => n / (d.length / 4))
    },
    { png, colours: colours.map((c) => [...c]) },
  )
}

beforeAll(async () => {
  ;({ browser, page, record } = await openSession())
  await page.evaluate(async () => {
    await window.colossus.setColorMode('generation')
    await window.colossus.setCamera('site:C1')
  })
})

afterAll(async () => {
  await browser?.close()
})

/**
 * Draws of one `benchmarkFrames` frame: all WebGL draws of two frames minus those of one (each
 * call first waits for a rendered frame of the page's own, counted in both), split into
 * full-screen passes (a 3-vertex triangle, as post-processing draws) and the rest.
 */
function benchmarkDraws(options: { empty?: boolean; only?: string[] } = {}) {
  return page.evaluate(async (options) => {
    const w = window as unknown as { __draws?: { all: number; fullscreen: number } }
    if (!w.__draws) {
      const counts = { all: 0, fullscreen: 0 }
      w.__draws = counts
      const proto = WebGL2RenderingContext.prototype as unknown as Record<string, (...a: number[]) => unknown>
      for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
        const orig = proto[name]!
        proto[name] = function (this: unknown, ...a: number[]) {
          counts.all++
          if (name === 'drawArrays' && a[2] === 3) counts.fullscreen++
          return orig.apply(this, a)
        }
      }
    }
    const c = w.__draws
    const at = async (n: number) => {
      const before = { ...c }
      await window.colossus.benchmarkFrames(n, options)
      return { all: c.all - before.all, fullscreen: c.fullscreen - before.fullscreen }
    }
    const one = await at(1)
    const two = await at(2)
    return { all: two.all - one.all, fullscreen: two.fullscreen - one.fullscreen }
  }, options)
}

describe('the legend holds close up', () => {
  const layout = defaultLayout()
  const last = layout.phases.length - 1
  const rackOf = (generation: string) => {
    for (let i = 0; i < layout.racks.count; i++)
      if (layout.config.generations[layout.racks.generation[i]!]!.id === generation) return i
    throw new Error(`no ${generation} rack in the default layout`)
  }
  // Two racks whose colours differ in both modes: an H100 rack (blue, ~40 kW) and a GB300 one
  // (pink, ~130 kW). Each close-up must show its own rack's colour and hardly the other's.
  const racks = [rackOf('H100'), rackOf('GB300')]

  for (const mode of ['generation', 'power'] as ColorMode[])
    it(`the rack close-up shows the ${mode} colour the legend gives its racks`, async () => {
      const colours = racks.map((i) => rackColor(layout, mode, i))
      await page.evaluate(
        async ({ mode, last }) => {
          await window.colossus.setPhase(last)
          await window.colossus.setColorMode(mode)
        },
        { mode, last },
      )
      if (mode === 'generation') {
        // The legend's swatches are these very colours.
        const swatches = await page.$$eval('.legend .swatch', (els) =>
          els.map((e) => getComputedStyle(e).backgroundColor),
        )
        const css = colours.map((c) => {
          const [r, g, b] = rgbToHex(c)
            .match(/[0-9a-f]{2}/gi)!
            .map((h) => Number.parseInt(h, 16))
          return `rgb(${r}, ${g}, ${b})`
        })
        for (const c of css) expect(swatches, 'legend swatches').toContain(c)
      }
      const shares: number[][] = []
      for (const i of racks) {
        await page.evaluate(async (i) => {
          await window.colossus.select(i)
          await window.colossus.setCamera('rack')
        }, i)
        const s = await still({ width: 480, height: 270, overlay: false, quality: 'draft' })
        shares.push(await colourShares(s.base64, colours))
      }
      console.log(`[e2e] ${mode} close-ups, share of [own, other] colour: ${JSON.stringify(shares)}`)
      for (let k = 0; k < racks.length; k++) {
        const own = shares[k]![k]!
        const other = shares[k]![1 - k]!
        expect(own, `${mode}: close-up of rack ${racks[k]} shows its colour`).toBeGreaterThan(0.02)
        expect(own, `${mode}: its colour outweighs the other rack's`).toBeGreaterThan(other * 3)
      }
      await page.evaluate(async () => {
        await window.colossus.select(null)
        await window.colossus.setColorMode('generation')
        await window.colossus.setCamera('site:C1')
      })
      expectCleanPage(record)
    })
})

describe('quality tiers', () => {
  it('benchmarkFrames draws a frame as the tier does: through the high pipeline in high', async () => {
    const draft = await benchmarkDraws()
    await page.evaluate(() => window.colossus.setQuality('high'))
    try {
      const high = await benchmarkDraws()
      console.log(
        `[e2e] draws of one benchmark frame: draft ${JSON.stringify(draft)}, high ${JSON.stringify(high)}`,
      )
      expect(draft.fullscreen, 'full-screen passes in a draft frame').toBe(0)
      // Ambient occlusion, SMAA and the output pass each draw full-screen triangles; the shadow
      // map draws the scene again.
      expect(high.fullscreen, 'full-screen passes in a high frame').toBeGreaterThanOrEqual(3)
      expect(high.all - high.fullscreen, 'scene draws in a high frame (shadow map too)').toBeGreaterThan(
        draft.all,
      )
    } finally {
      await page.evaluate(() => window.colossus.setQuality('draft'))
    }
  })

  it('benchmarkFrames leaves out what it is told to: everything (the floor), or all but one part', async () => {
    expect((await benchmarkDraws({ empty: true })).all, 'draws of an empty frame').toBe(0)
    // The grass ground on its own: one merged mesh, one draw.
    expect((await benchmarkDraws({ only: ['dressing-ground'] })).all, 'draws of the ground alone').toBe(1)
    expect((await benchmarkDraws()).all, 'draws of the whole frame').toBeGreaterThan(10)
  })

  it('each tier draws a picture with the racks in their colours, and the page returns to its tier', async () => {
    const o = { width: 320, height: 180, overlay: false, samples: 4 }
    const liveBefore = await liveCanvas()
    const first = await still({ ...o, quality: 'draft' })
    for (const quality of ['draft', 'high', 'presentation'] as const) {
      const s = quality === 'draft' ? first : await still({ ...o, quality })
      expect([s.width, s.height]).toEqual([320, 180])
      expect(s.bright, `${quality}: lit pixels`).toBeGreaterThan(0.02)
      expect(s.saturated, `${quality}: rack-coloured pixels`).toBeGreaterThan(0.002)
    }
    expect(await colossus(page).renderFrames(2)).toBeGreaterThanOrEqual(2)
    // The page's own tier (draft on software GL) is back: its still is what it was.
    const last = await still(o)
    const d = await compare(first.base64, last.base64, 1e9)
    expect(d.mean, 'draft still before and after the other tiers').toBeLessThan(0.5)
    // And the view on screen: the high tier's composer had left the renderer without clearing.
    const live = await compare(liveBefore, await liveCanvas(), 1e9)
    expect(live.mean, 'the view at rest before and after the other tiers').toBeLessThan(0.5)
    expectCleanPage(record)
  })

  it('a presentation still is deterministic: the same PNG twice', async () => {
    const o = { width: 256, height: 144, overlay: false, quality: 'presentation' as const, samples: 4 }
    const a = await still(o)
    const b = await still(o)
    expect(a.base64 === b.base64, 'byte-identical PNGs').toBe(true)
    // It says what it rendered: the tier and the samples asked for.
    expect([a.quality, a.samples]).toEqual(['presentation', 4])
    // Draft: 4 jittered samples by default (the canvas has no multisampling).
    const draft = await still({ ...o, quality: 'draft' })
    expect([draft.quality, draft.samples]).toEqual(['draft', 4])
  })

  it('a presentation still in 128 px tiles matches it in one tile (margins hide the seams)', async () => {
    const o = { width: 640, height: 360, overlay: false, quality: 'presentation' as const, samples: 4 }
    const one = await still(o)
    const tiled = await still({ ...o, tileSize: 128 })
    expect(one.tiles).toBe(1)
    expect(tiled.tiles).toBe(15)
    const d = await compare(one.base64, tiled.base64, 128)
    console.log(
      `[e2e] presentation one tile vs 15 tiles: mean abs diff ${d.mean.toFixed(4)}, ${(d.within * 100).toFixed(3)} % within 8 levels (tile edges ${(d.edgeWithin * 100).toFixed(3)} %), worst ${d.worst}`,
    )
    expect(d.mean, 'mean absolute difference per channel').toBeLessThan(1)
    expect(d.within, 'share of pixels within 8 levels').toBeGreaterThan(0.995)
    expect(d.edgeWithin, 'share of tile-edge pixels within 8 levels').toBeGreaterThan(0.99)
    expectCleanPage(record)
  })

  it('a draft still is anti-aliased by its jittered samples, and tile-safe', async () => {
    const o = { width: 640, height: 360, overlay: false, quality: 'draft' as const }
    const plain = await still({ ...o, samples: 1 })
    const smooth = await still(o)
    expect(smooth.samples).toBe(4)
    const [nPlain, nSmooth] = [await distinctColours(plain.base64), await distinctColours(smooth.base64)]
    const d = await compare(plain.base64, smooth.base64, 1e9)
    console.log(
      `[e2e] draft still, 1 vs 4 samples: ${nPlain} vs ${nSmooth} distinct colours, ${(d.within * 100).toFixed(1)} % of pixels within 8 levels`,
    )
    // The same picture (most pixels alike), its edges blended: many more in-between colours.
    expect(d.within, 'pixels within 8 levels of the plain frame').toBeGreaterThan(0.8)
    expect(nSmooth, 'distinct colours, 4 samples against 1').toBeGreaterThan(nPlain * 1.4)
    // The jitter goes on top of each tile's view offset: small tiles give the same picture.
    const tiled = await still({ ...o, tileSize: 128 })
    const t = await compare(smooth.base64, tiled.base64, 128)
    expect(t.mean, 'one tile against 128 px tiles').toBeLessThan(0.5)
    expect(t.edgeWithin, 'tile-edge pixels within 8 levels').toBeGreaterThan(0.99)
    expectCleanPage(record)
  })

  it('the draft view is drawn plain, then refined once it rests', async () => {
    await page.evaluate(async () => {
      await window.colossus.setColorMode('generation')
      await window.colossus.setCamera('site:C1')
    })
    const shots = await page.evaluate(async () => {
      const canvas = document.querySelector('canvas')!
      const snap = () => canvas.toDataURL('image/png').slice(22)
      // Asks for a frame and resolves once the view rests. An animation frame asked for after
      // the scene's own (a task later) runs after it, well before the view counts as resting
      // (150 ms): it sees the plain frame (the canvas keeps its drawing buffer).
      for (let attempt = 0; ; attempt++) {
        const rested = window.colossus.setColorMode('generation')
        await new Promise((r) => setTimeout(r, 0))
        const plain = await new Promise<string>((r) => requestAnimationFrame(() => r(snap())))
        await rested
        const first = snap()
        // The refined picture came first (a slow machine): try again.
        if (first === plain && attempt < 4) continue
        await window.colossus.setColorMode('generation')
        return { plain, first, again: snap(), attempt }
      }
    })
    const [nPlain, nRested] = [await distinctColours(shots.plain), await distinctColours(shots.first)]
    console.log(
      `[e2e] live draft view: ${nPlain} distinct colours plain, ${nRested} at rest (attempt ${shots.attempt})`,
    )
    expect(nRested, 'distinct colours at rest against the plain frame').toBeGreaterThan(nPlain * 1.3)
    expect(shots.again === shots.first, 'the same view at rest twice: the same pixels').toBe(true)
    expectCleanPage(record)
  })
})

/** The canvas as it stands once the view rests (PNG, base64). */
async function liveCanvas(): Promise<string> {
  return page.evaluate(async () => {
    await window.colossus.ready
    return document.querySelector('canvas')!.toDataURL('image/png').slice(22)
  })
}

/** How many distinct RGBA values a PNG (base64) has: anti-aliasing blends edges into many more. */
function distinctColours(png: string) {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
    const c = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = c.getContext('2d')!
    ctx.drawImage(bitmap, 0, 0)
    const d = new Uint32Array(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data.buffer)
    return new Set(d).size
  }, png)
}
