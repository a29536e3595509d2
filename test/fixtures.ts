/** Shared test fixtures: the default layout, validated. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { LayoutConfig } from '../src/config/schema'
import { formatProblems, validateLayout } from '../src/config/validate'

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
