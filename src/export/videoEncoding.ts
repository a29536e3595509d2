/**
 * The parts of mediabunny video export uses, in one module loaded on demand (named imports
 * so the bundler keeps only these).
 */
export {
  BufferTarget,
  CanvasSource,
  getFirstEncodableVideoCodec,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
} from 'mediabunny'
