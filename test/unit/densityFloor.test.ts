import type { DataTexture, Mesh, MeshBasicMaterial } from 'three'
import { describe, expect, it } from 'vitest'
import { densityColor, densityRangeKwM2 } from '../../src/domain/color/colorModes'
import { allocateDensityGrids, fillDensityGrids } from '../../src/domain/power/densityGrid'
import { createDensityFloor } from '../../src/gpu/densityFloor'
import { defaultLayout } from '../fixtures'

const layout = defaultLayout()
const r = layout.racks
const phaseIndex = (id: string) => layout.config.phases.findIndex((p) => p.id === id)

/** Racks standing in each cell (hall, row, array) of racks [0, standing), counted from the racks themselves. */
function racksPerCell(standing: number): Map<string, number> {
  const m = new Map<string, number>()
  for (let i = 0; i < standing; i++) {
    const k = `${r.hall[i]}/${r.row[i]}/${r.array[i]}`
    m.set(k, (m.get(k) ?? 0) + 1)
  }
  return m
}

/** Hall h's quad, the RGBA bytes of its texture and the texture's size in texels. */
function hallQuad(floor: ReturnType<typeof createDensityFloor>, h: number) {
  const mesh = floor.object.children[h] as Mesh
  const { image } = (mesh.material as MeshBasicMaterial).map as DataTexture
  return { mesh, data: image.data as Uint8Array, nx: image.width, nz: image.height }
}

describe('hall power-density heat map', () => {
  // Colossus 2's first phase: some of its halls full, one part filled, the rest built but empty.
  const standings = [0, r.phaseEnd[0]!, r.phaseEnd[phaseIndex('colossus-2-phase-1')]!, r.count]
  const floor = createDensityFloor(layout)
  const grids = allocateDensityGrids(layout)
  const { maxKwM2 } = densityRangeKwM2(layout)

  it('a hall with no rack standing draws no heat map; a hall with racks draws it', () => {
    for (const standing of standings) {
      floor.showStanding(standing)
      const racks = new Uint32Array(layout.halls.length)
      for (let i = 0; i < standing; i++) racks[r.hall[i]!]!++
      layout.halls.forEach((_, h) => {
        expect(hallQuad(floor, h).mesh.visible, `hall ${h} at ${standing} racks`).toBe(racks[h]! > 0)
      })
    }
    // The case the defect was seen in: halls built but empty at Colossus 2's first phase.
    floor.showStanding(standings[2]!)
    expect(floor.object.children.filter((m) => !m.visible).length).toBeGreaterThan(0)
  })

  it('cells with racks keep the ramp, opaque; cells with none are transparent', () => {
    for (const standing of standings) {
      floor.showStanding(standing)
      fillDensityGrids(layout, standing, grids)
      const cells = racksPerCell(standing)
      let empty = 0
      let full = 0
      layout.halls.forEach((_, h) => {
        const { data, nx, nz } = hallQuad(floor, h)
        expect([nx, nz]).toEqual([grids.nx[h], grids.nz[h]])
        for (let row = 0; row < nz; row++)
          for (let a = 0; a < nx; a++) {
            // Texture rows run from the hall's local +z: grid row 0 is the last texture row.
            const o = ((nz - 1 - row) * nx + a) * 4
            if (!cells.has(`${h}/${row}/${a}`)) {
              expect(data[o + 3], `hall ${h} row ${row} array ${a}`).toBe(0)
              empty++
              continue
            }
            full++
            const c = densityColor(grids.kwM2[grids.offset[h]! + row * nx + a]!, maxKwM2)
            expect([...data.subarray(o, o + 4)]).toEqual([...c.map((v) => Math.round(v * 255)), 255])
          }
      })
      if (standing > 0 && standing < r.count) expect(empty * full).toBeGreaterThan(0)
    }
  })

  it('an empty cell next to racks carries their colour, so filtering fades it out rather than blending in another', () => {
    floor.showStanding(standings[2]!)
    let edges = 0
    layout.halls.forEach((_, h) => {
      const { data, nx, nz } = hallQuad(floor, h)
      for (let y = 0; y < nz; y++)
        for (let x = 0; x < nx; x++) {
          const o = (y * nx + x) * 4
          if (data[o + 3] !== 0) continue
          // The colours of its neighbours with racks (8-neighbourhood: bilinear reads 2×2 texels).
          const near: number[][] = []
          for (let dy = -1; dy <= 1; dy++)
            for (let dx = -1; dx <= 1; dx++) {
              const nx2 = x + dx
              const ny2 = y + dy
              if (nx2 < 0 || ny2 < 0 || nx2 >= nx || ny2 >= nz) continue
              const n = (ny2 * nx + nx2) * 4
              if (data[n + 3] !== 0) near.push([data[n]!, data[n + 1]!, data[n + 2]!])
            }
          if (near.length === 0) continue
          edges++
          // Within the span of its neighbours' colours, channel by channel (their mean).
          for (let ch = 0; ch < 3; ch++) {
            const vs = near.map((c) => c[ch]!)
            expect(data[o + ch]).toBeGreaterThanOrEqual(Math.min(...vs))
            expect(data[o + ch]).toBeLessThanOrEqual(Math.max(...vs))
          }
        }
    })
    expect(edges).toBeGreaterThan(0)
  })
})
