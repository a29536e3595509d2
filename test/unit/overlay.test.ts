/**
 * The burned-in overlay of stills (issue 11, composition): no site label is hidden, even in
 * part, under the title block, the legend or the scale bar. drawOverlay paints on a recording
 * 2D context here: every rounded panel it fills is kept with the text drawn in it.
 */
import { PerspectiveCamera } from 'three'
import { describe, expect, it } from 'vitest'
import { presetPose, VERTICAL_FOV_DEG } from '../../src/domain/camera'
import { labelCorner, type Rect, siteLabelAnchors } from '../../src/domain/labels'
import { buildPrefix, statsAtReveal } from '../../src/domain/timeline/timeline'
import { describeView, emptyView, projectToScreen } from '../../src/domain/view'
import { drawOverlay, type OverlayInput, overlayScale } from '../../src/export/overlay'
import { ALL_OVERLAY_PARTS } from '../../src/state/exportApi'
import { defaultLayout } from '../fixtures'

interface Panel extends Rect {
  /** The text drawn after the panel was filled, until the next panel. */
  texts: string[]
}

/** A fill with a flat colour: a rounded panel (radius r) or a rectangle (r = 0). */
interface Fill extends Rect {
  r: number
  color: string
}

/** A text drawn: where its anchor is, its font size, alignment and colour, and the fills before it. */
interface DrawnText {
  text: string
  x: number
  y: number
  size: number
  width: number
  align: string
  color: string
  fillsBefore: number
}

/** The size of a CSS font string, px. */
const fontPx = (font: string) => Number.parseFloat(/([\d.]+)px/.exec(font)![1]!)

/**
 * A 2D context that records the rounded panels drawn (roundRect: a moveTo and four arcTo with
 * radius r) and the text drawn after each, and every flat-coloured fill and text with its colour
 * (so the tests can composite what lies behind a text). Text is measured as 0.55 of the font
 * size a character. Gradients are recorded as no fill: what lies behind is then lighter, not darker.
 */
function recordingContext(): {
  ctx: CanvasRenderingContext2D
  panels: Panel[]
  fills: Fill[]
  texts: DrawnText[]
} {
  const panels: Panel[] = []
  const fills: Fill[] = []
  const texts: DrawnText[] = []
  let move = { x: 0, y: 0 }
  let arcs: number[][] = []
  const state: Record<string, unknown> = { font: '10px sans-serif', fillStyle: '#000000', textAlign: 'start' }
  const saved: Record<string, unknown>[] = []
  const color = () => (typeof state.fillStyle === 'string' ? state.fillStyle : null)
  const measure = (text: string) => text.length * 0.55 * fontPx(state.font as string)
  const target = {
    save() {
      saved.push({ ...state })
    },
    restore() {
      Object.assign(state, saved.pop())
    },
    beginPath() {
      arcs = []
    },
    moveTo(x: number, y: number) {
      move = { x, y }
    },
    arcTo(...a: number[]) {
      arcs.push(a)
    },
    fill() {
      if (arcs.length !== 4) return
      const r = arcs[0]![4]!
      const x = move.x - r
      const rect = { x, y: move.y, width: arcs[0]![0]! - x, height: arcs[1]![1]! - move.y }
      panels.push({ ...rect, texts: [] })
      const c = color()
      if (c) fills.push({ ...rect, r, color: c })
    },
    fillRect(x: number, y: number, width: number, height: number) {
      const c = color()
      if (c) fills.push({ x, y, width, height, r: 0, color: c })
    },
    fillText(text: string, x: number, y: number) {
      panels.at(-1)?.texts.push(text)
      const size = fontPx(state.font as string)
      const align = state.textAlign as string
      texts.push({
        text,
        x,
        y,
        size,
        width: measure(text),
        align,
        color: color() ?? '',
        fillsBefore: fills.length,
      })
    },
    measureText(text: string) {
      return { width: measure(text) }
    },
    createLinearGradient: () => ({ addColorStop() {} }),
  }
  const ctx = new Proxy(target, {
    get: (t, k) => (k in t ? t[k as keyof typeof t] : k in state ? state[k as string] : () => undefined),
    set: (_t, k, v) => {
      state[k as string] = v
      return true
    },
  }) as unknown as CanvasRenderingContext2D
  return { ctx, panels, fills, texts }
}

