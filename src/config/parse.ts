/**
 * The first half of validation: untrusted text or parsed JSON checked against the schema, with
 * every fault reported at its JSON path. Never throws for bad input. The checks that need more
 * than one field (references, geometry, capacity, totals) are the domain's:
 * `domain/layout/validate.ts` runs both halves.
 */
import type { z } from 'zod'
import { type LayoutConfig, layoutConfigSchema } from './schema'

/** One thing wrong with a config, at a JSON path such as `phases[2].adds[0].halls[1]`. */
export interface Problem {
  path: string
  message: string
}

/** The outcome of a check: a config that passed it, or every problem found. */
export type ValidationResult = { ok: true; config: LayoutConfig } | { ok: false; problems: Problem[] }

/**
 * Size limits. A layout past them is refused: the page holds one rack table and one instance
 * buffer per rack kind, and past these sizes the browser's memory and the first frame time
 * grow beyond what a laptop handles (see README "Limits").
 */
export const LIMITS = {
  /** Racks in the final phase. */
  maxRacks: 100_000,
  /** GPUs in the final phase. */
  maxGpus: 5_000_000,
  /** Rack slots over all halls (empty slots cost memory too). */
  maxSlots: 400_000,
  /** Halls over all buildings. */
  maxHalls: 2_000,
  /** Config text size, bytes. */
  maxBytes: 5_000_000,
} as const

/** Formats a path of keys and indices as `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(root)' : out
}

/**
 * Keeps a message on one line: control characters and line/paragraph separators that came
 * from the config (keys, values) are shown escaped, as in JSON.
 */
export const oneLine = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

/** Formats problems one per line as `<path>: <message>`. */
export const formatProblems = (problems: readonly Problem[]): string =>
  problems.map((p) => `${p.path}: ${p.message}`).join('\n')

function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    let message = issue.message
    if (issue.code === 'invalid_type') {
      const received = (issue as { input?: unknown }).input
      message =
        received === undefined
          ? `is required (${issue.expected})`
          : `must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`
    } else if (issue.code === 'unrecognized_keys') {
      message = `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    } else if (issue.code === 'invalid_value') {
      message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    }
    return { path: formatPath(issue.path), message }
  })
}

/** JSON text that parsed, or the one problem that stopped it (too big, not JSON). */
export type JsonResult = { ok: true; data: unknown } | { ok: false; problems: Problem[] }

/** Parses config text as JSON, refusing text over `LIMITS.maxBytes`. */
export function parseJsonText(text: string): JsonResult {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: shorter text cannot be over the limit.
  const bytes = text.length > LIMITS.maxBytes / 3 ? new TextEncoder().encode(text).length : text.length
  if (bytes > LIMITS.maxBytes) {
    return {
      ok: false,
      problems: [
        {
          path: '(root)',
          message: `file is ${(bytes / 1e6).toFixed(1)} MB; the limit is ${LIMITS.maxBytes / 1e6} MB`,
        },
      ],
    }
  }
  try {
    return { ok: true, data: JSON.parse(text) }
  } catch (e) {
    // V8 quotes the surrounding text, newlines included: keep the report to one line.
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim()
    return { ok: false, problems: [{ path: '(root)', message: `is not valid JSON: ${detail}` }] }
  }
}

/**
 * Checks parsed JSON against the schema alone (types, ranges, unknown fields). A config that
 * passes may still be inconsistent: the domain's `validateLayout` checks the rest.
 */
export function checkSchema(data: unknown): ValidationResult {
  const parsed = layoutConfigSchema.safeParse(data, { reportInput: true })
  return parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, problems: zodProblems(parsed.error) }
}
