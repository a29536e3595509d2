/**
 * The maths of "what the camera sees", on plain numbers, shared by the live DOM overlay (north
 * arrow, scale bar, site labels) and the overlay burned into exports. Matrices are 4×4,
 * column-major, as in three's `Matrix4.elements`. Nothing here allocates per call.
 */

/** A 4×4 matrix, column-major (three's `Matrix4.elements` order). */
export type Mat4 = ArrayLike<number>

/** A point in CSS pixels (or image pixels), origin top left. */
export interface ScreenPoint {
  x: number
  y: number
}

/** The view as the overlays see it. */
export interface ViewSnapshot {
  /** Compass heading the camera looks towards, degrees: 0 = north, 90 = east. */
  headingDeg: number
  /** Metres per pixel at the orbit target. */
  metresPerPixel: number
  /** Viewport size in pixels. */
  width: number
  height: number
  /** Projection × view matrix (world → clip space), column-major; null before the first frame. */
  viewProjection: Float64Array | null
  /** Camera position and orbit target, metres (to record the view as a story step). */
  position: [number, number, number]
  target: [number, number, number]
}

/** A view before any frame has rendered: no projection, so nothing projects. */
export const emptyView = (): ViewSnapshot => ({
  headingDeg: 0,
  metresPerPixel: 1,
  width: 1,
  height: 1,
  viewProjection: null,
  position: [0, 0, 0],
  target: [0, 0, 0],
})

/** A camera as plain numbers. */
export interface CameraNumbers {
  /** The camera's world matrix (`camera.matrixWorld.elements`). */
  world: Mat4
  /** Its inverse (`camera.matrixWorldInverse.elements`). */
  worldInverse: Mat4
  /** `camera.projectionMatrix.elements`. */
  projection: Mat4
  /** Vertical field of view, degrees. */
  fovDeg: number
}

/**
 * Compass heading of a view direction, degrees clockwise from north. The world has +x east and
 * -z north.
 */
export const headingDeg = (dirX: number, dirZ: number): number => (Math.atan2(dirX, -dirZ) * 180) / Math.PI

/** Metres per pixel at `distanceM` from a perspective camera of vertical field `fovDeg`. */
export const metresPerPixel = (distanceM: number, fovDeg: number, viewportHeightPx: number): number =>
  (2 * distanceM * Math.tan(((fovDeg / 2) * Math.PI) / 180)) / Math.max(1, viewportHeightPx)

const NICE = [1, 2, 5]

/** The largest round length (1, 2, 5 × 10^k metres) that fits in `maxPx` at `mpp` metres per pixel. */
export function scaleBarLength(mpp: number, maxPx: number): { metres: number; px: number } {
  const maxM = mpp * maxPx
  let best = 1
  for (let e = -1; e <= 5; e++) for (const n of NICE) if (n * 10 ** e <= maxM) best = n * 10 ** e
  return { metres: best, px: best / mpp }
}

/** out = a × b (4×4, column-major). `out` must not be `a` or `b`. */
export function multiplyMat4(a: Mat4, b: Mat4, out: Float64Array): Float64Array {
  for (let col = 0; col < 4; col++)
    for (let row = 0; row < 4; row++) {
      let sum = 0
      for (let k = 0; k < 4; k++) sum += a[k * 4 + row]! * b[col * 4 + k]!
      out[col * 4 + row] = sum
    }
  return out
}

/**
 * Fills `out` with the view of `camera` orbiting `target` in a viewport of width × height
 * pixels, and returns it.
 */
export function describeView(
  camera: CameraNumbers,
  target: readonly [number, number, number],
  width: number,
  height: number,
  out: ViewSnapshot,
): ViewSnapshot {
  const w = camera.world
  // The camera looks down its local -z: the world direction is minus the matrix's third column.
  out.headingDeg = headingDeg(-w[8]!, -w[10]!)
  const distanceM = Math.hypot(w[12]! - target[0], w[13]! - target[1], w[14]! - target[2])
  out.metresPerPixel = metresPerPixel(distanceM, camera.fovDeg, height)
  out.width = width
  out.height = height
  out.position[0] = w[12]!
  out.position[1] = w[13]!
  out.position[2] = w[14]!
  out.target[0] = target[0]
  out.target[1] = target[1]
  out.target[2] = target[2]
  out.viewProjection = multiplyMat4(
    camera.projection,
    camera.worldInverse,
    out.viewProjection ?? new Float64Array(16),
  )
  return out
}

/**
 * Projects a world point to pixels of the view (origin top left); null when it lies outside
 * the depth range (behind the camera or beyond the far plane) or before the first frame.
 */
export function projectToScreen(
  view: ViewSnapshot,
  x: number,
  y: number,
  z: number,
  out: ScreenPoint,
): ScreenPoint | null {
  const m = view.viewProjection
  if (!m) return null
  const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!
  const ndcX = (m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w
  const ndcY = (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w
  const ndcZ = (m[2]! * x + m[6]! * y + m[10]! * z + m[14]!) / w
  if (ndcZ > 1 || ndcZ < -1) return null
  out.x = ((ndcX + 1) / 2) * view.width
  out.y = ((1 - ndcY) / 2) * view.height
  return out
}
