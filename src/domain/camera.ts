/**
 * Camera presets computed from a layout: where the camera stands and what it looks at.
 * Pure: positions are plain [x, y, z] tuples in metres (y up).
 */
import { WALL_M } from './campus'
import { applyInto, gridExtentM, rectCorners, rotateY } from './geometry'
import { campusBounds, type Layout } from './layout/buildLayout'

/** A camera pose. */
export interface CameraPose {
  position: [number, number, number]
  target: [number, number, number]
}

/** A named preset. */
export interface CameraPreset {
  /** Stable id used in URLs and the automation API: `campus`, `site:<id>`, `hall`, `rack`. */
  id: string
  label: string
  /** Keyboard key that selects it ("1".."9"), or "" for sites beyond the keys (listed instead). */
  key: string
}

/** Sites that get a number key when there are too many for all: campus 1, sites 2-7, hall 8, rack 9. */
const KEYED_SITES_WHEN_MANY = 6

/**
 * Every preset a layout offers: the campus, each site, a hall and a rack. With up to seven
 * sites every preset has a key (1 … 9 in this order); with more, the campus, the first six
 * sites, the hall and the rack keep keys 1 … 9 and the other sites are reached from a list.
 */
export function cameraPresets(layout: Layout): CameraPreset[] {
  const sites = layout.sites.map((s) => ({ id: `site:${s.id}`, label: s.name, key: '' }))
  const all: CameraPreset[] = [
    { id: 'campus', label: 'Campus', key: '' },
    ...sites,
    { id: 'hall', label: 'Hall', key: '' },
    { id: 'rack', label: 'Rack', key: '' },
  ]
  if (all.length <= 9) return all.map((p, i) => ({ ...p, key: String(i + 1) }))
  const keyed = [
    all[0]!,
    ...sites.slice(0, KEYED_SITES_WHEN_MANY),
    all[all.length - 2]!,
    all[all.length - 1]!,
  ]
  return all.map((p) => {
    const k = keyed.indexOf(p)
    return k < 0 ? p : { ...p, key: String(k + 1) }
  })
}

/** The camera controls' furthest zoom from the target, metres: links and presets stay within it. */
export const MAX_CAMERA_DISTANCE_M = 8000

/** The app camera's vertical field of view, degrees. */
export const VERTICAL_FOV_DEG = 40

/**
 * The part of the frame a subject may fill, as fractions of the frame's width and height: what
 * panels or a burned-in overlay leave uncovered. The camera's optical centre is moved to its
 * middle (a view offset), so it is centred in the projection. @default { width: 1, height: 1 }
 */
export interface FreeFrame {
  width: number
  height: number
}

const FULL_FRAME: FreeFrame = { width: 1, height: 1 }

/** An axis-aligned box in campus metres (y up). */
export interface Box3M {
  min: [number, number, number]
  max: [number, number, number]
}

/** Fraction of the free frame the fitted subject spans along its tighter axis. */
export const FIT_FILL = 0.92

/** Screen extent of a box seen from a pose, in units of the free frame's half-size (−1..1 fills it). */
export function projectedExtent(
  box: Box3M,
  pose: CameraPose,
  aspect: number,
  free: FreeFrame = FULL_FRAME,
): { minX: number; maxX: number; minY: number; maxY: number } {
  const basis = viewBasis(pose)
  const ty = Math.tan(((VERTICAL_FOV_DEG / 2) * Math.PI) / 180) * free.height
  const tx = Math.tan(((VERTICAL_FOV_DEG / 2) * Math.PI) / 180) * aspect * free.width
  const out = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity }
  for (let c = 0; c < 8; c++) {
    const p = [
      c & 1 ? box.max[0] : box.min[0],
      c & 2 ? box.max[1] : box.min[1],
      c & 4 ? box.max[2] : box.min[2],
    ]
    const rel = [p[0]! - pose.position[0], p[1]! - pose.position[1], p[2]! - pose.position[2]]
    const depth = Math.max(1e-6, dot(rel, basis.forward))
    const x = dot(rel, basis.right) / (depth * tx)
    const y = dot(rel, basis.up) / (depth * ty)
    out.minX = Math.min(out.minX, x)
    out.maxX = Math.max(out.maxX, x)
    out.minY = Math.min(out.minY, y)
    out.maxY = Math.max(out.maxY, y)
  }
  return out
}

