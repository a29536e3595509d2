/**
 * Turns untrusted input (text or parsed JSON) into a LayoutConfig the engine can trust, or a
 * list of problems, each naming the JSON path of the fault. Never throws for bad input.
 * The schema half lives in `config/parse.ts`; the cross-field half (references, geometry,
 * capacity, dates, size limits) is here, next to the engine whose placement and fill rule it
 * checks.
 */
import {
  checkSchema,
  checkStoriesSchema,
  oneLine,
  type Problem,
  parseJsonText,
  type ValidationResult,
} from '../../config/parse'
import type { LayoutConfig, StoryConfig } from '../../config/schema'
import { createCheckContext } from './checks/context'
import { checkHallTypes, checkSites } from './checks/geometry'
import { checkPhases, checkPlant, checkTotals } from './checks/phases'
import { checkCitations, checkIds } from './checks/references'
import { checkScenario } from './checks/scenario'
import { checkStories, checkStoryList } from './checks/stories'

/** Cross-field checks that a schema cannot express, in the order their problems are listed. */
export function checkConsistency(config: LayoutConfig): Problem[] {
  const ctx = createCheckContext(config)
  checkIds(ctx)
  checkCitations(ctx)
  checkHallTypes(ctx)
  checkSites(ctx)
  const totals = checkPhases(ctx)
  checkPlant(ctx)
  checkTotals(ctx, totals)
  checkStories(ctx)
  checkScenario(ctx)
  return ctx.problems
}

function validateUnsafe(data: unknown): ValidationResult {
  const schema = checkSchema(data)
  if (schema.ok) {
    const problems = checkConsistency(schema.config)
    return problems.length > 0 ? { ok: false, problems } : schema
  }
  // List the cross-field problems too, so one round of fixes covers them all. The data did
  // not pass the schema, so these checks may trip over it: then only the schema's are listed.
  const problems = [...schema.problems]
  try {
    const seen = new Set(problems.map((p) => p.path))
    for (const p of checkConsistency(data as LayoutConfig)) if (!seen.has(p.path)) problems.push(p)
  } catch {
    // Shapes too broken for the cross-field checks: the schema problems say what to fix first.
  }
  return { ok: false, problems }
}

/** Validates parsed JSON: the schema first, then references, geometry, capacity, dates and limits. */
export function validateLayout(data: unknown): ValidationResult {
  const result = validateUnsafe(data)
  if (result.ok) return result
  // Messages quote keys and values from the input: keep each problem on one line.
  return {
    ok: false,
    problems: result.problems.map((p) => ({ path: oneLine(p.path), message: oneLine(p.message) })),
  }
}

/** Parses JSON text and validates it. */
export function parseLayoutText(text: string): ValidationResult {
  const json = parseJsonText(text)
  return json.ok ? validateLayout(json.data) : json
}

/**
 * A stories file (`{ "stories": [...] }`) checked against the layout `config` it will join:
 * its stories, or every problem with its path. Never throws for bad input.
 */
export function parseStoriesText(
  text: string,
  config: LayoutConfig,
): { ok: true; stories: StoryConfig[] } | { ok: false; problems: Problem[] } {
  const json = parseJsonText(text)
  if (!json.ok) return json
  const schema = checkStoriesSchema(json.data)
  if (!schema.ok) return schema
  const ctx = createCheckContext(config)
  checkIds(ctx)
  ctx.problems.length = 0
  checkStoryList(ctx, schema.stories, 'stories')
  return ctx.problems.length > 0 ? { ok: false, problems: ctx.problems } : schema
}
