/**
 * A PNG reader for the tests (8-bit RGB / RGBA, not interlaced: what the exporter writes): the
 * header, the chunks with their CRCs checked, and the pixels (IDAT inflated with node:zlib, the
 * per-row filters undone), whole or row by row for images too large to hold as RGBA. Independent
 * of the encoder in src/export/pngStream.ts, so it can check it.
 */
import { crc32, inflateSync } from 'node:zlib'

export interface Png {
  width: number
  height: number
  /** RGBA, row 0 at the top. */
  data: Uint8Array
}

/** Width, height, bit depth and colour type from the IHDR chunk. */
export function pngHeader(buf: Uint8Array): {
  width: number
  height: number
  bitDepth: number
  colorType: number
} {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (!sig.every((b, k) => buf[k] === b)) throw new Error('not a PNG (bad signature)')
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  if (String.fromCharCode(...buf.subarray(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR first')
  return { width: dv.getUint32(16), height: dv.getUint32(20), bitDepth: buf[24]!, colorType: buf[25]! }
}

/** A chunk of a PNG file. */
export interface PngChunk {
  type: string
  data: Uint8Array
}

/** The chunks up to and including IEND; throws on a CRC that does not match (node's zlib.crc32) or a cut file. */
export function pngChunks(buf: Uint8Array): PngChunk[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const chunks: PngChunk[] = []
  for (let off = 8; ; ) {
    if (off + 12 > buf.length) throw new Error(`PNG cut short at byte ${off} (no IEND)`)
    const len = dv.getUint32(off)
    const type = String.fromCharCode(...buf.subarray(off + 4, off + 8))
    if (off + 12 + len > buf.length) throw new Error(`PNG chunk ${type} at byte ${off} runs past the file`)
    const crc = dv.getUint32(off + 8 + len)
    const expected = crc32(buf.subarray(off + 4, off + 8 + len))
    if (crc !== expected)
      throw new Error(`PNG chunk ${type} at byte ${off}: CRC ${crc}, expected ${expected}`)
    chunks.push({ type, data: buf.subarray(off + 8, off + 8 + len) })
    if (type === 'IEND') return chunks
    off += 12 + len
  }
}

/** The texts of a PNG's iTXt (uncompressed) and tEXt chunks, keyword → text. */
export function pngText(buf: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {}
  for (const c of pngChunks(buf)) {
    if (c.type !== 'iTXt' && c.type !== 'tEXt') continue
    const nul = c.data.indexOf(0)
    const keyword = String.fromCharCode(...c.data.subarray(0, nul))
    if (c.type === 'tEXt') {
      out[keyword] = String.fromCharCode(...c.data.subarray(nul + 1))
      continue
    }
    if (c.data[nul + 1] !== 0) throw new Error(`iTXt "${keyword}" is compressed: not read here`)
    // After the flag and method: language tag NUL, translated keyword NUL, then the UTF-8 text.
    const lang = c.data.indexOf(0, nul + 3)
    const translated = c.data.indexOf(0, lang + 1)
    out[keyword] = new TextDecoder().decode(c.data.subarray(translated + 1))
  }
  return out
}

/**
 * Inflates the IDAT data and undoes the per-row filters, calling `onRow(y, rgba)` for each row
 * top to bottom (`rgba` is reused: copy what you keep).
 */
export function forEachPngRow(
  buf: Uint8Array,
  onRow: (y: number, rgba: Uint8Array) => void,
): { width: number; height: number } {
  const { width, height, bitDepth, colorType } = pngHeader(buf)
  if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2))
    throw new Error(
      `PNG of bit depth ${bitDepth}, colour type ${colorType}: only 8-bit RGB(A) is decoded here`,
    )
  if (buf[28] !== 0) throw new Error('interlaced PNG')
  const bpp = colorType === 6 ? 4 : 3
  const idat = pngChunks(buf)
    .filter((c) => c.type === 'IDAT')
    .map((c) => c.data)
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * bpp
  if (raw.length !== height * (stride + 1))
    throw new Error(`PNG data is ${raw.length} bytes, not ${height * (stride + 1)}`)
  const row = new Uint8Array(width * 4)
  let prev = new Uint8Array(stride)
  let cur = new Uint8Array(stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0
      const b = prev[i]!
      const c = i >= bpp ? prev[i - bpp]! : 0
      let v = line[i]!
      if (filter === 1) v += a
      else if (filter === 2) v += b
      else if (filter === 3) v += (a + b) >> 1
      else if (filter === 4) {
        const p = a + b - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - b)
        const pc = Math.abs(p - c)
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter} on row ${y}`)
      cur[i] = v & 255
    }
    for (let x = 0; x < width; x++) {
      row[x * 4] = cur[x * bpp]!
      row[x * 4 + 1] = cur[x * bpp + 1]!
      row[x * 4 + 2] = cur[x * bpp + 2]!
      row[x * 4 + 3] = bpp === 4 ? cur[x * bpp + 3]! : 255
    }
    onRow(y, row)
    ;[prev, cur] = [cur, prev]
  }
  return { width, height }
}

/** Decodes a PNG into RGBA pixels. */
export function decodePng(buf: Uint8Array): Png {
  const { width, height } = pngHeader(buf)
  const out = new Uint8Array(width * height * 4)
  forEachPngRow(buf, (y, rgba) => out.set(rgba, y * width * 4))
  return { width, height, data: out }
}
