/**
 * Camera presets computed from a layout: where the camera stands and what it looks at.
 * Pure: positions are plain [x, y, z] tuples in metres (y up).
 */
import { applyInto } from './geometry'
import { campusBounds, type Layout } from './layout/buildLayout'

/** A camera pose. */
export interface CameraPose {
  position: [number, number, number]
  target: [number, number, number]
}

/** A named preset. */
export interface CameraPreset {
  /** Stable id used in URLs and the automation API: `campus`, `site:<id>`, `hall`, `rack`. */
  id: string
  label: string
  /** Keyboard key that selects it ("1".."9"). */
  key: string
}

/** The presets a layout offers, in key order. */
export function cameraPresets(layout: Layout): CameraPreset[] {
  const list: CameraPreset[] = [{ id: 'campus', label: 'Campus', key: '' }]
  for (const s of layout.sites) list.push({ id: `site:${s.id}`, label: s.name, key: '' })
  list.push({ id: 'hall', label: 'Hall', key: '' }, { id: 'rack', label: 'Rack', key: '' })
  return list.slice(0, 9).map((p, i) => ({ ...p, key: String(i + 1) }))
}

const VERTICAL_FOV_DEG = 40

/** Frames a ground rectangle from the south-east, high enough to see all of it. */
function frameBounds(
  minX: number,
  maxX: number,
  minZ: number,
  maxZ: number,
  aspect: number,
  elevationDeg = 48,
  azimuthDeg = 25,
  zoomOut = 1,
): CameraPose {
  const cx = (minX + maxX) / 2
  const cz = (minZ + maxZ) / 2
  const halfW = Math.max(1, (maxX - minX) / 2)
  const halfD = Math.max(1, (maxZ - minZ) / 2)
  const halfFov = ((VERTICAL_FOV_DEG / 2) * Math.PI) / 180
  const distV = (halfD * 1.15) / Math.tan(halfFov) + halfD * 0.4
  const distH = (halfW * 1.1) / (Math.tan(halfFov) * Math.max(0.3, aspect))
  const dist = Math.max(distV, distH) * zoomOut
  const el = (elevationDeg * Math.PI) / 180
  const az = (azimuthDeg * Math.PI) / 180
  return {
    position: [
      cx + dist * Math.cos(el) * Math.sin(az),
      dist * Math.sin(el),
      cz + dist * Math.cos(el) * Math.cos(az),
    ],
    target: [cx, 0, cz],
  }
}

/** Index of the rack a close-up preset shows: the selected one, or the first standing rack. */
function focusRack(layout: Layout, selected: number, phaseIndex: number): number {
  const end = layout.racks.phaseEnd[phaseIndex] ?? 0
  if (selected >= 0 && selected < end) return selected
  return end > 0 ? 0 : -1
}

/**
 * The pose of preset `id` for a viewport of `aspect` (width / height). `selected` is the
 * selected rack or -1; hall and rack presets centre on it when there is one. `zoomOut` > 1
 * stands further back (when panels cover part of the view). Unknown ids return null.
 */
export function presetPose(
  layout: Layout,
  id: string,
  aspect: number,
  selected: number,
  phaseIndex: number,
  zoomOut = 1,
): CameraPose | null {
  if (id === 'campus') {
    const { minX, maxX, minZ, maxZ } = campusBounds(layout)
    return frameBounds(minX, maxX, minZ, maxZ, aspect, 48, 25, zoomOut)
  }
  if (id.startsWith('site:')) {
    const site = layout.sites.find((s) => `site:${s.id}` === id)
    if (!site) return null
    const b = site.bounds
    return frameBounds(b.minX, b.maxX, b.minZ, b.maxZ, aspect, 45, 20, zoomOut)
  }
  if (id === 'hall') {
    const i = focusRack(layout, selected, phaseIndex)
    const hall = layout.halls[i >= 0 ? layout.racks.hall[i]! : 0]
    if (!hall) return null
    const t = hall.transform
    const r = Math.hypot(hall.sizeM[0], hall.sizeM[1]) / 2
    return frameBounds(t.x - r, t.x + r, t.z - r * 0.7, t.z + r * 0.7, aspect, 38, 30, zoomOut)
  }
  if (id === 'rack') {
    const i = focusRack(layout, selected, phaseIndex)
    if (i < 0) return null
    const r = layout.racks
    const a = r.rotY[i]!
    const grid = layout.halls[r.hall[i]!]!.grid
    // The rack's front faces its local +z: stand in the middle of the aisle in front of it
    // (never inside the row across), slightly to one side but not so far that a neighbour in
    // the row hides it; the servers and their GPU marks fill the view.
    const lx = Math.min(0.9, grid.rack.widthM * 1.5)
    const lz = grid.rack.depthM / 2 + grid.aisleM / 2
    const eye = { x: 0, z: 0 }
    applyInto({ x: r.x[i]!, z: r.z[i]!, angle: a }, lx, lz, eye)
    return {
      position: [eye.x, grid.rack.heightM * 0.76, eye.z],
      target: [r.x[i]!, grid.rack.heightM * 0.54, r.z[i]!],
    }
  }
  return null
}
