/** Textures generated in code (no file, no download): RGBA bytes that repeat, mipmapped. */
import {
  DataTexture,
  LinearFilter,
  LinearMipmapLinearFilter,
  RepeatWrapping,
  RGBAFormat,
  SRGBColorSpace,
} from 'three'

/** A repeating, mipmapped texture of `width` × `height` RGBA bytes. The caller disposes it. */
export function repeatingTexture(
  data: Uint8Array,
  width: number,
  height: number,
  { srgb, anisotropy = 1 }: { srgb: boolean; anisotropy?: number },
): DataTexture {
  const t = new DataTexture(data, width, height, RGBAFormat)
  t.wrapS = RepeatWrapping
  t.wrapT = RepeatWrapping
  t.magFilter = LinearFilter
  t.minFilter = LinearMipmapLinearFilter
  t.generateMipmaps = true
  t.anisotropy = anisotropy
  if (srgb) t.colorSpace = SRGBColorSpace
  t.needsUpdate = true
  return t
}
