/**
 * Composition: camera presets fill the part of the frame that panels or a stills overlay leave
 * free, at the usual aspects, and the rack close-up shows one rack whole from the aisle.
 */
import { describe, expect, it } from 'vitest'
import {
  type Box3M,
  type CameraPose,
  type FreeFrame,
  fitBox,
  presetPose,
  projectedExtent,
  VERTICAL_FOV_DEG,
} from '../../src/domain/camera'
import { gridExtentM, rectCorners } from '../../src/domain/geometry'
import { buildLayout, campusBounds, type Layout } from '../../src/domain/layout/buildLayout'
import { accepted, defaultLayout, layoutPath, layoutText } from '../fixtures'

const layout = defaultLayout()
const LAST = layout.phases.length - 1
const tallest = Math.max(...layout.buildings.map((b) => b.sizeM[2]))

const ASPECTS: [string, number][] = [
  ['16:9', 16 / 9],
  ['4:3', 4 / 3],
  ['1:1', 1],
  ['9:16', 9 / 16],
]
/** The whole frame; side panels and a bottom bar; a stills overlay band at the top. */
const FREES: [string, FreeFrame][] = [
  ['full frame', { width: 1, height: 1 }],
  ['panels left, right and below', { width: 0.6, height: 0.8 }],
  ['overlay band', { width: 1, height: 0.85 }],
]

/** Checks that `box` seen from `pose` lies inside the free frame and fills ≥ `minFill` of it on one axis. */
function expectFills(
  box: Box3M,
  pose: CameraPose,
  aspect: number,
  free: FreeFrame,
  what: string,
  minFill = 0.8,
): void {
  const e = projectedExtent(box, pose, aspect, free)
  const eps = 1e-3
  expect(
    Math.min(e.minX, e.minY),
    `${what}: inside the free frame (${JSON.stringify(e)})`,
  ).toBeGreaterThanOrEqual(-1 - eps)
  expect(
    Math.max(e.maxX, e.maxY),
    `${what}: inside the free frame (${JSON.stringify(e)})`,
  ).toBeLessThanOrEqual(1 + eps)
  const fill = Math.max((e.maxX - e.minX) / 2, (e.maxY - e.minY) / 2)
  expect(fill, `${what}: share of the free width or height filled`).toBeGreaterThanOrEqual(minFill)
}

describe('fitting a box into the free frame', () => {
  const box: Box3M = { min: [-400, 0, -150], max: [500, 30, 250] }

  it('fills at least 80% of the free width or height, centred, at every aspect and inset', () => {
    for (const [a, aspect] of ASPECTS)
      for (const [f, free] of FREES) {
        const pose = fitBox(box, aspect, 48, 25, free)
        expectFills(box, pose, aspect, free, `${a}, ${f}`)
        const e = projectedExtent(box, pose, aspect, free)
        expect(Math.abs(e.minX + e.maxX), `${a}, ${f}: centred across`).toBeLessThan(0.02)
        expect(Math.abs(e.minY + e.maxY), `${a}, ${f}: centred up and down`).toBeLessThan(0.02)
      }
  })

  it('stands further back when less of the frame is free', () => {
    const d = (free: FreeFrame) => {
      const p = fitBox(box, 16 / 9, 48, 25, free)
      return Math.hypot(...p.position.map((v, k) => v - p.target[k]!))
    }
    expect(d({ width: 0.6, height: 0.8 })).toBeGreaterThan(d({ width: 1, height: 1 }) * 1.2)
  })
})

describe('presets fill the free frame', () => {
  const campus = campusBounds(layout)
  const campusBox: Box3M = { min: [campus.minX, 0, campus.minZ], max: [campus.maxX, tallest, campus.maxZ] }

  it('the campus preset fills ≥ 80% of the free width or height at 16:9, 4:3, 1:1 and 9:16', () => {
    for (const [a, aspect] of ASPECTS)
      for (const [f, free] of FREES) {
        const pose = presetPose(layout, 'campus', aspect, -1, LAST, free)!
        expectFills(campusBox, pose, aspect, free, `campus ${a}, ${f}`)
      }
  })

  it('each site preset fills ≥ 80% of the free width or height', () => {
    for (const s of layout.sites) {
      const b = s.bounds
      const box: Box3M = { min: [b.minX, 0, b.minZ], max: [b.maxX, tallest, b.maxZ] }
      for (const [a, aspect] of ASPECTS)
        for (const [f, free] of FREES) {
          const pose = presetPose(layout, `site:${s.id}`, aspect, -1, LAST, free)!
          expectFills(box, pose, aspect, free, `site ${s.id} ${a}, ${f}`)
        }
    }
  })
})

