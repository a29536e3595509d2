/**
 * The browser session every e2e file uses: Chromium with the app open in a 1280×720 page, the
 * automation calls on a page (`colossus(page)`), further pages for links, and the checks every
 * file ends with (no page errors, nothing fetched from another host).
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import { launchBrowser, openApp, type PageRecord } from './browser'

/** The viewport of every e2e page (CSS px, device pixel ratio 1). */
export const VIEWPORT = { width: 1280, height: 720 } as const

/** A browser with the app open in one page. */
export interface Session {
  browser: Browser
  page: Page
  /** What the page did wrong or reached out to, from before navigation. */
  record: PageRecord
}

/** Launches Chromium and opens the app (at `query`, e.g. `?phase=doubled`) in a new page. */
export async function openSession(
  options: Pick<BrowserContextOptions, 'acceptDownloads'> = {},
): Promise<Session> {
  const { browser } = await launchBrowser()
  const page = await browser.newPage({ viewport: VIEWPORT, ...options })
  const record = await openApp(page, inject('previewUrl'))
  return { browser, page, record }
}

/**
 * Opens the app at `query` in a page of its own, runs `fn` on it and closes it. `beforeOpen`
 * runs before navigation (init scripts, dialog handlers).
 */
export async function withPage(
  browser: Browser,
  query: string,
  fn: (page: Page, record: PageRecord) => Promise<void>,
  beforeOpen?: (page: Page) => Promise<void>,
): Promise<void> {
  const page = await browser.newPage({ viewport: VIEWPORT })
  try {
    await beforeOpen?.(page)
    const record = await openApp(page, inject('previewUrl'), query)
    await fn(page, record)
  } finally {
    await page.close()
  }
}

/** Requests to other hosts: anything off the app's origin but data: and blob: URLs (which stay in the page). */
export const otherHosts = (record: PageRecord): string[] =>
  record.otherRequests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'))

/** Expects that the page fetched nothing from another host, no request failed, and nothing went wrong on it. */
export function expectCleanPage(record: PageRecord): void {
  expect(otherHosts(record), 'requests to other hosts').toEqual([])
  expect(record.failedRequests, 'failed requests').toEqual([])
  expect(record.pageErrors, 'page errors').toEqual([])
  expect(record.consoleErrors, 'console errors').toEqual([])
}

type Api = Window['colossus']

/** The automation API (`window.colossus`) of a page, called from node. */
export function colossus(page: Page) {
  return {
    state: () => page.evaluate(() => window.colossus.state()),
    stats: () => page.evaluate(() => window.colossus.stats()),
    renderInfo: () => page.evaluate(() => window.colossus.renderInfo()),
    reveal: () => page.evaluate(() => window.colossus.reveal()),
    /** Resolves after the page has rendered a fresh frame of the current layout. */
    ready: () => page.evaluate(() => window.colossus.ready),
    setPhase: (id: string | number) => page.evaluate((p) => window.colossus.setPhase(p), id),
    setMode: (m: Parameters<Api['setColorMode']>[0]) =>
      page.evaluate((x) => window.colossus.setColorMode(x), m),
    setCamera: (c: Parameters<Api['setCamera']>[0]) => page.evaluate((x) => window.colossus.setCamera(x), c),
    /**
     * Renders `n` more frames without changing anything (each `ready` asks for a frame and waits
     * for it) and returns how many frames the renderer counted meanwhile: the way to say "and
     * nothing moves" by frames instead of by waiting.
     */
    renderFrames: (n: number) =>
      page.evaluate(async (count) => {
        const before = window.colossus.renderInfo().frames
        for (let k = 0; k < count; k++) await window.colossus.ready
        return window.colossus.renderInfo().frames - before
      }, n),
    /** The GPU counter as shown on the page. */
    counterGpus: async () => Number(((await page.textContent('[data-testid=gpus]')) ?? '').replace(/,/g, '')),
    /** Names in the legend, in order. */
    legendItems: () =>
      page.$$eval('[data-legend-item]', (els) => els.map((e) => e.getAttribute('data-legend-item'))),
  }
}

/** Moves focus to the page body, so keys go to the app's window handler as a user's would. */
export async function focusBody(page: Page): Promise<void> {
  await page.evaluate(() => {
    ;(document.activeElement as HTMLElement | null)?.blur()
  })
}

/** Moves the pointer onto the left panel, off the canvas (no rack hovered). */
export const pointerOffCanvas = (page: Page) => page.mouse.move(5, VIEWPORT.height / 2)
