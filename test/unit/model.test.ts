/**
 * 3D model export: the model worked out from the domain (racks per colour, node names, bounds
 * in metres), the files three's exporters make of it (read back with GLTFLoader and unzipped),
 * the size estimate against real files, and the cap.
 */
import { Box3, type Group, type InstancedMesh, type Mesh, type MeshStandardMaterial } from 'three'
import { unzipSync } from 'three/examples/jsm/libs/fflate.module.js'
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { legendFor } from '../../src/domain/color/colorModes'
import { campusBounds, type Layout } from '../../src/domain/layout/buildLayout'
import {
  type ModelRequest,
  type ModelScene,
  modelCounts,
  modelScene,
  nodeName,
} from '../../src/domain/modelScene'
import {
  fmtBytes,
  MAX_MODEL_BYTES,
  modelSizeEstimate,
  modelSizeProblem,
  PLANT_UNIT_VERTICES,
} from '../../src/domain/modelSize'
import { modelFile } from '../../src/export/model'
import { buildModel } from '../../src/export/modelBuild'
import { plantGeometry } from '../../src/gpu/plantGeometry'
import { defaultLayout } from '../fixtures'

/** GLTFExporter assembles a GLB through FileReader, which Node lacks: the same on a Blob. */
class NodeFileReader {
  result: ArrayBuffer | null = null
  onloadend: (() => void) | null = null
  readAsArrayBuffer(blob: Blob): void {
    void blob.arrayBuffer().then((buffer) => {
      this.result = buffer
      this.onloadend?.()
    })
  }
}

let layout: Layout
const last = () => layout.phases.length - 1
const request = (over: Partial<ModelRequest> = {}): ModelRequest => ({
  layout,
  colorMode: 'generation',
  roof: 'solid',
  phaseIndex: last(),
  racks: layout.racks.phaseEnd[last()]!,
  ...over,
})

beforeAll(() => {
  ;(globalThis as { FileReader?: unknown }).FileReader ??= NodeFileReader
  layout = defaultLayout()
})

/** Every rack group of a model, with its hall's name. */
const groupsOf = (m: ModelScene) =>
  m.sites.flatMap((s) =>
    s.buildings.flatMap((b) => b.halls.flatMap((h) => h.groups.map((g) => ({ hall: h, g })))),
  )

/** Racks per colour over a model. */
function racksByColour(m: ModelScene): Map<string, number> {
  const out = new Map<string, number>()
  for (const { g } of groupsOf(m)) out.set(g.colorHex, (out.get(g.colorHex) ?? 0) + g.racks.length)
  return out
}

/** Loads a GLB back with three's loader. */
async function loadGlb(buffer: ArrayBuffer): Promise<Group> {
  const gltf = await new GLTFLoader().parseAsync(buffer, '')
  return gltf.scene
}

