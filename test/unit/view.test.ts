/**
 * The view maths (domain/view) against three's own camera: the DOM overlay and the export
 * overlay both draw from it, so a slip here misplaces labels, the north arrow and the scale bar.
 */
import { PerspectiveCamera, Vector3 } from 'three'
import { describe, expect, it } from 'vitest'
import { fmtLength } from '../../src/domain/format'
import {
  describeView,
  emptyView,
  headingDeg,
  metresPerPixel,
  projectToScreen,
  scaleBarLength,
} from '../../src/domain/view'
import { createViewChannel } from '../../src/state/view'

/** A camera at `position` looking at `target`, with its matrices up to date. */
function cameraAt(position: [number, number, number], target: [number, number, number], aspect = 16 / 9) {
  const camera = new PerspectiveCamera(40, aspect, 0.3, 20000)
  camera.position.set(...position)
  camera.lookAt(...target)
  camera.updateMatrixWorld()
  camera.updateProjectionMatrix()
  return camera
}

function viewOf(camera: PerspectiveCamera, target: [number, number, number], width: number, height: number) {
  return describeView(
    {
      world: camera.matrixWorld.elements,
      worldInverse: camera.matrixWorldInverse.elements,
      projection: camera.projectionMatrix.elements,
      fovDeg: camera.fov,
    },
    target,
    width,
    height,
    emptyView(),
  )
}

describe('heading', () => {
  it('is 0 looking north (-z), 90 east (+x), 180 south, -90 west', () => {
    expect(headingDeg(0, -1)).toBeCloseTo(0)
    expect(headingDeg(1, 0)).toBeCloseTo(90)
    expect(Math.abs(headingDeg(0, 1))).toBeCloseTo(180)
    expect(headingDeg(-1, 0)).toBeCloseTo(-90)
  })

  it('of a camera south-west of the target looking at it is north-east (45°)', () => {
    const camera = cameraAt([-100, 200, 100], [0, 0, 0])
    expect(viewOf(camera, [0, 0, 0], 1600, 900).headingDeg).toBeCloseTo(45, 6)
  })
})

describe('metres per pixel', () => {
  it('spans the view height at the target: 2·d·tan(fov/2) metres over the height in pixels', () => {
    expect(metresPerPixel(1000, 90, 1000)).toBeCloseTo(2, 9)
    const camera = cameraAt([0, 300, 400], [0, 0, 0])
    expect(viewOf(camera, [0, 0, 0], 1600, 900).metresPerPixel).toBeCloseTo(
      (2 * 500 * Math.tan((20 * Math.PI) / 180)) / 900,
      9,
    )
  })
})

describe('projection to the screen', () => {
  it('puts world points where three projects them', () => {
    const camera = cameraAt([600, 900, 1200], [50, 0, -80])
    const view = viewOf(camera, [50, 0, -80], 1280, 720)
    const out = { x: 0, y: 0 }
    for (const p of [
      [50, 0, -80],
      [300, 20, 100],
      [-400, 0, -500],
    ] as const) {
      const ndc = new Vector3(...p).project(camera)
      const screen = projectToScreen(view, p[0], p[1], p[2], out)
      expect(screen).not.toBeNull()
      expect(screen!.x).toBeCloseTo(((ndc.x + 1) / 2) * 1280, 6)
      expect(screen!.y).toBeCloseTo(((1 - ndc.y) / 2) * 720, 6)
    }
  })

  it('puts the orbit target at the centre of the view', () => {
    const camera = cameraAt([-300, 500, 250], [10, 0, 20])
    const p = projectToScreen(viewOf(camera, [10, 0, 20], 1000, 500), 10, 0, 20, { x: 0, y: 0 })
    expect(p!.x).toBeCloseTo(500, 6)
    expect(p!.y).toBeCloseTo(250, 6)
  })

  it('is null for a point behind the camera, and before the first frame', () => {
    const camera = cameraAt([0, 100, 100], [0, 0, 0])
    expect(projectToScreen(viewOf(camera, [0, 0, 0], 800, 600), 0, 200, 300, { x: 0, y: 0 })).toBeNull()
    expect(projectToScreen(emptyView(), 0, 0, 0, { x: 0, y: 0 })).toBeNull()
  })
})

describe('scale bar', () => {
  it('takes the longest 1-2-5 length that fits', () => {
    expect(scaleBarLength(1, 140)).toEqual({ metres: 100, px: 100 })
    expect(scaleBarLength(2, 140)).toEqual({ metres: 200, px: 100 })
    expect(scaleBarLength(10, 140)).toEqual({ metres: 1000, px: 100 })
    expect(scaleBarLength(0.05, 140).metres).toBe(5)
    expect(fmtLength(1000)).toBe('1 km')
    expect(fmtLength(500)).toBe('500 m')
  })

  it('never exceeds the room it is given', () => {
    for (let mpp = 0.01; mpp < 500; mpp *= 1.37) {
      const { px } = scaleBarLength(mpp, 180)
      expect(px).toBeLessThanOrEqual(180 + 1e-9)
    }
  })
})

describe('view channel', () => {
  it('gives a new listener the latest view at once, then every published one, until unsubscribed', () => {
    const channel = createViewChannel()
    const seen: number[] = []
    const off = channel.subscribe((v) => seen.push(v.headingDeg))
    channel.latest.headingDeg = 30
    channel.publish()
    off()
    channel.latest.headingDeg = 60
    channel.publish()
    expect(seen).toEqual([0, 30])
  })

  it('is one per app: two channels do not hear each other', () => {
    const a = createViewChannel()
    const b = createViewChannel()
    const heard: string[] = []
    a.subscribe(() => heard.push('a'))
    b.subscribe(() => heard.push('b'))
    heard.length = 0
    a.publish()
    expect(heard).toEqual(['a'])
  })
})
