/**
 * Close-up models of the two rack kinds, as real geometry around the far rack box (which stays
 * drawn inside it: every face of the box is covered, so nothing of it shows and nothing
 * z-fights). Fronts are open, as in the photos of Colossus's liquid-cooled Supermicro HGX racks
 * and of GB200 NVL72 racks; the rear carries the coolant manifolds with their supply (blue) and
 * return (red) hoses behind a perforated door.
 *
 * - HGX: a 4U coolant distribution unit (CDU) at the bottom, eight 4U 8-GPU servers with drive
 *   bays, grille, handles and status lights, a 1U top-of-rack switch.
 * - NVL72: power shelves top and bottom, 8 + 10 1U compute trays (champagne grilles) around
 *   9 NVLink switch trays, the NVLink spine's cable cartridges and a DC busbar at the back.
 *
 * The legend colour (aTint = 1) is carried by the frame posts, the header light bar, each
 * server's or tray's status light and the door stripe. Units: metres, rack-local, origin at the
 * centre of the footprint on the floor, front facing +z.
 */
import type { RackKind } from '../rackBuckets'
import { PartBuilder } from './partBuilder'

/** A rack's outer size, metres. */
export interface RackSize {
  widthM: number
  depthM: number
  heightM: number
}

/** The three merged geometries' builders of a rack kind's close-up. */
export interface RackModel {
  /** Lit surfaces (frame, chassis, pipes): vertex colours, legend parts tinted. */
  body: PartBuilder
  /** Status lights (unlit). */
  lights: PartBuilder
  /** The perforated rear door sheet (see perforationTexture), UVs in perforation tiles. */
  door: PartBuilder
}

/** One rack unit (U), metres. */
const U = 0.04445
/** Kick plate under the 19-inch mounting space (also hides the hall floor slab's thickness). */
const PLINTH_M = 0.2
/** Half the width of a 19-inch panel. */
const PANEL = 0.2415
/** Frame post width (x) and depth (z) at each corner. */
const POST = 0.034
/** Offset that keeps coplanar decals apart at the close-up's farthest distance. */
const GAP = 0.0025
/** Perforation tile of the door, metres (see perforationTexture). */
export const DOOR_TILE_M = 0.06

const C = {
  frame: '#e4e4e4',
  black: '#15171a',
  chassis: '#6a7079',
  blank: '#202328',
  grille: '#8a919a',
  drive: '#a3aab3',
  steel: '#a9afb7',
  cdu: '#5d636b',
  port: '#3d424a',
  gold: '#c9ad6e',
  psu: '#6f767f',
  spine: '#24272c',
  copper: '#b8743a',
  supply: '#1f6fe0',
  ret: '#e0402e',
  lcd: '#8fd8ff',
  ledGreen: '#4dff88',
  ledWhite: '#dff4ff',
}

/** Height of the bottom of unit `u` (0-based, from the plinth up). */
const uy = (u: number): number => PLINTH_M + u * U

/** Frame: four corner posts (legend colour), plinth and header, and the planes that cover the box. */
function frame(m: RackModel, s: RackSize, units: number): void {
  const { body, lights } = m
  const hw = s.widthM / 2
  const hd = s.depthM / 2
  const H = s.heightM
  body.paint(C.frame, 1)
  for (const x of [-hw, hw - POST]) {
    body.box(x, 0, hd - 0.05, x + POST, H + GAP, hd + 0.02, ['-y'])
    body.box(x, 0, -hd - 0.1, x + POST, H + GAP, -hd + 0.05, ['-y'])
  }
  // Dark planes cover the rack box's faces around the equipment: at the front only the strips
  // beside the 19-inch panels (units, plinth and header cover the rest: no overdraw there);
  // at the back all of it (rarely on screen).
  body.paint(C.black).front(-hw + POST, 0, -PANEL, H, hd + GAP)
  body.front(PANEL, 0, hw - POST, H, hd + GAP)
  body.back(-hw + POST, 0, hw - POST, H, -hd - GAP)
  const top = uy(units)
  body.paint(C.blank).front(-hw + POST, 0, hw - POST, PLINTH_M, hd + 2 * GAP)
  body.front(-hw + POST, top, hw - POST, H, hd + 2 * GAP)
  body
    .paint(C.grille)
    .textured(DOOR_TILE_M)
    .front(-PANEL, 0.04, PANEL, PLINTH_M - 0.05, hd + 3 * GAP)
  body.textured(0)
  // Header light bar in the legend colour: the rack's colour reads from across the hall.
  lights.paint(C.ledWhite, 1).front(-PANEL + 0.02, top + 0.05, PANEL - 0.02, top + 0.07, hd + 3 * GAP)
}

