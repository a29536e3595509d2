/**
 * The hall power-density heat map: one flat quad over each hall floor, textured with its grid
 * of cell densities (domain/power/densityGrid: one cell per array of each row, kW/m²) on the
 * heat map's own ramp and the legend's kW/m² scale. Linear filtering blends the cells so it
 * reads as a heat map. Shown in the power colour mode; rewritten when the phase on screen
 * changes (a few hundred texels per hall, never per frame).
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
import { allocateDensityGrids, fillDensityGrids } from '../domain/power/densityGrid'
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
    textures.push(texture)
    materials.push(material)
  })
  const { maxKwM2 } = densityRangeKwM2(layout)
  return {
    object: group,
    showStanding(standing) {
      fillDensityGrids(layout, standing, grids)
      for (const [h, texture] of textures.entries()) writeHall(texture, grids, h, maxKwM2)
    },
    dispose() {
      for (const t of textures) t.dispose()
      for (const m of materials) m.dispose()
      geometry.dispose()
    },
  }
}

/** Writes hall h's cells into its texture as sRGB bytes on the heat map ramp. */
function writeHall(
  texture: DataTexture,
  grids: ReturnType<typeof allocateDensityGrids>,
  h: number,
  maxKwM2: number,
) {
  const data = texture.image.data as Uint8Array
  const nx = grids.nx[h]!
  const nz = grids.nz[h]!
  const base = grids.offset[h]!
  for (let row = 0; row < nz; row++) {
    // The ground quad's v runs from local +z (v = 0) to −z (v = 1); row 0 is at −z.
    const texRow = nz - 1 - row
    for (let a = 0; a < nx; a++) {
      const c = densityColor(grids.kwM2[base + row * nx + a]!, maxKwM2)
      const o = (texRow * nx + a) * 4
      data[o] = Math.round(c[0] * 255)
      data[o + 1] = Math.round(c[1] * 255)
      data[o + 2] = Math.round(c[2] * 255)
      data[o + 3] = 255
    }
  }
  texture.needsUpdate = true
}
