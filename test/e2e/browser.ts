/**
 * Browser helpers of the e2e tests: launch Debian's Chromium through playwright-core (no
 * browser download), open the app and wait for `window.colossus.ready`, record what went
 * wrong on the page, read and compare canvas pixels and save screenshots. The session every
 * test file opens with these is in ./session.ts.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser as launchWith } from '../../src/cli/browser'

/** Where screenshots go (gitignored via test/output/). */
const SCREENSHOT_DIR = fileURLToPath(new URL('../output/screenshots/', import.meta.url))

/** Launches Chromium with a working software GL backend (shared with the stills command and the bench). */
export const launchBrowser = () => launchWith((line) => console.log(`[e2e] ${line}`))

/** A new page as a phone shows it: 390 × 844, touch, mobile viewport. */
export const phonePage = (browser: Browser): Promise<Page> =>
  browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

/** What the page did wrong or reached out to, recorded from before navigation. */
export interface PageRecord {
  /** The app's origin, e.g. `http://127.0.0.1:41234`. */
  origin: string
  consoleErrors: string[]
  pageErrors: string[]
  /** Every request whose URL is not on the app's origin (including data: and blob: URLs). */
  otherRequests: string[]
  /** Responses with status ≥ 400 and requests that failed outright. */
  failedRequests: string[]
}

/**
 * Opens the app at `appUrl` (plus `query`, e.g. `?phase=doubled`), records errors and requests,
 * and waits until `window.colossus.ready` resolves (a frame of the layout has rendered).
 */
export async function openApp(page: Page, appUrl: string, query = ''): Promise<PageRecord> {
  const origin = new URL(appUrl).origin
  const record: PageRecord = {
    origin,
    consoleErrors: [],
    pageErrors: [],
    otherRequests: [],
    failedRequests: [],
  }
  page.on('console', (m) => {
    if (m.type() === 'error') record.consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => record.pageErrors.push(e.stack ?? e.message))
  page.on('request', (r) => {
    if (!r.url().startsWith(`${origin}/`)) record.otherRequests.push(r.url())
  })
  page.on('requestfailed', (r) =>
    record.failedRequests.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`),
  )
  page.on('response', (r) => {
    if (r.status() >= 400) record.failedRequests.push(`${r.url()}: HTTP ${r.status()}`)
  })
  await page.goto(new URL(query, appUrl).href, { waitUntil: 'load', timeout: 120_000 })
  await page.waitForFunction(() => 'colossus' in window, null, { timeout: 120_000 })
  await page.evaluate(() => window.colossus.ready)
  return record
}

/** Saves a PNG of the viewport as test/output/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`)
  await page.screenshot({ path, timeout: 120_000 })
  return path
}

/** RGBA pixels of the WebGL canvas (unpremultiplied, row 0 at the top), every `step`-th pixel. */
export interface Pixels {
  width: number
  height: number
  data: Uint8Array
}

/**
 * Reads the WebGL canvas's drawing buffer (it is created with preserveDrawingBuffer) after the
 * latest frame, sampling every `step`-th pixel in x and y.
 */
export async function readCanvas(page: Page, step = 2): Promise<Pixels> {
  const out = await page.evaluate(async (s) => {
    await window.colossus.ready
    const src = document.querySelector('canvas')
    if (!src) throw new Error('no canvas on the page')
    const w = Math.floor(src.width / s)
    const h = Math.floor(src.height / s)
    const c = document.createElement('canvas')
    c.width = w
    c.height = h
    const ctx = c.getContext('2d')!
    ctx.imageSmoothingEnabled = false
    ctx.drawImage(src, 0, 0, w * s, h * s, 0, 0, w, h)
    const bytes = ctx.getImageData(0, 0, w, h).data
    let bin = ''
    for (let i = 0; i < bytes.length; i += 0x8000)
      bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return { width: w, height: h, base64: btoa(bin) }
  }, step)
  return { width: out.width, height: out.height, data: new Uint8Array(Buffer.from(out.base64, 'base64')) }
}

/** For each pixel, whether some channel (RGBA) differs by more than `threshold` between two reads. */
export function changedPixels(a: Pixels, b: Pixels, threshold = 16): boolean[] {
  const out: boolean[] = []
  for (let i = 0; i < a.data.length; i += 4) {
    let d = 0
    for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(a.data[i + k]! - b.data[i + k]!))
    out.push(d > threshold)
  }
  return out
}

/** Share of pixels where some channel differs by more than `threshold` between two reads. */
export const changedShare = (a: Pixels, b: Pixels, threshold = 16): number =>
  changedPixels(a, b, threshold).filter(Boolean).length / (a.width * a.height)

/**
 * Share of pixels drawn (not transparent: the page background shows through there) and brighter
 * than `minValue`: above the dark ground and its grid lines, so the campus itself.
 */
export function litShare(px: Pixels, minValue = 0.25): number {
  let lit = 0
  for (let i = 0; i < px.data.length; i += 4)
    if (px.data[i + 3]! > 0 && hsv(px.data[i]!, px.data[i + 1]!, px.data[i + 2]!).v > minValue) lit++
  return lit / (px.width * px.height)
}

/** Hue (degrees), saturation and value (0..1) of an sRGB colour given as bytes. */
export function hsv(r: number, g: number, b: number): { h: number; s: number; v: number } {
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  const d = max - min
  let h = 0
  if (d > 0) {
    if (max === r) h = ((g - b) / d) % 6
    else if (max === g) h = (b - r) / d + 2
    else h = (r - g) / d + 4
    h *= 60
    if (h < 0) h += 360
  }
  return { h, s: max === 0 ? 0 : d / max, v: max / 255 }
}

/** Distance between two hues in degrees (0..180). */
export const hueDistance = (a: number, b: number): number => {
  const d = Math.abs(a - b) % 360
  return d > 180 ? 360 - d : d
}

/** Parses `#rrggbb` into bytes. */
export function hexBytes(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}
