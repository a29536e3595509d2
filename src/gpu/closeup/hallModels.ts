/**
 * Close-up interior of a data hall, from its grid (src/domain/geometry.ts): a raised floor of
 * 600 mm tiles, cold-aisle containment between the rows that face each other (roof panels on a
 * frame, sliding end doors per array), an overhead busway with a tap-off box per rack and a
 * cable tray along every row, supply and return coolant pipes over the hot aisles, and walls
 * with doors. Built in hall-local metres (origin at the hall centre on the campus ground), then
 * placed with the hall's transform.
 */
import { gridExtentM, type HallGrid } from '../../domain/geometry'
import type { PlacedHall } from '../../domain/layout/buildLayout'
import { PartBuilder } from './partBuilder'

/** Top of a hall's floor above the ground, metres (the campus shell's slab and hall floor, see domain/campus.ts). */
export const HALL_FLOOR_Y = 0.19

/** Side of a raised-floor tile, metres. */
export const FLOOR_TILE_M = 0.6

/** Builders of one hall's interior. */
export interface HallModel {
  /** Frames, busways, trays, pipes, walls: vertex colours. */
  body: PartBuilder
  /** Containment roof panels and door glass (transparent). */
  glass: PartBuilder
  /** The tiled floor, UVs in tiles. */
  floor: PartBuilder
}

const WALL_H = 5.2
const WALL_T = 0.25
const BUSWAY_Y = 2.95
const TRAY_Y = 3.35
const PIPE_Y = 3.9

const C = {
  alu: '#b8bec6',
  frame: '#2e3238',
  busway: '#8e959e',
  tapOff: '#c9ced4',
  tray: '#e2b32a',
  supply: '#2a74d8',
  ret: '#d8452f',
  wall: '#d3d7dc',
  door: '#5f6b7a',
  doorFrame: '#3a4048',
}

/** Containment over the cold aisle between a row facing +z (front edge at zA) and one facing -z (zB). */
function containment(m: HallModel, g: HallGrid, x0: number, x1: number, zA: number, zB: number): void {
  const top = g.rack.heightM + 0.02
  const { body, glass } = m
  // Roof: glass panels on a frame that rests on the two rows.
  glass.paint('#ffffff').quad([x0, top, zB], [x1 - x0, 0, 0], [0, 0, zA - zB])
  body.paint(C.frame)
  body.box(x0, top - 0.04, zA - 0.04, x1, top + 0.05, zA + 0.02, [])
  body.box(x0, top - 0.04, zB - 0.02, x1, top + 0.05, zB + 0.04, [])
  for (let x = x0 + 1.2; x < x1 - 0.3; x += 1.2) body.box(x - 0.02, top, zA, x + 0.02, top + 0.04, zB)
  // End doors: a frame and two sliding glass leaves at each end of the array's aisle.
  for (const x of [x0, x1]) {
    const y0 = HALL_FLOOR_Y
    body.paint(C.alu)
    body.box(x - 0.03, y0, zA, x + 0.03, top, zA + 0.06)
    body.box(x - 0.03, y0, zB - 0.06, x + 0.03, top, zB)
    body.box(x - 0.03, top - 0.12, zA, x + 0.03, top, zB)
    body.box(x - 0.025, y0, (zA + zB) / 2 - 0.02, x + 0.025, top - 0.12, (zA + zB) / 2 + 0.02)
    glass.quad([x, y0 + 0.02, zA + 0.06], [0, 0, zB - zA - 0.12], [0, top - 0.14 - y0, 0])
  }
}

/** Busway with one tap-off per rack, and a cable tray, over the row whose racks centre on z. */
function overhead(m: HallModel, g: HallGrid, x0: number, x1: number, z: number, facing: number): void {
  const { body } = m
  const bz = z - facing * 0.25
  body.paint(C.busway).box(x0, BUSWAY_Y, bz - 0.08, x1, BUSWAY_Y + 0.14, bz + 0.08)
  body.paint(C.tapOff)
  const perArray = g.racksPerArray * g.rack.widthM + g.arrayGapM
  for (let a = 0; a < g.arraysPerRow; a++)
    for (let k = 0; k < g.racksPerArray; k++) {
      const x = x0 + a * perArray + (k + 0.5) * g.rack.widthM
      body.box(x - 0.09, BUSWAY_Y - 0.22, bz - 0.07, x + 0.09, BUSWAY_Y, bz + 0.07, ['+y', '-x', '+x'])
    }
  // Cable tray: a yellow U channel over the front of the racks, hung from rods.
  const tz = z + facing * 0.3
  body.paint(C.tray)
  body.box(x0, TRAY_Y, tz - 0.2, x1, TRAY_Y + 0.02, tz + 0.2)
  body.box(x0, TRAY_Y, tz - 0.2, x1, TRAY_Y + 0.1, tz - 0.18, ['-y'])
  body.box(x0, TRAY_Y, tz + 0.18, x1, TRAY_Y + 0.1, tz + 0.2, ['-y'])
  body.paint(C.frame)
  for (let x = x0 + 0.5; x < x1; x += 3)
    body.box(x - 0.01, BUSWAY_Y + 0.14, tz - 0.01, x + 0.01, WALL_H, tz + 0.01, ['-y', '+y'])
}

