/**
 * The largest still (issue 12): a 16384×16384 PNG through `colossus.exportStill` on a fresh
 * page (1280x720, the page's own tier, the last phase at the campus view), timed, with the
 * browser's memory sampled while it renders, and the file read back in pieces (`chunked: true`,
 * `readExport`) and checked here: its size, every chunk's CRC, the inflated rows, and that
 * rows across the image hold the scene and not only background. A 1024×1024 preview (every 16th
 * pixel) is left in test/output/ to look at.
 *
 * Memory is read from /proc every 250 ms, with separate peaks for the export and the read-back
 * (the budget takes the larger): the processes descended from this one whose name says
 * Chromium (browser, GPU, renderer, utility). Two sums are reported: RSS, which the budget uses
 * (it counts pages shared between the processes, such as the Chromium binary, once per
 * process, so it overstates), and PSS, where a shared page is split between its sharers.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildIfStale, launchBrowser, ROOT, readKeptStill, startPreview } from '../../src/cli/browser'
import { PngStreamEncoder } from '../../src/export/pngStream'
import { forEachPngRow } from '../png'
import type { BenchTable } from './browser'

/** Budget of issue 12: peak browser memory while exporting the 16384×16384 still, bytes. */
export const MAX_BIG_STILL_BYTES = 2 * 1000 * 1000 * 1000
const SIDE = 16384
const SAMPLE_MS = 250
const MB = 1000 * 1000

/** The ids of this process's descendants. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // The command name is in parentheses and may hold spaces: the parent id follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const list = children.get(ppid) ?? []
      list.push(Number(name))
      children.set(ppid, list)
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = []
  const stack = [root]
  while (stack.length)
    for (const c of children.get(stack.pop()!) ?? []) {
      out.push(c)
      stack.push(c)
    }
  return out
}

/** RSS and PSS summed over the Chromium processes below this one. */
function chromiumMemory(): { rss: number; pss: number; processes: number } {
  let rss = 0
  let pss = 0
  let processes = 0
  for (const pid of descendants(process.pid)) {
    try {
      if (!/chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'))) continue
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0)
      rss += kb('Rss') * 1024
      pss += kb('Pss') * 1024
      processes++
    } catch {
      // The process ended while we looked.
    }
  }
  return { rss, pss, processes }
}

/** What the big still measured. */
export interface BigStillResult {
  meta: Record<string, string | number | boolean>
  tables: BenchTable[]
  errors: string[]
}

/** Where the bench leaves a 1024×1024 preview of the still (every 16th pixel), to look at. */
const PREVIEW = join(ROOT, 'test/output/bigStill-preview.png')
const PREVIEW_STEP = 16

/**
 * Checks the PNG: size, CRCs (forEachPngRow), and scene in rows spread over the image; fills
 * `preview` with every PREVIEW_STEP-th pixel.
 */
function checkPng(file: Buffer, preview: Uint8Array): { sceneRowShare: number; colours: number } {
  const sampled = new Set<number>()
  for (let k = 0; k < 64; k++) sampled.add(Math.floor(((k + 0.5) * SIDE) / 64))
  let sceneRows = 0
  const colours = new Set<number>()
  const side = SIDE / PREVIEW_STEP
  const { width, height } = forEachPngRow(file, (y, rgba) => {
    if (y % PREVIEW_STEP === 0)
      for (let x = 0; x < side; x++)
        preview.set(
          rgba.subarray(x * PREVIEW_STEP * 4, x * PREVIEW_STEP * 4 + 4),
          ((y / PREVIEW_STEP) * side + x) * 4,
        )
    if (!sampled.has(y)) return
    let scene = 0
    for (let x = 0; x < SIDE; x += 4) {
      const o = x * 4
      const [r, g, b] = [rgba[o]!, rgba[o + 1]!, rgba[o + 2]!]
      colours.add((r << 16) | (g << 8) | b)
      // The page background is a dark blue gradient: nothing in it exceeds 60.
      if (Math.max(r, g, b) > 60) scene++
    }
    if (scene > 16) sceneRows++
  })
  if (width !== SIDE || height !== SIDE) throw new Error(`the PNG is ${width}x${height}`)
  return { sceneRowShare: sceneRows / sampled.size, colours: colours.size }
}

