/**
 * Everything on the campus that is not a rack, as plain boxes and unit placements: building
 * floors, walls and roofs, hall floors, and power/cooling plant units. Pure: the
 * scene turns each list into one instanced mesh.
 */
import { applyInto, rotateY } from './geometry'
import type { Layout, PlacedBuilding, PlacedInfrastructure } from './layout/buildLayout'

/** An oriented box: centre (x, y, z), size (sx, sy, sz), rotation about y. */
export interface Box {
  x: number
  y: number
  z: number
  sx: number
  sy: number
  sz: number
  rotY: number
  /** Index of the phase from which the box is shown (-1: always). */
  phase: number
}

/** Plant unit footprint and spacing, metres: [length x, width z, spacing x, spacing z]. */
export const UNIT_SPACING: Record<PlacedInfrastructure['kind'], [number, number, number, number]> = {
  turbine: [14, 3.6, 18, 9],
  battery: [8.8, 1.7, 10.5, 4],
  chiller: [12, 2.4, 14, 5],
  substation: [30, 22, 40, 30],
}

/** The grid a plant group's units stand in: `cols` along the group's x, `rows` along its z, centred on it. */
export function unitGrid(inf: PlacedInfrastructure): { cols: number; rows: number } {
  const [, , sx, sz] = UNIT_SPACING[inf.kind]
  const cols = Math.max(1, Math.ceil(Math.sqrt((inf.units * sz) / sx)))
  return { cols, rows: Math.ceil(inf.units / cols) }
}

/** Where each unit of a plant group stands: a compact grid centred on the group. */
export function unitPlacements(inf: PlacedInfrastructure): { x: number; z: number; rotY: number }[] {
  const [, , sx, sz] = UNIT_SPACING[inf.kind]
  const { cols, rows } = unitGrid(inf)
  const t = inf.transform
  const out: { x: number; z: number; rotY: number }[] = []
  for (let k = 0; k < inf.units; k++) {
    const lx = ((k % cols) - (cols - 1) / 2) * sx
    const lz = (Math.floor(k / cols) - (rows - 1) / 2) * sz
    const unit = { x: 0, z: 0, rotY: t.angle }
    applyInto(t, lx, lz, unit)
    out.push(unit)
  }
  return out
}

/** Height of a plant unit's main body (without stacks, bushings or gantries), metres. */
export const UNIT_HEIGHT_M: Record<PlacedInfrastructure['kind'], number> = {
  turbine: 3.9,
  battery: 2.8,
  chiller: 2.3,
  substation: 4.2,
}

/**
 * A plant group seen from afar: one box per row of its unit grid (as unitPlacements lays it
 * out), as long as the row's units end to end and as tall as their bodies. The gaps between
 * the units of a row (2–4 m) are about a pixel from where this is drawn; the boxes cost a tenth
 * of the units' triangles.
 */
export function unitRowBoxes(inf: PlacedInfrastructure, phase: number): Box[] {
  const [len, wid, sx, sz] = UNIT_SPACING[inf.kind]
  const { cols, rows } = unitGrid(inf)
  const h = UNIT_HEIGHT_M[inf.kind]
  const t = inf.transform
  const out: Box[] = []
  const centre = { x: 0, z: 0 }
  for (let r = 0; r < rows; r++) {
    const n = Math.min(cols, inf.units - r * cols)
    // The row's units sit at columns 0..n-1 of the grid: their middle, in the group's frame.
    const lx = ((n - 1) / 2 - (cols - 1) / 2) * sx
    const lz = (r - (rows - 1) / 2) * sz
    applyInto(t, lx, lz, centre)
    out.push({
      x: centre.x,
      y: h / 2,
      z: centre.z,
      sx: (n - 1) * sx + len,
      sy: h,
      sz: wid,
      rotY: t.angle,
      phase,
    })
  }
  return out
}

/** Thickness of a building's walls, metres. */
export const WALL_M = 0.6
const SLAB_M = 0.15

