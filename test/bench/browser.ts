/**
 * Times the built app in headless Chromium (1280x720, device pixel ratio 1, software GL through
 * src/cli/browser's launchBrowser, which prefers Mesa llvmpipe), driving it through
 * `window.colossus`:
 *
 * - per phase of the default layout, at the campus view: renderer figures of a forced render
 *   (draw calls, triangles, geometries, programs) and the median frame time, and the same frame
 *   time with every object hidden (the "empty floor": clear + the same renderer settings);
 * - navigation (page.goto) to the first rendered frame, median of fresh page loads (and to the
 *   first picture at rest: in draft the refined one, 150 ms and four samples later);
 * - the JS heap after a garbage collection once the 1M phase is shown (CDP);
 * - gzip sizes of dist/'s JS and CSS, and of what the first page load fetches;
 * - issue 11's budgets (./budgets.ts): the rack preset against the floor, what the close-up
 *   detail adds at the campus view, presentation stills at 4K and 8K, and the high tier's frames.
 *
 * Frame timing uses `colossus.benchmarkFrames(n, { empty })`: it renders n frames back to back,
 * each completed by a one-pixel readPixels, and returns each frame's ms.
 *
 * Phases are measured round-robin (a batch per phase per round) so that a slow spell of the
 * machine spreads over all phases instead of landing on one; `spreadPct` is the spread of the
 * per-round medians, as a check that the figure is stable.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BrowserContext, Page } from 'playwright-core'
import { buildIfStale, launchBrowser, ROOT, startPreview } from '../../src/cli/browser'
import { defaultLayout } from '../fixtures'
import { closeUpCost, DRAW_COUNTER, highTierFrames, presentationStill, type StillResult } from './budgets'

/** A table cell; null prints as "–" (not measured). */
export type Cell = string | number | null
export type Row = Record<string, Cell>

export interface BenchTable {
  /** Key in the JSON output, under the section's id. */
  key: string
  title: string
  rows: Row[]
}

export interface BrowserBenchResult {
  /** Browser, backend, method: printed before the tables and written to the JSON. */
  meta: Record<string, string | number | boolean>
  tables: BenchTable[]
  /** Problems that make the run an error (page errors); missed targets are not errors. */
  errors: string[]
}

export interface BrowserBenchOptions {
  /** Rounds of the round-robin over phases. */
  rounds?: number
  /** Timed frames per phase per round (frames per phase = rounds x this). */
  framesPerRound?: number
  /** Timed empty-floor frames per phase per round. */
  floorFramesPerRound?: number
  /** Untimed frames before a phase's first batch. */
  warmup?: number
  /** Untimed frames before every later batch (after switching phase). */
  batchWarmup?: number
  /** Fresh page loads for the first-frame and heap figures. */
  loads?: number
  log?: (s: string) => void
}

const VIEWPORT = { width: 1280, height: 720 }
const DIST = join(ROOT, 'dist')

/** Targets (decimal units: 1 KB = 1000 B, 1 MB = 10^6 B, the stricter reading). */
const TARGETS = {
  maxDrawCalls: 40,
  maxFrame1MOver100k: 2,
  maxFrame1MOverFloor: 3,
  maxFirstFrameMs: 3000,
  maxHeapMB: 250,
  maxInitialJsGzipKB: 400,
  maxRackOverFloor: 4,
  maxStill4kSeconds: 60,
  /** The close-up detail adds nothing to the campus view. */
  maxCloseUpAtCampus: 0,
}

/** Samples of the presentation stills the budgets ask for. */
const STILL_SAMPLES = 16
/** The dressing's merged ground mesh (grass, roads, car parks): timed on its own at the 1M campus view. */
const GROUND = 'dressing-ground'

const KB = 1000
const MB = 1000 * 1000