const dot = (a: readonly number[], b: readonly number[]): number =>
  a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!

/** Forward, right and up unit vectors of a pose (no roll: right is level). */
function viewBasis(pose: CameraPose): { forward: number[]; right: number[]; up: number[] } {
  const f = pose.target.map((t, k) => t - pose.position[k]!)
  const fl = Math.hypot(f[0]!, f[1]!, f[2]!) || 1
  const forward = f.map((v) => v / fl)
  // right = forward × y, up = right × forward.
  const r = [-forward[2]!, 0, forward[0]!]
  const rl = Math.hypot(r[0]!, r[2]!) || 1
  const right = r.map((v) => v / rl)
  const up = [
    right[1]! * forward[2]! - right[2]! * forward[1]!,
    right[2]! * forward[0]! - right[0]! * forward[2]!,
    right[0]! * forward[1]! - right[1]! * forward[0]!,
  ]
  return { forward, right, up }
}

/**
 * Frames a box from a direction (elevation above the horizon and azimuth from south towards
 * east, degrees) so that its projection fills FIT_FILL of the free frame along the tighter axis.
 * The target stays at the box's base height; with `slide` it moves along the ground so that the
 * projection is centred (perspective makes the near side loom larger and would leave a band of
 * the frame empty); without, it stays at the box's centre.
 */
export function fitBox(
  box: Box3M,
  aspect: number,
  elevationDeg: number,
  azimuthDeg: number,
  free: FreeFrame = FULL_FRAME,
  slide = true,
): CameraPose {
  const el = (elevationDeg * Math.PI) / 180
  const az = (azimuthDeg * Math.PI) / 180
  const back = [Math.cos(el) * Math.sin(az), Math.sin(el), Math.cos(el) * Math.cos(az)]
  const target: [number, number, number] = [
    (box.min[0] + box.max[0]) / 2,
    box.min[1],
    (box.min[2] + box.max[2]) / 2,
  ]
  const size = Math.max(1, box.max[0] - box.min[0], box.max[1] - box.min[1], box.max[2] - box.min[2])
  let dist = size * 2
  const at = (d: number): CameraPose => ({
    position: [target[0] + back[0]! * d, target[1] + back[1]! * d, target[2] + back[2]! * d],
    target: [...target],
  })
  for (let iter = 0; iter < 12; iter++) {
    const pose = at(dist)
    const e = projectedExtent(box, pose, aspect, free)
    const spanX = (e.maxX - e.minX) / 2
    const spanY = (e.maxY - e.minY) / 2
    // Centre: slide the target by the off-centre amount, in metres at the target's depth.
    const basis = viewBasis(pose)
    const tan = Math.tan(((VERTICAL_FOV_DEG / 2) * Math.PI) / 180)
    const shiftX = ((e.maxX + e.minX) / 2) * tan * aspect * free.width * dist
    const shiftY = ((e.maxY + e.minY) / 2) * tan * free.height * dist
    // Up on screen is away from the camera along the ground, by 1 / sin(elevation).
    const groundUp = [
      -back[0]! / Math.hypot(back[0]!, back[2]!),
      0,
      -back[2]! / Math.hypot(back[0]!, back[2]!),
    ]
    const upScale = 1 / Math.max(0.2, Math.sin(el))
    if (slide)
      for (const k of [0, 2]) target[k as 0 | 2] += basis.right[k]! * shiftX + groundUp[k]! * shiftY * upScale
    // Scale: the projected size is about inversely proportional to the distance.
    dist *= Math.max(spanX, spanY) / FIT_FILL
  }
  return at(dist)
}

