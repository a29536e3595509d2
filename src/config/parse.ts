/**
 * The first half of validation: untrusted text or parsed JSON checked against the schema, with
 * every fault reported at its JSON path. Never throws for bad input. The checks that need more
 * than one field (references, geometry, capacity, totals) are the domain's:
 * `domain/layout/validate.ts` runs both halves.
 */
import type { z } from 'zod'
import { type LayoutConfig, layoutConfigSchema, type StoryConfig, storiesFileSchema } from './schema'

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
    // A byte-order mark is how some editors start UTF-8 files: it is not part of the JSON.
    return { ok: true, data: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) }
  } catch (e) {
    // V8 quotes the surrounding text, newlines included: keep the report to one line.
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim()
    return { ok: false, problems: [{ path: '(root)', message: `is not valid JSON: ${detail}` }] }
  }
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

/** Text decoded from a file's bytes, or why it could not be. */
export type TextResult = { ok: true; text: string } | { ok: false; problems: Problem[] }

/** Offset of the first byte that breaks UTF-8 (bad lead, missing or stray continuation), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const extra =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1
    if (extra < 0) return i
    for (let k = 1; k <= extra; k++) if (i + k >= bytes.length || (bytes[i + k]! & 0xc0) !== 0x80) return i
    i += extra + 1
  }
  return -1
}

/**
 * Decodes a layout file's bytes as UTF-8 (a leading byte-order mark is dropped). Bytes that are
 * not UTF-8 (e.g. a Latin-1 file) are refused with the offset of the first bad byte, instead
 * of being shown as U+FFFD in names.
 */
export function decodeLayoutBytes(bytes: Uint8Array): TextResult {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    const at = firstInvalidUtf8(bytes)
    return {
      ok: false,
      problems: [
        { path: '(root)', message: `is not valid UTF-8 text (first bad byte at offset ${Math.max(0, at)})` },
      ],
    }
  }
}
