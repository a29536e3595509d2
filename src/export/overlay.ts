/**
 * The overlay burned into stills and video frames: title, phase and date, key figures, the
 * legend of the current colour mode (from the same legendFor the screen uses), site labels,
 * a scale bar with a north arrow, and a source line. Drawn with the shipped Inter font on a
 * 2D canvas, scaled to the image so it reads the same at 720p and 8K.
 */
import { type ColorMode, type Legend, legendFor, powerScenarioLabel } from '../domain/color/colorModes'
import { fmtDate, fmtEf, fmtInt, fmtLength, fmtMw } from '../domain/format'
import {
  declutterLabels,
  type LabelBox,
  labelClearOf,
  labelCorner,
  type Rect,
  siteLabelAnchors,
} from '../domain/labels'
import type { Layout } from '../domain/layout/buildLayout'
import type { RevealStats } from '../domain/timeline/timeline'
import { projectToScreen, type ScreenPoint, scaleBarLength, type ViewSnapshot } from '../domain/view'
import type { OverlayParts } from '../state/exportApi'
import { type CaptionText, drawCaptionBand } from './captionOverlay'

/** What the overlay shows. */
export interface OverlayInput {
  layout: Layout
  phaseIndex: number
  colorMode: ColorMode
  /** Totals to show (at the current point of the build). */
  stats: RevealStats
  /** The camera's view of the image (its size, heading, scale and projection). */
  view: ViewSnapshot
  parts: OverlayParts
  /** The story step's caption, burned in as a band at the bottom (part `caption`), or null. */
  caption?: CaptionText | null
}

type PowerLegend = Extract<Legend, { mode: 'power' }>

const FONT = "'Inter', 'DejaVu Sans', sans-serif"

/** Makes sure the shipped font is loaded before drawing text with it. */
export async function loadOverlayFonts(): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return
  await Promise.all([
    document.fonts.load(`400 16px ${FONT}`),
    document.fonts.load(`600 16px ${FONT}`),
    document.fonts.load(`700 16px ${FONT}`),
  ]).catch(() => undefined)
}

function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.arcTo(x + w, y, x + w, y + h, r)
  ctx.arcTo(x + w, y + h, x, y + h, r)
  ctx.arcTo(x, y + h, x, y, r)
  ctx.arcTo(x, y, x + w, y, r)
  ctx.closePath()
}

function panel(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, s: number): void {
  ctx.save()
  ctx.fillStyle = 'rgba(12, 18, 27, 0.82)'
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.12)'
  ctx.lineWidth = Math.max(1, s)
  roundRect(ctx, x, y, w, h, 10 * s)
  ctx.fill()
  ctx.stroke()
  ctx.restore()
}

/** Sizes shared by the parts: `s` scales a 1920 × 1080 design to the image, `m` is the margin. */
interface Frame {
  width: number
  height: number
  s: number
  m: number
}

/**
 * The overlay's scale on a width × height image: 1.15 on a 1920 × 1080 still, and in proportion to
 * the short side elsewhere, so text reads the same on 16:9, 4:3, 1:1 and 9:16 stills of the same
 * short side (the title block, legend and margins need about 1000 of the 1080 design's width, so
 * they fit across a portrait still too). Never below half. Scaling by 1920 × 1080 as a box had
 * made the text of a 1080 × 1920 story still about 7 px high.
 */
export function overlayScale(width: number, height: number): number {
  return Math.max(0.5, Math.min(width, height) / 1080) * 1.15
}

const _p: ScreenPoint = { x: 0, y: 0 }
const _corner = { x: 0, y: 0 }

/** Draws the overlay onto a canvas of width × height. */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  input: OverlayInput,
): void {
  const { parts } = input
  const s = overlayScale(width, height)
  const f: Frame = { width, height, s, m: 28 * s }
  ctx.save()
  ctx.textBaseline = 'alphabetic'
  // The blocks first: the site labels are then placed clear of them (none half hidden under the title).
  const blocks: Rect[] = []
  if (parts.title || parts.phase || parts.figures) blocks.push(drawTitleBlock(ctx, f, input))
  if (parts.legend) blocks.push(drawLegend(ctx, f, input))
  // A story caption takes the bottom of the image (with its own sources); the scale bar stands above it.
  const band = parts.caption && input.caption ? drawCaptionBand(ctx, width, height, s, f.m, input.caption) : 0
  if (band > 0) blocks.push({ x: 0, y: height - band, width, height: band })
  const above: Frame = { ...f, height: height - band }
  const bar = parts.scaleBar ? drawScaleBar(ctx, above, input.view) : null
  if (bar) blocks.push(bar)
  if (parts.sources && band === 0) blocks.push(drawSourceLine(ctx, f, input, bar))
  if (parts.labels) drawSiteLabels(ctx, f, input, blocks)
  ctx.restore()
}