/** Height of the kerb that outlines a planned building's footprint, metres. */
export const PLANNED_OUTLINE_M = 1.2

/** How far a building's soft ground shadow reaches past its walls, metres. */
export const SHADOW_SPREAD_M = 14

/** Height of a building's walls (to the roof; the parapet stands above), metres. */
function wallHeight(bld: PlacedBuilding): number {
  return bld.status === 'planned' ? PLANNED_OUTLINE_M : bld.sizeM[2]
}

const _local = { x: 0, z: 0 }

/**
 * Whether a viewpoint is enclosed by a building: inside the inner faces of its walls and below
 * their top, each by at least `marginM` (room for the camera's near plane, which must not clip a
 * wall). From there every point outside the footprint no higher than the viewpoint is hidden:
 * the sight line to it crosses the footprint's edge (a rectangle) lower than the viewpoint, so
 * through a wall. The scene hides the ground layers outside by this; allocates nothing.
 */
export function enclosedByBuilding(
  layout: Layout,
  x: number,
  y: number,
  z: number,
  marginM: number,
): boolean {
  if (y < SLAB_M) return false
  for (const bld of layout.buildings) {
    if (y > wallHeight(bld) - marginM) continue
    const t = bld.transform
    rotateY(x - t.x, z - t.z, -t.angle, _local)
    const inner = WALL_M + marginM
    if (Math.abs(_local.x) < bld.sizeM[0] / 2 - inner && Math.abs(_local.z) < bld.sizeM[1] / 2 - inner)
      return true
  }
  return false
}

/**
 * The boxes of the campus shell: floors, walls, roofs, hall floors, and soft ground shadows.
 * (Site pads reach past the plant too: gpu/campusShell sizes them from the site extents.)
 */
export function campusBoxes(layout: Layout): {
  floors: Box[]
  walls: Box[]
  roofs: Box[]
  hallFloors: Box[]
  shadows: Box[]
} {
  const floors: Box[] = []
  const walls: Box[] = []
  const roofs: Box[] = []
  const hallFloors: Box[] = []
  const shadows: Box[] = []
  for (const bld of layout.buildings) {
    const t = bld.transform
    const [w, d] = bld.sizeM
    floors.push({ x: t.x, y: SLAB_M / 2, z: t.z, sx: w, sy: SLAB_M, sz: d, rotY: t.angle, phase: -1 })
    // A planned building is not standing: its footprint is outlined by a low kerb, no roof.
    const planned = bld.status === 'planned'
    const h = wallHeight(bld)
    const spread = SHADOW_SPREAD_M * Math.min(1, h / 12)
    shadows.push({
      x: t.x,
      y: 0.02,
      z: t.z,
      sx: w + 2 * spread,
      sy: 1,
      sz: d + 2 * spread,
      rotY: t.angle,
      phase: -1,
    })
    if (!planned) roofs.push({ x: t.x, y: h - 0.4, z: t.z, sx: w, sy: 0.8, sz: d, rotY: t.angle, phase: -1 })
    const wall = (lx: number, lz: number, sx: number, sz: number) => {
      const box: Box = { x: 0, y: h / 2, z: 0, sx, sy: h, sz, rotY: t.angle, phase: -1 }
      applyInto(t, lx, lz, box)
      walls.push(box)
    }
    wall(0, -d / 2 + WALL_M / 2, w, WALL_M)
    wall(0, d / 2 - WALL_M / 2, w, WALL_M)
    wall(-w / 2 + WALL_M / 2, 0, WALL_M, d - 2 * WALL_M)
    wall(w / 2 - WALL_M / 2, 0, WALL_M, d - 2 * WALL_M)
  }
  for (const hall of layout.halls) {
    const t = hall.transform
    hallFloors.push({
      x: t.x,
      y: SLAB_M + 0.02,
      z: t.z,
      sx: hall.sizeM[0],
      sy: 0.04,
      sz: hall.sizeM[1],
      rotY: t.angle,
      phase: hall.firstPhase,
    })
  }
  return { floors, walls, roofs, hallFloors, shadows }
}
