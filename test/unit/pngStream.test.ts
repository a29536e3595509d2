/** The streaming PNG encoder of stills: CRC, chunks, row filtering, strips, refusals; decoded with node:zlib. */
import { crc32 as zlibCrc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32, filterRows, PngStreamEncoder, pngChunk } from '../../src/export/pngStream'
import { decodePng, pngChunks, pngHeader, pngText } from '../png'

/** Deterministic RGBA pixels: smooth gradients, a hard edge and varying alpha. */
function pixels(width: number, height: number, opaque: boolean): Uint8Array {
  const out = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      out[o] = (x * 7 + y * 3) & 255
      out[o + 1] = x > width / 2 ? 250 : (y * 11) & 255
      out[o + 2] = (x * y) & 255
      out[o + 3] = opaque ? 255 : (x * 13 + y) & 255
    }
  return out
}

/** Encodes `rgba` in strips of the given row counts. */
async function encode(
  rgba: Uint8Array,
  width: number,
  height: number,
  strips: number[],
  alpha: boolean,
): Promise<Uint8Array> {
  const enc = new PngStreamEncoder(width, height, { alpha })
  let y = 0
  for (const rows of strips) {
    await enc.writeRows(rgba.subarray(y * width * 4, (y + rows) * width * 4), rows)
    y += rows
  }
  return new Uint8Array(await (await enc.finish()).arrayBuffer())
}

describe('crc32', () => {
  it('gives the check value of "123456789" and agrees with node:zlib, also when continued', () => {
    const ascii = new TextEncoder().encode('123456789')
    expect(crc32(ascii)).toBe(0xcbf43926)
    const bytes = pixels(61, 17, false)
    expect(crc32(bytes)).toBe(zlibCrc32(bytes))
    expect(crc32(bytes.subarray(1000), crc32(bytes.subarray(0, 1000)))).toBe(zlibCrc32(bytes))
    expect(crc32(new Uint8Array(0))).toBe(0)
  })

  it('frames a chunk as length, type, data and the CRC of type and data', () => {
    const c = pngChunk('tEXt', Uint8Array.of(1, 2, 3))
    expect([...c.subarray(0, 8)]).toEqual([0, 0, 0, 3, 116, 69, 88, 116])
    expect(new DataView(c.buffer).getUint32(11)).toBe(zlibCrc32(c.subarray(4, 11)))
    expect(() => pngChunk('IDA', new Uint8Array(0))).toThrow(/four letters/)
  })
})

describe('filterRows', () => {
  it('writes the Up filter: a filter byte 2, then each byte minus the one above, alpha dropped in RGB', () => {
    const rgba = Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 255, 5, 25, 35, 255, 40, 40, 40, 255)
    const prev = new Uint8Array(6)
    const out = filterRows(rgba, 2, 2, 3, prev)
    expect([...out]).toEqual([2, 10, 20, 30, 40, 50, 60, 2, 251, 5, 5, 0, 246, 236])
    expect([...prev]).toEqual([5, 25, 35, 40, 40, 40])
  })
})

describe('PngStreamEncoder', () => {
  for (const alpha of [true, false])
    it(`encodes ${alpha ? 'RGBA' : 'RGB'} in uneven strips to the same pixels (inflated by node:zlib)`, async () => {
      const [w, h] = [53, 31]
      const rgba = pixels(w, h, !alpha)
      const png = await encode(rgba, w, h, [1, 7, 7, 16], alpha)
      expect(pngHeader(png)).toEqual({ width: w, height: h, bitDepth: 8, colorType: alpha ? 6 : 2 })
      expect(pngChunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
      const decoded = decodePng(png)
      expect(Buffer.from(decoded.data).equals(Buffer.from(rgba))).toBe(true)
    })

  it('cuts the deflated data into IDAT chunks of about a megabyte, each with a valid CRC', async () => {
    // Noise does not compress: about 2.3 MB of data, so three IDAT chunks.
    const [w, h] = [600, 1000]
    const rgba = new Uint8Array(w * h * 4)
    let s = 1
    for (let i = 0; i < rgba.length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0
      rgba[i] = s >>> 24
    }
    const png = await encode(rgba, w, h, [400, 400, 200], true)
    const idat = pngChunks(png).filter((c) => c.type === 'IDAT')
    expect(idat.length).toBeGreaterThanOrEqual(2)
    for (const c of idat.slice(0, -1)) expect(c.data.length).toBeGreaterThanOrEqual(1 << 20)
    expect(Buffer.from(decodePng(png).data).equals(Buffer.from(rgba))).toBe(true)
  })

  it('writes its text as iTXt chunks before the pixels, in UTF-8, and refuses a bad keyword', async () => {
    const text = {
      Title: 'Colossus · 1M GPUs × 3 sites',
      Software: 'Colossus Explorer',
      Comment: 'it’s 16 samples',
    }
    const enc = new PngStreamEncoder(4, 2, { alpha: false, text })
    await enc.writeRows(pixels(4, 2, true), 2)
    const buf = new Uint8Array(await (await enc.finish()).arrayBuffer())
    const types = pngChunks(buf).map((c) => c.type)
    expect(types.slice(0, 4)).toEqual(['IHDR', 'iTXt', 'iTXt', 'iTXt'])
    expect(pngText(buf)).toEqual(text)
    expect(decodePng(buf).width).toBe(4)
    for (const bad of ['', ' Title', 'Two  spaces', 'Naïve✓', 'x'.repeat(80)])
      expect(() => new PngStreamEncoder(4, 2, { alpha: false, text: { [bad]: 'x' } }), bad).toThrow(/keyword/)
  })

  it('refuses a strip of the wrong size, one past the last row, and a file with rows missing', async () => {
    const enc = new PngStreamEncoder(10, 4, { alpha: true })
    await expect(enc.writeRows(new Uint8Array(10 * 2 * 4 - 1), 2)).rejects.toThrow(
      'a PNG strip of 2 rows of 10 pixels must hold 80 RGBA bytes, not 79',
    )
    await enc.writeRows(new Uint8Array(10 * 3 * 4), 3)
    await expect(enc.writeRows(new Uint8Array(10 * 2 * 4), 2)).rejects.toThrow(
      "a PNG strip of 2 rows after row 3 runs past the image's 4 rows",
    )
    await expect(enc.finish()).rejects.toThrow('the PNG has 4 rows but 3 were written')
    expect(() => new PngStreamEncoder(0, 4, { alpha: false })).toThrow(/width must be a whole number/)
  })
})