/** Frames a ground rectangle (with its content up to heightM) from a direction. */
function frameBounds(
  minX: number,
  maxX: number,
  minZ: number,
  maxZ: number,
  aspect: number,
  elevationDeg: number,
  azimuthDeg: number,
  free: FreeFrame,
  heightM = 0,
  slide = true,
): CameraPose {
  const box: Box3M = { min: [minX, 0, minZ], max: [maxX, heightM, maxZ] }
  return fitBox(box, aspect, elevationDeg, azimuthDeg, free, slide)
}

/** Tallest building, metres: the campus and site boxes reach up to it. */
const tallestM = (layout: Layout): number => layout.buildings.reduce((h, b) => Math.max(h, b.sizeM[2]), 0)

/** Index of the rack a close-up preset shows: the selected one, or the first standing rack. */
function focusRack(layout: Layout, selected: number, phaseIndex: number): number {
  const end = layout.racks.phaseEnd[phaseIndex] ?? 0
  if (selected >= 0 && selected < end) return selected
  return end > 0 ? 0 : -1
}

/** The hall preset's view: elevation above the horizon (steeper when walls are close) and azimuth, degrees. */
const HALL_ELEVATION_DEG = 38
const HALL_AZIMUTH_DEG = 30
/** Steepest the hall preset looks down, degrees. */
const HALL_MAX_ELEVATION_DEG = 80
/**
 * How far above a building's roof line sight lines into a hall must pass: the walls' parapet
 * (1 m, gpu/campusWalls) and half a metre to spare.
 */
const WALL_CLEARANCE_M = 1.5

/**
 * The lowest elevation (degrees) from which, looking from `azimuthDeg`, every floor-level corner
 * of a hall's rack block (`corners`, campus x, z pairs) is seen over the walls of its building.
 * Sight lines are taken as parallel, which errs on the steep side for the near corners.
 */
function elevationOverWallsDeg(
  layout: Layout,
  building: number,
  corners: readonly number[],
  azimuthDeg: number,
): number {
  const b = layout.buildings[building]!
  const az = (azimuthDeg * Math.PI) / 180
  // Towards the camera, in the building's frame.
  const back = rotateY(Math.sin(az), Math.cos(az), -b.transform.angle, { x: 0, z: 0 })
  const p = { x: 0, z: 0 }
  const halfX = b.sizeM[0] / 2 - WALL_M
  const halfZ = b.sizeM[1] / 2 - WALL_M
  const riseM = b.sizeM[2] + WALL_CLEARANCE_M
  let deg = 0
  for (let k = 0; k < corners.length; k += 2) {
    rotateY(corners[k]! - b.transform.x, corners[k + 1]! - b.transform.z, -b.transform.angle, p)
    // Ground distance from the corner to the inner face of the wall it looks out through.
    let runM = Number.POSITIVE_INFINITY
    if (back.x !== 0) runM = Math.min(runM, ((back.x > 0 ? halfX : -halfX) - p.x) / back.x)
    if (back.z !== 0) runM = Math.min(runM, ((back.z > 0 ? halfZ : -halfZ) - p.z) / back.z)
    deg = Math.max(deg, runM > 0 ? (Math.atan2(riseM, runM) * 180) / Math.PI : 90)
  }
  return deg
}

/**
 * Margin round a hall's racks in the hall preset, as a share of the rack block's longer side
 * (at least half an aisle): on screens too narrow for the framing to avoid the side panels
 * (scene/CameraRig) the end racks stay clear of them.
 */
const HALL_MARGIN = 0.15

/**
 * The hall preset. Its subject is the hall's rack block (the rows and the aisles between them,
 * as high as a rack) with a margin, not the hall: a hall with one row would otherwise show
 * mostly floor. It is seen from above its building's walls.
 */
