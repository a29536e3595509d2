/**
 * Layouts by address (`?layout=`, the examples, history entries) and the default one. An
 * answer over HTTP must be a file that exists, not the app's own page (single-page servers
 * answer unknown paths with it), and no larger than the size limit, which is enforced while
 * reading (a 100 MB answer is not downloaded whole to be refused).
 */
import type { StoreApi } from 'zustand/vanilla'
// The default layout is data fetched from this site, not part of the JavaScript bundle.
import defaultLayoutUrl from '../../assets/layouts/colossus.json?url'
import { decodeLayoutBytes, LIMITS, type TextResult } from '../config/text'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { applyDefaultLayout, loadLayoutInto } from './layoutLoader'

const refuse = (message: string): TextResult => ({ ok: false, problems: [{ path: '(root)', message }] })

/** Reads `res` as layout text, or says why it is not one. */
export async function readLayoutResponse(res: Response): Promise<TextResult> {
  if (!res.ok) return refuse(`not found (the server answered ${`${res.status} ${res.statusText}`.trim()})`)
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'text/html')
    return refuse('not found: the server answered with a web page (text/html), not a layout file')
  const tooLarge = `is larger than ${LIMITS.maxBytes / 1e6} MB, the limit`
  if (Number(res.headers.get('content-length') ?? 0) > LIMITS.maxBytes) return refuse(tooLarge)
  if (!res.body) return decodeLayoutBytes(new Uint8Array(await res.arrayBuffer()))
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > LIMITS.maxBytes) {
      await reader.cancel()
      return refuse(tooLarge)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    bytes.set(c, at)
    at += c.length
  }
  return decodeLayoutBytes(bytes)
}

/** Fetches a layout from the page's own origin (examples and `?layout=`); never another host. */
export async function loadLayoutFromUrl(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  ref: string,
): Promise<boolean> {
  if (ref.startsWith('file:')) {
    store.getState().setLayoutProblems(ref, [
      {
        path: '(layout parameter)',
        message: `this link was made with a layout opened from a file (${ref.slice(5)}): open that file to see it`,
      },
    ])
    return false
  }
  let url: URL
  try {
    url = new URL(ref, location.href)
  } catch {
    store
      .getState()
      .setLayoutProblems(ref, [{ path: '(layout parameter)', message: `"${ref}" is not a valid address` }])
    return false
  }
  if (url.origin !== location.origin) {
    store.getState().setLayoutProblems(ref, [
      {
        path: '(layout parameter)',
        message: 'only layouts on this site can be loaded by address; open the file instead',
      },
    ])
    return false
  }
  try {
    const res = await fetch(url.href, { credentials: 'same-origin' })
    const read = await readLayoutResponse(res)
    if (!read.ok) {
      store.getState().setLayoutProblems(ref, read.problems)
      return false
    }
    const ok = (await loadLayoutInto(store, read.text, url.pathname.split('/').pop() || ref, ref)).ok
    clock.settle()
    return ok
  } catch (e) {
    store
      .getState()
      .setLayoutProblems(ref, [
        { path: '(root)', message: `could not be fetched: ${e instanceof Error ? e.message : String(e)}` },
      ])
    return false
  }
}

/** The default layout's text once fetched (it never changes while the page is open). */
let defaultLayoutText: string | null = null

/**
 * Fetches the default Colossus layout from this site, once. The page starts with it, and
 * "Reset to Colossus" and history entries without `layout=` go back to it synchronously.
 */
export async function fetchDefaultLayout(): Promise<TextResult> {
  if (defaultLayoutText !== null) return { ok: true, text: defaultLayoutText }
  try {
    const read = await readLayoutResponse(await fetch(defaultLayoutUrl, { credentials: 'same-origin' }))
    if (read.ok) defaultLayoutText = read.text
    return read
  } catch (e) {
    return refuse(`could not be fetched: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/** Goes back to the default Colossus layout (fetched by `fetchDefaultLayout` at start). */
export function loadDefaultLayout(store: StoreApi<AppState>, clock: TimelineClock): void {
  if (defaultLayoutText === null) throw new Error('the default layout has not been fetched')
  applyDefaultLayout(store, defaultLayoutText)
  clock.settle()
}
