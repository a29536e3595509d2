/**
 * Loading a layout from text (file picker, drop, `?layout=`, automation): validate, and
 * either switch to it or keep the current layout and list every problem. Never throws.
 * The validator (with zod) loads the first time a layout is opened, not with the page: the
 * shipped default layout is checked by the tests and read as is.
 */
import type { StoreApi } from 'zustand/vanilla'
import type { LayoutConfig } from '../config/schema'
import type { Problem } from '../config/text'
import type { AppState } from '../state/store'

/** The validator module, loaded once on first use. */
let validator: Promise<typeof import('../domain/layout/validate')> | null = null
export const loadValidator = (): Promise<typeof import('../domain/layout/validate')> => {
  validator ??= import('../domain/layout/validate')
  return validator
}

/** Switches to the shipped default layout (text from this site's own assets), without the validator. */
export function applyDefaultLayout(store: StoreApi<AppState>, text: string): void {
  store.getState().setLayoutConfig(JSON.parse(text) as LayoutConfig, 'default')
}

/** The outcome of a load. */
export type LoadResult = { ok: true; name: string } | { ok: false; problems: Problem[] }

/**
 * Validates `input` (JSON text or parsed JSON) and applies it when valid. `ref` is the address
 * on this site it came from, if any (see the store's `layoutRef`).
 */
export async function loadLayoutInto(
  store: StoreApi<AppState>,
  input: unknown,
  source: string,
  ref: string | null = null,
): Promise<LoadResult> {
  let result: ReturnType<Awaited<ReturnType<typeof loadValidator>>['validateLayout']>
  try {
    const { parseLayoutText, validateLayout } = await loadValidator()
    result = typeof input === 'string' ? parseLayoutText(input) : validateLayout(input)
  } catch (e) {
    result = {
      ok: false,
      problems: [
        { path: '(root)', message: `could not be read: ${e instanceof Error ? e.message : String(e)}` },
      ],
    }
  }
  const s = store.getState()
  if (!result.ok) {
    s.setLayoutProblems(source, result.problems)
    return { ok: false, problems: result.problems }
  }
  try {
    s.setLayoutConfig(result.config, source, ref)
  } catch (e) {
    // The validator should make this unreachable; never leave the user without a message.
    const problems = [
      { path: '(root)', message: `could not be built: ${e instanceof Error ? e.message : String(e)}` },
    ]
    s.setLayoutProblems(source, problems)
    return { ok: false, problems }
  }
  s.notify('info', `Loaded layout "${result.config.name}" from ${source}.`)
  return { ok: true, name: result.config.name }
}