describe('the rack close-up', () => {
  const r = layout.racks

  /** The camera in the focus rack's own frame: x along the row, z out of its front. */
  function local(i: number, pose: CameraPose): { x: number; z: number } {
    const dx = pose.position[0] - r.x[i]!
    const dz = pose.position[2] - r.z[i]!
    const a = r.rotY[i]!
    return { x: Math.cos(a) * dx - Math.sin(a) * dz, z: Math.sin(a) * dx + Math.cos(a) * dz }
  }

  it('stands in the aisle in front of the rack, never inside the row across', () => {
    for (const i of [0, 57, r.count - 1]) {
      const grid = layout.halls[r.hall[i]!]!.grid
      const p = local(i, presetPose(layout, 'rack', 16 / 9, i, LAST)!)
      expect(p.z, `rack ${i}: in front of its face`).toBeGreaterThan(grid.rack.depthM / 2 + 0.5)
      expect(p.z, `rack ${i}: short of the row across`).toBeLessThan(grid.rack.depthM / 2 + grid.aisleM - 0.3)
    }
  })

  it('shows the whole rack, floor to top, filling most of the free height, with neighbours beside it', () => {
    const i = 57
    const rack = layout.halls[r.hall[i]!]!.grid.rack
    for (const [a, aspect] of ASPECTS) {
      const pose = presetPose(layout, 'rack', aspect, i, LAST)!
      // The rack as a box of its own (turned with it does not matter for a 0.6 m wide box here:
      // checked by its height, which is what the close-up must show whole).
      const box: Box3M = {
        min: [r.x[i]! - 0.05, 0, r.z[i]! - 0.05],
        max: [r.x[i]! + 0.05, rack.heightM, r.z[i]! + 0.05],
      }
      const e = projectedExtent(box, pose, aspect, { width: 1, height: 1 })
      expect(e.minY, `${a}: the rack's foot in view`).toBeGreaterThan(-1)
      expect(e.maxY, `${a}: the rack's top in view`).toBeLessThan(1)
      expect((e.maxY - e.minY) / 2, `${a}: share of the height`).toBeGreaterThan(0.7)
      // Width of the view at the rack: the rack and a neighbour on each side (half of each in
      // portrait, where the rack's height sets the distance).
      const d = Math.hypot(...pose.position.map((v, k) => v - pose.target[k]!))
      const viewWidthM = 2 * d * Math.tan(((VERTICAL_FOV_DEG / 2) * Math.PI) / 180) * aspect
      expect(viewWidthM, `${a}: metres of row in view`).toBeGreaterThan((aspect >= 1 ? 3 : 2) * rack.widthM)
    }
  })
})