/** A chassis front protruding `depthM` from the rack face between units u0 and u1. */
function chassis(m: RackModel, hd: number, u0: number, u1: number, hex: string, depthM = 0.03): number {
  // Stacked units hide each other's tops and bottoms: front and sides only.
  m.body.paint(hex).box(-PANEL, uy(u0), hd, PANEL, uy(u1), hd + depthM, ['-z', '-y', '+y'])
  return hd + depthM + GAP
}

/** Blanking panels over units [u0, u1). */
function blank(m: RackModel, hd: number, u0: number, u1: number): void {
  if (u1 > u0) m.body.paint(C.blank).front(-PANEL, uy(u0), PANEL, uy(u1), hd + 2 * GAP)
}

/** A vertical grab handle at x, from y0 to y1, standing out of the face at z. */
function handle(m: RackModel, x: number, y0: number, y1: number, z: number): void {
  m.body.paint(C.steel).box(x - 0.006, y0, z, x + 0.006, y1, z + 0.018, ['-z', '-y', '+y'])
}

/** An HGX 4U 8-GPU server at unit u0: drive bays, grille, GPU tray handle, ear handles, lights. */
function hgxServer(m: RackModel, hd: number, u0: number): void {
  const z = chassis(m, hd, u0, u0 + 4, C.chassis, 0.035)
  const y0 = uy(u0)
  const yTop = uy(u0 + 4)
  m.body.paint(C.drive)
  for (let k = 0; k < 4; k++) {
    const x0 = -0.2 + k * 0.1
    m.body.front(x0 + 0.004, yTop - 0.036, x0 + 0.096, yTop - 0.008, z)
  }
  m.body
    .paint(C.grille)
    .textured(DOOR_TILE_M)
    .front(-0.205, y0 + 0.012, 0.205, yTop - 0.045, z)
    .textured(0)
  m.body.paint(C.steel).box(-0.15, y0 + 0.03, z, 0.15, y0 + 0.042, z + 0.014, ['-z', '-x', '+x'])
  handle(m, -0.224, y0 + 0.02, yTop - 0.02, z - GAP)
  handle(m, 0.224, y0 + 0.02, yTop - 0.02, z - GAP)
  m.lights.paint(C.ledWhite, 1).front(-0.2, yTop - 0.046, 0.1, yTop - 0.04, z + GAP)
  m.lights.paint(C.ledGreen).front(0.17, yTop - 0.046, 0.2, yTop - 0.04, z + GAP)
}

/** Supply and return manifolds up the rear, with one hose pair to each unit in `hoseUnits`. */
function manifolds(
  m: RackModel,
  s: RackSize,
  span: [number, number],
  hoseUnits: number[],
  innerX: number,
): void {
  const hd = s.depthM / 2
  const z = -hd - 0.055
  for (const [x, hex] of [
    [-0.2, C.supply],
    [0.2, C.ret],
  ] as const) {
    m.body.paint(hex).pipe('y', x, z, uy(span[0]), uy(span[1]), 0.022, 8)
    for (const u of hoseUnits) {
      const y = uy(u) + 0.022
      const inner = x < 0 ? -innerX : innerX
      // Hoses are seen from behind and above only (through the door): two faces each.
      m.body.box(Math.min(x, inner), y - 0.008, z - 0.008, Math.max(x, inner), y + 0.008, z + 0.008, [
        '+z',
        '-y',
        '+x',
        '-x',
      ])
    }
  }
}

