/**
 * The view in the URL: a shared link opens the same phase, colour mode, roof and camera, and a
 * bad parameter is refused with a message naming it while the rest of the link still applies.
 */
import { describe, expect, it } from 'vitest'
import { parseViewParams, viewToSearch } from '../../src/app/urlState'
import { layoutParamOf } from '../../src/app/urlSync'
import { cameraPresets } from '../../src/domain/camera'
import { COLOR_MODES, type ColorMode } from '../../src/domain/color/colorModes'
import { QUALITY_TIERS } from '../../src/domain/quality'
import type { RoofMode } from '../../src/state/store'
import { defaultLayout } from '../fixtures'

const layout = defaultLayout()
const parse = (search: string) => parseViewParams(search, layout)
const ROOFS: RoofMode[] = ['solid', 'faded', 'hidden']

describe('parseViewParams: valid values', () => {
  it('an empty query asks for nothing and has no problems', () => {
    expect(parse('')).toEqual({ view: {}, problems: [] })
    expect(parse('?')).toEqual({ view: {}, problems: [] })
  })

  it('phase ids map to their index', () => {
    layout.phases.forEach((p, i) => {
      expect(parse(`?phase=${p.id}`)).toEqual({ view: { phaseIndex: i }, problems: [] })
    })
  })

  it('every colour mode and roof mode is accepted', () => {
    for (const mode of COLOR_MODES) expect(parse(`?mode=${mode}`).view).toEqual({ colorMode: mode })
    for (const roof of ROOFS) expect(parse(`?roof=${roof}`).view).toEqual({ roofMode: roof })
  })

  it('every camera preset of the layout is accepted, with or without encoding', () => {
    for (const p of cameraPresets(layout)) {
      expect(parse(`?cam=${p.id}`)).toEqual({ view: { camera: { preset: p.id } }, problems: [] })
      expect(parse(`?cam=${encodeURIComponent(p.id)}`).view.camera).toEqual({ preset: p.id })
    }
  })

  it('a camera pose of six numbers is accepted', () => {
    expect(parse('?cam=100.5,250,-300,12,0,-4.25')).toEqual({
      view: { camera: { pose: { position: [100.5, 250, -300], target: [12, 0, -4.25] } } },
      problems: [],
    })
    // Encoded commas and spaces around numbers are fine.
    expect(parse('?cam=1%2C2%2C3%2C4%2C5%2C6').view.camera).toEqual({
      pose: { position: [1, 2, 3], target: [4, 5, 6] },
    })
    expect(parse('?cam=1,%202,3,4,5,6').view.camera).toEqual({
      pose: { position: [1, 2, 3], target: [4, 5, 6] },
    })
  })

  it('all parameters together', () => {
    const { view, problems } = parse('?phase=doubled&mode=power&roof=hidden&cam=site:C2')
    expect(problems).toEqual([])
    expect(view).toEqual({
      phaseIndex: 1,
      colorMode: 'power',
      roofMode: 'hidden',
      camera: { preset: 'site:C2' },
    })
  })

  it('unknown parameters are ignored', () => {
    expect(parse('?layout=mine.json&utm_source=x&foo=&phase=doubled')).toEqual({
      view: { phaseIndex: 1 },
      problems: [],
    })
  })
})

