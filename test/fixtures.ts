/**
 * Shared test fixtures: the shipped layouts (the default one validated and built), cut-down
 * copies of the default layout, and the layout CLI run in-process. Tests, browser tests and the
 * bench take the layouts from here, so the validator's import path is written once.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runLayoutCli } from '../src/cli/layout'
import { formatProblems } from '../src/config/parse'
import type { LayoutConfig } from '../src/config/schema'
import { buildLayout, type Layout } from '../src/domain/layout/buildLayout'
import { parseLayoutText, validateLayout } from '../src/domain/layout/validate'

/** Folder of the shipped layouts (assets/layouts/). */
const LAYOUTS_DIR = fileURLToPath(new URL('../assets/layouts/', import.meta.url))

/** Path of the default layout. */
export const DEFAULT_LAYOUT_PATH = `${LAYOUTS_DIR}colossus.json`

/** Path of a shipped layout, e.g. `layoutPath('example-small-cluster.json')`. */
export const layoutPath = (file: string): string => `${LAYOUTS_DIR}${file}`

/** The example layouts the Layout menu offers, by file name. */
export const EXAMPLE_LAYOUT_FILES = [
  'example-small-cluster.json',
  'example-one-site-1m.json',
  'example-vera-rubin.json',
] as const

/** The text of a layout file. */
export const layoutText = (path: string = DEFAULT_LAYOUT_PATH): string => readFileSync(path, 'utf8')

/** Validates `data` (a copy of it) and returns the config, or throws listing the problems. */
export function accepted(data: unknown): LayoutConfig {
  const result = validateLayout(structuredClone(data))
  if (!result.ok) throw new Error(`config refused:\n${formatProblems(result.problems)}`)
  return result.config
}

/** The problems the app lists for a layout file's text, one `<path>: <message>` line each ([] if accepted). */
export function layoutProblems(text: string): string[] {
  const result = parseLayoutText(text)
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)
}

/** The parsed default layout JSON (a fresh copy each call). */
export const defaultLayoutJson = (): unknown => JSON.parse(layoutText())

/** The default layout, validated (a fresh copy each call). */
export const defaultConfig = (): LayoutConfig => accepted(defaultLayoutJson())

/** The default layout, validated and built (a fresh one each call). */
export const defaultLayout = (): Layout => buildLayout(defaultConfig())

/** `config` cut down to phases [0..p], the plant those phases bring and the story steps they show, validated. */
export function phasesUpTo(config: LayoutConfig, p: number): LayoutConfig {
  const c = structuredClone(config)
  c.phases = c.phases.slice(0, p + 1)
  const kept = new Set(c.phases.map((ph) => ph.id))
  for (const site of c.sites)
    if (site.infrastructure) site.infrastructure = site.infrastructure.filter((i) => kept.has(i.phase))
  if (c.stories)
    c.stories = c.stories
      .map((s) => ({ ...s, steps: s.steps.filter((step) => kept.has(step.phase)) }))
      .filter((s) => s.steps.length > 0)
  if (c.scenario)
    c.scenario.assign = (c.scenario.assign ?? []).filter(
      (a) => !a.phases || a.phases.every((id) => kept.has(id)),
    )
  return accepted(c)
}

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
