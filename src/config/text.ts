/**
 * Reading layout text without the schema: the problem type, size limits, UTF-8 decoding and
 * JSON parsing. Kept apart from `parse.ts` (which needs zod) so the page can read and report
 * on files before it loads the validator.
 */

/** One thing wrong with a config, at a JSON path such as `phases[2].adds[0].halls[1]`. */
export interface Problem {
  path: string
  message: string
}

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

/** Formats problems one per line as `<path>: <message>`. */
export const formatProblems = (problems: readonly Problem[]): string =>
  problems.map((p) => `${p.path}: ${p.message}`).join('\n')

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
