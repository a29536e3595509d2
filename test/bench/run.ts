/**
 * `npm run bench [-- --json <path>]`: prints a table per section; with --json, also writes every
 * section's rows to <path>. Add a section by adding an entry to `sections`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { benchLayout } from './layout'

type Row = Record<string, string | number>

interface Section {
  /** Key in the JSON output. */
  id: string
  title: string
  run: () => Row[]
}

const sections: Section[] = [
  {
    id: 'layout',
    title: 'buildLayout on the default layout (ms)',
    run: () => benchLayout().rows.map((r) => ({ ...r })),
  },
]

const cell = (v: string | number): string =>
  typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2)) : v

function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`)
  const first = rows[0]
  if (!first) return
  const columns = Object.keys(first)
  const cells = [columns, ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')))]
  const widths = columns.map((_, k) => Math.max(...cells.map((line) => line[k]!.length)))
  for (const line of cells) {
    console.log(
      line
        .map((v, k) =>
          typeof first[columns[k]!] === 'number' ? v.padStart(widths[k]!) : v.padEnd(widths[k]!),
        )
        .join('  '),
    )
  }
}

function main(args: string[]): number {
  const j = args.indexOf('--json')
  const jsonPath = j >= 0 ? args[j + 1] : undefined
  if (j >= 0 && !jsonPath) {
    console.error('usage: npm run bench -- [--json <path>]')
    return 1
  }
  const results: Record<string, Row[]> = {}
  for (const s of sections) {
    const rows = s.run()
    results[s.id] = rows
    printTable(s.title, rows)
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
  return 0
}

process.exitCode = main(process.argv.slice(2))
