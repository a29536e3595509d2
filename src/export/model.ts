/**
 * 3D model export of what stands at the shown moment: GLB (three's GLTFExporter, racks as
 * EXT_mesh_gpu_instancing, or merged for viewers without it) and USDZ (USDZExporter, merged).
 * This module and the exporters it imports are loaded on demand (a dynamic import), never
 * with the page: they are big and few people export models.
 */
import type { Object3D } from 'three'
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js'
import { USDZExporter } from 'three/examples/jsm/exporters/USDZExporter.js'
import type { StoreApi } from 'zustand/vanilla'
import type { Layout } from '../domain/layout/buildLayout'
import { type ModelFormat, type ModelScene, modelCounts, modelScene } from '../domain/modelScene'
import { modelSizeEstimate, modelSizeProblem } from '../domain/modelSize'
import { buildPrefix, phaseAtReveal, statsAtReveal } from '../domain/timeline/timeline'
import type { ModelRequest, ModelResult } from '../state/exportApi'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { modelFileName } from './fileName'
import { buildModel } from './modelBuild'

/** The model of what the app shows now: layout, colour mode, roof and the shown moment. */
export function shownModel(store: StoreApi<AppState>, clock: TimelineClock): ModelScene {
  const s = store.getState()
  return modelScene({
    layout: s.layout,
    colorMode: s.colorMode,
    roof: s.roofMode,
    phaseIndex: phaseAtReveal(clock.reveal, s.layout.phases.length),
    racks: statsAtReveal(s.layout, buildPrefix(s.layout), clock.reveal).racks,
  })
}

/** Exports `root` with three's exporter for `format`. */
async function encode(root: Object3D, format: ModelFormat): Promise<ArrayBuffer> {
  if (format === 'usdz')
    // No AR anchoring: the model is a campus, placed where the viewer puts it.
    return (await new USDZExporter().parseAsync(root, { includeAnchoringProperties: false }))
      .buffer as ArrayBuffer
  const out = await new GLTFExporter().parseAsync(root, { binary: true, onlyVisible: true })
  if (!(out instanceof ArrayBuffer)) throw new Error('GLTFExporter returned JSON where a GLB was asked for')
  return out
}

/**
 * The file of `model` in `format`; `instanced` (GLB only) keeps racks and plant instanced.
 * Refuses, before building anything, a model whose estimated size is over the cap.
 */
export async function modelFile(
  layout: Layout,
  model: ModelScene,
  format: ModelFormat,
  instanced: boolean,
): Promise<ArrayBuffer> {
  const inst = format === 'glb' && instanced
  const problem = modelSizeProblem(modelSizeEstimate(modelCounts(model), format, inst), format)
  if (problem) throw new Error(problem)
  const built = buildModel(layout, model, inst)
  try {
    return await encode(built.root, format)
  } finally {
    built.dispose()
  }
}

/** Exports the shown moment as a model file. */
export async function exportModel(
  store: StoreApi<AppState>,
  clock: TimelineClock,
  req: ModelRequest,
): Promise<ModelResult> {
  const model = shownModel(store, clock)
  const s = store.getState()
  const instanced = req.instanced ?? true
  const buffer = await modelFile(s.layout, model, req.format, instanced)
  const type = req.format === 'glb' ? 'model/gltf-binary' : 'model/vnd.usdz+zip'
  return {
    blob: new Blob([buffer], { type }),
    fileName: modelFileName(s, model.phaseIndex, req.format),
    bytes: buffer.byteLength,
    racks: model.racks,
  }
}
