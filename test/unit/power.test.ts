import { describe, expect, it } from 'vitest'
import type { Problem } from '../../src/config/parse'
import type { LayoutConfig } from '../../src/config/schema'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import { validateLayout } from '../../src/domain/layout/validate'
import { NAMEPLATE_WORKLOAD } from '../../src/domain/power/powerModel'
import { swingLoadFactor, swingSample, swingSummary, swingWave } from '../../src/domain/power/swing'
import {
  drawRangeKw,
  drawTotals,
  hallDensityKwM2,
  phaseDraws,
  siteDrawsMw,
} from '../../src/domain/power/totals'
import { accepted, defaultConfig, defaultLayoutJson } from '../fixtures'

const base = defaultLayoutJson() as LayoutConfig

function mutated(change: (c: LayoutConfig) => void): LayoutConfig {
  const c = structuredClone(base)
  change(c)
  return c
}

function problemsOf(data: unknown): Problem[] {
  const result = validateLayout(data)
  if (result.ok) throw new Error('expected the config to be refused, but it was accepted')
  return result.problems
}

const problem = (path: string, fragment: string) => ({ path, message: expect.stringContaining(fragment) })

describe('scenario validation', () => {
  it('the default layout ships an illustrative scenario with a swing', () => {
    const sc = defaultConfig().scenario!
    expect(sc.illustrative).toBe(true)
    expect(sc.swing).toBeDefined()
    expect(Object.keys(sc.loads).length).toBeGreaterThanOrEqual(2)
  })

  it('loads are shares of nameplate: 0 and 1 accepted, beyond refused at their path', () => {
    accepted(mutated((c) => Object.assign(c.scenario!.loads, { idle: 0, training: 1 })))
    expect(problemsOf(mutated((c) => Object.assign(c.scenario!.loads, { training: 1.2 })))).toContainEqual(
      problem('scenario.loads.training', 'at most 1'),
    )
    expect(problemsOf(mutated((c) => Object.assign(c.scenario!.loads, { idle: -0.1 })))).toContainEqual(
      problem('scenario.loads.idle', '0 or more'),
    )
    expect(problemsOf(mutated((c) => (c.scenario!.loads = {})))).toContainEqual(
      problem('scenario.loads', 'at least one workload'),
    )
  })

  it('unknown halls, phases and workloads are refused with their paths', () => {
    const problems = problemsOf(
      mutated((c) => {
        const sc = c.scenario!
        sc.default = 'sleeping'
        sc.assign = [
          { halls: ['C1-H1', 'NOPE'], workload: 'training' },
          { phases: ['doubled', 'later'], workload: 'dreaming' },
          { workload: 'idle' },
        ]
        sc.swing!.jobHalls = ['C2-H1', 'C9-H9']
        sc.sources = ['no-such-source']
      }),
    )
    expect(problems).toEqual([
      problem('scenario.default', 'unknown workload "sleeping"; workloads are training, inference, idle'),
      problem('scenario.assign[0].halls[1]', 'unknown hall "NOPE"'),
      problem('scenario.assign[1].phases[1]', 'unknown phase "later"'),
      problem('scenario.assign[1].workload', 'unknown workload "dreaming"'),
      problem('scenario.assign[2]', 'must name `halls` or `phases`'),
      problem('scenario.swing.jobHalls[1]', 'unknown hall "C9-H9"'),
      problem('scenario.sources[0]', 'unknown source "no-such-source"'),
    ])
  })

  it('swing period and depth have bounds; unknown fields are refused', () => {
    accepted(mutated((c) => Object.assign(c.scenario!.swing!, { periodS: 0.1, depth: 1 })))
    const problems = problemsOf(
      mutated((c) => {
        Object.assign(c.scenario!.swing!, { periodS: 0, depth: 0 })
        Object.assign(c.scenario!, { colour: 'red' })
      }),
    )
    expect(problems).toContainEqual(problem('scenario.swing.periodS', 'at least 0.1'))
    expect(problems).toContainEqual(problem('scenario.swing.depth', 'greater than 0'))
    expect(problems.some((p) => p.path.startsWith('scenario') && p.message.includes('colour'))).toBe(true)
  })

  it('a layout without a scenario is accepted (every rack at nameplate)', () => {
    const layout = buildLayout(accepted(mutated((c) => delete c.scenario)))
    expect(layout.power.scenario).toBeNull()
    expect(layout.power.workloads).toEqual([NAMEPLATE_WORKLOAD])
    expect(Array.from(layout.power.drawKw)).toEqual(Array.from(layout.racks.powerKw))
    const last = layout.phases.length - 1
    const t = drawTotals(layout, layout.racks.phaseEnd[last]!, layout.phases[last]!.pue)
    expect(t.itMw).toBeCloseTo(layout.phases[last]!.itPowerMw, 6)
    expect(t.facilityMw).toBeCloseTo(layout.phases[last]!.facilityPowerMw, 6)
  })
})