interface PlacedLabel extends LabelBox {
  name: string
  line2: string
}

/**
 * A panel with the site's name and GPU count above each site that is on the image, clear of the
 * overlay's `blocks`. A label with no clear place near its site is dropped, and so is one that
 * would overlap a label of a larger site (as on screen).
 */
function drawSiteLabels(ctx: CanvasRenderingContext2D, f: Frame, input: OverlayInput, blocks: Rect[]): void {
  const { s } = f
  const placed = placeSiteLabels(ctx, f, input, blocks)
  const shown = declutterLabels(placed, 4 * s)
  placed.forEach((l, k) => {
    if (!shown[k]) return
    panel(ctx, l.x, l.y, l.width, l.height, s)
    ctx.textAlign = 'center'
    ctx.fillStyle = '#ffffff'
    ctx.font = `700 ${15 * s}px ${FONT}`
    ctx.fillText(l.name, l.x + l.width / 2, l.y + 19 * s)
    ctx.fillStyle = '#9aa7b7'
    ctx.font = `400 ${12 * s}px ${FONT}`
    ctx.fillText(l.line2, l.x + l.width / 2, l.y + 36 * s)
  })
}

/** The boxes of the site labels on the image, each kept inside it and moved clear of the blocks. */
function placeSiteLabels(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  input: OverlayInput,
  blocks: Rect[],
): PlacedLabel[] {
  const { s, width, height } = f
  const placed: PlacedLabel[] = []
  for (const a of siteLabelAnchors(input.layout, input.phaseIndex)) {
    const p = projectToScreen(input.view, a.position[0], a.position[1], a.position[2], _p)
    // Labels whose anchor is just off the image still show (their panel reaches in).
    if (!p || p.x < -0.05 * width || p.x > 1.05 * width || p.y < -0.05 * height || p.y > 1.05 * height)
      continue
    const { x, y } = p
    const line2 = a.gpus > 0 ? `${fmtInt(a.gpus)} GPUs` : 'not yet built'
    ctx.font = `700 ${15 * s}px ${FONT}`
    const w1 = ctx.measureText(a.name).width
    ctx.font = `400 ${12 * s}px ${FONT}`
    const w2 = ctx.measureText(line2).width
    const w = Math.max(w1, w2) + 20 * s
    const h = 44 * s
    // Kept inside the image, like the labels on screen, then out from under the blocks.
    const c = labelCorner(x, y, w, h, width, 4 * s, _corner)
    const clear = labelClearOf(
      { x: c.x, y: c.y, width: w, height: h },
      blocks,
      width,
      height,
      4 * s,
      6 * s,
      _corner,
    )
    if (clear)
      placed.push({ x: clear.x, y: clear.y, width: w, height: h, priority: a.gpus, name: a.name, line2 })
  }
  return placed
}

interface TextLine {
  text: string
  font: string
  color: string
  gap: number
}

/** The title, phase and date lines the parts ask for. */
function titleLines(f: Frame, input: OverlayInput): TextLine[] {
  const { s } = f
  const { layout, parts } = input
  const phase = layout.phases[input.phaseIndex]!
  const lines: TextLine[] = []
  if (parts.title) {
    lines.push({ text: 'COLOSSUS EXPLORER', font: `700 ${13 * s}px ${FONT}`, color: '#ffd84d', gap: 18 * s })
    lines.push({ text: layout.config.name, font: `700 ${26 * s}px ${FONT}`, color: '#ffffff', gap: 32 * s })
  }
  if (parts.phase)
    lines.push({
      text: `${phase.name} · ${fmtDate(phase.date)}${phase.estimate ? ' (est.)' : ''}${phase.status ? ` · ${phase.status.toUpperCase()}` : ''}`,
      font: `600 ${18 * s}px ${FONT}`,
      color: '#e8edf3',
      gap: 26 * s,
    })
  return lines
}