const layout = defaultLayout()
const LAST = layout.phases.length - 1

/**
 * The overlay input of preset `id` at the last phase, on a `width` × `height` image; with `aim`,
 * the camera turned to the site's label anchor and the image shifted to put it at (x, y).
 */
function inputAt(
  id: string,
  width: number,
  height: number,
  aim?: { site: string; x: number; y: number },
): OverlayInput {
  const pose = presetPose(layout, id, width / height, -1, LAST)!
  const camera = new PerspectiveCamera(VERTICAL_FOV_DEG, width / height, 0.3, 20000)
  camera.position.set(...pose.position)
  camera.lookAt(...pose.target)
  if (aim) {
    camera.lookAt(...siteLabelAnchors(layout, LAST).find((a) => a.name === aim.site)!.position)
    camera.setViewOffset(width, height, width / 2 - aim.x, height / 2 - aim.y, width, height)
  }
  camera.updateMatrixWorld()
  camera.updateProjectionMatrix()
  const view = describeView(
    {
      world: camera.matrixWorld.elements,
      worldInverse: camera.matrixWorldInverse.elements,
      projection: camera.projectionMatrix.elements,
      fovDeg: camera.fov,
    },
    pose.target,
    width,
    height,
    emptyView(),
  )
  const stats = statsAtReveal(layout, buildPrefix(layout), LAST)
  return { layout, phaseIndex: LAST, colorMode: 'generation', stats, view, parts: ALL_OVERLAY_PARTS }
}

const hits = (a: Rect, b: Rect) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 &&
  Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5

describe('site labels of a still clear of its title block, legend and scale bar', () => {
  for (const [id, width, height] of [
    ['site:C2', 1280, 720],
    ['site:C2', 3840, 2160],
    ['campus', 1280, 720],
    ['campus', 3840, 2160],
    ['site:C1', 1080, 1080],
    ['campus', 1080, 1920],
  ] as const)
    it(`${id} at ${width}×${height}`, () => {
      const input = inputAt(id, width, height)
      const { ctx, panels } = recordingContext()
      drawOverlay(ctx, width, height, input)
      const names = new Set(layout.sites.map((s) => s.name))
      const labels = panels.filter((p) => names.has(p.texts[0] ?? ''))
      const source = panels.find((p) => p.texts[0]?.startsWith('Sources:'))
      const blocks = panels.filter(
        (p) => !labels.includes(p) && p !== source && p.width > 60 * (width / 1920),
      )
      expect(blocks.length, 'title block, legend and scale bar').toBe(3)
      expect(source, "the source line's backdrop").toBeDefined()
      for (const l of labels) {
        for (const b of [...blocks, source!])
          expect(hits(l, b), `${l.texts[0]} under "${b.texts[0]}"`).toBe(false)
        expect(l.x, `${l.texts[0]} inside the image`).toBeGreaterThanOrEqual(0)
        expect(l.x + l.width).toBeLessThanOrEqual(width)
      }
    })

  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
    [1080, 1920],
  ] as const)
    it(`a label whose site is on the source line, at ${width}×${height}, is moved off its backdrop, a gap away`, () => {
      const s = Math.min(width / 1920, height / 1080)
      // Colossus 2's anchor just above the source line's text, left of the scale bar.
      const input = inputAt('campus', width, height, { site: 'Colossus 2', x: 300 * s, y: height - 40 * s })
      const { ctx, panels } = recordingContext()
      drawOverlay(ctx, width, height, input)
      const source = panels.find((p) => p.texts[0]?.startsWith('Sources:'))!
      const c2 = panels.find((p) => p.texts[0] === 'Colossus 2')
      expect(c2, 'Colossus 2 is drawn').toBeDefined()
      const at = {
        x: 300 * s - c2!.width / 2,
        y: height - 40 * s - c2!.height,
        width: c2!.width,
        height: c2!.height,
      }
      expect(hits(at, source), 'the case arises').toBe(true)
      // Off the whole backdrop with the gap a moved label keeps (6 units of the overlay's
      // scale): a block rectangle round the text alone would leave it touching the backdrop.
      const gap = 5 * 1.15 * s
      const grown = {
        x: source.x - gap,
        y: source.y - gap,
        width: source.width + 2 * gap,
        height: source.height + 2 * gap,
      }
      expect(hits(c2!, grown)).toBe(false)
    })

  it('at site:C2, 1280×720, Colossus 1 stands where the title block is, and is moved out, not dropped', () => {
    const input = inputAt('site:C2', 1280, 720)
    const { ctx, panels } = recordingContext()
    drawOverlay(ctx, 1280, 720, input)
    const title = panels.find((p) => p.texts.includes('COLOSSUS EXPLORER'))!
    const c1 = siteLabelAnchors(layout, LAST).find((a) => a.name === 'Colossus 1')!
    const p = projectToScreen(input.view, ...c1.position, { x: 0, y: 0 })!
    // Where the label would stand with no title block (its size as drawn, from the panel).
    const drawn = panels.find((q) => q.texts[0] === 'Colossus 1')
    expect(drawn, 'Colossus 1 is drawn').toBeDefined()
    const at = labelCorner(p.x, p.y, drawn!.width, drawn!.height, 1280, 4, { x: 0, y: 0 })
    expect(hits({ ...at, width: drawn!.width, height: drawn!.height }, title), 'the case arises').toBe(true)
    expect(hits(drawn!, title)).toBe(false)
  })
})