describe('power model', () => {
  const config = defaultConfig()
  const layout = buildLayout(config)
  const r = layout.racks
  const pm = layout.power
  const hallId = (i: number) => layout.halls[r.hall[i]!]!.id

  it('each rack draws nameplate × the load of the first rule that matches it', () => {
    const loads = config.scenario!.loads
    const bad: string[] = []
    for (let i = 0; i < r.count; i++) {
      const h = hallId(i)
      const w = h.startsWith('C1-') ? 'inference' : h.startsWith('C2-') ? 'training' : 'idle'
      const job = ['C2-H1', 'C2-H2', 'C2-H3'].includes(h) ? 1 : 0
      const got = [pm.workloads[pm.workload[i]!], pm.load[i], pm.drawKw[i], pm.job[i]]
      const want = [w, Math.fround(loads[w]!), Math.fround(r.powerKw[i]! * loads[w]!), job]
      if (got.some((v, k) => v !== want[k])) bad.push(`${i} in ${h}: ${got} ≠ ${want}`)
    }
    expect(bad.slice(0, 5)).toEqual([])
  })

  it('the first matching rule wins; rules by phase and by hall and phase', () => {
    const c = structuredClone(config)
    c.scenario!.assign = [
      { halls: ['C2-H4'], phases: ['one-million-h100e'], workload: 'idle' },
      { phases: ['colossus-2-phase-1', 'colossus-2-full'], workload: 'inference' },
      { halls: ['C2-H1'], workload: 'training' },
    ]
    c.scenario!.default = 'training'
    const l = buildLayout(accepted(c))
    const seen = new Set<string>()
    for (let i = 0; i < l.racks.count; i++) {
      const h = l.halls[l.racks.hall[i]!]!.id
      const p = c.phases[l.racks.phase[i]!]!.id
      const w =
        h === 'C2-H4' && p === 'one-million-h100e'
          ? 'idle'
          : p === 'colossus-2-phase-1' || p === 'colossus-2-full'
            ? 'inference'
            : 'training'
      seen.add(w)
      expect(l.power.workloads[l.power.workload[i]!], `rack ${i} in ${h}, ${p}`).toBe(w)
    }
    expect([...seen].sort()).toEqual(['idle', 'inference', 'training'])
  })

  it('phase totals: draw at the racks, × IT overhead, × PUE; below nameplate', () => {
    const draws = phaseDraws(layout)
    draws.forEach((d, p) => {
      let kw = 0
      for (let i = 0; i < r.phaseEnd[p]!; i++) kw += r.powerKw[i]! * pm.load[i]!
      expect(d.rackMw).toBeCloseTo(kw / 1000, 3)
      expect(d.itMw).toBeCloseTo(d.rackMw * config.itOverheadFactor, 6)
      expect(d.facilityMw).toBeCloseTo(d.itMw * config.phases[p]!.pue, 6)
      expect(d.itMw).toBeLessThan(layout.phases[p]!.itPowerMw)
    })
    // Colossus 1 alone (first phase): 1,563 H100 racks serving at 60% of 68.5 kW.
    expect(draws[0]!.rackMw).toBeCloseTo((1563 * 68.5 * 0.6) / 1000, 3)
  })

  it('site draws add up to the phase total', () => {
    const last = layout.phases.length - 1
    const pue = layout.phases[last]!.pue
    const sites = siteDrawsMw(layout, r.count, pue)
    expect(sites.reduce((a, b) => a + b, 0)).toBeCloseTo(drawTotals(layout, r.count, pue).facilityMw, 6)
    expect(sites.every((mw) => mw > 0)).toBe(true)
  })

  it('hall power density: Σ draw in the hall ÷ its floor area; empty halls 0', () => {
    const d = hallDensityKwM2(layout, r.count)
    layout.halls.forEach((hall, h) => {
      let kw = 0
      for (let i = 0; i < r.count; i++) if (r.hall[i] === h) kw += pm.drawKw[i]!
      expect(d[h]).toBeCloseTo(kw / (hall.sizeM[0] * hall.sizeM[1]), 4)
    })
    expect(d[layout.halls.findIndex((h) => h.id === 'SH-H8')]).toBe(0)
    // Written into a caller's array, cleared first; fewer racks standing draw less.
    const out = new Float32Array(layout.halls.length).fill(99)
    hallDensityKwM2(layout, r.phaseEnd[0]!, out)
    expect(out[layout.halls.findIndex((h) => h.id === 'C2-H1')]).toBe(0)
    expect(out[0]).toBeGreaterThan(0)
  })

  it('draw range of the racks standing; the ramp spans the swing low to the highest nameplate', () => {
    expect(drawRangeKw(layout, 0)).toEqual({ minKw: 0, maxKw: 0 })
    const { minKw, maxKw } = drawRangeKw(layout, r.count)
    expect(minKw).toBeCloseTo(135 * 0.15, 4)
    expect(maxKw).toBeCloseTo(135 * 0.85, 4)
    expect(drawRangeKw(layout, r.phaseEnd[0]!).minKw).toBeCloseTo(68.5 * 0.6, 4)
    expect(pm.highKw).toBe(135)
    expect(pm.lowKw).toBeCloseTo(Math.min(135 * 0.15, 120 * 0.85 * 0.7), 4)
  })
})

