/**
 * `npm run stills -- [--config file.json] [--phases all|id,id] [--mode generation|power|phase|all]
 *   [--camera preset] [--story id] [--size WxH] [--quality presentation|high|draft] [--samples N]
 *   [--transparent] [--no-overlay] [--tile-size N] [--out dir]`
 *
 * Builds the app if it is stale, drives it in headless Chromium through `window.colossus`,
 * writes one PNG per phase and colour mode (or, with `--story`, one per story step with its
 * caption burned in), prints their paths, and exits 1 with one clear
 * message on any failure (bad arguments, a refused config, an unknown phase, no Chromium).
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { decodeLayoutBytes, formatProblems } from '../config/parse'
import { cameraPresets } from '../domain/camera'
import { COLOR_MODES, type ColorMode } from '../domain/color/colorModes'
import { parseSize } from '../domain/exportSize'
import { buildLayout } from '../domain/layout/buildLayout'
import { parseLayoutText } from '../domain/layout/validate'
import { isQualityTier, QUALITY_TIERS, type QualityTier } from '../domain/quality'
import { buildIfStale, launchBrowser, ROOT, readKeptStill, startPreview } from './browser'
import { DEFAULT_LAYOUT_PATH, userPath } from './layout'

/** Parsed command line. */
export interface StillsArgs {
  config: string | null
  phases: string[] | 'all'
  modes: ColorMode[]
  camera: string
  width: number
  height: number
  transparent: boolean
  overlay: boolean
  tileSize: number | null
  out: string
  /** A story of the layout: one still per step instead of per phase and mode. */
  story: string | null
  /** Tier the stills are rendered in. @default presentation */
  quality: QualityTier
  /** Samples per pixel; null for the tier's own default (draft 4, high 1, presentation 16). */
  samples: number | null
}

export const STILLS_USAGE = `usage: npm run stills -- [--config file.json] [--phases all|id,id] [--mode generation|power|phase|all]
       [--camera campus|site:<id>|hall|rack] [--story id] [--size WxH] [--quality presentation|high|draft]
       [--samples N] [--transparent] [--no-overlay] [--tile-size N] [--out dir]`

/** Parses arguments; returns the options or an error message. */
export function parseStillsArgs(argv: readonly string[]): StillsArgs | { error: string } {
  const a: StillsArgs = {
    config: null,
    phases: 'all',
    modes: ['generation'],
    camera: 'campus',
    width: 1920,
    height: 1080,
    transparent: false,
    overlay: true,
    tileSize: null,
    out: join(ROOT, 'stills'),
    story: null,
    quality: 'presentation',
    samples: null,
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    const value = (): string | null => {
      const v = argv[i + 1]
      if (v === undefined || v.startsWith('--')) return null
      i++
      return v
    }
    switch (flag) {
      case '--config': {
        const v = value()
        if (!v) return { error: '--config needs a file path' }
        a.config = userPath(v)
        break
      }
      case '--phases': {
        const v = value()
        if (!v) return { error: '--phases needs "all" or a comma-separated list of phase ids' }
        a.phases =
          v === 'all'
            ? 'all'
            : v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
        break
      }
      case '--mode':
      case '--modes': {
        const v = value()
        if (!v) return { error: `--mode needs one of ${COLOR_MODES.join(', ')} or all` }
        const list = v === 'all' ? [...COLOR_MODES] : v.split(',').map((s) => s.trim())
        const bad = list.filter((m) => !(COLOR_MODES as readonly string[]).includes(m))
        if (bad.length)
          return {
            error: `--mode: unknown mode ${bad.map((b) => `"${b}"`).join(', ')}; modes are ${COLOR_MODES.join(', ')}, all`,
          }
        a.modes = list as ColorMode[]
        break
      }
      case '--camera': {
        const v = value()
        if (!v) return { error: '--camera needs a preset (campus, site:<id>, hall, rack)' }
        a.camera = v
        break
      }
      case '--size': {
        const v = value()
        if (!v) return { error: '--size needs WxH, e.g. 3840x2160' }
        const size = parseSize(v)
        if ('error' in size) return { error: `--size: ${size.error}` }
        a.width = size.width
        a.height = size.height
        break
      }
      case '--tile-size': {
        const v = Number(value())
        if (!Number.isInteger(v) || v < 16)
          return { error: '--tile-size needs a whole number of pixels, at least 16' }
        a.tileSize = v
        break
      }
      case '--out': {
        const v = value()
        if (!v) return { error: '--out needs a directory' }
        a.out = userPath(v)
        break
      }
      case '--story': {
        const v = value()
        if (!v) return { error: '--story needs a story id' }
        a.story = v
        break
      }
      case '--quality': {
        const v = value()
        if (!v || !isQualityTier(v)) return { error: `--quality needs one of ${QUALITY_TIERS.join(', ')}` }
        a.quality = v
        break
      }
      case '--samples': {
        const v = Number(value())
        if (!Number.isInteger(v) || v < 1 || v > 256)
          return { error: '--samples needs a whole number from 1 to 256' }
        a.samples = v
        break
      }
      case '--transparent':
        a.transparent = true
        break
      case '--no-overlay':
        a.overlay = false
        break
      default:
        return { error: `unknown argument "${flag}"` }
    }
  }
  return a
}

