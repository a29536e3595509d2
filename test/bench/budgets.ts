/**
 * The extra measurements behind issue 11's budgets, taken on the same page as the frame timing
 * (test/bench/browser.ts) or on pages of their own:
 *
 * - the rack close-up preset's frame time against the empty floor;
 * - what the close-up detail (the scene's `closeup` group) costs at the campus and rack presets,
 *   counted from the WebGL calls of one frame with and without it (DRAW_COUNTER, an init script);
 * - presentation stills at 3840×2160 with 16 samples (timed) and 7680×4320 (works or not);
 * - the `high` tier's frame times at the same views (for information).
 *
 * Nothing is faked: when the page cannot do what a budget needs (an option refused, a tier not
 * applied, no close-up in the build), the budget is reported as not measured, with the reason.
 */
import type { Browser, Page } from 'playwright-core'

/**
 * Init script: counts draw calls and triangles of every WebGL draw (instanced draws count
 * instances × triangles) in `window.__benchDraws`. A string, for the same reason as
 * FIRST_FRAME_PROBE in browser.ts.
 */
export const DRAW_COUNTER = `(() => {
  const counts = { calls: 0, triangles: 0 }
  window.__benchDraws = counts
  const TRIANGLES = 4, STRIP = 5, FAN = 6
  const tris = (mode, n) => (mode === TRIANGLES ? Math.floor(n / 3) : mode === STRIP || mode === FAN ? Math.max(0, n - 2) : 0)
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
    for (const [name, countArg, instArg] of [
      ['drawArrays', 2, -1],
      ['drawElements', 1, -1],
      ['drawArraysInstanced', 2, 3],
      ['drawElementsInstanced', 1, 4],
    ]) {
      const orig = proto[name]
      if (!orig) continue
      proto[name] = function (...args) {
        counts.calls++
        counts.triangles += tris(args[0], args[countArg]) * (instArg >= 0 ? args[instArg] : 1)
        return orig.apply(this, args)
      }
    }
  }
})()`

/** Draw calls and triangles of one frame rendered by benchmarkFrames, hiding the objects named (measured as two frames' minus one's: each call also waits for a frame of the page's own). */
export async function countOneFrame(
  page: Page,
  hide: string[] = [],
): Promise<{ calls: number; triangles: number }> {
  return page.evaluate(async (hide) => {
    const w = window as unknown as { __benchDraws?: { calls: number; triangles: number } }
    if (!w.__benchDraws) throw new Error('the draw counter init script is not installed')
    const c = w.__benchDraws
    // Each call first waits for a frame of the page's own: two frames' draws minus one frame's.
    // (No named function in here: tsx would wrap it in a helper the page lacks.)
    const start = { ...c }
    await window.colossus.benchmarkFrames(1, { hide })
    const one = { calls: c.calls - start.calls, triangles: c.triangles - start.triangles }
    const mid = { ...c }
    await window.colossus.benchmarkFrames(2, { hide })
    const two = { calls: c.calls - mid.calls, triangles: c.triangles - mid.triangles }
    return { calls: two.calls - one.calls, triangles: two.triangles - one.triangles }
  }, hide)
}

/** What the close-up detail adds at a preset: draws with it minus draws with it hidden. */
export interface CloseUpCost {
  preset: string
  calls: number
  triangles: number
  callsWithout: number
  trianglesWithout: number
}

/** Counts the close-up's draws at each preset (the scene's object named `closeup`). */
export async function closeUpCost(page: Page, presets: string[]): Promise<CloseUpCost[]> {
  const out: CloseUpCost[] = []
  for (const preset of presets) {
    await page.evaluate((p) => window.colossus.setCamera(p), preset)
    const all = await countOneFrame(page)
    const without = await countOneFrame(page, ['closeup'])
    out.push({
      preset,
      calls: all.calls,
      triangles: all.triangles,
      callsWithout: without.calls,
      trianglesWithout: without.triangles,
    })
  }
  return out
}

