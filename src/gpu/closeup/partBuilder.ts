/**
 * Builds one merged geometry out of many small parts (boxes, prisms, quads), each with its own
 * colour and a `aTint` weight: 0 keeps the part's colour, 1 multiplies it by the instance colour
 * (the legend colour of the rack or hall it belongs to). One geometry per rack kind is then
 * instanced over the near racks, so the detail costs one draw call per kind.
 */
import { BufferGeometry, Color, Float32BufferAttribute } from 'three'

/** An axis of the part's local frame. */
export type Axis = 'x' | 'y' | 'z'

/** Faces of a box that can be left out (never seen): `-y` = bottom, `-z` = back, ... */
export type BoxFace = '+x' | '-x' | '+y' | '-y' | '+z' | '-z'

const _c = new Color()

/** Accumulates parts; `geometry()` returns the merged, indexed BufferGeometry. */
export class PartBuilder {
  private readonly position: number[] = []
  private readonly normal: number[] = []
  private readonly color: number[] = []
  private readonly tint: number[] = []
  private readonly uv: number[] = []
  private readonly index: number[] = []
  private rgb: [number, number, number] = [1, 1, 1]
  private weight = 0
  private tileM = 0

  /**
   * Texture scale of the quads that follow: one texture tile every `tileM` metres, or 0 for
   * none (every UV at the texture's origin, a plain texel that leaves the colour as it is).
   */
  textured(tileM: number): this {
    this.tileM = tileM
    return this
  }

  /** Sets the colour (sRGB `#rrggbb`) and tint weight of the parts that follow. */
  paint(hex: string, tint = 0): this {
    _c.set(hex)
    this.rgb = [_c.r, _c.g, _c.b]
    this.weight = tint
    return this
  }

  private vertex(x: number, y: number, z: number, nx: number, ny: number, nz: number, u: number, v: number) {
    this.position.push(x, y, z)
    this.normal.push(nx, ny, nz)
    this.color.push(...this.rgb)
    this.tint.push(this.weight)
    this.uv.push(u, v)
  }

  /**
   * A quad from corner `a` along edges `e1` and `e2` (counter-clockwise seen from its front),
   * facing `n`. UVs run u0..u0 + uSpan along e1 and v0..v0 + vSpan along e2 (by default the
   * edge lengths in texture tiles, see `textured`).
   */
  quad(
    a: readonly number[],
    e1: readonly number[],
    e2: readonly number[],
    uSpan = this.tileM > 0 ? Math.hypot(e1[0]!, e1[1]!, e1[2]!) / this.tileM : 0,
    vSpan = this.tileM > 0 ? Math.hypot(e2[0]!, e2[1]!, e2[2]!) / this.tileM : 0,
    u0 = 0,
    v0 = 0,
  ): this {
    const nx = e1[1]! * e2[2]! - e1[2]! * e2[1]!
    const ny = e1[2]! * e2[0]! - e1[0]! * e2[2]!
    const nz = e1[0]! * e2[1]! - e1[1]! * e2[0]!
    const len = Math.hypot(nx, ny, nz) || 1
    const base = this.position.length / 3
    const [x, y, z] = [a[0]!, a[1]!, a[2]!]
    const [u1, v1] = [u0 + uSpan, v0 + vSpan]
    const n = [nx / len, ny / len, nz / len] as const
    this.vertex(x, y, z, ...n, u0, v0)
    this.vertex(x + e1[0]!, y + e1[1]!, z + e1[2]!, ...n, u1, v0)
    this.vertex(x + e1[0]! + e2[0]!, y + e1[1]! + e2[1]!, z + e1[2]! + e2[2]!, ...n, u1, v1)
    this.vertex(x + e2[0]!, y + e2[1]!, z + e2[2]!, ...n, u0, v1)
    this.index.push(base, base + 1, base + 2, base, base + 2, base + 3)
    return this
  }

  /** A flat rectangle facing +z at depth z, from (x0, y0) to (x1, y1). */
  front(x0: number, y0: number, x1: number, y1: number, z: number): this {
    return this.quad([x0, y0, z], [x1 - x0, 0, 0], [0, y1 - y0, 0])
  }

  /** A flat rectangle facing -z at depth z, from (x0, y0) to (x1, y1). */
  back(x0: number, y0: number, x1: number, y1: number, z: number): this {
    return this.quad([x1, y0, z], [x0 - x1, 0, 0], [0, y1 - y0, 0])
  }

