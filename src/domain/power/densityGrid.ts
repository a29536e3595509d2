/**
 * The hall power-density heat map's cells: each hall floor cut into one cell per array of each
 * row (its rack grid's arrays × rows), the floor shared out evenly so aisles, gaps and margins
 * count as area. A cell holds the draw of the array's standing racks ÷ the cell's area, kW/m²,
 * so Σ cell × cell area is the hall's draw and a uniformly full hall reads its mean everywhere.
 * Each cell also counts its standing racks, so a cell with no rack yet is told apart from one
 * whose racks draw little (the heat map leaves the first unpainted).
 */
import type { Layout } from '../layout/types'

/** Every hall's grid in one flat array: hall h's cells are kwM2[offset[h] … offset[h + 1]). */
export interface DensityGrids {
  /** Cells along each hall's local x: its grid's arrays per row. */
  nx: Uint16Array
  /** Cells along each hall's local z: its grid's rows. */
  nz: Uint16Array
  /** Start of each hall's cells in `kwM2`; length halls + 1. */
  offset: Uint32Array
  /** Area of one cell of each hall, m² (the hall floor ÷ its cells). */
  cellAreaM2: Float64Array
  /**
   * Density per cell, kW/m², row-major per hall: cell (array, row) at offset + row × nx + array;
   * array 0 is at the hall's local −x edge and row 0 at its local −z edge (as geometry/slotLocal).
   */
  kwM2: Float32Array
  /** Racks standing in each cell, indexed as `kwM2`. */
  racks: Uint16Array
}

/** The (zeroed) grids of `layout`'s halls. */
export function allocateDensityGrids(layout: Layout): DensityGrids {
  const n = layout.halls.length
  const nx = new Uint16Array(n)
  const nz = new Uint16Array(n)
  const offset = new Uint32Array(n + 1)
  const cellAreaM2 = new Float64Array(n)
  layout.halls.forEach((hall, h) => {
    nx[h] = Math.max(1, hall.grid.arraysPerRow)
    nz[h] = Math.max(1, hall.grid.rows)
    cellAreaM2[h] = (hall.sizeM[0] * hall.sizeM[1]) / (nx[h]! * nz[h]!)
    offset[h + 1] = offset[h]! + nx[h]! * nz[h]!
  })
  const cells = offset[n]!
  return { nx, nz, offset, cellAreaM2, kwM2: new Float32Array(cells), racks: new Uint16Array(cells) }
}

/** Fills `grids` (from allocateDensityGrids) with the density of racks [0, standing); returns it. */
export function fillDensityGrids(layout: Layout, standing: number, grids: DensityGrids): DensityGrids {
  const { nx, offset, cellAreaM2, kwM2, racks } = grids
  kwM2.fill(0)
  racks.fill(0)
  const r = layout.racks
  const d = layout.power.drawKw
  for (let i = 0; i < standing; i++) {
    const h = r.hall[i]!
    const c = offset[h]! + r.row[i]! * nx[h]! + r.array[i]!
    kwM2[c]! += d[i]!
    racks[c]!++
  }
  for (let h = 0; h < nx.length; h++) {
    const a = cellAreaM2[h]!
    for (let c = offset[h]!; c < offset[h + 1]!; c++) kwM2[c]! /= a
  }
  return grids
}
