/**
 * The ground: a flat plane of one colour, plus grid lines every 100 m (and every 20 m near the
 * campus) that fade into the ground with distance. Constant-colour fragments and a few hundred
 * line segments: the ground covers most of the screen, and on software renderers a textured or
 * procedural ground costs more than the whole campus.
 */
import {
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  PlaneGeometry,
} from 'three'

/** Ground colour (sRGB), close to the page background so the far edge never shows. */
export const GROUND_COLOR = '#141b25'
const MAJOR_COLOR = '#34435a'
const MINOR_COLOR = '#222c3a'

/**
 * Grid line endpoints and colours: lines every `stepM` within `extentM` of (cx, cz), each vertex
 * coloured from `color` towards the ground colour with distance (faded from `fadeFromM`).
 * Pure; returns flat arrays.
 */
export function gridLines(
  cx: number,
  cz: number,
  extentM: number,
  stepM: number,
  color: string,
  fadeFromM: number,
): { positions: number[]; colors: number[] } {
  const positions: number[] = []
  const colors: number[] = []
  const line = new Color(color)
  const ground = new Color(GROUND_COLOR)
  const c = new Color()
  const half = Math.floor(extentM / 2 / stepM) * stepM
  // Vertices every step along each line so the colour can fade along it.
  const push = (x: number, z: number) => {
    const d = Math.hypot(x - cx, z - cz)
    const t = Math.min(1, Math.max(0, (d - fadeFromM) / Math.max(1, half - fadeFromM)))
    c.copy(line).lerp(ground, t)
    positions.push(x, 0, z)
    colors.push(c.r, c.g, c.b)
  }
  for (let a = -half; a <= half; a += stepM) {
    for (let b = -half; b < half; b += stepM) {
      push(cx + a, cz + b)
      push(cx + a, cz + b + stepM)
      push(cx + b, cz + a)
      push(cx + b + stepM, cz + a)
    }
  }
  return { positions, colors }
}

function lines(data: { positions: number[]; colors: number[] }): LineSegments {
  const g = new BufferGeometry()
  g.setAttribute('position', new Float32BufferAttribute(data.positions, 3))
  g.setAttribute('color', new Float32BufferAttribute(data.colors, 3))
  const l = new LineSegments(
    g,
    new LineBasicMaterial({ vertexColors: true, depthTest: false, depthWrite: false }),
  )
  l.raycast = () => {}
  l.renderOrder = -9
  return l
}

/** Creates the ground centred on (cx, cz); `spanM` is the campus size. Dispose with `disposeGround`. */
export function createGround(cx: number, cz: number, spanM: number): Group {
  const group = new Group()
  group.name = 'ground-grid'
  const extent = Math.max(2000, spanM * 5)
  const plane = new Mesh(
    new PlaneGeometry(extent * 8, extent * 8).rotateX(-Math.PI / 2),
    new MeshBasicMaterial({ color: GROUND_COLOR, depthTest: false, depthWrite: false }),
  )
  // The ground is drawn first and writes no depth: everything on the campus covers it, with
  // no depth fight between the ground, its lines and the site pads at any distance.
  plane.renderOrder = -10
  plane.position.set(cx, -0.32, cz)
  plane.raycast = () => {}
  const major = lines(gridLines(cx, cz, extent, 100, MAJOR_COLOR, spanM * 0.8))
  const minorExtent = Math.min(extent, Math.max(400, spanM * 1.6))
  const minor = lines(gridLines(cx, cz, minorExtent, 20, MINOR_COLOR, spanM * 0.5))
  major.position.y = -0.3
  minor.position.y = -0.31
  group.add(plane, minor, major)
  return group
}

/** Releases what createGround made. */
export function disposeGround(group: Group): void {
  group.traverse((o) => {
    if (o instanceof Mesh || o instanceof LineSegments) {
      o.geometry.dispose()
      ;(o.material as MeshBasicMaterial | LineBasicMaterial).dispose()
    }
  })
}
