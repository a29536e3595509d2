/**
 * `npm run bench [-- --json <path>] [--only <id,...>]`: prints a table per section (or several,
 * for sections that return tables); with --json, also writes every section's rows to <path>.
 * Add a section by adding an entry to `sections`. --only runs the named sections only.
 *
 * Exits non-zero only on errors (a section that throws or reports errors), never on missed
 * targets: those are marked in the tables.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { benchBigStill } from './bigStill'
import { type BenchTable, benchBrowser, type Row } from './browser'
import { benchLayout } from './layout'

/** What a section returns: one table's rows, or several tables with some facts about the run. */
type SectionResult =
  | Row[]
  | { meta?: Record<string, string | number | boolean>; tables: BenchTable[]; errors?: string[] }

interface Section {
  /** Key in the JSON output. */
  id: string
  title: string
  run: () => SectionResult | Promise<SectionResult>
}

const log = (s: string): void => console.error(`  ${s}`)

const sections: Section[] = [
  {
    id: 'layout',
    title: 'buildLayout on the default layout (ms)',
    run: () => benchLayout().rows.map((r) => ({ ...r })),
  },
  {
    id: 'browser',
    title: 'The built app in headless Chromium, 1280x720, software GL',
    run: () => benchBrowser({ log }),
  },
  {
    id: 'still',
    title: 'The largest still, 16384x16384, in headless Chromium, software GL',
    run: () => benchBigStill(log),
  },
]

const cell = (v: Row[string] | undefined): string =>
  v === null || v === undefined
    ? '–'
    : typeof v === 'number'
      ? Number.isInteger(v)
        ? v.toLocaleString('en-US')
        : v.toFixed(2)
      : v

function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`)
  const first = rows[0]
  if (!first) return
  const columns = Object.keys(first)
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === 'number'))
  const cells = [columns, ...rows.map((r) => columns.map((c) => cell(r[c])))]
  const widths = columns.map((_, k) => Math.max(...cells.map((line) => line[k]!.length)))
  for (const line of cells) {
    console.log(line.map((v, k) => (numeric[k] ? v.padStart(widths[k]!) : v.padEnd(widths[k]!))).join('  '))
  }
}

async function main(args: string[]): Promise<number> {
  const j = args.indexOf('--json')
  const jsonPath = j >= 0 ? args[j + 1] : undefined
  const o = args.indexOf('--only')
  const only = o >= 0 ? args[o + 1]?.split(',') : undefined
  const unknown = only?.filter((id) => !sections.some((s) => s.id === id)) ?? []
  if ((j >= 0 && !jsonPath) || (o >= 0 && !only) || unknown.length) {
    if (unknown.length)
      console.error(
        `unknown section ${unknown.join(', ')}; sections are ${sections.map((s) => s.id).join(', ')}`,
      )
    console.error('usage: npm run bench -- [--json <path>] [--only <section,...>]')
    return 1
  }
  let code = 0
  const results: Record<string, unknown> = {}
  for (const s of sections) {
    if (only && !only.includes(s.id)) continue
    try {
      const r = await s.run()
      if (Array.isArray(r)) {
        results[s.id] = r
        printTable(s.title, r)
        continue
      }
      console.log(`\n== ${s.title}`)
      for (const [k, v] of Object.entries(r.meta ?? {})) console.log(`${k}: ${v}`)
      const out: Record<string, unknown> = { ...r.meta }
      for (const t of r.tables) {
        out[t.key] = t.rows
        printTable(t.title, t.rows)
      }
      if (r.errors?.length) {
        out.errors = r.errors
        for (const e of r.errors) console.error(`\n${s.id}: ${e}`)
        code = 1
      }
      results[s.id] = out
    } catch (e) {
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e)
      console.error(`\n${s.id} failed: ${message}`)
      results[s.id] = { error: e instanceof Error ? e.message : String(e) }
      code = 1
    }
  }
  if (jsonPath) {
    const path = resolve(jsonPath)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(
      path,
      `${JSON.stringify({ node: process.version, date: new Date().toISOString(), ...results }, null, 2)}\n`,
    )
    console.log(`\nwrote ${path}`)
  }
  return code
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e) => {
    console.error(e)
    process.exitCode = 1
  },
)