/** Walls around the hall with double doors in each wall. */
function walls(m: HallModel, w: number, d: number): void {
  const { body } = m
  const y0 = HALL_FLOOR_Y
  body.paint(C.wall)
  body.box(-w / 2, y0, -d / 2, w / 2, WALL_H, -d / 2 + WALL_T)
  body.box(-w / 2, y0, d / 2 - WALL_T, w / 2, WALL_H, d / 2)
  body.box(-w / 2, y0, -d / 2 + WALL_T, -w / 2 + WALL_T, WALL_H, d / 2 - WALL_T)
  body.box(w / 2 - WALL_T, y0, -d / 2 + WALL_T, w / 2, WALL_H, d / 2 - WALL_T)
  // Doors as panels on both faces of each wall: a frame and two leaves.
  const door = (cx: number, cz: number, nx: number, nz: number) => {
    for (const side of [-1, 1]) {
      const o = side * (WALL_T / 2 + 0.004)
      const px = cx + nx * o
      const pz = cz + nz * o
      // Along the wall: (tx, tz) = normal turned a quarter; facing `side`.
      const tx = -nz * side
      const tz = nx * side
      body
        .paint(C.doorFrame)
        .quad([px - tx * 1.05, y0, pz - tz * 1.05], [tx * 2.1, 0, tz * 2.1], [0, 2.45, 0])
      body.paint(C.door)
      for (const k of [-1, 1]) {
        const ax = px + nx * side * 0.003 + tx * (k < 0 ? -0.98 : 0.02)
        const az = pz + nz * side * 0.003 + tz * (k < 0 ? -0.98 : 0.02)
        body.quad([ax, y0, az], [tx * 0.96, 0, tz * 0.96], [0, 2.35, 0])
      }
    }
  }
  const inner = (v: number) => v / 2 - WALL_T / 2
  for (const f of [-0.25, 0.25]) {
    door(f * w, -inner(d), 0, 1)
    door(f * w, inner(d), 0, -1)
  }
  door(-inner(w), 0, 1, 0)
  door(inner(w), 0, -1, 0)
}

/** The interior of a hall, in hall-local metres. */
export function hallModel(hall: PlacedHall): HallModel {
  const m: HallModel = { body: new PartBuilder(), glass: new PartBuilder(), floor: new PartBuilder() }
  const g = hall.grid
  const [w, d] = hall.sizeM
  const ext = gridExtentM(g)
  // Tiles line up with the rack grid: racks stand on whole tiles.
  const u0 = (w / 2 - ext.widthM / 2) / FLOOR_TILE_M
  const v0 = (d / 2 - ext.depthM / 2) / FLOOR_TILE_M
  m.floor
    .paint('#ffffff')
    .quad(
      [-w / 2, HALL_FLOOR_Y + 0.003, d / 2],
      [w, 0, 0],
      [0, 0, -d],
      w / FLOOR_TILE_M,
      d / FLOOR_TILE_M,
      -u0,
      -v0,
    )
  const pitch = g.rack.depthM + g.aisleM
  const rowZ = (row: number) => -ext.depthM / 2 + row * pitch + g.rack.depthM / 2
  const perArray = g.racksPerArray * g.rack.widthM + g.arrayGapM
  const x0 = -ext.widthM / 2
  const x1 = ext.widthM / 2
  for (let row = 0; row + 1 < g.rows; row += 2) {
    const zA = rowZ(row) + g.rack.depthM / 2 + 0.05
    const zB = rowZ(row + 1) - g.rack.depthM / 2 - 0.05
    for (let a = 0; a < g.arraysPerRow; a++) {
      const ax = x0 + a * perArray
      containment(m, g, ax, ax + g.racksPerArray * g.rack.widthM, zA, zB)
    }
  }
  for (let row = 0; row < g.rows; row++) overhead(m, g, x0, x1, rowZ(row), row % 2 === 0 ? 1 : -1)
  // Coolant over each hot aisle (between rows back to back), supply and return.
  for (let row = 1; row + 1 < g.rows; row += 2) {
    const z = (rowZ(row) + rowZ(row + 1)) / 2
    m.body.paint(C.supply).pipe('x', PIPE_Y, z - 0.3, x0 - 1, x1 + 1, 0.1, 10)
    m.body.paint(C.ret).pipe('x', PIPE_Y, z + 0.3, x0 - 1, x1 + 1, 0.1, 10)
  }
  walls(m, w, d)
  return m
}
