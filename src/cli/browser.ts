/**
 * Node side of driving the app in a browser, shared by the stills command, the benchmark and
 * the browser tests: find Debian's Chromium (never download one), launch it with a working
 * software GL backend, build the app when it is stale, and serve it with Vite's preview().
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { build, type PreviewServer, preview } from 'vite'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Flags every launch uses: no sandbox (containers), nothing phoning home. */
const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** GL backends tried in order: Mesa llvmpipe through ANGLE/EGL (3-8x faster), then SwiftShader. */
const BACKENDS: { name: string; flags: string[]; env: Record<string, string> }[] = [
  {
    name: 'Mesa llvmpipe (ANGLE gl-egl, surfaceless)',
    flags: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'],
    env: { EGL_PLATFORM: 'surfaceless' },
  },
  { name: 'SwiftShader', flags: ['--enable-unsafe-swiftshader'], env: {} },
]

/** How to get Chromium, for error messages. */
export const CHROMIUM_HELP =
  'Install it with `apt-get install -y chromium libgl1-mesa-dri libegl-mesa0` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.'

/** The Chromium binary: $CHROMIUM_PATH, else /usr/bin/chromium(-browser); a clear error otherwise. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${CHROMIUM_HELP}`)
    return fromEnv
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p
  throw new Error(`No Chromium found. ${CHROMIUM_HELP}`)
}

/** A launched browser and the GL backend that gave it WebGL2. */
export interface LaunchedBrowser {
  browser: Browser
  backend: string
  /** UNMASKED_RENDERER_WEBGL of a WebGL2 context, e.g. "ANGLE (Mesa, llvmpipe ...)". */
  renderer: string
}

async function probeWebGl2(browser: Browser): Promise<string | null> {
  const page = await browser.newPage()
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2')
      if (!gl) return null
      const ext = gl.getExtension('WEBGL_debug_renderer_info')
      return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
    })
  } finally {
    await page.close()
  }
}

/** Launches Chromium with the first GL backend that gives WebGL2; throws when none does. */
export async function launchBrowser(log: (s: string) => void = () => {}): Promise<LaunchedBrowser> {
  const executablePath = chromiumPath()
  const failures: string[] = []
  for (const backend of BACKENDS) {
    let browser: Browser | null = null
    try {
      browser = await chromium.launch({
        executablePath,
        args: [...BASE_FLAGS, ...backend.flags],
        env: { ...process.env, ...backend.env } as Record<string, string>,
        timeout: 60_000,
      })
      const renderer = await probeWebGl2(browser)
      if (renderer) {
        log(`Chromium ${browser.version()}, GL backend: ${backend.name}; renderer: ${renderer}`)
        return { browser, backend: backend.name, renderer }
      }
      failures.push(`${backend.name}: no WebGL2 context`)
    } catch (e) {
      failures.push(`${backend.name}: ${(e as Error).message.split('\n')[0]}`)
    }
    await browser?.close()
  }
  throw new Error(`No GL backend gives WebGL2 in ${executablePath}:\n  ${failures.join('\n  ')}`)
}

function newestMtime(path: string): number {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

/** True when dist/ is missing or older than src/, assets/, index.html or vite.config.ts. */
export function distIsStale(outDir = join(ROOT, 'dist')): boolean {
  const index = join(outDir, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return ['src', 'assets', 'index.html', 'vite.config.ts'].some((p) => newestMtime(join(ROOT, p)) > built)
}

/** Builds the app into dist/ when it is stale (or always with `force`). Returns whether it built. */
export async function buildIfStale(force = false): Promise<boolean> {
  if (!force && !distIsStale()) return false
  // Under vitest NODE_ENV is "test", which would give a development build of React.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root: ROOT,
      mode: 'production',
      logLevel: 'warn',
      configFile: join(ROOT, 'vite.config.ts'),
    })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  return true
}

/** Serves dist/ on a free loopback port. */
export async function startPreview(): Promise<{
  server: PreviewServer
  url: string
  close: () => Promise<void>
}> {
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
  })
  const address = server.httpServer.address() as AddressInfo
  const url = `http://127.0.0.1:${address.port}/`
  return {
    server,
    url,
    close: () => server.close(),
  }
}

/**
 * Bytes per `readExport` call when reading a kept still: a quarter of what the page allows, as
 * each piece is held in the page several times over (bytes, binary string, base64, message).
 */
const KEPT_PIECE_BYTES = 8 * 1024 * 1024

/**
 * Reads a still kept in the page by `exportStill({ chunked: true })`, a piece at a time, handing
 * each piece to `onPiece` in order, then frees it in the page (also when reading fails).
 */
export async function readKeptStill(
  page: Page,
  kept: { handle: string | null; bytes: number },
  onPiece: (piece: Buffer) => void,
): Promise<void> {
  const handle = kept.handle
  if (!handle) throw new Error('exportStill returned no handle: pass chunked: true')
  try {
    for (let offset = 0; offset < kept.bytes; offset += KEPT_PIECE_BYTES) {
      const b64 = await page.evaluate((r) => window.colossus.readExport(r.handle, r.offset, r.length), {
        handle,
        offset,
        length: KEPT_PIECE_BYTES,
      })
      onPiece(Buffer.from(b64, 'base64'))
    }
  } finally {
    await page.evaluate((h) => window.colossus.releaseExport(h), handle)
  }
}
