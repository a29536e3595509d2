/**
 * The first half of validation: untrusted text or parsed JSON checked against the schema, with
 * every fault reported at its JSON path. Never throws for bad input. The checks that need more
 * than one field (references, geometry, capacity, totals) are the domain's:
 * `domain/layout/validate.ts` runs both halves.
 */
import type { z } from 'zod'
import { type LayoutConfig, layoutConfigSchema, type StoryConfig, storiesFileSchema } from './schema'
import type { Problem } from './text'

export {
  decodeLayoutBytes,
  formatProblems,
  type JsonResult,
  LIMITS,
  type Problem,
  parseJsonText,
  type TextResult,
} from './text'

/** The outcome of a check: a config that passed it, or every problem found. */
export type ValidationResult = { ok: true; config: LayoutConfig } | { ok: false; problems: Problem[] }

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

/** `object` → `an object`, `number` → `a number`. */
const withArticle = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`

/** What a JSON value is, for messages: `null`, `an array`, `a string`, … */
const describeValue = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : withArticle(typeof v)

function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    let message = issue.message
    if (issue.code === 'invalid_type') {
      const received = (issue as { input?: unknown }).input
      message =
        received === undefined
          ? `is required (${issue.expected})`
          : typeof received === 'number' && !Number.isFinite(received) && issue.expected === 'number'
            ? // JSON.parse reads 1e400 as Infinity: the text held a number, just one too large.
              'is too large (beyond ±1.8e308)'
            : `must be ${withArticle(issue.expected)} (got ${describeValue(received)})`
    } else if (issue.code === 'unrecognized_keys') {
      message = `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    } else if (issue.code === 'invalid_value') {
      message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    }
    return { path: formatPath(issue.path), message }
  })
}

/** Checks a stories file (`{ "stories": [...] }`) against its schema only. */
export function checkStoriesSchema(
  data: unknown,
): { ok: true; stories: StoryConfig[] } | { ok: false; problems: Problem[] } {
  const parsed = storiesFileSchema.safeParse(data, { reportInput: true })
  return parsed.success
    ? { ok: true, stories: parsed.data.stories }
    : { ok: false, problems: zodProblems(parsed.error) }
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
