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
import { drawOverlay, type OverlayInput } from '../../src/export/overlay'
import { ALL_OVERLAY_PARTS } from '../../src/state/exportApi'
import { defaultLayout } from '../fixtures'

interface Panel extends Rect {
  /** The text drawn after the panel was filled, until the next panel. */
  texts: string[]
}

/**
 * A 2D context that records the rounded panels drawn (roundRect: a moveTo and four arcTo with
 * radius r) and the text drawn after each. Text is measured as 0.55 of the font size a character.
 */
function recordingContext(): { ctx: CanvasRenderingContext2D; panels: Panel[] } {
  const panels: Panel[] = []
  let move = { x: 0, y: 0 }
  let arcs: number[][] = []
  let font = '10px sans-serif'
  const target = {
    get font() {
      return font
    },
    set font(f: string) {
      font = f
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
      panels.push({ x, y: move.y, width: arcs[0]![0]! - x, height: arcs[1]![1]! - move.y, texts: [] })
    },
    fillText(text: string) {
      panels.at(-1)?.texts.push(text)
    },
    measureText(text: string) {
      return { width: text.length * 0.55 * Number.parseFloat(/([\d.]+)px/.exec(font)![1]!) }
    },
    createLinearGradient: () => ({ addColorStop() {} }),
  }
  const ctx = new Proxy(target, {
    get: (t, k) => (k in t ? t[k as keyof typeof t] : () => undefined),
    set: (t, k, v) => {
      if (k === 'font') t.font = v
      return true
    },
  }) as unknown as CanvasRenderingContext2D
  return { ctx, panels }
}

const layout = defaultLayout()
const LAST = layout.phases.length - 1

/** The overlay input of preset `id` at the last phase, on a `width` × `height` image. */
function inputAt(id: string, width: number, height: number): OverlayInput {
  const pose = presetPose(layout, id, width / height, -1, LAST)!
  const camera = new PerspectiveCamera(VERTICAL_FOV_DEG, width / height, 0.3, 20000)
  camera.position.set(...pose.position)
  camera.lookAt(...pose.target)
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
      const blocks = panels.filter((p) => !labels.includes(p) && p.width > 60 * (width / 1920))
      expect(blocks.length, 'title block, legend and scale bar').toBe(3)
      for (const l of labels) {
        for (const b of blocks) expect(hits(l, b), `${l.texts[0]} under "${b.texts[0]}"`).toBe(false)
        expect(l.x, `${l.texts[0]} inside the image`).toBeGreaterThanOrEqual(0)
        expect(l.x + l.width).toBeLessThanOrEqual(width)
      }
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
