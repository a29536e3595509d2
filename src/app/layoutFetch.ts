/**
 * Reading a layout that came over HTTP (`?layout=` and the examples): the answer must be a
 * file that exists, not the app's own page (single-page servers answer unknown paths with it),
 * and no larger than the size limit, which is enforced while reading (a 100 MB answer is not
 * downloaded whole to be refused).
 */
import { decodeLayoutBytes, LIMITS, type TextResult } from '../config/parse'

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
