/**
 * The overlay burned into stills and video frames: title, phase and date, key figures, the
 * legend of the current colour mode (from the same legendFor the screen uses), site labels,
 * a scale bar with a north arrow, and a source line. Drawn with the shipped Inter font on a
 * 2D canvas, scaled to the image so it reads the same at 720p and 8K.
 */
import { type PerspectiveCamera, Vector3 } from 'three'
import { type ColorMode, legendFor } from '../domain/color/colorModes'
import { siteLabelAnchors } from '../domain/labels'
import type { Layout } from '../domain/layout/buildLayout'
import type { RevealStats } from '../domain/timeline/timeline'
import { fmtDate, fmtEf, fmtInt, fmtMw } from '../ui/format'

/** Which parts of the overlay to draw. */
export interface OverlayParts {
  title: boolean
  phase: boolean
  figures: boolean
  legend: boolean
  labels: boolean
  scaleBar: boolean
  sources: boolean
}

/** Every part on. */
export const ALL_OVERLAY_PARTS: OverlayParts = {
  title: true,
  phase: true,
  figures: true,
  legend: true,
  labels: true,
  scaleBar: true,
  sources: true,
}

/** What the overlay shows. */
export interface OverlayInput {
  layout: Layout
  phaseIndex: number
  colorMode: ColorMode
  /** Totals to show (at the current point of the build). */
  stats: RevealStats
  camera: PerspectiveCamera
  /** Orbit target, for the scale bar. */
  target: Vector3
  parts: OverlayParts
}

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

const _v = new Vector3()

