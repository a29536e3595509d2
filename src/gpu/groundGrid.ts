/**
 * The ground: grid lines every 100 m that fade out with
 * distance, over the page's own background. No ground mesh: it would cover the whole screen,
 * and on software renderers even a constant-colour full-screen mesh cost more (15 ms a frame
 * at 1280×720 with MSAA under llvmpipe) than every rack of the campus.
 */
import { BufferGeometry, Color, Float32BufferAttribute, Group, LineBasicMaterial, LineSegments } from 'three'

/** Colour of the 100 m lines near the campus. */
const LINE_COLOR = '#3a4a62'

/** The colour lines fade into: the page background around the campus. */
const FADE_TO = '#0f151e'

/**
 * Grid line endpoints and colours: lines every `stepM` within `extentM` of (cx, cz), each
 * vertex's colour fading into the background with distance (from `fadeFromM`). Opaque: no
 * blending cost. Pure; returns flat arrays.
 */
function gridLines(
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
  const fade = new Color(FADE_TO)
  const c = new Color()
  const half = Math.floor(extentM / 2 / stepM) * stepM
  // Vertices along each line often enough for the fade to look smooth (about 24 a line),
  // not at every crossing: segment count is what lines cost.
  const along = Math.max(stepM, Math.ceil((2 * half) / 24 / stepM) * stepM)
  const push = (x: number, z: number) => {
    const d = Math.hypot(x - cx, z - cz)
    const t = Math.min(1, Math.max(0, (d - fadeFromM) / Math.max(1, half - fadeFromM)))
    c.copy(line).lerp(fade, t)
    positions.push(x, 0, z)
    colors.push(c.r, c.g, c.b)
  }
  for (let a = -half; a <= half; a += stepM) {
    for (let b = -half; b < half; b += along) {
      const e = Math.min(half, b + along)
      push(cx + a, cz + b)
      push(cx + a, cz + e)
      push(cx + b, cz + a)
      push(cx + e, cz + a)
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

/**
 * Creates the ground grid centred on (cx, cz); `spanM` is the campus size. Drawn first and
 * without depth, so everything on the campus covers it. Dispose with `disposeGround`.
 */
export function createGround(cx: number, cz: number, spanM: number): Group {
  const group = new Group()
  group.name = 'ground-grid'
  const extent = Math.max(2000, spanM * 5)
  const grid = lines(gridLines(cx, cz, extent, 100, LINE_COLOR, spanM * 0.8))
  grid.position.y = -0.3
  group.add(grid)
  return group
}

/** Releases what createGround made. */
export function disposeGround(group: Group): void {
  group.traverse((o) => {
    if (o instanceof LineSegments) {
      o.geometry.dispose()
      ;(o.material as LineBasicMaterial).dispose()
    }
  })
}