const median = (values: readonly number[]): number => {
  if (!values.length) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Nearest-rank percentile. */
const percentile = (values: readonly number[], q: number): number => {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN
}

const round = (v: number, digits = 2): number => {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

/**
 * A targets-table row: margin = limit - measured (positive = headroom). A null measurement is
 * "not measured", with `reason` (or `where`) saying why.
 */
function target(
  name: string,
  measured: number | null,
  limit: number,
  unit: string,
  where: string,
  reason?: string,
): Row {
  if (measured === null || !Number.isFinite(measured))
    return {
      target: name,
      limit,
      measured: null,
      unit,
      margin: null,
      marginPct: null,
      status: `not measured: ${reason ?? where}`,
      where,
    }
  const margin = limit - measured
  return {
    target: name,
    limit,
    measured: round(measured),
    unit,
    margin: round(margin),
    marginPct: limit === 0 ? null : round((100 * margin) / limit, 1),
    status: measured <= limit ? 'met' : 'MISSED',
    where,
  }
}

// ---------------------------------------------------------------------------------------------
// Page-side helpers (run through page.evaluate; everything they use is passed in).

/**
 * Renders `warmup` + `frames` frames of the current view and times the latter; `leave` says what
 * to leave out (benchmarkFrames' options: `empty` for the floor, `only` for one part alone).
 */
function timeFrames(
  page: Page,
  frames: number,
  warmup: number,
  leave: { empty?: boolean; only?: string[] } = {},
): Promise<number[]> {
  return page.evaluate(
    async ({ frames, warmup, leave }) => {
      if (warmup > 0) await window.colossus.benchmarkFrames(warmup, leave)
      return window.colossus.benchmarkFrames(frames, leave)
    },
    { frames, warmup, leave },
  )
}

/** Shows a phase at the campus view and returns the renderer figures of the forced render. */
async function showPhase(page: Page, phase: string) {
  return page.evaluate(async (phase) => {
    await window.colossus.setPhase(phase)
    // setCamera awaits a rendered frame: renderInfo then describes this phase at this view.
    await window.colossus.setCamera('campus')
    return { info: window.colossus.renderInfo(), stats: window.colossus.stats() }
  }, phase)
}

/**
 * Init script: sets window.colossus through an accessor that records when `ready` first resolves
 * (in the page's Date.now, the same clock as Node's, and performance.now, from navigation start).
 * A string, not a function: tsx's keepNames would put `__name` calls into a serialised function.
 */
const FIRST_FRAME_PROBE = `(() => {
  let api
  Object.defineProperty(window, 'colossus', {
    configurable: true,
    enumerable: true,
    get: () => api,
    set: (v) => {
      api = v
      // The first frame drawn (draft: the plain frame, seen at once), checked each animation frame.
      const drawn = () => {
        try {
          return v.renderInfo().frames > 0
        } catch {
          return false // the renderer has not started yet
        }
      }
      const poll = () => {
        if (drawn())
          window.__benchFirstFrame = { epochMs: Date.now(), sinceNavigationMs: performance.now() }
        else requestAnimationFrame(poll)
      }
      requestAnimationFrame(poll)
      // The view at rest (draft: the refined picture), for information.
      v.ready.then(() => {
        window.__benchFirstRest = { epochMs: Date.now() }
      })
    },
  })
})()`

// ---------------------------------------------------------------------------------------------

interface LoadResult {
  /** page.goto start (Node's Date.now) to the first frame (the page's Date.now): same clock. */
  firstFrameMs: number
  /** page.goto start to the first picture at rest (draft: refined from jittered samples). */
  firstRestMs: number
  /** performance.now() at the first frame: from the navigation start the browser records. */
  sinceNavigationMs: number
  phaseAtLoad: string
  requests: string[]
  heapDefault: HeapFigures
  heap1M: HeapFigures
}

interface HeapFigures {
  usedBytes: number
  totalBytes: number
  embedderBytes: number | null
  backingStoreBytes: number | null
  performanceMemoryBytes: number | null
}

async function heapAfterGc(context: BrowserContext, page: Page): Promise<HeapFigures> {
  const cdp = await context.newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    const usage = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number
      totalSize: number
      embedderHeapUsedSize?: number
      backingStorageSize?: number
    }
    const perf = await page.evaluate(
      () =>
        (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
    )
    return {
      usedBytes: usage.usedSize,
      totalBytes: usage.totalSize,
      embedderBytes: usage.embedderHeapUsedSize ?? null,
      backingStoreBytes: usage.backingStorageSize ?? null,
      performanceMemoryBytes: perf,
    }
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/** A fresh context (empty cache), a load timed to its first frame, then the heap at 1M. */
async function freshLoad(
  newContext: () => Promise<BrowserContext>,
  url: string,
  phase1M: string,
  pageErrors: string[],
): Promise<LoadResult> {
  const context = await newContext()
  try {
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.addInitScript(FIRST_FRAME_PROBE)
    const t0 = Date.now()
    await page.goto(url, { timeout: 120_000 })
    const handle = await page.waitForFunction(
      () => (window as unknown as { __benchFirstFrame?: unknown }).__benchFirstFrame,
      null,
      { timeout: 120_000 },
    )
    const first = (await handle.jsonValue()) as { epochMs: number; sinceNavigationMs: number }
    const rest = (await (
      await page.waitForFunction(
        () => (window as unknown as { __benchFirstRest?: unknown }).__benchFirstRest,
        null,
        {
          timeout: 120_000,
        },
      )
    ).jsonValue()) as { epochMs: number }
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined)
    const phaseAtLoad = await page.evaluate(() => window.colossus.state().phaseId)
    const heapDefault = await heapAfterGc(context, page)
    await page.evaluate(async (p) => {
      await window.colossus.setPhase(p)
      await window.colossus.setCamera('campus')
    }, phase1M)
    const heap1M = await heapAfterGc(context, page)
    return {
      firstFrameMs: first.epochMs - t0,
      firstRestMs: rest.epochMs - t0,
      sinceNavigationMs: first.sinceNavigationMs,
      phaseAtLoad,
      requests,
      heapDefault,
      heap1M,
    }
  } finally {
    await context.close()
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...filesUnder(p))
    else out.push(p)
  }
  return out
}

interface DistFile {
  kind: string
  bytes: number
  gzipBytes: number
}

const kindOf = (f: string): string => {
  if (/\.m?js$/.test(f)) return 'js'
  return f.slice(f.lastIndexOf('.') + 1)
}

/**
 * dist/ as built, taken right after the build: the preview server serves dist/ live, so a build
 * started elsewhere during the run would otherwise mix two builds' figures (checked by `checkLoad`).
 */
function snapshotDist(): Map<string, DistFile> {
  const files = new Map<string, DistFile>()
  for (const file of filesUnder(DIST)) {
    const bytes = readFileSync(file)
    files.set(relative(DIST, file).split(sep).join('/'), {
      kind: kindOf(file),
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes).length,
    })
  }
  return files
}