/** Draws the overlay onto a canvas of width × height. */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  input: OverlayInput,
): void {
  const { layout, phaseIndex, colorMode, stats, camera, parts } = input
  const s = Math.max(0.5, Math.min(width / 1920, height / 1080)) * 1.15
  const m = 28 * s
  const phase = layout.phases[phaseIndex]!
  ctx.save()
  ctx.textBaseline = 'alphabetic'

  // Site labels.
  if (parts.labels) {
    ctx.font = `700 ${15 * s}px ${FONT}`
    for (const a of siteLabelAnchors(layout, phaseIndex)) {
      _v.set(...a.position).project(camera)
      if (_v.z > 1 || Math.abs(_v.x) > 1.1 || Math.abs(_v.y) > 1.1) continue
      const x = ((_v.x + 1) / 2) * width
      const y = ((1 - _v.y) / 2) * height
      const line2 = a.gpus > 0 ? `${fmtInt(a.gpus)} GPUs` : 'not yet built'
      ctx.font = `700 ${15 * s}px ${FONT}`
      const w1 = ctx.measureText(a.name).width
      ctx.font = `400 ${12 * s}px ${FONT}`
      const w2 = ctx.measureText(line2).width
      const w = Math.max(w1, w2) + 20 * s
      const h = 44 * s
      panel(ctx, x - w / 2, y - h, w, h, s)
      ctx.textAlign = 'center'
      ctx.fillStyle = '#ffffff'
      ctx.font = `700 ${15 * s}px ${FONT}`
      ctx.fillText(a.name, x, y - h + 19 * s)
      ctx.fillStyle = '#9aa7b7'
      ctx.font = `400 ${12 * s}px ${FONT}`
      ctx.fillText(line2, x, y - h + 36 * s)
    }
  }

  // Title, phase and figures, top left.
  if (parts.title || parts.phase || parts.figures) {
    const lines: { text: string; font: string; color: string; gap: number }[] = []
    if (parts.title) {
      lines.push({
        text: 'COLOSSUS EXPLORER',
        font: `700 ${13 * s}px ${FONT}`,
        color: '#ffd84d',
        gap: 18 * s,
      })
      lines.push({ text: layout.config.name, font: `700 ${26 * s}px ${FONT}`, color: '#ffffff', gap: 32 * s })
    }
    if (parts.phase)
      lines.push({
        text: `${phase.name} · ${fmtDate(phase.date)}${phase.estimate ? ' (est.)' : ''}`,
        font: `600 ${18 * s}px ${FONT}`,
        color: '#e8edf3',
        gap: 26 * s,
      })
    const figures: [string, string][] = parts.figures
      ? [
          ['GPUs', fmtInt(stats.gpus)],
          ['Racks', fmtInt(stats.racks)],
          ['IT power (est.)', fmtMw(stats.itPowerMw)],
          ['Facility (est.)', fmtMw(stats.facilityPowerMw)],
          ['BF16 dense', fmtEf(stats.bf16Exaflops)],
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
      const col = k % 3
      const row = Math.floor(k / 3)
      const x = m + 18 * s + col * colW
      const fy = y + row * 50 * s
      ctx.font = `600 ${11 * s}px ${FONT}`
      ctx.fillStyle = '#9aa7b7'
      ctx.fillText(label.toUpperCase(), x, fy + 14 * s)
      ctx.font = `700 ${(k === 0 ? 24 : 20) * s}px ${FONT}`
      ctx.fillStyle = '#ffffff'
      ctx.fillText(value, x, fy + 38 * s)
    })
  }

  // Legend, top right.
  if (parts.legend) {
    const legend = legendFor(layout, colorMode, phaseIndex)
    const w = 320 * s
    const rowH = 24 * s
    const rows = legend.mode === 'power' ? legend.present.length : legend.swatches.length
    const h = 44 * s + rows * rowH + (legend.mode === 'power' ? 40 * s : 0)
    const x = width - m - w
    panel(ctx, x, m, w, h, s)
    ctx.textAlign = 'left'
    ctx.font = `600 ${12 * s}px ${FONT}`
    ctx.fillStyle = '#9aa7b7'
    ctx.fillText(legend.title.toUpperCase(), x + 16 * s, m + 26 * s)
    let y = m + 40 * s
    if (legend.mode === 'power') {
      const rx = x + 16 * s
      const rw = w - 32 * s
      const grad = ctx.createLinearGradient(rx, 0, rx + rw, 0)
      legend.stops.forEach((c, k) => {
        grad.addColorStop(k / (legend.stops.length - 1), c)
      })
      ctx.fillStyle = grad
      ctx.fillRect(rx, y, rw, 12 * s)
      ctx.font = `400 ${11 * s}px ${FONT}`
      ctx.fillStyle = '#9aa7b7'
      for (const t of legend.ticksKw) {
        const tx = rx + ((t - legend.minKw) / (legend.maxKw - legend.minKw)) * rw
        ctx.textAlign = 'center'
        ctx.fillText(String(t), tx, y + 28 * s)
      }
      for (const p of legend.present) {
        const tx = rx + ((p.kw - legend.minKw) / (legend.maxKw - legend.minKw)) * rw
        ctx.fillStyle = '#ffffff'
        ctx.fillRect(tx - 1 * s, y - 3 * s, 2 * s, 18 * s)
      }
      y += 40 * s
      ctx.textAlign = 'left'
      for (const p of legend.present) {
        drawSwatch(
          ctx,
          x + 16 * s,
          y,
          s,
          p.color,
          `${p.kw} kW per rack`,
          `${fmtInt(p.racks)} racks`,
          x + w - 16 * s,
        )
        y += rowH
      }
    } else {
      for (const sw of legend.swatches) {
        drawSwatch(ctx, x + 16 * s, y, s, sw.color, sw.label, `${fmtInt(sw.gpus)} GPUs`, x + w - 16 * s)
        y += rowH
      }
    }
  }

  // Scale bar and north arrow, bottom right.
  if (parts.scaleBar) {
    const dist = camera.position.distanceTo(input.target)
    const mpp = (2 * dist * Math.tan(((camera.fov / 2) * Math.PI) / 180)) / height
    const maxPx = 180 * s
    let metres = 1
    for (let e = -1; e <= 5; e++)
      for (const n of [1, 2, 5]) if (n * 10 ** e * 1 <= mpp * maxPx) metres = n * 10 ** e
    const px = metres / mpp
    const x1 = width - m
    const y1 = height - m - 24 * s
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
    ctx.fillText(metres >= 1000 ? `${metres / 1000} km` : `${metres} m`, x1, y1 + 18 * s)
    // North arrow: the direction of -z on screen.
    camera.getWorldDirection(_v)
    const heading = Math.atan2(_v.x, -_v.z)
    const cx = x1 - px - 40 * s
    const cy = y1 - 4 * s
    ctx.save()
    ctx.translate(cx, cy)
    ctx.rotate(-heading)
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
  }

  // Source line, bottom left.
  if (parts.sources) {
    const cfg = layout.config.phases[phaseIndex]!
    const titles = (cfg.sources ?? [])
      .map((id) => layout.config.sources.find((src) => src.id === id)?.title)
      .filter((t): t is string => Boolean(t))
    const text = `Sources: ${titles.join('; ') || 'see layout'}. Power and hall layout are estimates (est.). Made with Colossus Explorer.`
    ctx.font = `400 ${12 * s}px ${FONT}`
    ctx.textAlign = 'left'
    ctx.fillStyle = 'rgba(232, 237, 243, 0.85)'
    const maxW = width - 2 * m - 260 * s
    let line = text
    while (ctx.measureText(line).width > maxW && line.length > 20) line = `${line.slice(0, -2)}`
    if (line !== text) line = `${line.slice(0, -1)}…`
    ctx.fillText(line, m, height - m)
  }
  ctx.restore()
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