/** Title, phase and key figures, top left. Returns the block's rectangle. */
function drawTitleBlock(ctx: CanvasRenderingContext2D, f: Frame, input: OverlayInput): Rect {
  const { s, m } = f
  const { stats } = input
  const lines = titleLines(f, input)
  const figures: [string, string][] = input.parts.figures
    ? [
        ['GPUs', fmtInt(stats.gpus)],
        ['Racks', fmtInt(stats.racks)],
        ['IT power (est.)', fmtMw(stats.itPowerMw)],
        ['Facility (est.)', fmtMw(stats.facilityPowerMw)],
        ['BF16 dense', fmtEf(stats.bf16Exaflops)],
        ['H100 equivalents', fmtInt(stats.h100Equivalents)],
      ]
    : []
  let w = 0
  for (const l of lines) {
    ctx.font = l.font
    w = Math.max(w, ctx.measureText(l.text).width)
  }
  const colW = 150 * s
  w = Math.max(w, figures.length > 0 ? colW * 3 : 0) + 36 * s
  const figRows = Math.ceil(figures.length / 3)
  const h = lines.reduce((a, l) => a + l.gap, 0) + figRows * 50 * s + 22 * s
  panel(ctx, m, m, w, h, s)
  let y = m + 14 * s
  ctx.textAlign = 'left'
  for (const l of lines) {
    y += l.gap
    ctx.font = l.font
    ctx.fillStyle = l.color
    ctx.fillText(l.text, m + 18 * s, y - 8 * s)
  }
  figures.forEach(([label, value], k) => {
    const x = m + 18 * s + (k % 3) * colW
    const fy = y + Math.floor(k / 3) * 50 * s
    ctx.font = `600 ${11 * s}px ${FONT}`
    ctx.fillStyle = '#9aa7b7'
    ctx.fillText(label.toUpperCase(), x, fy + 14 * s)
    ctx.font = `700 ${(k === 0 ? 24 : 20) * s}px ${FONT}`
    ctx.fillStyle = '#ffffff'
    ctx.fillText(value, x, fy + 38 * s)
  })
  return { x: m, y: m, width: w, height: h }
}

/** The legend of the current colour mode, top right. Returns its rectangle. */
function drawLegend(ctx: CanvasRenderingContext2D, f: Frame, input: OverlayInput): Rect {
  const { s, m } = f
  const legend = legendFor(input.layout, input.colorMode, input.phaseIndex)
  const w = 320 * s
  const rowH = 24 * s
  // The power legend names its workload scenario on a row of its own.
  const rows = legend.mode === 'power' ? legend.present.length + 1 : legend.swatches.length
  const h = 44 * s + rows * rowH + (legend.mode === 'power' ? 40 * s : 0)
  const x = f.width - m - w
  panel(ctx, x, m, w, h, s)
  ctx.textAlign = 'left'
  ctx.font = `600 ${12 * s}px ${FONT}`
  ctx.fillStyle = '#9aa7b7'
  ctx.fillText(legend.title.toUpperCase(), x + 16 * s, m + 26 * s)
  let y = m + 40 * s
  const right = x + w - 16 * s
  if (legend.mode === 'power') {
    drawPowerRamp(ctx, legend, x + 16 * s, y, w - 32 * s, s)
    y += 40 * s
    for (const p of legend.present) {
      drawSwatch(ctx, x + 16 * s, y, s, p.color, `${p.kw} kW per rack`, `${fmtInt(p.racks)} racks`, right)
      y += rowH
    }
    ctx.font = `400 ${11 * s}px ${FONT}`
    ctx.fillStyle = '#9aa7b7'
    ctx.textAlign = 'left'
    ctx.fillText(powerScenarioLabel(legend), x + 16 * s, y + 14 * s, w - 32 * s)
  } else {
    for (const sw of legend.swatches) {
      drawSwatch(ctx, x + 16 * s, y, s, sw.color, sw.label, `${fmtInt(sw.gpus)} GPUs`, right)
      y += rowH
    }
  }
  return { x, y: m, width: w, height: h }
}

/** The power colour ramp with its kW ticks and a mark at each rack power present. */
function drawPowerRamp(
  ctx: CanvasRenderingContext2D,
  legend: PowerLegend,
  rx: number,
  y: number,
  rw: number,
  s: number,
): void {
  const xAt = (kw: number) => rx + ((kw - legend.minKw) / (legend.maxKw - legend.minKw)) * rw
  const grad = ctx.createLinearGradient(rx, 0, rx + rw, 0)
  legend.stops.forEach((c, k) => {
    grad.addColorStop(k / (legend.stops.length - 1), c)
  })
  ctx.fillStyle = grad
  ctx.fillRect(rx, y, rw, 12 * s)
  ctx.font = `400 ${11 * s}px ${FONT}`
  ctx.fillStyle = '#9aa7b7'
  ctx.textAlign = 'center'
  for (const t of legend.ticksKw) ctx.fillText(String(t), xAt(t), y + 28 * s)
  ctx.fillStyle = '#ffffff'
  for (const p of legend.present) ctx.fillRect(xAt(p.kw) - 1 * s, y - 3 * s, 2 * s, 18 * s)
}