/** dist/ paths a load requested (same origin; "/" is index.html). */
function requestedDistFiles(requests: readonly string[], base: string): Set<string> {
  const origin = new URL(base).origin
  const files = new Set<string>()
  for (const r of requests) {
    const u = new URL(r)
    if (u.origin !== origin) continue
    let path = decodeURIComponent(u.pathname).replace(/^\/+/, '')
    if (path === '' || path.endsWith('/')) path += 'index.html'
    files.add(path)
  }
  return files
}

/** Problems with a load: it fetched files the snapshot lacks (dist/ rebuilt meanwhile), or no JS. */
function checkLoad(what: string, requested: Set<string>, dist: Map<string, DistFile>): string[] {
  const missing = [...requested].filter((f) => !dist.has(f))
  const problems: string[] = []
  if (missing.length)
    problems.push(
      `${what} fetched ${missing.join(', ')}, not in dist/ as built at the start: dist/ was rebuilt during the run (another build?); figures mix builds`,
    )
  if (![...requested].some((f) => kindOf(f) === 'js')) problems.push(`${what} fetched no JavaScript`)
  return problems
}

function bundleTables(
  dist: Map<string, DistFile>,
  requested: Set<string>,
): { table: BenchTable; initialJsGzip: number; summary: Row } {
  // Every JS and CSS file, and anything else the first load fetched (HTML, fonts, icons...).
  const rows = [...dist]
    .filter(([f, d]) => d.kind === 'js' || d.kind === 'css' || requested.has(f))
    .map(([file, d]) => ({
      file,
      kind: d.kind,
      bytes: d.bytes,
      gzipBytes: d.gzipBytes,
      onFirstLoad: requested.has(file) ? 'yes' : 'no (lazy)',
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || b.gzipBytes - a.gzipBytes)
  type R = (typeof rows)[number]
  const sum = (pred: (r: R) => boolean, key: 'bytes' | 'gzipBytes') =>
    rows.filter(pred).reduce((s, r) => s + r[key], 0)
  const onLoad = (r: R) => r.onFirstLoad === 'yes'
  const js = (r: R) => r.kind === 'js'
  const jsCss = (r: R) => r.kind === 'js' || r.kind === 'css'
  const totals: [string, (r: R) => boolean][] = [
    ['= JS fetched on first load', (r) => onLoad(r) && js(r)],
    ['= JS + CSS fetched on first load', (r) => onLoad(r) && jsCss(r)],
    ['= everything fetched on first load', onLoad],
    ['= all JS + CSS in dist/', jsCss],
  ]
  const totalRows: Row[] = totals.map(([file, pred]) => ({
    file,
    kind: '',
    bytes: sum(pred, 'bytes'),
    gzipBytes: sum(pred, 'gzipBytes'),
    onFirstLoad: '',
  }))
  const initialJsGzip = sum((r) => onLoad(r) && js(r), 'gzipBytes')
  const summary: Row = {
    initialJsBytes: sum((r) => onLoad(r) && js(r), 'bytes'),
    initialJsGzipBytes: initialJsGzip,
    initialJsCssGzipBytes: sum((r) => onLoad(r) && jsCss(r), 'gzipBytes'),
    firstLoadGzipBytes: sum(onLoad, 'gzipBytes'),
    lazyJsGzipBytes: sum((r) => !onLoad(r) && js(r), 'gzipBytes'),
    allJsCssGzipBytes: sum(jsCss, 'gzipBytes'),
  }
  return {
    table: {
      key: 'bundle',
      title: 'Bundle: dist/ JS and CSS, and what the first load fetches (bytes; gzip = zlib default level)',
      rows: [...rows, ...totalRows],
    },
    initialJsGzip,
    summary,
  }
}

/** The default layout's phases with their GPU counts, and which are the "100k" and "1M" ones. */
function referencePhases(): { ids: string[]; phase100k: string; phase1M: string } {
  const phases = defaultLayout().phases
  const nearest = (gpus: number) =>
    phases.reduce((best, p) => (Math.abs(p.gpus - gpus) < Math.abs(best.gpus - gpus) ? p : best)).id
  return { ids: phases.map((p) => p.id), phase100k: nearest(100_000), phase1M: nearest(1_000_000) }
}

/** The close-up budget rows: nothing added at the campus preset, judged only if it draws near. */
function closeUpTargets(
  cost: {
    preset: string
    calls: number
    triangles: number
    callsWithout: number
    trianglesWithout: number
  }[],
): Row[] {
  const at = (p: string) => cost.find((c) => c.preset === p)
  const campus = at('campus')
  const rack = at('rack')
  const drawsNear =
    rack !== undefined && (rack.calls > rack.callsWithout || rack.triangles > rack.trianglesWithout)
  const reason = drawsNear
    ? undefined
    : 'no scene object "closeup" draws anything at the rack preset in this build'
  const where = rack
    ? `at the rack preset it adds ${rack.calls - rack.callsWithout} calls, ${rack.triangles - rack.trianglesWithout} triangles`
    : ''
  return [
    target(
      'close-up detail: draw calls added at campus',
      drawsNear && campus ? campus.calls - campus.callsWithout : null,
      TARGETS.maxCloseUpAtCampus,
      'calls',
      where,
      reason,
    ),
    target(
      'close-up detail: triangles added at campus',
      drawsNear && campus ? campus.triangles - campus.trianglesWithout : null,
      TARGETS.maxCloseUpAtCampus,
      'triangles',
      where,
      reason,
    ),
  ]
}

export async function benchBrowser(options: BrowserBenchOptions = {}): Promise<BrowserBenchResult> {
  const o = {
    rounds: 4,
    framesPerRound: 15,
    floorFramesPerRound: 15,
    warmup: 10,
    batchWarmup: 3,
    loads: 3,
    log: (_: string) => {},
    ...options,
  }
  const { ids, phase100k, phase1M } = referencePhases()
  const errors: string[] = []
  const pageErrors: string[] = []

  const loadBefore = loadavg()[0]!
  const cores = cpus().length
  if (loadBefore > cores * 0.5)
    o.log(
      `warning: load average ${loadBefore.toFixed(2)} on ${cores} cores: other work on the machine will inflate and scatter frame times`,
    )
  const t0 = Date.now()
  if (await buildIfStale()) o.log(`built the app into dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  const dist = snapshotDist()
  const server = await startPreview()
  let launched: Awaited<ReturnType<typeof launchBrowser>> | null = null
  try {
    launched = await launchBrowser(o.log)
    const { browser } = launched
    if (!/llvmpipe/i.test(launched.renderer))
      o.log(`warning: the renderer is not Mesa llvmpipe (${launched.renderer}): figures are not comparable`)
    const newContext = () => browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })

    // Fresh loads: first frame, heap, requests.
    const loads: LoadResult[] = []
    for (let k = 0; k < o.loads; k++) {
      o.log(`fresh page load ${k + 1}/${o.loads}`)
      loads.push(await freshLoad(newContext, server.url, phase1M, pageErrors))
    }

    // Frames: one page, phases round-robin.
    o.log('frame timing')
    const context = await newContext()
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    const frameRequests: string[] = []
    page.on('request', (r) => frameRequests.push(r.url()))
    await page.addInitScript(DRAW_COUNTER)
    await page.goto(server.url, { timeout: 120_000 })
    await page.waitForFunction(() => 'colossus' in window, null, { timeout: 120_000 })
    await page.evaluate(() => window.colossus.ready)
    const pagePhases = await page.evaluate(() => window.colossus.state().phases)
    // The tier the frame figures are of (draft on software GL, once the tiers are wired).
    const quality = await page.evaluate(() => {
      const q = (window.colossus.state() as unknown as { quality?: unknown }).quality
      return typeof q === 'string' ? q : 'unknown (state() has no quality)'
    })
    if (pagePhases.join() !== ids.join())
      throw new Error(
        `the page's phases (${pagePhases.join(', ')}) are not the default layout's (${ids.join(', ')})`,
      )

    type PhaseFigures = Awaited<ReturnType<typeof showPhase>> & {
      frames: number[][]
      floor: number[][]
    }
    const figures = new Map<string, PhaseFigures>()
    // The rack close-up preset at the 1M phase, timed in every round beside the phases.
    const rackFrames: number[][] = []
    const rackFloor: number[][] = []
    const groundOnly: number[][] = []
    let rackInfo: Awaited<ReturnType<typeof showPhase>>['info'] | null = null
    for (let r = 0; r < o.rounds; r++) {
      for (const id of ids) {
        const shown = await showPhase(page, id)
        let f = figures.get(id)
        const warmup = f ? o.batchWarmup : o.warmup
        if (!f) {
          f = { ...shown, frames: [], floor: [] }
          figures.set(id, f)
        }
        const times = await timeFrames(page, o.framesPerRound, warmup)
        f.frames.push(times)
        const floor = await timeFrames(page, o.floorFramesPerRound, warmup, { empty: true })
        f.floor.push(floor)
        // The grass ground alone at 1M: the least any picture of the campus view shades.
        if (id === phase1M)
          groundOnly.push(await timeFrames(page, o.floorFramesPerRound, warmup, { only: [GROUND] }))
        o.log(
          `  round ${r + 1}/${o.rounds} ${id}: ${median(times).toFixed(1)} ms, floor ${median(floor).toFixed(1)} ms`,
        )
      }
      rackInfo = await page.evaluate(async (phase) => {
        await window.colossus.setPhase(phase)
        await window.colossus.setCamera('rack')
        return window.colossus.renderInfo()
      }, phase1M)
      const warmup = r === 0 ? o.warmup : o.batchWarmup
      rackFrames.push(await timeFrames(page, o.framesPerRound, warmup))
      rackFloor.push(await timeFrames(page, o.floorFramesPerRound, warmup, { empty: true }))
      o.log(
        `  round ${r + 1}/${o.rounds} rack preset at ${phase1M}: ${median(rackFrames.at(-1)!).toFixed(1)} ms, floor ${median(rackFloor.at(-1)!).toFixed(1)} ms`,
      )
    }

    // What the close-up detail (the scene's "closeup" group) adds at the campus and rack presets.
    o.log('close-up cost')
    await page.evaluate((p) => window.colossus.setPhase(p), phase1M)
    const closeUp = await closeUpCost(page, ['campus', 'rack'])

    // Presentation stills, from the campus view at 1M.
    await page.evaluate(() => window.colossus.setCamera('campus'))
    o.log(`presentation still 3840x2160, ${STILL_SAMPLES} samples`)
    const still4k = await presentationStill(page, 3840, 2160, STILL_SAMPLES)
    o.log(`presentation still 7680x4320, ${STILL_SAMPLES} samples`)
    const still8k: StillResult = still4k.ok
      ? await presentationStill(page, 7680, 4320, STILL_SAMPLES)
      : { ok: false, reason: `not tried: ${still4k.reason}` }
    await context.close()

    // The high tier, for information, on a page of its own.
    o.log('high tier')
    const high = await highTierFrames(
      browser,
      server.url,
      [
        { phase: phase1M, view: 'campus' },
        { phase: phase100k, view: 'campus' },
        { phase: phase1M, view: 'rack' },
      ],
      o.framesPerRound,
      median,
      VIEWPORT,
    )
    errors.push(...checkLoad('the frame-timing page', requestedDistFiles(frameRequests, server.url), dist))

    const spread = (batches: number[][]): number | null => {
      if (batches.length < 2) return null
      const meds = batches.map(median)
      return round((100 * (Math.max(...meds) - Math.min(...meds))) / median(batches.flat()), 1)
    }
    const frameRows: Row[] = ids.map((id) => {
      const f = figures.get(id)!
      const times = f.frames.flat()
      const floor = f.floor.flat()
      const frameMs = median(times)
      const floorMs = median(floor)
      return {
        phase: id,
        gpus: f.stats.gpus,
        racks: f.stats.racks,
        drawCalls: f.info.drawCalls,
        triangles: f.info.triangles,
        geometries: f.info.geometries,
        programs: f.info.programs,
        textures: f.info.textures,
        frames: times.length,
        frameMs: round(frameMs),
        p95Ms: round(percentile(times, 0.95)),
        spreadPct: spread(f.frames),
        floorMs: round(floorMs),
        floorFrames: floor.length,
        xFloor: round(frameMs / floorMs),
        x100k: round(frameMs / median(figures.get(phase100k)!.frames.flat())),
      }
    })

    // Load figures.
    const loadRows: Row[] = loads.map((l, k) => ({
      load: `${k + 1}`,
      phaseAtLoad: l.phaseAtLoad,
      firstFrameMs: l.firstFrameMs,
      firstRestMs: l.firstRestMs,
      sinceNavigationStartMs: round(l.sinceNavigationMs, 0),
    }))
    const firstFrameMedian = median(loads.map((l) => l.firstFrameMs))
    loadRows.push({
      load: 'median',
      phaseAtLoad: '',
      firstFrameMs: round(firstFrameMedian, 0),
      firstRestMs: round(median(loads.map((l) => l.firstRestMs)), 0),
      sinceNavigationStartMs: round(median(loads.map((l) => l.sinceNavigationMs)), 0),
    })

    const heapRow = (label: string, pick: (l: LoadResult) => HeapFigures): Row => {
      const med = (f: (h: HeapFigures) => number | null): number | null => {
        const v = loads.map((l) => f(pick(l))).filter((x): x is number => x !== null)
        return v.length ? round(median(v) / MB) : null
      }
      return {
        state: label,
        usedMB: med((h) => h.usedBytes),
        totalMB: med((h) => h.totalBytes),
        embedderMB: med((h) => h.embedderBytes),
        backingStoreMB: med((h) => h.backingStoreBytes),
        perfMemoryMB: med((h) => h.performanceMemoryBytes),
      }
    }
    const heapRows = [
      heapRow(`first frame (${loads[0]?.phaseAtLoad ?? '?'})`, (l) => l.heapDefault),
      heapRow(`${phase1M}, campus view`, (l) => l.heap1M),
    ]
    const heap1MB = heapRows[1]!.usedMB as number | null

    // Bundle: what the fresh loads fetched (each is checked against the snapshot).
    loads.forEach((l, k) => {
      errors.push(...checkLoad(`fresh load ${k + 1}`, requestedDistFiles(l.requests, server.url), dist))
    })
    const requested = requestedDistFiles(
      loads.flatMap((l) => l.requests),
      server.url,
    )
    const bundle = bundleTables(dist, requested)

    // Targets.
    const row = (id: string) => frameRows.find((r) => r.phase === id)!
    const maxDraw = Math.max(...frameRows.map((r) => r.drawCalls as number))
    const atMax = frameRows.filter((r) => r.drawCalls === maxDraw).map((r) => r.phase)
    const frame1M = row(phase1M).frameMs as number
    const frame100k = row(phase100k).frameMs as number
    const floor1M = row(phase1M).floorMs as number
    const targetRows: Row[] = [
      target(
        'draw calls at every phase',
        maxDraw,
        TARGETS.maxDrawCalls,
        'calls',
        `max at ${atMax.join(', ')}`,
      ),
      target(
        `frame ${phase1M} / frame ${phase100k}`,
        frame1M / frame100k,
        TARGETS.maxFrame1MOver100k,
        'x',
        `${frame1M.toFixed(1)} / ${frame100k.toFixed(1)} ms`,
      ),
      target(
        `frame ${phase1M} / empty floor`,
        frame1M / floor1M,
        TARGETS.maxFrame1MOverFloor,
        'x',
        `${frame1M.toFixed(1)} / ${floor1M.toFixed(1)} ms (draft has no MSAA: the floor is a bare clear; the grass ground alone takes ${median(groundOnly.flat()).toFixed(1)} ms, ${(median(groundOnly.flat()) / floor1M).toFixed(0)}x)`,
      ),
      ...closeUpTargets(closeUp),
      target(
        `rack preset at ${phase1M} / empty floor`,
        median(rackFrames.flat()) / median(rackFloor.flat()),
        TARGETS.maxRackOverFloor,
        'x',
        `${median(rackFrames.flat()).toFixed(1)} / ${median(rackFloor.flat()).toFixed(1)} ms; ${rackInfo?.drawCalls ?? '?'} calls, ${rackInfo?.triangles ?? '?'} triangles`,
      ),
      target(
        `presentation still 3840x2160, ${STILL_SAMPLES} samples`,
        still4k.ok ? still4k.seconds : null,
        TARGETS.maxStill4kSeconds,
        's',
        still4k.ok ? `${still4k.tiles} tiles, ${(still4k.bytes / MB).toFixed(1)} MB PNG` : 'campus view',
        still4k.ok ? undefined : still4k.reason,
      ),
      still8k.ok
        ? {
            target: `presentation still 7680x4320, ${STILL_SAMPLES} samples`,
            limit: 'works',
            measured: round(still8k.seconds),
            unit: 's',
            margin: null,
            marginPct: null,
            status: 'met',
            where: `${still8k.tiles} tiles, ${(still8k.bytes / MB).toFixed(1)} MB PNG`,
          }
        : {
            target: `presentation still 7680x4320, ${STILL_SAMPLES} samples`,
            limit: 'works',
            measured: null,
            unit: '',
            margin: null,
            marginPct: null,
            status: `not measured: ${still8k.reason}`,
            where: 'campus view',
          },
      target(
        'navigation to first frame',
        firstFrameMedian,
        TARGETS.maxFirstFrameMs,
        'ms',
        `median of ${loads.length} fresh loads; at rest (refined) ${Math.round(median(loads.map((l) => l.firstRestMs)))} ms`,
      ),
      target(`JS heap at ${phase1M} after GC`, heap1MB, TARGETS.maxHeapMB, 'MB', 'V8 used size (CDP)'),
      target(
        'initial JavaScript, gzip',
        bundle.initialJsGzip / KB,
        TARGETS.maxInitialJsGzipKB,
        'KB',
        'JS fetched by the first load',
      ),
    ]

    for (const e of new Set(pageErrors)) errors.push(`page error: ${e}`)
    return {
      meta: {
        chromium: browser.version(),
        backend: launched.backend,
        renderer: launched.renderer,
        viewport: `${VIEWPORT.width}x${VIEWPORT.height} @1x`,
        frameMethod: 'benchmarkFrames',
        framesPerPhase: o.rounds * o.framesPerRound,
        warmupFrames: o.warmup,
        rounds: o.rounds,
        loads: o.loads,
        phase100k,
        phase1M,
        tier: quality,
        cores,
        loadAverage1mBefore: round(loadBefore),
        loadAverage1mAfter: round(loadavg()[0]!),
      },
      tables: [
        {
          key: 'frames',
          title: `Rendering per phase at the campus view (benchmarkFrames; ms are medians over ${o.rounds} rounds of ${o.framesPerRound})`,
          rows: frameRows,
        },
        {
          key: 'firstFrame',
          title: 'Navigation (page.goto) to the first rendered frame, fresh loads (ms)',
          rows: loadRows,
        },
        {
          key: 'heap',
          title: `JS heap after HeapProfiler.collectGarbage, median of ${loads.length} loads (MB = 10^6 B)`,
          rows: heapRows,
        },
        bundle.table,
        { key: 'bundleSummary', title: 'Bundle summary (bytes)', rows: [bundle.summary] },
        {
          key: 'closeUp',
          title:
            'Close-up detail: draw calls and triangles of one frame, with and without the scene object "closeup"',
          rows: closeUp.map((c) => ({ ...c })),
        },
        {
          key: 'high',
          title: 'The high tier, for information (?quality=high, median ms)',
          rows: high.ok
            ? high.rows.map((h) => ({ ...h, frameMs: round(h.frameMs) }))
            : [{ view: '–', phase: '–', frameMs: null, status: `not measured: ${high.reason}` }],
        },
        {
          key: 'targets',
          title: 'Targets of issue 11 and before (margin = limit - measured; positive is headroom)',
          rows: targetRows,
        },
      ],
      errors,
    }
  } finally {
    await launched?.browser.close().catch(() => undefined)
    await server.close().catch(() => undefined)
  }
}
