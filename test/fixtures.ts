/** Shared test fixtures: the default layout, validated. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runLayoutCli } from '../src/cli/layout'
import { formatProblems } from '../src/config/parse'
import type { LayoutConfig } from '../src/config/schema'
import { validateLayout } from '../src/domain/layout/validate'

/** Path of the default layout. */
export const DEFAULT_LAYOUT_PATH = fileURLToPath(new URL('../assets/layouts/colossus.json', import.meta.url))

/** Validates `data` (a copy of it) and returns the config, or throws listing the problems. */
export function accepted(data: unknown): LayoutConfig {
  const result = validateLayout(structuredClone(data))
  if (!result.ok) throw new Error(`config refused:\n${formatProblems(result.problems)}`)
  return result.config
}

/** The parsed default layout JSON (a fresh copy each call). */
export const defaultLayoutJson = (): unknown => JSON.parse(readFileSync(DEFAULT_LAYOUT_PATH, 'utf8'))

/** The default layout, validated (a fresh copy each call). */
export const defaultConfig = (): LayoutConfig => accepted(defaultLayoutJson())

/** Runs `npm run layout` in-process, collecting what it writes. */
export function runLayout(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = ''
  let stderr = ''
  const code = runLayoutCli(
    args,
    (s) => {
      stdout += s
    },
    (s) => {
      stderr += s
    },
  )
  return { code, stdout, stderr }
}

/** What `npm run layout -- [file] --json` prints per phase: the figures the page must agree with. */
export function cliPhases<T = Record<string, unknown> & { id: string; gpus: number }>(file?: string): T[] {
  const r = runLayout(file ? [file, '--json'] : ['--json'])
  if (r.code !== 0) throw new Error(`layout CLI failed${file ? ` on ${file}` : ''} (${r.code}): ${r.stderr}`)
  return (JSON.parse(r.stdout) as { phases: T[] }).phases
}