describe('the hall preset (issue 12, defect 15: a one-row hall showed only walls)', () => {
  /** The small example with its hall holding one row, in a building `buildingDepthM` deep. */
  function oneRowLayout(hallDepthM: number, buildingDepthM: number): Layout {
    const data = JSON.parse(layoutText(layoutPath('example-small-cluster.json')))
    data.hallTypes[0].rows = 1
    data.hallTypes[0].sizeM = [24, hallDepthM]
    data.sites[0].buildings[0].sizeM = [30, buildingDepthM, 6]
    data.phases = [data.phases[0]]
    data.phases[0].adds[0].racks = 12
    return buildLayout(accepted(data))
  }

  /** The box of a hall's rack block (rows, aisles between them), racks' height. */
  function rackBlock(layout: Layout, h: number): Box3M {
    const hall = layout.halls[h]!
    const ext = gridExtentM(hall.grid)
    const corners = rectCorners(hall.transform, ext.widthM, ext.depthM)
    const xs = corners.filter((_, k) => k % 2 === 0)
    const zs = corners.filter((_, k) => k % 2 === 1)
    const heightM = hall.grid.rack.heightM
    return { min: [Math.min(...xs), 0, Math.min(...zs)], max: [Math.max(...xs), heightM, Math.max(...zs)] }
  }

  /**
   * Lowest clearance, metres, by which the sight lines from the camera to the rack block's
   * corners at floor level pass over the walls of its building (negative: a wall hides them).
   */
  function wallClearanceM(layout: Layout, h: number, pose: CameraPose): number {
    const hall = layout.halls[h]!
    const b = layout.buildings[hall.building]!
    // Walls 0.6 m thick (domain/campus) rising to a parapet 1 m above the roof (gpu/campusWalls).
    const w = b.sizeM[0] - 1.2
    const d = b.sizeM[1] - 1.2
    const wallTopM = b.sizeM[2] + 1
    const box = rackBlock(layout, h)
    // In the building's frame: rotate by −angle about its centre.
    const local = (x: number, z: number) => {
      const dx = x - b.transform.x
      const dz = z - b.transform.z
      const c = Math.cos(b.transform.angle)
      const s = Math.sin(b.transform.angle)
      return { x: c * dx - s * dz, z: s * dx + c * dz }
    }
    const cam = local(pose.position[0], pose.position[2])
    let clearance = Infinity
    for (const [x, z] of [
      [box.min[0], box.min[2]],
      [box.max[0], box.min[2]],
      [box.max[0], box.max[2]],
      [box.min[0], box.max[2]],
    ] as const) {
      const p = local(x, z)
      // Where the line from the corner to the camera leaves the building's outline.
      let s = 1
      for (const [pk, ck, half] of [
        [p.x, cam.x, w / 2],
        [p.z, cam.z, d / 2],
      ] as const) {
        const dk = ck - pk
        if (dk > 0) s = Math.min(s, (half - pk) / dk)
        if (dk < 0) s = Math.min(s, (-half - pk) / dk)
      }
      clearance = Math.min(clearance, s * pose.position[1] - wallTopM)
    }
    return clearance
  }

  // The hall preset leaves an aisle's margin round the racks (for the panels at the sides) and
  // frames them the same whichever way the rows run: they fill at least half the frame.
  const HALL_FILL = 0.5

  it('frames the racks of a one-row hall: the row fills most of the free frame', () => {
    for (const [hallD, bldD] of [
      [4, 10],
      [14, 20],
    ] as const) {
      const layout = oneRowLayout(hallD, bldD)
      for (const [a, aspect] of ASPECTS)
        for (const [f, free] of FREES) {
          const pose = presetPose(layout, 'hall', aspect, -1, 0, free)!
          expectFills(rackBlock(layout, 0), pose, aspect, free, `hall ${hallD} m deep, ${a}, ${f}`, HALL_FILL)
        }
    }
  })

  it('looks over the walls of a narrow building onto the row', () => {
    const layout = oneRowLayout(4, 10)
    for (const [a, aspect] of ASPECTS) {
      const pose = presetPose(layout, 'hall', aspect, -1, 0)!
      expect(wallClearanceM(layout, 0, pose), `${a}: metres clear of the walls`).toBeGreaterThan(0)
    }
  })

  it('frames the racks of every hall of the default layout, over its walls', () => {
    for (let h = 0; h < layout.halls.length; h += 5) {
      const rack = layout.racks.hall.indexOf(h)
      expect(rack, `hall ${layout.halls[h]!.id} has racks`).toBeGreaterThanOrEqual(0)
      const pose = presetPose(layout, 'hall', 16 / 9, rack, LAST)!
      const id = layout.halls[h]!.id
      expectFills(rackBlock(layout, h), pose, 16 / 9, { width: 1, height: 1 }, `hall ${id}`, HALL_FILL)
      expect(wallClearanceM(layout, h, pose), `hall ${id}: clear of the walls`).toBeGreaterThan(0)
    }
  })
})
