/**
 * Screenshots to look at: `npm run shots -- [--views campus,site:C1,hall,rack] [--sizes 1280x720,390x844]
 * [--query "phase=doubled&quality=high"] [--out dir] [--wait-frames N]`. Builds the app when stale,
 * serves it on loopback, opens each size once and saves `<out>/<size>-<view>.png` for every view
 * (default out: test/output/shots). Prints one path per file. For people, not for assertions.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildIfStale, launchBrowser, ROOT, startPreview } from '../../src/cli/browser'

interface Options {
  views: string[]
  sizes: [number, number][]
  query: string
  out: string
  waitFrames: number
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    views: ['campus', 'site:C1', 'hall', 'rack'],
    sizes: [[1280, 720]],
    query: '',
    out: join(ROOT, 'test/output/shots'),
    waitFrames: 2,
  }
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1] ?? ''
    if (argv[i] === '--views') o.views = v.split(',')
    else if (argv[i] === '--sizes')
      o.sizes = v.split(',').map((s) => s.split('x').map(Number) as [number, number])
    else if (argv[i] === '--query') o.query = v
    else if (argv[i] === '--out') o.out = resolve(process.env.INIT_CWD ?? process.cwd(), v)
    else if (argv[i] === '--wait-frames') o.waitFrames = Number(v)
    else throw new Error(`unknown option ${argv[i]}`)
    i++
  }
  return o
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2))
  mkdirSync(o.out, { recursive: true })
  await buildIfStale()
  const preview = await startPreview()
  const { browser } = await launchBrowser()
  try {
    for (const [width, height] of o.sizes) {
      const touch = width < 800
      const page = await browser.newPage({ viewport: { width, height }, hasTouch: touch, isMobile: touch })
      await page.goto(`${preview.url}?${o.query}`, { waitUntil: 'load', timeout: 120_000 })
      await page.waitForFunction(() => 'colossus' in window, null, { timeout: 120_000 })
      await page.evaluate(() => window.colossus.ready)
      for (const view of o.views) {
        await page.evaluate((v) => window.colossus.setCamera(v), view)
        await page.evaluate((n) => window.colossus.benchmarkFrames(n), o.waitFrames)
        const file = join(o.out, `${width}x${height}-${view.replace(/[^a-z0-9]+/gi, '_')}.png`)
        await page.screenshot({ path: file, timeout: 300_000 })
        console.log(file)
      }
      await page.close()
    }
  } finally {
    await browser.close()
    await preview.close()
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exit(1)
})