describe('the model of the shown moment', () => {
  it('holds the standing racks, per colour as many as the legend counts, at every phase and mode', () => {
    for (const colorMode of ['generation', 'phase'] as const)
      for (let p = 0; p < layout.phases.length; p++) {
        const m = modelScene(request({ colorMode, phaseIndex: p, racks: layout.racks.phaseEnd[p]! }))
        const legend = legendFor(layout, colorMode, p)
        if (legend.mode === 'power') throw new Error('categorical legend expected')
        const expected = new Map(legend.swatches.map((s) => [s.color.toLowerCase(), s.racks]))
        expect(`${colorMode} ${p} ${JSON.stringify([...racksByColour(m)].sort())}`).toBe(
          `${colorMode} ${p} ${JSON.stringify([...expected].sort())}`,
        )
        expect(modelCounts(m).racks).toBe(layout.racks.phaseEnd[p])
      }
  })

  it('holds a prefix of the rack table mid-build: exactly the racks standing', () => {
    const racks = layout.racks.phaseEnd[2]! + 17
    const m = modelScene(request({ phaseIndex: 3, racks }))
    const all = groupsOf(m).flatMap(({ g }) => [...g.racks])
    expect(all.length).toBe(racks)
    expect(Math.max(...all)).toBe(racks - 1)
  })

  it('names nodes site → building → hall → racks by what the colour means', () => {
    const m = modelScene(request())
    expect(m.sites.map((s) => s.name)).toEqual(layout.sites.map((s) => `site_${nodeName(s.id)}`))
    const halls = m.sites.flatMap((s) => s.buildings.flatMap((b) => b.halls.map((h) => h.name)))
    // Every hall that a phase fills (a hall no phase uses is left out).
    expect(halls).toHaveLength(layout.halls.filter((h) => h.firstPhase >= 0).length)
    for (const { hall, g } of groupsOf(m)) {
      expect(hall.name).toMatch(/^hall_[A-Za-z0-9_]+$/)
      expect(layout.config.generations.map((x) => nodeName('racks', x.name))).toContain(g.name)
    }
    expect(nodeName('racks', 'GB200 NVL72')).toBe('racks_GB200_NVL72')
    expect(nodeName('1 hall')).toBe('_1_hall')
  })

  it('follows the roof as on screen and shows plant and hall floors from their phase', () => {
    const hidden = modelScene(request({ roof: 'hidden' }))
    expect(hidden.sites.flatMap((s) => s.buildings).every((b) => b.roof === null)).toBe(true)
    const solid = modelScene(request())
    expect(solid.sites.flatMap((s) => s.buildings).every((b) => b.roof !== null)).toBe(true)
    const first = modelScene(request({ phaseIndex: 0, racks: layout.racks.phaseEnd[0]! }))
    const plant = (m: ModelScene) => m.sites.flatMap((s) => s.plant).length
    expect(plant(first)).toBe(layout.infrastructure.filter((i) => i.phase <= 0).length)
    expect(plant(solid)).toBe(layout.infrastructure.length)
    expect(plant(first)).toBeLessThan(plant(solid))
  })

  it('is built in metres with y up, the campus centred on the origin', () => {
    const m = modelScene(request())
    const built = buildModel(layout, m, true)
    try {
      const box = new Box3().setFromObject(built.root)
      const b = campusBounds(layout)
      const tallest = Math.max(
        ...layout.buildings.filter((x) => x.status !== 'planned').map((x) => x.sizeM[2]),
      )
      // The buildings and plant lie within the sites' bounds (which hold plant groups' centres,
      // not every unit's footprint: a row of 168 Megapacks reaches ~40 m past its centre on
      // each side), centred on the origin.
      expect(box.max.x - box.min.x).toBeLessThanOrEqual(b.maxX - b.minX + 80)
      expect(box.max.z - box.min.z).toBeLessThanOrEqual(b.maxZ - b.minZ + 80)
      expect(box.max.x - box.min.x).toBeGreaterThan(0.5 * (b.maxX - b.minX))
      expect(Math.abs(box.max.x + box.min.x)).toBeLessThan(0.2 * (b.maxX - b.minX))
      expect(box.min.y).toBeGreaterThanOrEqual(-0.01)
      expect(box.max.y).toBeGreaterThanOrEqual(tallest - 0.01)
      expect(box.max.y).toBeLessThan(40)
    } finally {
      built.dispose()
    }
  })
})