/** An sRGB colour with alpha, channels 0–1, from "#rrggbb", "rgb(…)" or "rgba(…)". */
function parseColor(c: string): [number, number, number, number] {
  const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(c)
  if (hex)
    return [...hex.slice(1, 4).map((h) => Number.parseInt(h, 16) / 255), 1] as [
      number,
      number,
      number,
      number,
    ]
  const fn = /^rgba?\(([^)]*)\)$/.exec(c)
  if (!fn) throw new Error(`colour ${c}`)
  const [r, g, b, a = 1] = fn[1]!.split(',').map(Number)
  return [r! / 255, g! / 255, b! / 255, a]
}

/** `top` (with its alpha) over the opaque `under`. */
const over = (top: readonly number[], under: readonly number[]) =>
  [0, 1, 2].map((k) => top[k]! * top[3]! + under[k]! * (1 - top[3]!))

/** WCAG relative luminance of an sRGB colour. */
const luminance = (c: readonly number[]) => {
  const lin = c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!
}

/** Whether the point is inside the fill (a rounded rectangle's corners cut to their arcs). */
function inside(f: Fill, px: number, py: number): boolean {
  if (px < f.x || px > f.x + f.width || py < f.y || py > f.y + f.height) return false
  const cx = Math.min(Math.max(px, f.x + f.r), f.x + f.width - f.r)
  const cy = Math.min(Math.max(py, f.y + f.r), f.y + f.height - f.r)
  return (px - cx) ** 2 + (py - cy) ** 2 <= f.r ** 2
}

/**
 * The lowest WCAG contrast between a text and what is behind it, over a grid of points across
 * its box (cap height to descenders), the fills drawn before it composited over `scene`.
 */
function lowestContrast(t: DrawnText, fills: readonly Fill[], scene: readonly number[]): number {
  const left =
    t.align === 'right' || t.align === 'end' ? t.x - t.width : t.align === 'center' ? t.x - t.width / 2 : t.x
  const ink = parseColor(t.color)
  let lowest = Number.POSITIVE_INFINITY
  for (let i = 0; i <= 10; i++)
    for (let j = 0; j <= 4; j++) {
      const px = left + (i / 10) * t.width
      const py = t.y - 0.75 * t.size + (j / 4) * t.size
      let back = [...scene]
      for (const f of fills.slice(0, t.fillsBefore))
        if (inside(f, px, py)) back = over(parseColor(f.color), back)
      const a = luminance(over(ink, back))
      const b = luminance(back)
      lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05))
    }
  return lowest
}

const WHITE = [1, 1, 1]