/** The perforated rear door: frame, sheet, handle and the legend stripe. */
function rearDoor(m: RackModel, s: RackSize): void {
  const hw = s.widthM / 2
  const hd = s.depthM / 2
  const z = -hd - 0.1
  const x0 = -hw + POST
  const x1 = hw - POST
  const y0 = 0.04
  const y1 = s.heightM - 0.03
  m.door
    .paint('#ffffff')
    .quad([x1, y0, z], [x0 - x1, 0, 0], [0, y1 - y0, 0], (x1 - x0) / DOOR_TILE_M, (y1 - y0) / DOOR_TILE_M)
  m.body.paint(C.black)
  m.body.box(x0, y0 - 0.035, z - 0.012, x1, y0, z + 0.01, ['+z'])
  m.body.box(x0, y1, z - 0.012, x1, y1 + 0.025, z + 0.01, ['+z'])
  m.body.paint(C.frame, 1).box(x0, y0, z - 0.014, x0 + 0.03, y1, z + 0.01, ['+z'])
  m.body.paint(C.steel).box(x0 + 0.008, 1.0, z - 0.04, x0 + 0.022, 1.3, z - 0.014, ['+z'])
}

/** The close-up of an HGX rack. */
function hgxModel(s: RackSize): RackModel {
  const m: RackModel = { body: new PartBuilder(), lights: new PartBuilder(), door: new PartBuilder() }
  const hd = s.depthM / 2 + GAP
  frame(m, s, 42)
  // CDU: 4U, a display and handles.
  const z = chassis(m, hd, 0, 4, C.cdu, 0.04)
  m.lights.paint(C.lcd).front(-0.16, uy(2), -0.04, uy(3.4), z)
  m.body.paint(C.grille).textured(DOOR_TILE_M).front(0.0, uy(0.5), 0.2, uy(3.5), z).textured(0)
  handle(m, -0.224, uy(0.4), uy(3.6), z - GAP)
  handle(m, 0.224, uy(0.4), uy(3.6), z - GAP)
  m.lights.paint(C.ledWhite, 1).front(-0.16, uy(1), -0.04, uy(1.2), z)
  blank(m, hd, 4, 5)
  for (let k = 0; k < 8; k++) hgxServer(m, hd, 5 + 4 * k)
  blank(m, hd, 37, 39)
  // Top-of-rack switch: 1U, two rows of ports, port lights.
  const zs = chassis(m, hd, 39, 40, C.chassis, 0.02)
  m.body.paint(C.port).front(-0.2, uy(39) + 0.008, 0.15, uy(40) - 0.008, zs)
  m.lights.paint(C.ledGreen).front(-0.2, uy(40) - 0.01, 0.15, uy(40) - 0.007, zs + GAP)
  blank(m, hd, 40, 42)
  // Rear: server power supplies, then manifolds and door.
  m.body.paint(C.psu)
  for (let k = 0; k < 8; k++) m.body.back(0.03, uy(5 + 4 * k) + 0.01, 0.2, uy(6 + 4 * k), -hd - GAP)
  const servers = Array.from({ length: 8 }, (_, k) => 7 + 4 * k)
  manifolds(m, s, [0.2, 38], servers, 0.09)
  rearDoor(m, s)
  return m
}

/** A 1U NVL72 compute tray at u: champagne grille, E1.S bays, status lights. */
function computeTray(m: RackModel, hd: number, u: number): void {
  const z = chassis(m, hd, u, u + 1, C.chassis, 0.025)
  m.body
    .paint(C.gold)
    .textured(DOOR_TILE_M)
    .front(-0.225, uy(u) + 0.006, 0.04, uy(u + 1) - 0.006, z)
    .textured(0)
  m.body.paint(C.port).front(0.055, uy(u) + 0.008, 0.2, uy(u + 1) - 0.008, z)
  m.lights.paint(C.ledWhite, 1).front(0.205, uy(u) + 0.012, 0.228, uy(u + 1) - 0.012, z + GAP)
}