describe('training swing', () => {
  const layout = buildLayout(defaultConfig())
  const last = layout.phases.length - 1

  it('the wave is 1 computing, 0 communicating, periodic, and averages 1/2', () => {
    expect(swingWave(0.5, 2)).toBe(1)
    expect(swingWave(1.5, 2)).toBe(0)
    expect(swingWave(0.2, 2)).toBeCloseTo(swingWave(4.2, 2), 9)
    let sum = 0
    const n = 10_000
    for (let k = 0; k < n; k++) sum += swingWave((k / n) * 2, 2)
    expect(sum / n).toBeCloseTo(0.5, 6)
    expect(swingLoadFactor(1, 0.3)).toBe(1)
    expect(swingLoadFactor(0, 0.3)).toBeCloseTo(0.7, 9)
  })

  it('swings the site by tens of MW, within the battery power the layout gives', () => {
    const s = swingSummary(layout, last)!
    expect(s.jobRacks).toBe(3 * 448)
    expect(s.swingMw).toBeGreaterThan(10)
    expect(s.swingMw).toBeLessThan(100)
    expect(s.swingMw / 2).toBeLessThanOrEqual(s.batteryCapacityMw)
    const total = drawTotals(layout, layout.racks.count, layout.phases[last]!.pue).facilityMw
    expect(s.baseMw + s.jobMw).toBeCloseTo(total, 4)
  })

  it('buffers the swing with the batteries standing at the site of the job, not elsewhere', () => {
    const s = swingSummary(layout, last)!
    expect(s.jobSites).toEqual(['Colossus 2'])
    const c2 = layout.sites.findIndex((x) => x.name === 'Colossus 2')
    const atC2 = layout.infrastructure
      .filter((inf) => inf.kind === 'battery' && inf.site === c2)
      .reduce((sum, inf) => sum + inf.capacityMw, 0)
    expect(atC2).toBeGreaterThan(0)
    expect(s.batteryCapacityMw).toBe(atC2)
    // Colossus 1's Megapacks are on another grid connection: not counted.
    expect(s.batteryCapacityMw).toBeLessThan(layout.phases[last]!.supply.batteryMw)
  })

  it('grid and turbines supply the mean; the batteries discharge at peaks and charge in troughs', () => {
    const s = swingSummary(layout, last)!
    const out = { drawMw: 0, batteryMw: 0 }
    swingSample(s, 0.5, out)
    expect(out.drawMw).toBeCloseTo(s.baseMw + s.jobMw, 6)
    expect(out.batteryMw).toBeCloseTo(s.swingMw / 2, 6)
    swingSample(s, 1.5, out)
    expect(out.drawMw).toBeCloseTo(s.baseMw + s.jobMw * 0.7, 6)
    expect(out.batteryMw).toBeCloseTo(-s.swingMw / 2, 6)
    // Over a cycle the batteries give back what they took.
    let net = 0
    for (let k = 0; k < 1000; k++) net += swingSample(s, (k / 1000) * s.periodS, out).batteryMw
    expect(Math.abs(net / 1000)).toBeLessThan(1e-6)
  })

  it('no job racks standing: no swing; no scenario swing: null', () => {
    const s = swingSummary(layout, 0)!
    expect(s.jobRacks).toBe(0)
    expect(s.swingMw).toBe(0)
    const c = defaultConfig()
    delete c.scenario!.swing
    expect(swingSummary(buildLayout(c), last)).toBeNull()
  })
})