/** Exports the 16384×16384 still once and reports time, memory and the file. */
export async function benchBigStill(log: (s: string) => void): Promise<BigStillResult> {
  const errors: string[] = []
  if (await buildIfStale()) log('built the app into dist/')
  const server = await startPreview()
  const launched = await launchBrowser(log)
  try {
    const page = await launched.browser.newPage({ viewport: { width: 1280, height: 720 } })
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`))
    await page.goto(server.url, { timeout: 120_000 })
    await page.waitForFunction(() => 'colossus' in window, null, { timeout: 120_000 })
    const view = await page.evaluate(async () => {
      await window.colossus.ready
      const { phases, quality } = window.colossus.state()
      await window.colossus.setPhase(phases.length - 1)
      await window.colossus.setCamera('campus')
      return { phase: phases.at(-1)!, quality }
    })
    const before = chromiumMemory()
    // Peaks while exporting and while reading the file back, sampled separately.
    const peaks = [{ ...before }, { ...before }]
    let phase = 0
    const sampler = setInterval(() => {
      const m = chromiumMemory()
      const peak = peaks[phase]!
      peak.rss = Math.max(peak.rss, m.rss)
      peak.pss = Math.max(peak.pss, m.pss)
      peak.processes = Math.max(peak.processes, m.processes)
    }, SAMPLE_MS)
    log(
      `exporting ${SIDE}x${SIDE} (${view.quality}, ${view.phase}, campus); Chromium at ${(before.rss / MB).toFixed(0)} MB RSS`,
    )
    const t0 = Date.now()
    let still: Awaited<ReturnType<typeof window.colossus.exportStill>>
    let seconds: number
    let readSeconds: number
    let file: Buffer
    try {
      still = await page.evaluate(
        (side) => window.colossus.exportStill({ width: side, height: side, chunked: true }),
        SIDE,
      )
      seconds = (Date.now() - t0) / 1000
      log(`exported in ${seconds.toFixed(1)} s: ${still.tiles} tiles, ${(still.bytes / MB).toFixed(1)} MB`)
      phase = 1
      const t1 = Date.now()
      const pieces: Buffer[] = []
      await readKeptStill(page, still, (piece) => pieces.push(piece))
      file = Buffer.concat(pieces)
      readSeconds = (Date.now() - t1) / 1000
    } finally {
      clearInterval(sampler)
    }
    const [exporting, reading] = peaks as [typeof before, typeof before]
    const peak = { rss: Math.max(exporting.rss, reading.rss), pss: Math.max(exporting.pss, reading.pss) }
    const side = SIDE / PREVIEW_STEP
    const preview = new Uint8Array(side * side * 4)
    const check = checkPng(file, preview)
    const png = new PngStreamEncoder(side, side, { alpha: false })
    await png.writeRows(preview, side)
    mkdirSync(dirname(PREVIEW), { recursive: true })
    writeFileSync(PREVIEW, new Uint8Array(await (await png.finish()).arrayBuffer()))
    log(
      `read back in ${readSeconds.toFixed(1)} s; ${(check.sceneRowShare * 100).toFixed(0)} % of sampled rows hold scene`,
    )
    const complete = file.length === still.bytes && check.sceneRowShare > 0.2
    if (!complete) errors.push(`the ${SIDE}x${SIDE} still is incomplete: ${JSON.stringify(check)}`)
    const status = peak.rss <= MAX_BIG_STILL_BYTES ? 'met' : 'MISSED'
    return {
      meta: {
        chromium: launched.browser.version(),
        renderer: launched.renderer,
        memoryMethod: `/proc smaps_rollup of the Chromium processes, every ${SAMPLE_MS} ms`,
        preview: PREVIEW,
      },
      tables: [
        {
          key: 'bigStill',
          title: `Still ${SIDE}x${SIDE} through exportStill({chunked: true}), fresh page`,
          rows: [
            {
              tier: view.quality,
              view: `${view.phase}, campus`,
              tiles: still.tiles,
              seconds: Math.round(seconds * 10) / 10,
              pngMB: Math.round(still.bytes / MB),
              readBackSeconds: Math.round(readSeconds * 10) / 10,
              sceneRowsPct: Math.round(check.sceneRowShare * 100),
              colours: check.colours,
              processes: exporting.processes,
              rssBeforeMB: Math.round(before.rss / MB),
              peakRssExportMB: Math.round(exporting.rss / MB),
              peakRssReadMB: Math.round(reading.rss / MB),
              peakPssMB: Math.round(peak.pss / MB),
            },
          ],
        },
        {
          key: 'bigStillTargets',
          title: 'Target of issue 12 (margin = limit - measured; positive is headroom)',
          rows: [
            {
              target: `still ${SIDE}x${SIDE}: complete, peak browser memory (sum of RSS, export and read-back)`,
              limit: MAX_BIG_STILL_BYTES / MB,
              measured: Math.round(peak.rss / MB),
              unit: 'MB',
              margin: Math.round((MAX_BIG_STILL_BYTES - peak.rss) / MB),
              status: complete ? status : 'MISSED (incomplete PNG)',
              where: `${Math.round(seconds)} s; ${Math.round(before.rss / MB)} MB before; PSS sum ${Math.round(peak.pss / MB)} MB`,
            },
          ],
        },
      ],
      errors,
    }
  } finally {
    await launched.browser.close().catch(() => undefined)
    await server.close().catch(() => undefined)
  }
}
