/** #12.8: layouts with many sites keep a preset for every site and labels that never overlap. */
import { describe, expect, it } from 'vitest'
import { parseViewParams } from '../../src/app/urlState'
import { cameraPresets } from '../../src/domain/camera'
import { declutterLabels, labelClearOf, labelCorner } from '../../src/domain/labels'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import { accepted, defaultLayout, defaultLayoutJson } from '../fixtures'

/** The default layout with its first site copied `extra` times, each 2 km further east. */
function withSites(extra: number) {
  const data = defaultLayoutJson() as { sites: { id: string; name: string; positionM: [number, number] }[] }
  const first = data.sites[0]!
  for (let k = 1; k <= extra; k++) {
    const copy = JSON.parse(JSON.stringify(first).replaceAll(`"${first.id}`, `"X${k}${first.id}`))
    copy.name = `Copy ${k}`
    copy.positionM = [first.positionM[0] + 2000 * k, first.positionM[1] + 3000]
    // Plant ids are prefixed too (the replace above); phases do not name the copies' halls.
    data.sites.push(copy)
  }
  return buildLayout(accepted(data))
}

describe('#12.8 many sites', () => {
  it('with three sites every preset keeps its key, as before', () => {
    expect(cameraPresets(defaultLayout()).map((p) => `${p.key}:${p.id}`)).toEqual([
      '1:campus',
      '2:site:C1',
      '3:site:C2',
      '4:site:SH',
      '5:hall',
      '6:rack',
    ])
  })

  it('with ten sites every site has a preset; campus, six sites, hall and rack keep keys 1-9', () => {
    const layout = withSites(7)
    const presets = cameraPresets(layout)
    expect(presets).toHaveLength(1 + 10 + 2)
    for (const s of layout.sites) expect(presets.some((p) => p.id === `site:${s.id}`)).toBe(true)
    const keyed = presets.filter((p) => p.key !== '')
    expect(keyed.map((p) => p.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(keyed.find((p) => p.key === '8')!.id).toBe('hall')
    expect(keyed.find((p) => p.key === '9')!.id).toBe('rack')
    const last = layout.sites[layout.sites.length - 1]!
    expect(parseViewParams(`?cam=site:${last.id}`, layout)).toEqual({
      view: { camera: { preset: `site:${last.id}` } },
      problems: [],
    })
  })

  it('labels never overlap: the larger site keeps its label', () => {
    const box = (x: number, y: number, priority: number) => ({ x, y, width: 100, height: 30, priority })
    expect(declutterLabels([box(0, 0, 1), box(50, 10, 5), box(300, 0, 0)])).toEqual([false, true, true])
    expect(declutterLabels([box(0, 0, 1), box(0, 40, 1)])).toEqual([true, true])
    expect(declutterLabels([box(0, 0, 1), box(0, 32, 1)], 4)).toEqual([true, false])
  })
})

describe('site labels at the edges of the view', () => {
  const at = (x: number, y: number) => labelCorner(x, y, 100, 40, 640, 4, { x: 0, y: 0 })
  it('stand above their anchor, centred, where there is room', () => {
    expect(at(320, 200)).toEqual({ x: 270, y: 160 })
  })
  it('stay whole inside the view near its top and sides (a small embed)', () => {
    expect(at(320, 10)).toEqual({ x: 270, y: 4 })
    expect(at(10, 200)).toEqual({ x: 4, y: 160 })
    expect(at(635, 200)).toEqual({ x: 536, y: 160 })
    // A site below the view is not pulled up into it.
    expect(at(320, 400)).toEqual({ x: 270, y: 360 })
  })
})

describe('site labels clear of the blocks of a still overlay (title, legend, scale bar)', () => {
  // A 640 × 360 image; the title block top left, the legend top right, the scale bar bottom right.
  const title = { x: 0, y: 0, width: 300, height: 150 }
  const legend = { x: 440, y: 0, width: 200, height: 200 }
  const scaleBar = { x: 520, y: 300, width: 120, height: 60 }
  const blocks = [title, legend, scaleBar]
  const place = (x: number, y: number, w = 100, h = 40, within = blocks) =>
    labelClearOf({ x, y, width: w, height: h }, within, 640, 360, 4, 4, { x: 0, y: 0 })

  it('stays where it stands when it is clear of every block', () => {
    expect(place(320, 200)).toEqual({ x: 320, y: 200 })
    // Off the bottom of the image (a site below the view) but clear of the blocks: left as it is.
    expect(place(100, 340)).toEqual({ x: 100, y: 340 })
  })
  it('moves out from under the title block by the shortest way: beside it or below it', () => {
    // Its right half under the block's right edge: 44 px right beats 94 px down.
    expect(place(260, 60)).toEqual({ x: 304, y: 60 })
    // Its top just under the block's bottom: 34 px down beats 44+ px right.
    expect(place(120, 120)).toEqual({ x: 120, y: 154 })
  })
  it('never moves out of the image or into another block', () => {
    // Under the legend at the right edge: not to the right (off the image); 184 px down beats 194 px left.
    expect(place(530, 20)).toEqual({ x: 530, y: 204 })
    // Between the title and the legend there is no room for a 160 px label: it goes below both.
    const p = place(250, 10, 160)!
    expect(p.y).toBeGreaterThanOrEqual(150 + 4)
    for (const b of blocks)
      expect(
        p.x + 160 <= b.x || b.x + b.width <= p.x || p.y + 40 <= b.y || b.y + b.height <= p.y,
        `clear of ${JSON.stringify(b)}`,
      ).toBe(true)
    expect(p.x).toBeGreaterThanOrEqual(4)
    expect(p.x + 160).toBeLessThanOrEqual(636)
    // Under the scale bar: above it (not off the bottom of the image).
    expect(place(500, 310)).toEqual({ x: 500, y: 256 })
  })
  it('is dropped (null) when no place near its anchor is clear', () => {
    expect(place(100, 100, 100, 40, [{ x: 0, y: 0, width: 640, height: 360 }])).toBeNull()
  })
})