/** A 1U NVLink switch tray at u. */
function switchTray(m: RackModel, hd: number, u: number): void {
  const z = chassis(m, hd, u, u + 1, C.chassis, 0.025)
  m.body
    .paint(C.grille)
    .textured(DOOR_TILE_M)
    .front(-0.225, uy(u) + 0.006, 0.16, uy(u + 1) - 0.006, z)
    .textured(0)
  m.body.paint(C.gold).front(-0.225, uy(u) + 0.019, 0.16, uy(u) + 0.025, z + GAP)
  m.lights.paint(C.ledGreen).front(0.18, uy(u) + 0.015, 0.228, uy(u + 1) - 0.015, z + GAP)
}

/** A 1U power shelf at u: six power supplies with a light each. */
function powerShelf(m: RackModel, hd: number, u: number): void {
  const z = chassis(m, hd, u, u + 1, C.black, 0.02)
  m.body.paint(C.psu)
  for (let k = 0; k < 3; k++) {
    const x0 = -0.235 + k * 0.158
    m.body.front(x0, uy(u) + 0.005, x0 + 0.152, uy(u + 1) - 0.005, z)
  }
  m.lights.paint(C.ledGreen).front(-0.23, uy(u + 1) - 0.012, 0.23, uy(u + 1) - 0.009, z + GAP)
}

/** The close-up of a GB200/GB300 NVL72 rack. */
function nvlModel(s: RackSize): RackModel {
  const m: RackModel = { body: new PartBuilder(), lights: new PartBuilder(), door: new PartBuilder() }
  const hd = s.depthM / 2 + GAP
  frame(m, s, 42)
  blank(m, hd, 0, 2)
  const computeUnits: number[] = []
  let u = 2
  for (let k = 0; k < 4; k++) powerShelf(m, hd, u++)
  for (let k = 0; k < 8; k++) {
    computeUnits.push(u)
    computeTray(m, hd, u++)
  }
  const spine0 = u
  for (let k = 0; k < 9; k++) switchTray(m, hd, u++)
  const spine1 = u
  for (let k = 0; k < 10; k++) {
    computeUnits.push(u)
    computeTray(m, hd, u++)
  }
  for (let k = 0; k < 4; k++) powerShelf(m, hd, u++)
  blank(m, hd, u, u + 3)
  u += 3
  const zs = chassis(m, hd, u, u + 2, C.chassis, 0.02)
  m.body.paint(C.port).front(-0.2, uy(u) + 0.01, 0.15, uy(u + 2) - 0.01, zs)
  m.lights.paint(C.ledGreen).front(-0.2, uy(u + 2) - 0.012, 0.15, uy(u + 2) - 0.009, zs + GAP)
  // Rear: the NVLink spine (four cable cartridges behind the switch trays and the trays around
  // them), the DC busbar, manifolds with a hose pair per compute tray, and the door.
  const back = -hd - GAP
  m.body.paint(C.spine)
  for (let k = 0; k < 4; k++) {
    const x0 = -0.15 + k * 0.062
    m.body.box(x0, uy(spine0 - 6), back - 0.05, x0 + 0.06, uy(spine1 + 6), back, ['+z', '-y'])
  }
  m.body.paint(C.copper).box(0.108, uy(2), back - 0.03, 0.134, uy(40), back, ['+z', '-y'])
  manifolds(m, s, [2, 40], computeUnits, 0.16)
  rearDoor(m, s)
  return m
}

/** The close-up model of a rack kind at a size. */
export function rackModel(kind: RackKind, size: RackSize): RackModel {
  return kind === 'hgx' ? hgxModel(size) : nvlModel(size)
}