describe('parseViewParams: bad values', () => {
  const good = { phase: 'doubled', mode: 'phase', roof: 'solid', cam: 'hall' }
  const goodView = { phaseIndex: 1, colorMode: 'phase', roofMode: 'solid', camera: { preset: 'hall' } }
  const fieldOf = { phase: 'phaseIndex', mode: 'colorMode', roof: 'roofMode', cam: 'camera' } as const
  const bad: [keyof typeof good, string][] = [
    ['phase', 'colossus-9'],
    ['phase', '3'],
    ['phase', 'DOUBLED'],
    ['mode', 'rainbow'],
    ['mode', 'Power'],
    ['roof', 'glass'],
    ['cam', 'orbit'],
    ['cam', 'site:XX'],
    ['cam', '1,2,3'],
    ['cam', '1,2,3,4,5,x'],
  ]

  for (const [name, value] of bad) {
    it(`${name}=${value} is refused with a problem naming it; the other fields still apply`, () => {
      const params = new URLSearchParams({ ...good, [name]: value })
      const { view, problems } = parse(`?${params}`)
      expect(problems).toHaveLength(1)
      expect(problems[0]!.startsWith(`${name}:`)).toBe(true)
      expect(problems[0]).toContain(value)
      expect(view).not.toHaveProperty(fieldOf[name])
      const expected: Record<string, unknown> = { ...goodView }
      delete expected[fieldOf[name]]
      expect(view).toEqual(expected)
    })
  }

  it('the phase problem lists the phases the layout has', () => {
    const [problem] = parse('?phase=nope').problems
    for (const p of layout.phases) expect(problem).toContain(p.id)
  })

  it('a camera under or on the ground is refused', () => {
    for (const cam of ['10,-5,10,0,0,0', '10,0,10,0,0,0', '10,-0,10,0,0,0']) {
      const { view, problems } = parse(`?cam=${cam}&mode=power`)
      expect(view).toEqual({ colorMode: 'power' })
      expect(problems).toHaveLength(1)
      expect(problems[0]!.startsWith('cam:')).toBe(true)
      expect(problems[0]).toMatch(/ground/)
    }
    // Just above the ground is fine; a target below it is too (looking down into a pit is allowed).
    expect(parse('?cam=10,0.1,10,0,-3,0').view.camera).toEqual({
      pose: { position: [10, 0.1, 10], target: [0, -3, 0] },
    })
  })

  it('NaN, Infinity, empty parts and extra numbers are refused', () => {
    for (const cam of [
      'NaN,100,0,0,0,0',
      '0,Infinity,0,0,0,0',
      '0,100,0,0,0,-Infinity',
      '0,100,0,0,0,1e400',
      '0,100,,0,0,0',
      '0,100,0,0,0,',
      '0,100,0,0,0,0,0',
      '0,100,0,0,0,0,',
      ',,,,,',
    ]) {
      const { view, problems } = parse(`?cam=${encodeURIComponent(cam)}`)
      expect(view.camera, cam).toBeUndefined()
      expect(problems, cam).toHaveLength(1)
      expect(problems[0]!.startsWith('cam:')).toBe(true)
      expect(problems[0]).toContain(cam)
    }
  })

  it('coordinates beyond 100 km are refused', () => {
    expect(parse('?cam=100001,10,0,0,0,0').view.camera).toBeUndefined()
    expect(parse('?cam=0,10,0,0,0,-100001').problems).toHaveLength(1)
    // At the edge of the coordinate range, and within the controls' reach of its target.
    expect(parse('?cam=100000,10,0,99000,0,-100').view.camera).toEqual({
      pose: { position: [100000, 10, 0], target: [99000, 0, -100] },
    })
  })

  it('values longer than 200 characters are refused without echoing them', () => {
    const long = 'a'.repeat(201)
    for (const name of ['phase', 'mode', 'roof', 'cam']) {
      const other = name === 'roof' ? 'mode=power' : 'roof=faded'
      const { view, problems } = parse(`?${name}=${long}&${other}`)
      expect(problems).toHaveLength(1)
      expect(problems[0]!.startsWith(`${name}:`)).toBe(true)
      expect(problems[0]).toMatch(/200/)
      expect(problems[0]).not.toContain(long)
      expect(view).toEqual(name === 'roof' ? { colorMode: 'power' } : { roofMode: 'faded' })
    }
    // A camera pose of six small numbers written out too long is refused as well.
    const pose = ['1', '5', '0', '0', '0', '0'].map((d) => `${d}.${'0'.repeat(40)}`).join(',')
    expect(pose.length).toBeGreaterThan(200)
    const { view, problems } = parse(`?cam=${pose}`)
    expect(view.camera).toBeUndefined()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^cam: .*200/)
    // Exactly 200 characters is still fine.
    const fits = `1,5,0,0,0,${'0'.repeat(200 - 10)}`
    expect(fits).toHaveLength(200)
    expect(parse(`?cam=${fits}`).view.camera).toEqual({ pose: { position: [1, 5, 0], target: [0, 0, 0] } })
  })

  it('several bad parameters give one problem each', () => {
    const { view, problems } = parse('?phase=x&mode=y&roof=z&cam=w')
    expect(view).toEqual({})
    expect(problems.map((p) => p.split(':')[0])).toEqual(['phase', 'mode', 'roof', 'cam'])
  })
})