/** Scale bar and north arrow, bottom right. Returns the rectangle of its backdrop. */
function drawScaleBar(ctx: CanvasRenderingContext2D, f: Frame, view: ViewSnapshot): Rect {
  const { s, m } = f
  const { metres, px } = scaleBarLength(view.metresPerPixel, 180 * s)
  const x1 = f.width - m
  // Its backdrop's bottom edge stands `m` above the image's, as the source line's does.
  const y1 = f.height - m - 28 * s
  // A backdrop of its own, so bar, label and arrow read on a white floor as on dark ground.
  const back = { x: x1 - px - 62 * s, y: y1 - 30 * s, width: px + 72 * s, height: 58 * s }
  panel(ctx, back.x, back.y, back.width, back.height, s)
  ctx.strokeStyle = '#ffffff'
  ctx.lineWidth = 2.5 * s
  ctx.beginPath()
  ctx.moveTo(x1 - px, y1 - 8 * s)
  ctx.lineTo(x1 - px, y1)
  ctx.lineTo(x1, y1)
  ctx.lineTo(x1, y1 - 8 * s)
  ctx.stroke()
  ctx.font = `600 ${13 * s}px ${FONT}`
  ctx.fillStyle = '#ffffff'
  ctx.textAlign = 'right'
  ctx.fillText(fmtLength(metres), x1, y1 + 18 * s)
  // North arrow: turned against the heading, so it points to north on the image.
  ctx.save()
  ctx.translate(x1 - px - 40 * s, y1 - 4 * s)
  ctx.rotate((-view.headingDeg * Math.PI) / 180)
  ctx.fillStyle = '#ff6b5a'
  ctx.beginPath()
  ctx.moveTo(0, -16 * s)
  ctx.lineTo(7 * s, 4 * s)
  ctx.lineTo(0, 0)
  ctx.lineTo(-7 * s, 4 * s)
  ctx.closePath()
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.font = `700 ${11 * s}px ${FONT}`
  ctx.textAlign = 'center'
  ctx.fillText('N', 0, 18 * s)
  ctx.restore()
  return back
}

/**
 * The phase's source titles and the estimate note, bottom left, on a backdrop of its own (so the
 * line reads on a white yard as on dark ground), cut to fit left of `bar` (the scale bar's
 * backdrop) when there is one. Returns the backdrop's rectangle, which the site labels keep clear of.
 */
function drawSourceLine(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  input: OverlayInput,
  bar: Rect | null,
): Rect {
  const { s, m } = f
  const { layout } = input
  const cfg = layout.config.phases[input.phaseIndex]!
  const titles = (cfg.sources ?? [])
    .map((id) => layout.config.sources.find((src) => src.id === id)?.title)
    .filter((t): t is string => Boolean(t))
  const text = `Sources: ${titles.join('; ') || 'see layout'}. Power and hall layout are estimates (est.). Made with Colossus Explorer.`
  ctx.font = `400 ${12 * s}px ${FONT}`
  const pad = 10 * s
  const maxW = (bar ? bar.x - 12 * s : f.width - m) - m - 2 * pad
  let line = text
  while (ctx.measureText(line).width > maxW && line.length > 20) line = `${line.slice(0, -2)}`
  if (line !== text) line = `${line.slice(0, -1)}…`
  const h = 28 * s
  const back = { x: m, y: f.height - m - h, width: ctx.measureText(line).width + 2 * pad, height: h }
  panel(ctx, back.x, back.y, back.width, back.height, s)
  ctx.textAlign = 'left'
  ctx.fillStyle = 'rgba(232, 237, 243, 0.85)'
  // A baseline that about centres the capitals (0.73 of the size in Inter) in the backdrop.
  ctx.fillText(line, m + pad, f.height - m - 10 * s)
  return back
}

function drawSwatch(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  s: number,
  color: string,
  label: string,
  count: string,
  right: number,
): void {
  ctx.fillStyle = color
  roundRect(ctx, x, y, 15 * s, 15 * s, 3 * s)
  ctx.fill()
  ctx.textAlign = 'left'
  ctx.font = `400 ${14 * s}px ${FONT}`
  ctx.fillStyle = '#e8edf3'
  ctx.fillText(label, x + 24 * s, y + 12.5 * s)
  ctx.textAlign = 'right'
  ctx.font = `400 ${12 * s}px ${FONT}`
  ctx.fillStyle = '#9aa7b7'
  ctx.fillText(count, right, y + 12.5 * s)
}