/** Exports the page's view as a still and writes it to `path` (default: the still's own name in `--out`). */
async function writeStill(page: Page, args: StillsArgs, path?: string): Promise<string> {
  // Kept in the page and read in pieces: a large still is too big for one base64 string.
  const still = await page.evaluate((o) => window.colossus.exportStill(o), {
    width: args.width,
    height: args.height,
    transparent: args.transparent,
    overlay: args.overlay,
    quality: args.quality,
    ...(args.samples ? { samples: args.samples } : {}),
    chunked: true,
    ...(args.tileSize ? { tileSize: args.tileSize } : {}),
  })
  const to = path ?? join(args.out, still.fileName)
  const fd = openSync(to, 'w')
  try {
    await readKeptStill(page, still, (piece) => writeSync(fd, piece))
  } finally {
    closeSync(fd)
  }
  return to
}

/** Runs the command; returns the exit code. */
export async function runStills(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  if (argv.includes('--help')) {
    out(`${STILLS_USAGE}\n`)
    return 0
  }
  const args = parseStillsArgs(argv)
  if ('error' in args) {
    err(`${args.error}\n${STILLS_USAGE}\n`)
    return 1
  }
  // Check the config and names here, with clear messages, before starting a browser.
  const configPath = args.config ?? DEFAULT_LAYOUT_PATH
  let bytes: Uint8Array
  try {
    bytes = readFileSync(configPath)
  } catch (e) {
    err(`${configPath}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`)
    return 1
  }
  const decoded = decodeLayoutBytes(bytes)
  if (!decoded.ok) {
    err(`${configPath} is not a valid layout:\n${formatProblems(decoded.problems)}\n`)
    return 1
  }
  const text = decoded.text
  const parsed = parseLayoutText(text)
  if (!parsed.ok) {
    err(`${configPath} is not a valid layout:\n${formatProblems(parsed.problems)}\n`)
    return 1
  }
  const layout = buildLayout(parsed.config)
  const ids = layout.phases.map((p) => p.id)
  const phases = args.phases === 'all' ? ids : args.phases
  const unknown = phases.filter((p) => !ids.includes(p))
  if (unknown.length) {
    err(`unknown phase ${unknown.map((u) => `"${u}"`).join(', ')}; phases are ${ids.join(', ')}\n`)
    return 1
  }
  const stories = layout.config.stories ?? []
  if (args.story !== null && !stories.some((x) => x.id === args.story)) {
    err(
      `unknown story "${args.story}"; ${stories.length ? `stories are ${stories.map((x) => x.id).join(', ')}` : 'this layout has no stories'}\n`,
    )
    return 1
  }
  const presets = cameraPresets(layout).map((p) => p.id)
  if (!presets.includes(args.camera)) {
    err(`unknown camera preset "${args.camera}"; presets are ${presets.join(', ')}\n`)
    return 1
  }

  let launched: Awaited<ReturnType<typeof launchBrowser>> | null = null
  let server: Awaited<ReturnType<typeof startPreview>> | null = null
  try {
    if (await buildIfStale()) out('built the app into dist/\n')
    server = await startPreview()
    launched = await launchBrowser((s) => out(`${s}\n`))
    const page = await launched.browser.newPage({ viewport: { width: 1280, height: 720 } })
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(server.url, { timeout: 120_000 })
    await page.waitForFunction(() => 'colossus' in window, null, { timeout: 120_000 })
    await page.evaluate(() => window.colossus.ready)
    if (args.config) {
      const result = await page.evaluate((t) => window.colossus.loadLayout(t, 'the command line'), text)
      if (!result.ok) {
        err(`${configPath} was refused by the app:\n${formatProblems(result.problems)}\n`)
        return 1
      }
    }
    mkdirSync(args.out, { recursive: true })
    if (args.story !== null) {
      const steps = stories.find((x) => x.id === args.story)!.steps.length
      for (let k = 0; k < steps; k++) {
        await page.evaluate(([id, step]) => window.colossus.setStory(id, step), [args.story, k] as const)
        const path = join(args.out, `${args.story}-step-${String(k + 1).padStart(2, '0')}.png`)
        await writeStill(page, args, path)
        out(`${path}\n`)
      }
    }
    for (const phase of args.story !== null ? [] : phases) {
      for (const mode of args.modes) {
        await page.evaluate(
          async ({ phase, mode, camera }) => {
            await window.colossus.setPhase(phase)
            await window.colossus.setColorMode(mode)
            await window.colossus.setCamera(camera)
          },
          { phase, mode, camera: args.camera },
        )
        out(`${await writeStill(page, args)}\n`)
      }
    }
    if (pageErrors.length) {
      err(`the page reported errors:\n${pageErrors.join('\n')}\n`)
      return 1
    }
    return 0
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  } finally {
    await launched?.browser.close().catch(() => undefined)
    await server?.close().catch(() => undefined)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runStills(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