describe('viewToSearch', () => {
  const modes: ColorMode[] = [...COLOR_MODES]

  it('round-trips phase, mode, roof and preset through parseViewParams', () => {
    const presets = cameraPresets(layout).map((p) => p.id)
    layout.phases.forEach((phase, i) => {
      const colorMode = modes[i % modes.length]!
      const roofMode = ROOFS[i % ROOFS.length]!
      const preset = presets[i % presets.length]!
      const search = viewToSearch('', { phaseId: phase.id, colorMode, roofMode, camera: { preset } })
      expect(search.startsWith('?')).toBe(true)
      expect(parse(search)).toEqual({
        view: { phaseIndex: i, colorMode, roofMode, camera: { preset } },
        problems: [],
      })
    })
  })

  it('round-trips a camera pose rounded to 0.1 m', () => {
    const pose = {
      position: [123.456, 87.04, -311.96] as [number, number, number],
      target: [-0.04, 0, 42.251] as [number, number, number],
    }
    const search = viewToSearch('', {
      phaseId: 'doubled',
      colorMode: 'power',
      roofMode: 'faded',
      camera: { pose },
    })
    expect(search).toContain('cam=123.5,87,-312,0,0,42.3')
    const { view, problems } = parse(search)
    expect(problems).toEqual([])
    expect(view.camera).toEqual({ pose: { position: [123.5, 87, -312], target: [0, 0, 42.3] } })
    if (!view.camera || !('pose' in view.camera)) throw new Error('no pose')
    const back = [...view.camera.pose.position, ...view.camera.pose.target]
    const orig = [...pose.position, ...pose.target]
    back.forEach((v, k) => {
      expect(Math.abs(v - orig[k]!)).toBeLessThanOrEqual(0.05 + 1e-9)
    })
  })

  it('a camera just above the ground still round-trips', () => {
    const pose = {
      position: [10, 0.048, 20] as [number, number, number],
      target: [10, 0, 18.8] as [number, number, number],
    }
    const search = viewToSearch('', {
      phaseId: 'doubled',
      colorMode: 'power',
      roofMode: 'faded',
      camera: { pose },
    })
    const { view, problems } = parse(search)
    expect(problems).toEqual([])
    expect(view.camera).toBeDefined()
  })

  it('keeps parameters it does not own, and replaces its own', () => {
    const search = viewToSearch('?layout=x&phase=doubled&cam=hall&utm=a%20b', {
      phaseId: 'colossus-2-full',
      colorMode: 'generation',
      roofMode: 'hidden',
      camera: { preset: 'campus' },
    })
    const params = new URLSearchParams(search)
    expect(params.get('layout')).toBe('x')
    expect(params.get('utm')).toBe('a b')
    expect(params.getAll('phase')).toEqual(['colossus-2-full'])
    expect(params.getAll('cam')).toEqual(['campus'])
    expect(parse(search)).toEqual({
      view: { phaseIndex: 5, colorMode: 'generation', roofMode: 'hidden', camera: { preset: 'campus' } },
      problems: [],
    })
  })

  it('drops cam when there is no camera to record', () => {
    const search = viewToSearch('?cam=hall&layout=x', {
      phaseId: 'doubled',
      colorMode: 'phase',
      roofMode: 'solid',
      camera: null,
    })
    const params = new URLSearchParams(search)
    expect(params.has('cam')).toBe(false)
    expect(params.get('layout')).toBe('x')
  })

  it('writes readable presets and poses (no %3A or %2C)', () => {
    const s1 = viewToSearch('', {
      phaseId: 'doubled',
      colorMode: 'phase',
      roofMode: 'solid',
      camera: { preset: 'site:C1' },
    })
    expect(s1).toContain('cam=site:C1')
    const s2 = viewToSearch('', {
      phaseId: 'doubled',
      colorMode: 'phase',
      roofMode: 'solid',
      camera: { pose: { position: [1, 2, 3], target: [4, 5, 6] } },
    })
    expect(s2).toContain('cam=1,2,3,4,5,6')
  })
})

describe('quality and context in links', () => {
  const view = { phaseId: layout.phases[0]!.id, colorMode: 'generation' as const, roofMode: 'faded' as const }

  it('every tier and on/off are accepted; other values are refused by name', () => {
    for (const q of QUALITY_TIERS)
      expect(parse(`?quality=${q}`)).toEqual({ view: { quality: q }, problems: [] })
    expect(parse('?context=off').view).toEqual({ dressing: false })
    expect(parse('?context=on').view).toEqual({ dressing: true })
    const bad = parse('?quality=ultra&context=maybe')
    expect(bad.view).toEqual({})
    expect(bad.problems).toEqual([
      'quality: "ultra" is not a quality tier (draft, high, presentation)',
      'context: "maybe" is neither on nor off',
    ])
  })

  it('a chosen tier and hidden context round-trip; a detected tier and the default context stay out', () => {
    const chosen = viewToSearch('', { ...view, camera: null, quality: 'presentation', dressing: false })
    expect(parse(chosen).view).toMatchObject({ quality: 'presentation', dressing: false })
    const plain = viewToSearch('?quality=high&context=off', {
      ...view,
      camera: null,
      quality: null,
      dressing: true,
    })
    expect(plain).not.toMatch(/quality|context/)
  })
})

describe('layout in links (#12.9)', () => {
  const view = { phaseId: 'p', colorMode: 'generation' as const, roofMode: 'faded' as const, camera: null }

  it('names the address of a layout from this site, a file by name, and nothing for Colossus', () => {
    expect(layoutParamOf({ layoutRef: 'layouts/x.json', layoutSource: 'x.json' })).toBe('layouts/x.json')
    expect(layoutParamOf({ layoutRef: null, layoutSource: 'mine.json' })).toBe('file:mine.json')
    expect(layoutParamOf({ layoutRef: null, layoutSource: 'default' })).toBeNull()
  })

  it('sets, replaces and removes layout=, and leaves it alone when not told', () => {
    expect(viewToSearch('', { ...view, layout: 'layouts/x.json' })).toContain('layout=layouts/x.json')
    expect(viewToSearch('?layout=layouts/x.json', { ...view, layout: null })).not.toContain('layout=')
    expect(viewToSearch('?layout=layouts/x.json', view)).toContain('layout=layouts/x.json')
  })
})

describe('#12.15 a camera pose beyond the controls’ reach', () => {
  it('is refused with the distance and the limit', () => {
    const r = parseViewParams('?cam=0,9000,0,0,0,0', layout)
    expect(r.view).toEqual({})
    expect(r.problems).toEqual(['cam: the camera is 9000 m from its target; the most is 8000 m'])
    expect(parseViewParams('?cam=0,7000,0,0,0,0', layout).view.camera).toBeDefined()
  })
})
