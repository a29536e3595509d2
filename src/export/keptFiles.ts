/**
 * Export files handed to scripts: base64 in one string when small, or kept in the page under a
 * handle and read a piece at a time. A 16384 × 16384 still can be hundreds of megabytes: as one
 * base64 string it would approach V8's string limit and be copied again by the DevTools
 * protocol, so the stills command reads large files in pieces of a few megabytes.
 */

/** Largest file returned as one base64 string, bytes (a larger one must be kept and read in pieces). */
export const INLINE_MAX_BYTES = 128 * 1024 * 1024
/** Largest piece `readKept` returns, bytes. */
export const READ_MAX_BYTES = 32 * 1024 * 1024

const kept = new Map<string, Blob>()
let nextHandle = 1

/** Base64 of a blob (built in slices: spreading a whole large array into fromCharCode overflows the stack). */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

/** Keeps `blob` until released; returns its handle. */
export function keepFile(blob: Blob, prefix: string): string {
  const handle = `${prefix}-${nextHandle++}`
  kept.set(handle, blob)
  return handle
}

/** Base64 of `length` bytes of a kept file from `offset` (fewer at its end). */
export async function readKept(
  what: string,
  handle: string,
  offset: number,
  length: number,
): Promise<string> {
  const blob = kept.get(handle)
  if (!blob) throw new Error(`${what}: no kept file "${String(handle)}" (it was released, or never made)`)
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0
  if (!whole(offset) || offset > blob.size)
    throw new Error(`${what}: offset must be a whole number from 0 to ${blob.size}, not ${String(offset)}`)
  if (!whole(length) || length < 1 || length > READ_MAX_BYTES)
    throw new Error(
      `${what}: length must be a whole number from 1 to ${READ_MAX_BYTES}, not ${String(length)}`,
    )
  return blobToBase64(blob.slice(offset, offset + length))
}

/** Forgets a kept file; true when there was one. */
export function releaseKept(handle: string): boolean {
  return kept.delete(handle)
}
