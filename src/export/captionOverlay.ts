/**
 * A story step's caption burned into a still: a band across the bottom with the step's title,
 * caption, sources and step counter, like the presenter's caption band on screen.
 */

const FONT = "'Inter', 'DejaVu Sans', sans-serif"

/** What the band shows. */
export interface CaptionText {
  title: string
  caption: string
  sources: string[]
  /** e.g. "3 / 9". */
  counter: string
}

/** Splits `text` into lines no wider than `maxW` at the context's current font. */
export function wrapText(ctx: CanvasRenderingContext2D, text: string, maxW: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (line && ctx.measureText(next).width > maxW) {
      lines.push(line)
      line = word
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

/**
 * Draws the band at the bottom of a width × height image (`s` scales a 1080p design, `m` is
 * the margin) and returns its height, so parts drawn after it can stand above it.
 */
export function drawCaptionBand(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  s: number,
  m: number,
  c: CaptionText,
): number {
  const textW = width - 2 * m - 140 * s
  ctx.font = `400 ${22 * s}px ${FONT}`
  const body = wrapText(ctx, c.caption, textW).slice(0, 3)
  const sources = c.sources.length ? `Sources: ${c.sources.join('; ')}` : ''
  const band = m + 40 * s + body.length * 30 * s + (sources ? 26 * s : 0) + m * 0.6
  const top = height - band
  const grad = ctx.createLinearGradient(0, top - 40 * s, 0, top + 30 * s)
  grad.addColorStop(0, 'rgba(8, 12, 18, 0)')
  grad.addColorStop(1, 'rgba(8, 12, 18, 0.9)')
  ctx.save()
  ctx.fillStyle = grad
  ctx.fillRect(0, top - 40 * s, width, band + 40 * s)
  ctx.textAlign = 'left'
  ctx.fillStyle = '#ffffff'
  ctx.font = `700 ${34 * s}px ${FONT}`
  let y = top + 30 * s
  ctx.fillText(c.title, m, y)
  ctx.font = `400 ${22 * s}px ${FONT}`
  ctx.fillStyle = '#e8edf3'
  for (const line of body) {
    y += 30 * s
    ctx.fillText(line, m, y)
  }
  if (sources) {
    y += 26 * s
    ctx.font = `400 ${14 * s}px ${FONT}`
    ctx.fillStyle = '#9aa7b7'
    ctx.fillText(sources, m, y, textW)
  }
  ctx.textAlign = 'right'
  ctx.font = `600 ${20 * s}px ${FONT}`
  ctx.fillStyle = '#9aa7b7'
  ctx.fillText(c.counter, width - m, height - m * 0.8)
  ctx.restore()
  return band
}
