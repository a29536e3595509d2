/**
 * A PNG encoder that takes the image a strip of rows at a time and never holds it whole: each
 * strip is filtered (the Up filter, one filter byte per row), deflated through the platform's
 * `CompressionStream('deflate')` (zlib format, what IDAT data is), cut into IDAT chunks of about
 * a megabyte and kept as Blob parts. A 16384 × 16384 still therefore needs memory for one strip
 * and the compressed file, not for a gigabyte of pixels. No DOM: runs in Node too (the tests).
 */

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE: Uint8Array<ArrayBuffer> = Uint8Array.of(
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
)

/** PNG colour types used here: 2 = RGB, 6 = RGBA (8 bits per channel). */
export type PngColorType = 2 | 6

/** Compressed bytes per IDAT chunk (the last one may be shorter). */
const IDAT_BYTES = 1 << 20

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

/**
 * CRC-32 (ISO 3309, the one PNG and zlib use) of `bytes`, continuing from `crc` (the CRC of what
 * came before, 0 for none), so `crc32(b, crc32(a))` is the CRC of a followed by b.
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}

/** One PNG chunk: length, four-letter type, data, CRC of type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z]{4}$/.test(type)) throw new Error(`PNG chunk type must be four letters, not "${type}"`)
  const out = new Uint8Array(12 + data.length)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, data.length)
  for (let k = 0; k < 4; k++) out[4 + k] = type.charCodeAt(k)
  out.set(data, 8)
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** PNG keywords: 1–79 printable Latin-1 characters, no leading, trailing or double spaces. */
const KEYWORD = /^[\x21-\x7e\xa1-\xff](?:[\x21-\x7e\xa1-\xff]| (?! ))*$/

/**
 * An iTXt chunk's data: a text under `keyword` (e.g. "Title", "Software", "Comment"), in UTF-8,
 * uncompressed, with no language tag. PNG readers (image viewers, exiftool, Photoshop's "File
 * Info") show it as the file's metadata.
 */
export function itxtData(keyword: string, text: string): Uint8Array<ArrayBuffer> {
  if (keyword.length > 79 || !KEYWORD.test(keyword))
    throw new Error(`PNG text keyword must be 1–79 printable Latin-1 characters, not "${keyword}"`)
  const key = Uint8Array.from(keyword, (c) => c.charCodeAt(0))
  const body = new TextEncoder().encode(text)
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL.
  const out = new Uint8Array(key.length + 5 + body.length)
  out.set(key, 0)
  out.set(body, key.length + 5)
  return out
}

/** The IHDR chunk's data: size, 8 bits per channel, colour type, deflate, adaptive filters, not interlaced. */
export function ihdrData(width: number, height: number, colorType: PngColorType): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(13)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, width)
  dv.setUint32(4, height)
  out[8] = 8
  out[9] = colorType
  return out
}

/**
 * Filters `rows` rows of RGBA pixels (`rgba`, width × rows × 4 bytes, as `getImageData` gives
 * them) into PNG scanlines: per row the filter byte 2 (Up: each byte minus the byte above it)
 * and the row in `channels` channels (3 drops alpha). `prev` holds the previous row's bytes in
 * the output layout (zeros above the first row, which makes Up the same as None there) and is
 * left holding the last row, for the next strip. Writes rows × (1 + width × channels) bytes into
 * `out` (a new array when absent or of another size) and returns it.
 */
export function filterRows(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  rows: number,
  channels: 3 | 4,
  prev: Uint8Array,
  out?: Uint8Array<ArrayBuffer>,
): Uint8Array<ArrayBuffer> {
  const stride = width * channels
  const size = rows * (stride + 1)
  if (out?.length !== size) out = new Uint8Array(size)
  let o = 0
  let i = 0
  for (let y = 0; y < rows; y++) {
    out[o++] = 2
    if (channels === 4) {
      for (let k = 0; k < stride; k++) {
        const v = rgba[i++]!
        out[o++] = v - prev[k]!
        prev[k] = v
      }
    } else {
      for (let k = 0; k < stride; k += 3) {
        const r = rgba[i]!
        const g = rgba[i + 1]!
        const b = rgba[i + 2]!
        i += 4
        out[o++] = r - prev[k]!
        out[o++] = g - prev[k + 1]!
        out[o++] = b - prev[k + 2]!
        prev[k] = r
        prev[k + 1] = g
        prev[k + 2] = b
      }
    }
  }
  return out
}

