import { describe, expect, it } from 'vitest'
import { allocateDensityGrids, fillDensityGrids } from '../../src/domain/power/densityGrid'
import { hallDensityKwM2 } from '../../src/domain/power/totals'
import { defaultLayout } from '../fixtures'

const layout = defaultLayout()
const r = layout.racks

/** Σ cell × cell area of hall h, kW. */
function hallKw(g: ReturnType<typeof allocateDensityGrids>, h: number): number {
  let kw = 0
  for (let c = g.offset[h]!; c < g.offset[h + 1]!; c++) kw += g.kwM2[c]! * g.cellAreaM2[h]!
  return kw
}

describe('hall power-density grid', () => {
  it('one cell per array of each row; the cells tile the hall floor', () => {
    const g = allocateDensityGrids(layout)
    layout.halls.forEach((hall, h) => {
      expect(g.nx[h]).toBe(hall.grid.arraysPerRow)
      expect(g.nz[h]).toBe(hall.grid.rows)
      expect(g.cellAreaM2[h]! * g.nx[h]! * g.nz[h]!).toBeCloseTo(hall.sizeM[0] * hall.sizeM[1], 6)
    })
    expect(g.kwM2.length).toBe(g.offset[layout.halls.length])
  })

  it("cells sum back to each hall's draw, at every phase; cells of halls with nothing standing are 0", () => {
    const g = allocateDensityGrids(layout)
    for (const standing of [0, ...r.phaseEnd]) {
      fillDensityGrids(layout, standing, g)
      const total = new Float64Array(layout.halls.length)
      for (let i = 0; i < standing; i++) total[r.hall[i]!]! += layout.power.drawKw[i]!
      layout.halls.forEach((_, h) => {
        // Float32 cells: equal to ~1e-6 of the hall's draw.
        expect(Math.abs(hallKw(g, h) - total[h]!)).toBeLessThanOrEqual(total[h]! * 1e-5)
        if (total[h] === 0) for (let c = g.offset[h]!; c < g.offset[h + 1]!; c++) expect(g.kwM2[c]).toBe(0)
      })
    }
    // Nothing standing: every cell 0 (stale values cleared).
    fillDensityGrids(layout, 0, g)
    expect(g.kwM2.every((v) => v === 0)).toBe(true)
  })

  it('each cell counts its standing racks, so an empty cell is told apart from a cold one', () => {
    const g = allocateDensityGrids(layout)
    for (const standing of [...r.phaseEnd].reverse()) {
      fillDensityGrids(layout, standing, g)
      const want = new Uint16Array(g.racks.length)
      for (let i = 0; i < standing; i++)
        want[g.offset[r.hall[i]!]! + r.row[i]! * g.nx[r.hall[i]!]! + r.array[i]!]!++
      expect(g.racks).toEqual(want)
      // Drawing cells are exactly the cells with racks (every rack draws something).
      for (let c = 0; c < g.kwM2.length; c++) expect(g.kwM2[c]! > 0).toBe(g.racks[c]! > 0)
    }
    // Refilled with fewer racks (phases in reverse): counts of racks no longer standing are cleared.
    fillDensityGrids(layout, 0, g)
    expect(g.racks.every((v) => v === 0)).toBe(true)
  })

  it('a hall half filled has a hot half (its first rows) and a cold half', () => {
    // A hall the layout fills completely; stand only the first half of its racks (rows fill in order).
    const h = layout.halls.findIndex(
      (hall, k) => hall.capacity > 0 && r.hall.filter((x) => x === k).length === hall.capacity,
    )
    expect(h).toBeGreaterThanOrEqual(0)
    const mine: number[] = []
    for (let i = 0; i < r.count; i++) if (r.hall[i] === h) mine.push(i)
    const half = mine[mine.length / 2]!
    const g = fillDensityGrids(layout, half, allocateDensityGrids(layout))
    const nx = g.nx[h]!
    const rows = g.nz[h]!
    const rowKw = (row: number) => {
      let s = 0
      for (let a = 0; a < nx; a++) s += g.kwM2[g.offset[h]! + row * nx + a]!
      return s
    }
    const lastHotRow = r.row[mine[mine.length / 2 - 1]!]!
    expect(lastHotRow).toBeLessThan(rows - 1)
    for (let row = 0; row < lastHotRow; row++)
      for (let a = 0; a < nx; a++) expect(g.kwM2[g.offset[h]! + row * nx + a]).toBeGreaterThan(0)
    for (let row = lastHotRow + 1; row < rows; row++) expect(rowKw(row)).toBe(0)
    // Hot half: the hall's whole draw in it, so its cells average about twice the hall's mean.
    const standingMean = hallDensityKwM2(layout, half)[h]!
    let hot = 0
    for (let row = 0; row <= lastHotRow; row++) hot += rowKw(row)
    expect(hot / ((lastHotRow + 1) * nx)).toBeGreaterThan(standingMean * 1.5)
  })
})