describe('the overlay at every shape of still', () => {
  const largestText = (texts: readonly DrawnText[]) => Math.max(...texts.map((t) => t.size))
  const drawn = (width: number, height: number, colorMode: OverlayInput['colorMode']) => {
    const { ctx, panels, texts } = recordingContext()
    drawOverlay(ctx, width, height, { ...inputAt('campus', width, height), colorMode })
    const names = new Set(layout.sites.map((x) => x.name))
    // The blocks: panels big enough to hold text (legend swatches and such are smaller).
    const big = 60 * overlayScale(width, height)
    return { blocks: panels.filter((p) => !names.has(p.texts[0] ?? '') && p.width > big), texts }
  }
  const reference = largestText(drawn(1920, 1080, 'generation').texts)

  for (const [width, height] of [
    [1440, 1080],
    [1080, 1080],
    [1080, 1350],
    [1080, 1920],
    [720, 1280],
    [2160, 3840],
  ] as const)
    for (const colorMode of ['generation', 'power'] as const)
      it(`${width}×${height}, ${colorMode}: text as large as on a 16:9 still of that short side; blocks apart and inside`, () => {
        const { blocks, texts } = drawn(width, height, colorMode)
        const side = Math.min(width, height)
        expect(largestText(texts)).toBeCloseTo((reference * side) / 1080, 1)
        expect(blocks.length, 'title block, legend, scale bar, source line').toBe(4)
        for (const [i, a] of blocks.entries()) {
          expect(a.x, `"${a.texts[0]}" inside`).toBeGreaterThanOrEqual(0)
          expect(a.y).toBeGreaterThanOrEqual(0)
          expect(a.x + a.width).toBeLessThanOrEqual(width)
          expect(a.y + a.height).toBeLessThanOrEqual(height)
          for (const b of blocks.slice(i + 1))
            expect(hits(a, b), `"${a.texts[0]}" on "${b.texts[0]}"`).toBe(false)
        }
      })

  it('never shrinks below half', () => {
    expect(largestText(drawn(320, 180, 'generation').texts)).toBeCloseTo(reference / 2, 1)
  })
})

describe('the source line of a still reads on any ground', () => {
  const sizes = [
    ['site:C2', 1920, 1080],
    ['site:C2', 1280, 720],
    ['campus', 3840, 2160],
    ['campus', 1080, 1920],
    ['site:C1', 1080, 1080],
  ] as const

  for (const [id, width, height] of sizes)
    it(`${id} at ${width}×${height}: contrast ≥ 4.5:1 over a white scene, on a backdrop clear of the scale bar`, () => {
      const { ctx, panels, fills, texts } = recordingContext()
      drawOverlay(ctx, width, height, inputAt(id, width, height))
      const line = texts.find((t) => t.text.startsWith('Sources:'))
      expect(line, 'the source line is drawn').toBeDefined()
      // A white scene is the worst case for light text on a translucent dark backdrop.
      expect(lowestContrast(line!, fills, WHITE)).toBeGreaterThanOrEqual(4.5)
      const back = panels.find((p) => p.texts[0]?.startsWith('Sources:'))
      expect(back, 'the source line has a backdrop').toBeDefined()
      const bar = panels.find((p) => /^[\d.,]+ (m|km)$/.test(p.texts[0] ?? ''))
      expect(bar, 'the scale bar is drawn').toBeDefined()
      expect(hits(back!, bar!), 'the backdrop is clear of the scale bar').toBe(false)
      expect(back!.x).toBeGreaterThanOrEqual(0)
      expect(back!.y + back!.height).toBeLessThanOrEqual(height)
    })

  it('its backdrop scales with the image: the same shape to the text at every size', () => {
    const shapes = sizes.map(([id, width, height]) => {
      const { ctx, panels, texts } = recordingContext()
      drawOverlay(ctx, width, height, inputAt(id, width, height))
      const line = texts.find((t) => t.text.startsWith('Sources:'))!
      const back = panels.find((p) => p.texts[0]?.startsWith('Sources:'))!
      // Height, and the room around the text, in font sizes.
      return [back.height, line.x - back.x, back.y + back.height - line.y].map((v) => v / line.size)
    })
    for (const shape of shapes.slice(1))
      for (const [k, v] of shape.entries()) expect(v).toBeCloseTo(shapes[0]![k]!, 6)
  })
})
