/**
 * Turns a ModelScene (domain/modelScene) into a three scene graph for the glTF and USD
 * exporters: named groups site → building → hall, one mesh per hall and rack colour, shells
 * as boxes, plant in its on-screen shapes. With `instanced`, racks and plant units are
 * InstancedMeshes (GLTFExporter writes them as EXT_mesh_gpu_instancing); without, each group
 * is merged into one plain mesh (USDZExporter has no instancing; plain glTF opens anywhere).
 * Built for one export and disposed right after it, never added to the live scene.
 */
import {
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  Color,
  Group,
  InstancedMesh,
  type Material,
  Matrix4,
  Mesh,
  MeshStandardMaterial,
  Quaternion,
  SRGBColorSpace,
  Vector3,
} from 'three'
import type { Box } from '../domain/campus'
import type { Layout } from '../domain/layout/buildLayout'
import type { ModelHall, ModelPlant, ModelRackGroup, ModelScene } from '../domain/modelScene'
import { PLANT_COLORS, plantGeometry } from '../gpu/plantGeometry'
import { SURFACES } from '../gpu/surface'

/** A faded roof as scene/Campus draws it: nearly clear, so the halls show through. */
const FADED_ROOF_OPACITY = 0.14

const _m = new Matrix4()
const _q = new Quaternion()
const _p = new Vector3()
const _s = new Vector3(1, 1, 1)
const _y = new Vector3(0, 1, 0)

/** One placement: a point on the ground plane (or at height y) turned about y. */
interface Placement {
  x: number
  y: number
  z: number
  rotY: number
}

/** A three scene of a model, and how to free it. */
export interface BuiltModel {
  root: Group
  dispose(): void
}

/** A geometry with position and normal only (and colour if it had one): no UVs, nothing to texture. */
function bare(g: BufferGeometry): BufferGeometry {
  for (const name of Object.keys(g.attributes))
    if (name !== 'position' && name !== 'normal' && name !== 'color') g.deleteAttribute(name)
  return g
}

/** Copies `template` once per placement, moved and turned, into one geometry. */
export function mergePlaced(template: BufferGeometry, placements: readonly Placement[]): BufferGeometry {
  const names = Object.keys(template.attributes)
  const nv = template.getAttribute('position').count
  const out = new BufferGeometry()
  const arrays = names.map((name) => {
    const a = template.getAttribute(name) as BufferAttribute
    return {
      name,
      src: a.array as Float32Array,
      size: a.itemSize,
      dst: new Float32Array(nv * a.itemSize * placements.length),
    }
  })
  placements.forEach((pl, k) => {
    const c = Math.cos(pl.rotY)
    const s = Math.sin(pl.rotY)
    for (const { name, src, size, dst } of arrays) {
      const o = k * nv * size
      if (name === 'color') {
        dst.set(src, o)
        continue
      }
      const move = name === 'position' ? 1 : 0
      for (let v = 0; v < nv; v++) {
        const x = src[v * 3]!
        const y = src[v * 3 + 1]!
        const z = src[v * 3 + 2]!
        // Rotation about +y, as three's Matrix4.makeRotationY.
        dst[o + v * 3] = c * x + s * z + move * pl.x
        dst[o + v * 3 + 1] = y + move * pl.y
        dst[o + v * 3 + 2] = -s * x + c * z + move * pl.z
      }
    }
  })
  for (const { name, size, dst } of arrays) out.setAttribute(name, new BufferAttribute(dst, size))
  const index = template.getIndex()
  if (index) {
    const total = nv * placements.length
    const ni = index.count
    const idx =
      total > 65535 ? new Uint32Array(ni * placements.length) : new Uint16Array(ni * placements.length)
    for (let k = 0; k < placements.length; k++)
      for (let i = 0; i < ni; i++) idx[k * ni + i] = index.getX(i) + k * nv
    out.setIndex(new BufferAttribute(idx, 1))
  }
  return out
}

/** Racks, boxes and plant as meshes, sharing geometries and materials it owns. */
class ModelBuilder {
  private readonly owned: { dispose(): void }[] = []
  private readonly boxGeometries = new Map<string, BufferGeometry>()
  private readonly plantGeometries = new Map<string, BufferGeometry>()
  private readonly materials = new Map<string, MeshStandardMaterial>()

  constructor(
    private readonly layout: Layout,
    private readonly instanced: boolean,
  ) {}

  dispose(): void {
    for (const o of this.owned) o.dispose()
  }

  private own<T extends { dispose(): void }>(o: T): T {
    this.owned.push(o)
    return o
  }

  /** A box of w × h × d standing on y = 0 (or centred, for shells), cached by size. */
  private box(w: number, h: number, d: number, onGround: boolean): BufferGeometry {
    const key = `${w}:${h}:${d}:${onGround}`
    let g = this.boxGeometries.get(key)
    if (!g) {
      g = this.own(bare(new BoxGeometry(w, h, d)))
      if (onGround) g.translate(0, h / 2, 0)
      this.boxGeometries.set(key, g)
    }
    return g
  }