describe('the files', () => {
  it('GLB: loads back with GLTFLoader as instanced racks, one mesh per hall and colour, colours as the legend', async () => {
    const m = modelScene(request())
    const scene = await loadGlb(await modelFile(layout, m, 'glb', true))
    const racks = new Map<string, number>()
    let meshes = 0
    scene.traverse((o) => {
      if (!o.name.startsWith('racks_')) return
      const mesh = o as InstancedMesh
      expect(mesh.isInstancedMesh).toBe(true)
      meshes++
      const hex = `#${(mesh.material as MeshStandardMaterial).color.getHexString()}`
      racks.set(hex, (racks.get(hex) ?? 0) + mesh.count)
    })
    expect(meshes).toBe(modelCounts(m).rackGroups)
    expect(racks).toEqual(racksByColour(m))
    expect(scene.getObjectByName(m.sites[0]!.name)).toBeDefined()
    expect(scene.getObjectByName(m.sites[0]!.buildings[0]!.halls[0]!.name)).toBeDefined()
  })

  it('GLB without instancing: the same racks merged, 24 vertices each, no extension', async () => {
    const m = modelScene(request({ phaseIndex: 0, racks: layout.racks.phaseEnd[0]! }))
    const buffer = await modelFile(layout, m, 'glb', false)
    const json = new TextDecoder().decode(
      new Uint8Array(buffer, 20, new DataView(buffer).getUint32(12, true)),
    )
    expect(json).not.toContain('EXT_mesh_gpu_instancing')
    const scene = await loadGlb(buffer)
    let vertices = 0
    scene.traverse((o) => {
      if (o.name.startsWith('racks_')) vertices += (o as Mesh).geometry.getAttribute('position').count
    })
    expect(vertices).toBe(24 * layout.racks.phaseEnd[0]!)
  })

  it('USDZ: a zip with the .usda model first, in metres with y up, and the merged racks', async () => {
    const m = modelScene(request({ phaseIndex: 0, racks: layout.racks.phaseEnd[0]! }))
    const files = unzipSync(new Uint8Array(await modelFile(layout, m, 'usdz', false)))
    const names = Object.keys(files)
    expect(names[0]).toBe('model.usda')
    const usda = new TextDecoder().decode(files['model.usda'])
    expect(usda).toContain('metersPerUnit = 1')
    expect(usda).toContain('upAxis = "Y"')
    expect(usda).toContain(m.sites[0]!.name)
    // One triangle count per face: 12 per rack, over all rack geometries.
    let triangles = 0
    for (const name of names.filter((n) => n.startsWith('geometries/'))) {
      const text = new TextDecoder().decode(files[name])
      const counts = /int\[\] faceVertexCounts = \[([^\]]*)\]/.exec(text)![1]!
      triangles += counts.split(',').length
    }
    expect(triangles).toBeGreaterThanOrEqual(12 * layout.racks.phaseEnd[0]!)
  })
})

describe('size estimate and cap', () => {
  it('keeps the plant vertex counts equal to the shapes the scene draws', () => {
    for (const kind of Object.keys(PLANT_UNIT_VERTICES) as (keyof typeof PLANT_UNIT_VERTICES)[]) {
      const g = plantGeometry(kind)
      expect(PLANT_UNIT_VERTICES[kind], kind).toBe(g.getAttribute('position').count)
      g.dispose()
    }
  })

  it('is within 10% of the real file, for each format, at the first and last phase', async () => {
    const cases = [
      [0, 'glb', true],
      [0, 'glb', false],
      [0, 'usdz', false],
      [last(), 'glb', true],
      [last(), 'glb', false],
    ] as const
    for (const [p, format, instanced] of cases) {
      const m = modelScene(request({ phaseIndex: p, racks: layout.racks.phaseEnd[p]! }))
      const real = (await modelFile(layout, m, format, instanced)).byteLength
      const estimate = modelSizeEstimate(modelCounts(m), format, instanced)
      expect(Math.abs(estimate / real - 1), `${format} instanced=${instanced} phase ${p}`).toBeLessThan(0.1)
    }
  }, 60_000)

  it('refuses a model over the cap, naming its size and the cap, before building it', async () => {
    expect(modelSizeProblem(MAX_MODEL_BYTES, 'usdz')).toBeNull()
    const over = modelSizeProblem(250e6, 'usdz')
    expect(over).toContain('250.0 MB')
    expect(over).toContain(fmtBytes(MAX_MODEL_BYTES))
    // 120,000 racks (rack 0 over and over) in USDZ: about 225 MB.
    const m = modelScene(request())
    const hall = m.sites[0]!.buildings[0]!.halls[0]!
    hall.groups = [{ ...hall.groups[0]!, racks: new Uint32Array(120_000) }]
    const estimate = modelSizeEstimate(modelCounts(m), 'usdz', false)
    expect(estimate).toBeGreaterThan(MAX_MODEL_BYTES)
    await expect(modelFile(layout, m, 'usdz', false)).rejects.toThrow(
      /USDZ would be about .* over the 200\.0 MB cap/,
    )
    // The same racks instanced in a GLB are far under it.
    expect(modelSizeEstimate(modelCounts(m), 'glb', true)).toBeLessThan(MAX_MODEL_BYTES / 20)
  })
})