  /** An axis-aligned box between two corners, without the faces listed in `skip`. */
  box(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, skip: BoxFace[] = []): this {
    const dx = x1 - x0
    const dy = y1 - y0
    const dz = z1 - z0
    if (!skip.includes('+z')) this.quad([x0, y0, z1], [dx, 0, 0], [0, dy, 0])
    if (!skip.includes('-z')) this.quad([x1, y0, z0], [-dx, 0, 0], [0, dy, 0])
    if (!skip.includes('+x')) this.quad([x1, y0, z1], [0, 0, -dz], [0, dy, 0])
    if (!skip.includes('-x')) this.quad([x0, y0, z0], [0, 0, dz], [0, dy, 0])
    if (!skip.includes('+y')) this.quad([x0, y1, z1], [dx, 0, 0], [0, 0, -dz])
    if (!skip.includes('-y')) this.quad([x0, y0, z0], [dx, 0, 0], [0, 0, dz])
    return this
  }

  /**
   * An open prism (pipe or hose) of `sides` faces and radius `r` along `axis`, from `from` to
   * `to` on that axis, centred on (a, b) in the other two axes (in x, y, z order).
   */
  pipe(axis: Axis, a: number, b: number, from: number, to: number, r: number, sides = 8): this {
    const at = (t: number, angle: number): number[] => {
      const p = r * Math.cos(angle)
      const q = r * Math.sin(angle)
      if (axis === 'x') return [t, a + p, b + q]
      if (axis === 'y') return [a + q, t, b + p]
      return [a + p, b + q, t]
    }
    for (let s = 0; s < sides; s++) {
      const a0 = (s / sides) * Math.PI * 2
      const a1 = ((s + 1) / sides) * Math.PI * 2
      const p0 = at(from, a0)
      const p1 = at(from, a1)
      const p2 = at(to, a0)
      const e1 = [p2[0]! - p0[0]!, p2[1]! - p0[1]!, p2[2]! - p0[2]!]
      const e2 = [p1[0]! - p0[0]!, p1[1]! - p0[1]!, p1[2]! - p0[2]!]
      // Outward facing: the cross product e1 × e2 must point away from the axis.
      const mid = at(from, (a0 + a1) / 2)
      const centre = axis === 'x' ? [from, a, b] : axis === 'y' ? [a, from, b] : [a, b, from]
      const out = [mid[0]! - centre[0]!, mid[1]! - centre[1]!, mid[2]! - centre[2]!]
      const n = [
        e1[1]! * e2[2]! - e1[2]! * e2[1]!,
        e1[2]! * e2[0]! - e1[0]! * e2[2]!,
        e1[0]! * e2[1]! - e1[1]! * e2[0]!,
      ]
      if (n[0]! * out[0]! + n[1]! * out[1]! + n[2]! * out[2]! >= 0) this.quad(p0, e1, e2)
      else this.quad(p0, e2, e1)
    }
    return this
  }

  /** Triangles so far. */
  get triangles(): number {
    return this.index.length / 3
  }

  /**
   * The merged geometry: position, normal, color (linear), aTint, uv; indexed, its triangles
   * in the reverse of the order they were added. Models add a part before what lies on it (a
   * chassis, then its grille and handles): drawn front first, the depth test rejects what the
   * front parts hide before it is shaded, instead of shading each pixel once per layer.
   */
  geometry(): BufferGeometry {
    const index: number[] = new Array(this.index.length)
    for (let t = 0, n = this.index.length; t < n; t += 3) {
      index[n - t - 3] = this.index[t]!
      index[n - t - 2] = this.index[t + 1]!
      index[n - t - 1] = this.index[t + 2]!
    }
    const g = new BufferGeometry()
    g.setAttribute('position', new Float32BufferAttribute(this.position, 3))
    g.setAttribute('normal', new Float32BufferAttribute(this.normal, 3))
    g.setAttribute('color', new Float32BufferAttribute(this.color, 3))
    g.setAttribute('aTint', new Float32BufferAttribute(this.tint, 1))
    g.setAttribute('uv', new Float32BufferAttribute(this.uv, 2))
    g.setIndex(index)
    g.computeBoundingBox()
    g.computeBoundingSphere()
    return g
  }
}
