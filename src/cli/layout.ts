/**
 * `npm run layout -- [config.json] [--json]`: prints per-phase stats of a layout.
 * Exit 1 with one line per problem (`<json path>: <what is wrong>`) when the config is refused.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decodeLayoutBytes, formatProblems } from '../config/parse'
import { H100_EQUIVALENTS_FORMULA } from '../domain/generations'
import { buildLayout, type Layout } from '../domain/layout/buildLayout'
import { parseLayoutText } from '../domain/layout/validate'
import { phaseSummaries } from '../domain/stats/summary'

/** The default layout, relative to this file. */
/**
 * A path the user typed, as they meant it: npm runs scripts from the project root and says in
 * INIT_CWD which folder the user ran it from.
 */
export const userPath = (p: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), p)

export const DEFAULT_LAYOUT_PATH = fileURLToPath(
  new URL('../../assets/layouts/colossus.json', import.meta.url),
)

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

// ---- Draw under the workload scenario (the power model) ----

/** The scenario the JSON's `drawMw` figures are under: `{scenario: {name, illustrative}}`, or none. */
function scenarioJson(layout: Layout): { scenario?: { name: string; illustrative: boolean } } {
  const sc = layout.power.scenario
  return sc ? { scenario: { name: sc.name, illustrative: sc.illustrative } } : {}
}

/** Runs the command; returns the exit code. Output goes through the given writers (for tests). */
export function runLayoutCli(
  args: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): number {
  const flags = args.filter((a) => a.startsWith('--'))
  const paths = args.filter((a) => !a.startsWith('--'))
  const unknown = flags.filter((f) => f !== '--json' && f !== '--help')
  if (unknown.length > 0 || paths.length > 1) {
    err(
      `usage: npm run layout -- [config.json] [--json]${unknown.length ? ` (unknown option ${unknown.join(', ')})` : ''}\n`,
    )
    return 1
  }
  if (flags.includes('--help')) {
    out(
      "usage: npm run layout -- [config.json] [--json]\nPrints per-phase totals of a layout (default: Colossus).\nFor JSON to pipe into another program: npm run -s layout -- --json (-s keeps npm's banner off stdout).\n",
    )
    return 0
  }
  const path = paths[0] ? userPath(paths[0]) : DEFAULT_LAYOUT_PATH
  let bytes: Uint8Array
  try {
    bytes = readFileSync(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    err(`${path}: cannot read the file (${code === 'ENOENT' ? 'no such file' : (code ?? String(e))})\n`)
    return 1
  }
  const decoded = decodeLayoutBytes(bytes)
  if (!decoded.ok) {
    err(`${formatProblems(decoded.problems)}\n`)
    return 1
  }
  const text = decoded.text
  const result = parseLayoutText(text)
  if (!result.ok) {
    err(`${formatProblems(result.problems)}\n`)
    return 1
  }
  const layout = buildLayout(result.config)
  const phases = phaseSummaries(layout)
  if (flags.includes('--json')) {
    out(`${JSON.stringify({ ...scenarioJson(layout), phases }, null, 2)}\n`)
    return 0
  }
  const rows = [
    [
      'phase',
      'date',
      'status',
      'GPUs',
      'racks',
      'IT MW',
      'facility MW',
      'BF16 EF',
      'H100 equiv.',
      'by generation',
    ],
    ...phases.map((p) => [
      p.name,
      p.date,
      p.status ?? '-',
      fmt(p.gpus),
      fmt(p.racks),
      fmt(p.itPowerMw, 1),
      fmt(p.facilityPowerMw, 1),
      fmt(p.bf16Exaflops, 1),
      fmt(p.h100Equivalents),
      Object.entries(p.gpusByGeneration)
        .map(([g, n]) => `${g} ${fmt(n)}`)
        .join(', '),
    ]),
  ]
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  const numeric = new Set([3, 4, 5, 6, 7, 8])
  for (const r of rows) {
    out(
      `${r
        .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd()}\n`,
    )
  }
  out('IT and facility MW are estimates: nameplate rack power × IT overhead × PUE.\n')
  out(`H100 equivalents: ${H100_EQUIVALENTS_FORMULA}. Status: achieved, claimed (unconfirmed) or planned.\n`)
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runLayoutCli(process.argv.slice(2))
}