/** Joins byte arrays into one. */
function concat(parts: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/**
 * Encodes a PNG of width × height from strips of RGBA rows, top to bottom: `writeRows` for each
 * strip (awaited: it waits for the deflate stream to take the strip), then `finish` for the file.
 * `alpha: false` writes RGB (colour type 2) and drops the alpha channel, which must then be opaque.
 */
export class PngStreamEncoder {
  readonly width: number
  readonly height: number
  readonly colorType: PngColorType
  private rowsWritten = 0
  private readonly prev: Uint8Array
  /** The last strip's scanlines, reused for the next strip of the same size (the deflate stream is done with them). */
  private lines: Uint8Array<ArrayBuffer> | undefined
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>
  private readonly parts: BlobPart[] = []
  private readonly collected: Promise<void>
  private failed: unknown = null

  /**
   * `alpha`: write RGBA (else RGB). `text`: metadata written as iTXt chunks before the pixels,
   * keyword → text (see `itxtData`).
   */
  constructor(width: number, height: number, options: { alpha: boolean; text?: Record<string, string> }) {
    for (const [name, v] of [
      ['width', width],
      ['height', height],
    ] as const)
      if (!Number.isInteger(v) || v < 1 || v > 0x7fffffff)
        throw new Error(`PNG ${name} must be a whole number from 1 to 2147483647, not ${v}`)
    this.width = width
    this.height = height
    this.colorType = options.alpha ? 6 : 2
    this.prev = new Uint8Array(width * (options.alpha ? 4 : 3))
    this.parts.push(PNG_SIGNATURE, pngChunk('IHDR', ihdrData(width, height, this.colorType)))
    for (const [keyword, text] of Object.entries(options.text ?? {}))
      this.parts.push(pngChunk('iTXt', itxtData(keyword, text)))
    const stream = new CompressionStream('deflate')
    this.writer = stream.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>
    this.collected = this.collect(stream.readable as ReadableStream<Uint8Array>)
    // Seen by writeRows and finish; this keeps an early failure from being an unhandled rejection.
    this.collected.catch((e: unknown) => {
      this.failed = e
    })
  }

  /** Rows written so far. */
  get rows(): number {
    return this.rowsWritten
  }

  /** Reads the deflate stream's output into IDAT chunks of IDAT_BYTES, each a Blob part. */
  private async collect(readable: ReadableStream<Uint8Array>): Promise<void> {
    const reader = readable.getReader()
    let pending: Uint8Array[] = []
    let pendingBytes = 0
    const flush = () => {
      if (pendingBytes === 0) return
      // A Blob per chunk: in a browser its bytes leave the JavaScript heap for the blob store.
      this.parts.push(new Blob([pngChunk('IDAT', concat(pending, pendingBytes))]))
      pending = []
      pendingBytes = 0
    }
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      pending.push(value)
      pendingBytes += value.length
      if (pendingBytes >= IDAT_BYTES) flush()
    }
    flush()
  }

  /**
   * Adds the next `rows` rows: `rgba` holds exactly width × rows × 4 bytes (more or fewer is
   * refused, as is a strip that runs past the image's height).
   */
  async writeRows(rgba: Uint8Array | Uint8ClampedArray, rows: number): Promise<void> {
    if (this.failed) throw this.failed
    if (!Number.isInteger(rows) || rows < 1)
      throw new Error(`a PNG strip must have a whole number of rows, at least 1, not ${rows}`)
    const expected = this.width * rows * 4
    if (rgba.length !== expected)
      throw new Error(
        `a PNG strip of ${rows} rows of ${this.width} pixels must hold ${expected} RGBA bytes, not ${rgba.length}`,
      )
    if (this.rowsWritten + rows > this.height)
      throw new Error(
        `a PNG strip of ${rows} rows after row ${this.rowsWritten} runs past the image's ${this.height} rows`,
      )
    this.lines = filterRows(rgba, this.width, rows, this.colorType === 6 ? 4 : 3, this.prev, this.lines)
    this.rowsWritten += rows
    await this.writer.ready
    // Resolves once the stream has deflated the chunk, so `lines` may then be filled again.
    await this.writer.write(this.lines)
  }

  /** Ends the image (every row must have been written) and returns the PNG file. */
  async finish(): Promise<Blob> {
    if (this.rowsWritten !== this.height) {
      const why = `the PNG has ${this.height} rows but ${this.rowsWritten} were written`
      await this.abort(why)
      throw new Error(why)
    }
    await this.writer.close()
    await this.collected
    this.parts.push(pngChunk('IEND', new Uint8Array(0)))
    return new Blob(this.parts, { type: 'image/png' })
  }

  /** Gives up: the deflate stream is dropped and the parts released. */
  async abort(reason: string): Promise<void> {
    this.parts.length = 0
    await this.writer.abort(new Error(reason)).catch(() => undefined)
  }
}
