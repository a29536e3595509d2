/** #12.8: layouts with many sites keep a preset for every site and labels that never overlap. */
import { describe, expect, it } from 'vitest'
import { parseViewParams } from '../../src/app/urlState'
import { cameraPresets } from '../../src/domain/camera'
import { declutterLabels, labelCorner } from '../../src/domain/labels'
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
