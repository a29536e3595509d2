/**
 * Pictures are behaviour: small reference images (480×270, draft tier, no overlay) of the main
 * views, compared with a tolerance. A change to what the scene draws (a material's colour, a
 * missing mesh, a camera preset) fails here; when the change is meant, look at the new
 * pictures in test/output/visual/ and update the references with `npm run references`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../src/cli/browser'
import { colossus, expectCleanPage, openSession, type Session } from './session'

const REFERENCE_DIR = join(ROOT, 'test/e2e/reference')
const OUTPUT_DIR = join(ROOT, 'test/output/visual')
const UPDATE = process.env.UPDATE_REFERENCES === '1'
const SIZE = { width: 480, height: 270 }
/** A pixel differs when a channel moved by more than this (0-255). */
const PIXEL_THRESHOLD = 24
/** At most this share of pixels may differ (software GL is deterministic; this absorbs edge noise). */
const MAX_CHANGED_SHARE = 0.002

interface View {
  name: string
  /** A camera preset, or a function of the rack preset's pose. */
  camera:
    | string
    | ((rack: { position: number[]; target: number[] }) => { position: number[]; target: number[] })
}

const VIEWS: View[] = [
  { name: 'campus', camera: 'campus' },
  { name: 'site-C1', camera: 'site:C1' },
  { name: 'hall', camera: 'hall' },
  { name: 'rack', camera: 'rack' },
  {
    // Half way from the rack preset towards its target: one rack fills the frame.
    name: 'closeup',
    camera: ({ position, target }) => ({
      position: position.map((p, i) => (p + target[i]!) / 2),
      target,
    }),
  },
]

/** Renders the current view as a 480×270 PNG without overlay; returns its bytes. */
async function still(page: Page): Promise<Buffer> {
  const result = await page.evaluate((size) => window.colossus.exportStill({ ...size, overlay: false }), SIZE)
  return Buffer.from(result.base64, 'base64')
}

/** Share of pixels that differ between two PNGs of the same size (decoded in the page). */
function changedShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64, threshold]) => {
      const pixels = async (b: string) => {
        const blob = await (await fetch(`data:image/png;base64,${b}`)).blob()
        const bitmap = await createImageBitmap(blob)
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
        const ctx = canvas.getContext('2d')!
        ctx.drawImage(bitmap, 0, 0)
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height)
      }
      const [pa, pb] = await Promise.all([pixels(a64), pixels(b64)])
      if (pa.width !== pb.width || pa.height !== pb.height) return 1
      let changed = 0
      for (let i = 0; i < pa.data.length; i += 4) {
        for (let c = 0; c < 4; c++) {
          if (Math.abs(pa.data[i + c]! - pb.data[i + c]!) > threshold) {
            changed++
            break
          }
        }
      }
      return changed / (pa.width * pa.height)
    },
    [a.toString('base64'), b.toString('base64'), PIXEL_THRESHOLD] as const,
  )
}

describe('visual regression (draft tier, 480×270)', () => {
  let s: Session
  let rackPose: { position: number[]; target: number[] }
  const pictures = new Map<string, Buffer>()

  beforeAll(async () => {
    s = await openSession()
    const app = colossus(s.page)
    await s.page.evaluate(() => window.colossus.setQuality('draft'))
    await app.setPhase((await app.state()).phases.length - 1)
    await app.setMode('generation')
    await app.setCamera('rack')
    rackPose = (await app.state()).camera!
    mkdirSync(OUTPUT_DIR, { recursive: true })
    if (UPDATE) mkdirSync(REFERENCE_DIR, { recursive: true })
  })

  afterAll(async () => {
    expectCleanPage(s.record)
    await s.browser.close()
  })

  for (const view of VIEWS) {
    it(`${view.name} matches its reference`, async () => {
      const camera = typeof view.camera === 'string' ? view.camera : view.camera(rackPose)
      await colossus(s.page).setCamera(camera)
      const png = await still(s.page)
      pictures.set(view.name, png)
      writeFileSync(join(OUTPUT_DIR, `${view.name}.png`), png)
      const refPath = join(REFERENCE_DIR, `${view.name}.png`)
      if (UPDATE) {
        writeFileSync(refPath, png)
        return
      }
      let reference: Buffer
      try {
        reference = readFileSync(refPath)
      } catch {
        throw new Error(`no reference ${refPath}: look at ${OUTPUT_DIR}, then run npm run references`)
      }
      const share = await changedShare(s.page, png, reference)
      console.log(`[e2e] visual ${view.name}: ${(share * 100).toFixed(3)} % of pixels differ`)
      expect(
        share,
        `${view.name}: differs from its reference (new picture in ${OUTPUT_DIR})`,
      ).toBeLessThanOrEqual(MAX_CHANGED_SHARE)
    })
  }

  it('the comparison catches a change of colour', async () => {
    const hall = pictures.get('hall')
    expect(hall, 'the hall view ran first').toBeDefined()
    await colossus(s.page).setCamera('hall')
    await colossus(s.page).setMode('phase')
    const recoloured = await still(s.page)
    await colossus(s.page).setMode('generation')
    expect(await changedShare(s.page, recoloured, hall!)).toBeGreaterThan(MAX_CHANGED_SHARE * 4)
  })
})