  /** A matte material of an sRGB colour, cached by colour and opacity. */
  material(hex: string, opts: { opacity?: number; vertexColors?: boolean } = {}): Material {
    const key = `${hex}:${opts.opacity ?? 1}:${opts.vertexColors ?? false}`
    let m = this.materials.get(key)
    if (!m) {
      m = this.own(
        new MeshStandardMaterial({
          color: new Color().setStyle(hex, SRGBColorSpace),
          roughness: 0.8,
          metalness: 0,
          vertexColors: opts.vertexColors ?? false,
        }),
      )
      if (opts.opacity !== undefined && opts.opacity < 1) {
        m.transparent = true
        m.opacity = opts.opacity
        m.depthWrite = false
      }
      m.name = key.replace(/[^A-Za-z0-9]+/g, '_')
      this.materials.set(key, m)
    }
    return m
  }

  /** A shell box as a mesh of the shared unit cube, placed by its node's transform. */
  shellBox(name: string, b: Box, material: Material): Mesh {
    const mesh = new Mesh(this.box(1, 1, 1, false), material)
    mesh.name = name
    mesh.position.set(b.x, b.y, b.z)
    mesh.rotation.y = b.rotY
    mesh.scale.set(b.sx, b.sy, b.sz)
    return mesh
  }

  /** `template` at each placement: instanced, or merged into one mesh. */
  private placed(name: string, template: BufferGeometry, material: Material, at: readonly Placement[]): Mesh {
    let mesh: Mesh
    if (this.instanced) {
      const im = new InstancedMesh(template, material, at.length)
      at.forEach((pl, k) => {
        _q.setFromAxisAngle(_y, pl.rotY)
        im.setMatrixAt(k, _m.compose(_p.set(pl.x, pl.y, pl.z), _q, _s))
      })
      im.instanceMatrix.needsUpdate = true
      mesh = this.own(im)
    } else mesh = new Mesh(this.own(mergePlaced(template, at)), material)
    mesh.name = name
    return mesh
  }

  /** One mesh of a hall's racks of one colour. */
  rackGroup(hall: ModelHall, g: ModelRackGroup): Mesh {
    const r = this.layout.racks
    const at: Placement[] = Array.from(g.racks, (i) => ({ x: r.x[i]!, y: 0, z: r.z[i]!, rotY: r.rotY[i]! }))
    const { widthM, heightM, depthM } = hall.rack
    return this.placed(g.name, this.box(widthM, heightM, depthM, true), this.material(g.colorHex), at)
  }

  /** One mesh of a plant group's units, in the shapes the scene draws. */
  plant(p: ModelPlant): Mesh {
    let g = this.plantGeometries.get(p.kind)
    if (!g) {
      g = this.own(bare(plantGeometry(p.kind)))
      this.plantGeometries.set(p.kind, g)
    }
    const at = p.units.map((u) => ({ x: u.x, y: 0, z: u.z, rotY: u.rotY }))
    return this.placed(p.name, g, this.material(PLANT_COLORS[p.kind], { vertexColors: true }), at)
  }
}

/** A named group. */
function group(name: string): Group {
  const g = new Group()
  g.name = name
  return g
}

/** The shell of a building: floor slab, four walls, roof as on screen. */
function buildingShell(
  b: ModelScene['sites'][number]['buildings'][number],
  mb: ModelBuilder,
  roofOpacity: number,
) {
  const out = [mb.shellBox('floor', b.floor, mb.material(SURFACES.slab.color))]
  b.walls.forEach((w, k) => {
    out.push(mb.shellBox(`wall_${k + 1}`, w, mb.material(SURFACES.cladding.color)))
  })
  if (b.roof)
    out.push(mb.shellBox('roof', b.roof, mb.material(SURFACES.roofMembrane.color, { opacity: roofOpacity })))
  return out
}

/**
 * The three scene of `model`: a root group (the campus centre moved to the origin), a group
 * per site, building and hall. The caller exports `root` and then calls `dispose`.
 */
export function buildModel(layout: Layout, model: ModelScene, instanced: boolean): BuiltModel {
  const mb = new ModelBuilder(layout, instanced)
  const root = group(model.name)
  root.position.set(-model.centreM.x, 0, -model.centreM.z)
  const roofOpacity = model.roof === 'faded' ? FADED_ROOF_OPACITY : 1
  for (const site of model.sites) {
    const s = group(site.name)
    root.add(s)
    for (const b of site.buildings) {
      const bg = group(b.name)
      s.add(bg)
      bg.add(...buildingShell(b, mb, roofOpacity))
      for (const hall of b.halls) {
        const hg = group(hall.name)
        bg.add(hg)
        if (hall.floor) hg.add(mb.shellBox('hall_floor', hall.floor, mb.material(SURFACES.hallFloor.color)))
        for (const g of hall.groups) hg.add(mb.rackGroup(hall, g))
      }
    }
    for (const p of site.plant) s.add(mb.plant(p))
  }
  root.updateMatrixWorld(true)
  return { root, dispose: () => mb.dispose() }
}
