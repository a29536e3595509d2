/**
 * Colour modes: which colour each rack gets, and the legend that explains it. Both come from
 * the same functions so the legend always matches the screen. Colours are sRGB in [0, 1];
 * the GPU layer converts them to linear when it uploads them.
 */
import { gpusPerRack } from '../generations'
import type { Layout } from '../layout/buildLayout'
import { hallDensityKwM2 } from '../power/totals'

/** How racks are coloured. */
export type ColorMode = 'generation' | 'power' | 'phase'

/** Every colour mode, in the order the UI offers them. */
export const COLOR_MODES: readonly ColorMode[] = ['generation', 'power', 'phase']

/** Human label of a colour mode. */
export const COLOR_MODE_LABELS: Record<ColorMode, string> = {
  generation: 'GPU generation',
  power: 'Power draw per rack (kW)',
  phase: 'Commissioning phase',
}

/** An sRGB colour, components in [0, 1]. */
export type Rgb = readonly [number, number, number]

/** Parses `#rrggbb`. */
export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16)
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255]
}

/** Formats an sRGB colour as `#rrggbb`. */
export function rgbToHex(c: Rgb): string {
  return `#${c
    .map((v) =>
      Math.round(Math.min(1, Math.max(0, v)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

// Viridis (perceptually uniform, colour-blind safe), 9 stops, sRGB.
const VIRIDIS: Rgb[] = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725',
].map(hexToRgb)

// Plasma (perceptually uniform), trimmed of its darkest end so early phases stay visible.
const PLASMA: Rgb[] = [
  '#5c01a6',
  '#7e03a8',
  '#9c179e',
  '#b52f8c',
  '#cc4778',
  '#de5f65',
  '#ed7953',
  '#f89540',
  '#fdb42f',
  '#f0f921',
].map(hexToRgb)

// Inferno (perceptually uniform), trimmed of its darkest end so it reads on a dark floor: the
// hall power-density heat map, kept apart from the racks' viridis.
const INFERNO: Rgb[] = [
  '#320a5e',
  '#57106e',
  '#7c1d6f',
  '#a22c64',
  '#c43c4e',
  '#e05536',
  '#f3771a',
  '#fca50a',
  '#f6d746',
  '#fcffa4',
].map(hexToRgb)

/** Samples a ramp at t in [0, 1] (linear interpolation in sRGB between stops). */
export function sampleRamp(ramp: readonly Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (ramp.length - 1)
  const i = Math.min(ramp.length - 2, Math.floor(x))
  const f = x - i
  const a = ramp[i]!
  const b = ramp[i + 1]!
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]
}

/**
 * The power ramp's kW range for a layout: from the lowest draw a rack can have under its
 * scenario (in a training swing's trough too) to the highest generation nameplate, padded to
 * round ticks. One range for every phase, so a colour means the same kW throughout.
 */
export function powerRangeKw(layout: Layout): { minKw: number; maxKw: number; ticksKw: number[] } {
  const lo = layout.power.lowKw
  const hi = layout.power.highKw
  const span = hi - lo
  // Rack powers less than 0.5 kW apart read as one value: a 10 kW scale around it.
  const step = span < 0.5 ? 10 : niceStep(span / 4)
  const minKw = Math.floor(lo / step) * step
  const maxKw = Math.max(minKw + step, Math.ceil(hi / step) * step)
  const ticksKw: number[] = []
  // Count ticks, never accumulate: a step that is tiny next to the values would never end.
  const n = Math.min(20, Math.round((maxKw - minKw) / step))
  for (let k = 0; k <= n; k++) ticksKw.push(Math.round((minKw + k * step) * 100) / 100)
  return { minKw, maxKw, ticksKw }
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw))
  const m = raw / p
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p
}

/**
 * The heat map's kW/m² range: 0 to the densest hall with every rack of the layout standing
 * (draw only grows phase by phase), rounded up to a tick. One range for every phase.
 */
export function densityRangeKwM2(layout: Layout): { minKwM2: number; maxKwM2: number; ticksKwM2: number[] } {
  const hi = layout.power.densestHallKwM2
  const step = hi > 0 ? niceStep(hi / 4) : 1
  const maxKwM2 = Math.max(step, Math.ceil(hi / step) * step)
  const n = Math.min(20, Math.round(maxKwM2 / step))
  const ticksKwM2: number[] = []
  for (let k = 0; k <= n; k++) ticksKwM2.push(Math.round(k * step * 100) / 100)
  return { minKwM2: 0, maxKwM2, ticksKwM2 }
}

/** Colour of a hall floor drawing `kwM2` on the heat map of `layout` (range from densityRangeKwM2). */
export function densityColor(kwM2: number, maxKwM2: number): Rgb {
  return sampleRamp(INFERNO, kwM2 / maxKwM2)
}

/** Colour of a rack of `powerKw` on the power ramp of `layout`. */
export function powerColor(layout: Layout, powerKw: number): Rgb {
  const { minKw, maxKw } = powerRangeKw(layout)
  return sampleRamp(VIRIDIS, (powerKw - minKw) / (maxKw - minKw))
}

/** Colour of phase `p` of `layout` on the phase ramp. */
export function phaseColor(layout: Layout, p: number): Rgb {
  const n = layout.config.phases.length
  return sampleRamp(PLASMA, n <= 1 ? 1 : p / (n - 1))
}

/** Colour of rack `i` in `mode`. */
export function rackColor(layout: Layout, mode: ColorMode, i: number): Rgb {
  const r = layout.racks
  switch (mode) {
    case 'generation':
      return hexToRgb(layout.config.generations[r.generation[i]!]!.color)
    case 'power':
      return powerColor(layout, layout.power.drawKw[i]!)
    case 'phase':
      return phaseColor(layout, r.phase[i]!)
  }
}

/**
 * Writes the sRGB colour of each rack in `indices` into `out` (3 floats per entry), in order.
 * Colours are computed once per distinct key (generation, drawn kW or phase), not per rack.
 */
export function writeRackColors(
  layout: Layout,
  mode: ColorMode,
  indices: Uint32Array,
  out: Float32Array,
): void {
  const r = layout.racks
  const cache = new Map<number, Rgb>()
  const key = mode === 'generation' ? r.generation : mode === 'phase' ? r.phase : layout.power.drawKw
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!
    const kv = key[i]!
    let c = cache.get(kv)
    if (!c) {
      c = rackColor(layout, mode, i)
      cache.set(kv, c)
    }
    out[k * 3] = c[0]
    out[k * 3 + 1] = c[1]
    out[k * 3 + 2] = c[2]
  }
}

/** One swatch of a categorical legend. */
export interface LegendSwatch {
  label: string
  color: string
  /** Racks of this kind standing at the current phase. */
  racks: number
  /** GPUs of this kind standing at the current phase. */
  gpus: number
  /** Extra line, e.g. the date of a phase. */
  detail?: string
}

/** What the legend shows: swatches for categories, or a ramp with ticks. */
export type Legend =
  | { mode: 'generation' | 'phase'; title: string; swatches: LegendSwatch[] }
  | {
      mode: 'power'
      title: string
      /** CSS gradient stops, left to right. */
      stops: string[]
      minKw: number
      maxKw: number
      ticksKw: number[]
      /** Rack draws present on screen, with rack counts, as markers on the ramp. */
      present: { kw: number; racks: number; color: string }[]
      /** Lowest and highest draw of the racks on screen, kW (0 with none). */
      drawMinKw: number
      drawMaxKw: number
      /** The workload scenario's name, or null without one (racks at nameplate). */
      scenario: string | null
      /** True when the scenario is made up to illustrate. */
      illustrative: boolean
      /** The hall floors' heat map: its scale (kW/m²), and the densest hall on screen. */
      density: { stops: string[]; maxKwM2: number; ticksKwM2: number[]; densestKwM2: number }
    }

/**
 * The legend for `mode` at phase `phaseIndex`: only what is on screen (categories with no rack
 * standing are left out), with counts.
 */
export function legendFor(layout: Layout, mode: ColorMode, phaseIndex: number, standing?: number): Legend {
  const r = layout.racks
  const end = standing ?? r.phaseEnd[phaseIndex] ?? 0
  const gens = layout.config.generations
  const rackGpus = gens.map(gpusPerRack)
  if (mode === 'generation') {
    const racks = new Float64Array(gens.length)
    for (let i = 0; i < end; i++) racks[r.generation[i]!]!++
    const swatches: LegendSwatch[] = []
    gens.forEach((g, k) => {
      if (racks[k]! > 0)
        swatches.push({ label: g.name, color: g.color, racks: racks[k]!, gpus: racks[k]! * rackGpus[k]! })
    })
    return { mode, title: COLOR_MODE_LABELS[mode], swatches }
  }
  if (mode === 'phase') {
    const racks = new Float64Array(layout.config.phases.length)
    const gpus = new Float64Array(layout.config.phases.length)
    for (let i = 0; i < end; i++) {
      racks[r.phase[i]!]!++
      gpus[r.phase[i]!]! += rackGpus[r.generation[i]!]!
    }
    const swatches: LegendSwatch[] = []
    layout.config.phases.forEach((p, k) => {
      if (racks[k]! > 0)
        swatches.push({
          label: p.name,
          color: rgbToHex(phaseColor(layout, k)),
          racks: racks[k]!,
          gpus: gpus[k]!,
          detail: p.date,
        })
    })
    return { mode, title: COLOR_MODE_LABELS[mode], swatches }
  }
  return powerLegend(layout, end)
}

/** The power legend for racks [0, end). */
function powerLegend(layout: Layout, end: number): Legend {
  const { minKw, maxKw, ticksKw } = powerRangeKw(layout)
  const draw = layout.power.drawKw
  const byKw = new Map<number, number>()
  for (let i = 0; i < end; i++) byKw.set(draw[i]!, (byKw.get(draw[i]!) ?? 0) + 1)
  const sorted = [...byKw.entries()].sort((a, b) => a[0] - b[0])
  const present = sorted.map(([kw, racks]) => ({
    kw: Math.round(kw * 10) / 10,
    racks,
    color: rgbToHex(powerColor(layout, kw)),
  }))
  // The same as drawRangeKw(layout, end), from the values already counted.
  const range = { minKw: sorted[0]?.[0] ?? 0, maxKw: sorted.at(-1)?.[0] ?? 0 }
  const scenario = layout.power.scenario
  const { maxKwM2, ticksKwM2 } = densityRangeKwM2(layout)
  let densestKwM2 = 0
  for (const v of hallDensityKwM2(layout, end)) densestKwM2 = Math.max(densestKwM2, v)
  return {
    mode: 'power',
    title: COLOR_MODE_LABELS.power,
    stops: VIRIDIS.map(rgbToHex),
    minKw,
    maxKw,
    ticksKw,
    present,
    drawMinKw: range.minKw,
    drawMaxKw: range.maxKw,
    scenario: scenario?.name ?? null,
    illustrative: scenario?.illustrative ?? false,
    density: { stops: INFERNO.map(rgbToHex), maxKwM2, ticksKwM2, densestKwM2 },
  }
}

/** The viridis ramp's stops, sRGB (the GPU samples the same ramp for the training swing). */
export const POWER_RAMP: readonly Rgb[] = VIRIDIS

/** What the power legend says of its scenario, e.g. "illustrative scenario: …". */
export function powerScenarioLabel(legend: { scenario: string | null; illustrative: boolean }): string {
  if (legend.scenario === null) return 'nameplate draw (no workload scenario)'
  return `${legend.illustrative ? 'illustrative scenario' : 'scenario'}: ${legend.scenario}`
}