function hallPose(layout: Layout, h: number, aspect: number, free: FreeFrame): CameraPose {
  const hall = layout.halls[h]!
  const ext = gridExtentM(hall.grid)
  const corners = rectCorners(hall.transform, ext.widthM, ext.depthM)
  const elevationDeg = Math.min(
    HALL_MAX_ELEVATION_DEG,
    Math.max(HALL_ELEVATION_DEG, elevationOverWallsDeg(layout, hall.building, corners, HALL_AZIMUTH_DEG)),
  )
  const xs = corners.filter((_, k) => k % 2 === 0)
  const zs = corners.filter((_, k) => k % 2 === 1)
  const m = Math.max(hall.grid.aisleM / 2, HALL_MARGIN * Math.max(ext.widthM, ext.depthM))
  const [minX, maxX, minZ, maxZ] = [
    Math.min(...xs) - m,
    Math.max(...xs) + m,
    Math.min(...zs) - m,
    Math.max(...zs) + m,
  ]
  // Not slid off centre: the camera keeps looking at the hall's middle.
  const heightM = hall.grid.rack.heightM
  return frameBounds(minX, maxX, minZ, maxZ, aspect, elevationDeg, HALL_AZIMUTH_DEG, free, heightM, false)
}

/**
 * The pose of preset `id` for a viewport of `aspect` (width / height). `selected` is the
 * selected rack or -1; hall and rack presets centre on it when there is one. `free` is the part
 * of the frame not covered by panels or an overlay, which the subject fills (the camera's view
 * offset centres it). Unknown ids return null.
 */
export function presetPose(
  layout: Layout,
  id: string,
  aspect: number,
  selected: number,
  phaseIndex: number,
  free: FreeFrame = FULL_FRAME,
): CameraPose | null {
  if (id === 'campus') {
    const { minX, maxX, minZ, maxZ } = campusBounds(layout)
    return frameBounds(minX, maxX, minZ, maxZ, aspect, 48, 25, free, tallestM(layout))
  }
  if (id.startsWith('site:')) {
    const site = layout.sites.find((s) => `site:${s.id}` === id)
    if (!site) return null
    const b = site.bounds
    return frameBounds(b.minX, b.maxX, b.minZ, b.maxZ, aspect, 45, 20, free, tallestM(layout))
  }
  if (id === 'hall') {
    const i = focusRack(layout, selected, phaseIndex)
    const h = i >= 0 ? layout.racks.hall[i]! : 0
    return layout.halls[h] ? hallPose(layout, h, aspect, free) : null
  }
  if (id === 'rack') {
    const i = focusRack(layout, selected, phaseIndex)
    if (i < 0) return null
    const r = layout.racks
    const a = r.rotY[i]!
    const grid = layout.halls[r.hall[i]!]!.grid
    // The rack's front faces its local +z, across the aisle from the row opposite. Stand back
    // in that aisle (never inside the row across) far enough that the whole rack fills most of
    // the free frame's height, a little to one side so the neighbours in the row show in
    // perspective, at about eye height looking slightly down on the servers.
    const tan = Math.tan(((VERTICAL_FOV_DEG / 2) * Math.PI) / 180)
    const fitM = grid.rack.heightM / 2 / (tan * free.height * 0.86)
    const maxM = grid.rack.depthM / 2 + grid.aisleM * 0.88
    const lz = Math.max(grid.rack.depthM / 2 + 0.8, Math.min(maxM, fitM))
    const lx = lz * 0.45
    const eye = { x: 0, z: 0 }
    applyInto({ x: r.x[i]!, z: r.z[i]!, angle: a }, lx, lz, eye)
    return {
      position: [eye.x, grid.rack.heightM * 0.52, eye.z],
      target: [r.x[i]!, grid.rack.heightM * 0.5, r.z[i]!],
    }
  }
  return null
}
