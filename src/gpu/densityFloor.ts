/**
 * The hall power-density heat map: one flat quad over each hall floor, textured with its grid
 * of cell densities (domain/power/densityGrid: one cell per array of each row, kW/m²) on the
 * heat map's own ramp and the legend's kW/m² scale. Linear filtering blends the cells so it
 * reads as a heat map. Shown in the power colour mode; rewritten when the phase on screen
 * changes (a few hundred texels per hall, never per frame).
 *
 * Floor with no rack standing is not on the ramp: 0 kW/m² there would paint the ramp's deepest
 * colour, which reads as "a lot of something" over a hall that is built but still empty. An
 * empty cell is a transparent texel, so the plain hall floor shows through, and a hall with no
 * rack at all hides its quad (no draw call). Where a cell with racks meets an empty one, the
 * blend is in alpha only: the empty texel carries the mean colour of its neighbours with racks,
 * so the filter fades the ramp colour out over the floor, from the centre of the last cell with
 * racks to the centre of the first empty one, instead of mixing a foreign colour into the fringe.
 */
import {
  DataTexture,
  Group,
  LinearFilter,
  Mesh,
  MeshBasicMaterial,
  RGBAFormat,
  SRGBColorSpace,
  UnsignedByteType,
} from 'three'
import { densityColor, densityRangeKwM2 } from '../domain/color/colorModes'
import type { Layout } from '../domain/layout/buildLayout'
import { allocateDensityGrids, type DensityGrids, fillDensityGrids } from '../domain/power/densityGrid'
import { unitGroundQuad } from './boxInstances'

/** Just above the hall floor's top (slab 0.15 m + fit-out 0.04 m above 0.02 m), under the racks' feet. */
const HEAT_MAP_Y_M = 0.2

/** The heat map of a layout and how to recolour it. */
export interface DensityFloor {
  /** One quad per hall. */
  object: Group
  /** Shows the density of racks [0, standing). */
  showStanding: (standing: number) => void
  dispose: () => void
}

/** Builds the heat map of `layout`: one textured quad per hall (hidden until the caller shows it). */
export function createDensityFloor(layout: Layout): DensityFloor {
  const geometry = unitGroundQuad()
  const grids = allocateDensityGrids(layout)
  const group = new Group()
  group.name = 'power-density'
  group.visible = false
  const textures: DataTexture[] = []
  const materials: MeshBasicMaterial[] = []
  const meshes: Mesh[] = []
  layout.halls.forEach((hall, h) => {
    const texture = new DataTexture(
      new Uint8Array(grids.nx[h]! * grids.nz[h]! * 4),
      grids.nx[h]!,
      grids.nz[h]!,
    )
    texture.format = RGBAFormat
    texture.type = UnsignedByteType
    texture.colorSpace = SRGBColorSpace
    texture.magFilter = LinearFilter
    texture.minFilter = LinearFilter
    texture.generateMipmaps = false
    const material = new MeshBasicMaterial({
      map: texture,
      transparent: true,
      opacity: 0.85,
      depthWrite: false,
      polygonOffset: true,
      polygonOffsetFactor: -1,
      polygonOffsetUnits: -1,
    })
    const mesh = new Mesh(geometry, material)
    const t = hall.transform
    mesh.position.set(t.x, HEAT_MAP_Y_M, t.z)
    mesh.rotation.y = t.angle
    mesh.scale.set(hall.sizeM[0], 1, hall.sizeM[1])
    mesh.raycast = () => {}
    // Racks stand on it: draw it first among the transparent objects, under everything else.
    mesh.renderOrder = -1
    group.add(mesh)
    meshes.push(mesh)
    textures.push(texture)
    materials.push(material)
  })
  const { maxKwM2 } = densityRangeKwM2(layout)
  return {
    object: group,
    showStanding(standing) {
      fillDensityGrids(layout, standing, grids)
      for (const [h, texture] of textures.entries())
        meshes[h]!.visible = writeHall(texture, grids, h, maxKwM2)
    },
    dispose() {
      for (const t of textures) t.dispose()
      for (const m of materials) m.dispose()
      geometry.dispose()
    },
  }
}

/**
 * Writes hall h's cells into its texture as sRGB bytes: cells with racks on the heat map ramp,
 * opaque; empty cells transparent, coloured as their neighbours (see the file's comment).
 * Returns whether any rack stands in the hall.
 */
function writeHall(texture: DataTexture, grids: DensityGrids, h: number, maxKwM2: number): boolean {
  const data = texture.image.data as Uint8Array
  const nx = grids.nx[h]!
  const nz = grids.nz[h]!
  const base = grids.offset[h]!
  let any = false
  for (let row = 0; row < nz; row++) {
    // The ground quad's v runs from local +z (v = 0) to −z (v = 1); row 0 is at −z.
    const texRow = nz - 1 - row
    for (let a = 0; a < nx; a++) {
      const o = (texRow * nx + a) * 4
      const cell = base + row * nx + a
      if (grids.racks[cell] === 0) {
        data[o + 3] = 0
        continue
      }
      any = true
      const c = densityColor(grids.kwM2[cell]!, maxKwM2)
      data[o] = Math.round(c[0] * 255)
      data[o + 1] = Math.round(c[1] * 255)
      data[o + 2] = Math.round(c[2] * 255)
      data[o + 3] = 255
    }
  }
  if (any) colourEmptyTexels(data, nx, nz)
  texture.needsUpdate = true
  return any
}

/**
 * Gives each transparent texel the mean colour of its opaque 8-neighbours (bilinear filtering
 * reads a 2×2 block, so a diagonal neighbour is read too). It reads only opaque texels, which
 * it never writes, so the order does not matter.
 */
function colourEmptyTexels(data: Uint8Array, nx: number, nz: number) {
  for (let y = 0; y < nz; y++)
    for (let x = 0; x < nx; x++) {
      const o = (y * nx + x) * 4
      if (data[o + 3] !== 0) continue
      let n = 0
      let r = 0
      let g = 0
      let b = 0
      for (let ny = Math.max(0, y - 1); ny <= Math.min(nz - 1, y + 1); ny++)
        for (let nx2 = Math.max(0, x - 1); nx2 <= Math.min(nx - 1, x + 1); nx2++) {
          const k = (ny * nx + nx2) * 4
          if (data[k + 3] === 0) continue
          n++
          r += data[k]!
          g += data[k + 1]!
          b += data[k + 2]!
        }
      if (n === 0) continue
      data[o] = Math.round(r / n)
      data[o + 1] = Math.round(g / n)
      data[o + 2] = Math.round(b / n)
    }
}