/** A still's outcome: seconds and size, or why it was not measured. */
export type StillResult =
  | { ok: true; seconds: number; width: number; height: number; tiles: number; bytes: number }
  | { ok: false; reason: string }

/**
 * Exports a presentation still through `colossus.exportStill({ width, height, quality, samples })`.
 * The page must show it honoured the options: the result has to report the quality or the
 * samples it rendered with (an exporter that ignores unknown options would otherwise time a
 * draft still under a presentation label).
 */
export async function presentationStill(
  page: Page,
  width: number,
  height: number,
  samples: number,
): Promise<StillResult> {
  const r = await page.evaluate(
    async ({ width, height, samples }) => {
      const t0 = performance.now()
      try {
        const exportStill = window.colossus.exportStill as unknown as (
          o: Record<string, unknown>,
        ) => Promise<
          Record<string, unknown> & { base64: string; width: number; height: number; tiles: number }
        >
        const res = await exportStill({ width, height, quality: 'presentation', samples })
        const { base64, ...rest } = res
        return {
          ok: true as const,
          ms: performance.now() - t0,
          bytes: Math.floor((base64.length * 3) / 4),
          rest,
        }
      } catch (e) {
        return { ok: false as const, reason: e instanceof Error ? e.message : String(e) }
      }
    },
    { width, height, samples },
  )
  if (!r.ok) return { ok: false, reason: r.reason }
  const reported = r.rest as Record<string, unknown>
  const honoured =
    reported.quality === 'presentation' ||
    (typeof reported.samples === 'number' && reported.samples >= samples)
  if (!honoured)
    return {
      ok: false,
      reason: `exportStill returned without reporting quality 'presentation' or ${samples} samples (it returned ${Object.keys(reported).join(', ')}): the options may have been ignored`,
    }
  if (reported.width !== width || reported.height !== height)
    return { ok: false, reason: `exportStill returned ${String(reported.width)}x${String(reported.height)}` }
  return {
    ok: true,
    seconds: r.ms / 1000,
    width,
    height,
    tiles: Number(reported.tiles ?? 0),
    bytes: r.bytes,
  }
}

/** Frame times of the `high` tier at some views, or why they were not measured. */
export type HighTierResult =
  | { ok: true; rows: { view: string; phase: string; frameMs: number }[] }
  | { ok: false; reason: string }

/**
 * Opens `url?quality=high` in a page of its own and times `frames` frames at each (phase, view),
 * after checking that the page applied the tier (`state().quality`).
 */
export async function highTierFrames(
  browser: Browser,
  url: string,
  views: { phase: string; view: string }[],
  frames: number,
  median: (v: number[]) => number,
  viewport: { width: number; height: number },
): Promise<HighTierResult> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 })
  try {
    const page = await context.newPage()
    await page.goto(`${url}?quality=high`, { timeout: 120_000 })
    await page.waitForFunction(() => 'colossus' in window, null, { timeout: 120_000 })
    await page.evaluate(() => window.colossus.ready)
    const quality = await page.evaluate(
      () => (window.colossus.state() as unknown as { quality?: unknown }).quality,
    )
    if (quality !== 'high')
      return {
        ok: false,
        reason: `?quality=high not applied: state().quality is ${quality === undefined ? 'absent' : JSON.stringify(quality)}`,
      }
    const rows: { view: string; phase: string; frameMs: number }[] = []
    for (const { phase, view } of views) {
      const times = await page.evaluate(
        async ({ phase, view, frames }) => {
          await window.colossus.setPhase(phase)
          await window.colossus.setCamera(view)
          await window.colossus.benchmarkFrames(3)
          return window.colossus.benchmarkFrames(frames)
        },
        { phase, view, frames },
      )
      rows.push({ view, phase, frameMs: median(times) })
    }
    return { ok: true, rows }
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) }
  } finally {
    await context.close()
  }
}
