/**
 * Recognisable low-poly shapes of power and cooling plant, one merged geometry per kind,
 * origin at the centre of the footprint on the ground, long side along x.
 */
import { BoxGeometry, BufferGeometry, CylinderGeometry, Float32BufferAttribute, PlaneGeometry } from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'
import type { PlacedInfrastructure } from '../domain/layout/buildLayout'

const at = (g: BufferGeometry, x: number, y: number, z: number, shade = 1): BufferGeometry => {
  g.translate(x, y, z)
  // A grey level per part (multiplied with the material colour): dark fans on a light body.
  const n = g.getAttribute('position').count
  g.setAttribute('color', new Float32BufferAttribute(new Array(n * 3).fill(shade), 3))
  return g
}
const strip = (g: BufferGeometry): BufferGeometry => {
  // mergeGeometries needs identical attribute sets: keep position, normal and colour.
  for (const name of Object.keys(g.attributes))
    if (name !== 'position' && name !== 'normal' && name !== 'color') g.deleteAttribute(name)
  const flat = g.index ? g.toNonIndexed() : g
  return dropDownFacing(flat)
}

/** Removes triangles facing straight down: plant stands on the ground, nobody sees them. */
function dropDownFacing(g: BufferGeometry): BufferGeometry {
  const normal = g.getAttribute('normal')
  const keep: number[] = []
  for (let t = 0; t < normal.count / 3; t++) {
    const down = [0, 1, 2].every((v) => normal.getY(t * 3 + v) < -0.99)
    if (!down) keep.push(t)
  }
  if (keep.length * 3 === normal.count) return g
  const out = new BufferGeometry()
  for (const name of Object.keys(g.attributes)) {
    const a = g.getAttribute(name)
    const data = new Float32Array(keep.length * 3 * a.itemSize)
    keep.forEach((t, k) => {
      for (let v = 0; v < 3; v++)
        for (let c = 0; c < a.itemSize; c++) data[(k * 3 + v) * a.itemSize + c] = a.getComponent(t * 3 + v, c)
    })
    out.setAttribute(name, new Float32BufferAttribute(data, a.itemSize))
  }
  g.dispose()
  return out
}

/** Parts of a trailer-mounted gas turbine: skid, enclosure, filter house, a darker exhaust stack. */
function turbineParts(parts: BufferGeometry[]): void {
  parts.push(at(new BoxGeometry(14, 0.5, 2.6), 0, 0.25, 0, 0.55))
  parts.push(at(new BoxGeometry(10.5, 3.4, 3.2), -0.8, 2.2, 0))
  // Inlet filter house on the enclosure's front end, a shade darker.
  parts.push(at(new BoxGeometry(3, 4.4, 3.4), 5.6, 2.7, 0, 0.86))
  parts.push(at(new CylinderGeometry(0.95, 1.1, 10, 8, 1, true), -5.3, 5, 0, 0.62))
}

/** Parts of a substation yard: transformers with bushings, a control house, two gantries. */
function substationParts(parts: BufferGeometry[]): void {
  for (let t = 0; t < 3; t++) {
    const x = -9 + t * 9
    parts.push(at(new BoxGeometry(5, 4.2, 4), x, 2.1, -4, 0.62))
    // Cooling radiators on the transformer's side, and three bushings on top.
    parts.push(at(new BoxGeometry(4, 3, 1.2), x, 1.9, -6.6, 0.5))
    for (let b = -1; b <= 1; b++)
      parts.push(at(new BoxGeometry(0.35, 1.8, 0.35), x + b * 1.3, 5.1, -3.4, 0.92))
  }
  parts.push(at(new BoxGeometry(10, 3.5, 5), 6, 1.75, 7, 1.05))
  // Two gantries (A-frames seen from afar): posts and beams the overhead lines end on.
  for (const gz of [3, 9]) {
    parts.push(at(new BoxGeometry(0.7, 14, 0.7), -13, 7, gz, 0.8))
    parts.push(at(new BoxGeometry(0.7, 14, 0.7), -3, 7, gz, 0.8))
    parts.push(at(new BoxGeometry(10.7, 0.7, 0.7), -8, 13.6, gz, 0.8))
  }
}

/**
 * A turbine seen from afar (the draft tier's campus views): its enclosure and its dark exhaust
 * stack as two boxes, 20 triangles instead of 46. The stacks, a dark dot per unit, are what
 * tells turbines from other plant at that distance, so they stay units, not rows.
 */
export function turbineFarGeometry(): BufferGeometry {
  const parts = [
    at(new BoxGeometry(14, 3.9, 3.2), 0, 1.95, 0),
    at(new BoxGeometry(1.9, 10, 1.9), -5.3, 5, 0, 0.62),
  ]
  const merged = mergeGeometries(parts.map(strip), false)
  for (const p of parts) p.dispose()
  return merged
}

/** The merged geometry of one unit of `kind`. */
export function plantGeometry(kind: PlacedInfrastructure['kind']): BufferGeometry {
  const parts: BufferGeometry[] = []
  switch (kind) {
    case 'turbine':
      turbineParts(parts)
      break
    case 'battery':
      // Megapack: a white cabinet under a grey roof lid.
      parts.push(at(new BoxGeometry(8.8, 2.6, 1.65), 0, 1.3, 0))
      parts.push(at(new BoxGeometry(8.95, 0.2, 1.8), 0, 2.7, 0, 0.78))
      break
    case 'chiller': {
      // Air-cooled chiller: body and a row of fans on top.
      parts.push(at(new BoxGeometry(12, 2.3, 2.3), 0, 1.15, 0))
      // Fans: dark squares on the roof, 2 triangles each (hundreds of chillers stand on a
      // campus, and triangles are what software renderers pay for).
      for (let f = 0; f < 5; f++)
        parts.push(at(new PlaneGeometry(1.8, 1.8).rotateX(-Math.PI / 2), -4.8 + f * 2.4, 2.32, 0, 0.22))
      break
    }
    case 'substation':
      substationParts(parts)
      break
  }
  const merged = mergeGeometries(parts.map(strip), false)
  for (const p of parts) p.dispose()
  return merged
}

/**
 * Colours of each kind of plant (sRGB hex), multiplied by the shade of each part: calm and
 * nearly grey (the racks carry the saturated colours), each with a hint of its chart colour.
 */
export const PLANT_COLORS: Record<PlacedInfrastructure['kind'], string> = {
  turbine: '#bdb3a6',
  battery: '#eef0f1',
  chiller: '#c3c9cf',
  substation: '#a8abb0',
}
