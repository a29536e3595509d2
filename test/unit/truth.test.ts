/**
 * Issue 13: what the record says happened. Phase status (achieved, claimed, planned) and its
 * sources, contested figures as ranges, assumptions, H100 equivalents, planned buildings.
 */
import { describe, expect, it } from 'vitest'
import type { LayoutConfig } from '../../src/config/schema'
import { campusBoxes, PLANNED_OUTLINE_M } from '../../src/domain/campus'
import { H100_DENSE_BF16_TFLOPS } from '../../src/domain/generations'
import { siteLabelAnchors } from '../../src/domain/labels'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import { validateLayout } from '../../src/domain/layout/validate'
import { buildPrefix, statsAtReveal } from '../../src/domain/timeline/timeline'
import { accepted, defaultConfig } from '../fixtures'

const base = defaultConfig()
const layout = buildLayout(base)

function mutated(change: (c: LayoutConfig) => void): unknown {
  const c = structuredClone(base)
  change(c)
  return c
}

function problemsOf(data: unknown) {
  const r = validateLayout(data)
  if (r.ok) throw new Error('expected the config to be refused, but it was accepted')
  return r.problems
}

const problem = (path: string, fragment: string) => ({ path, message: expect.stringContaining(fragment) })

describe('phase status: parsing and validation', () => {
  it('accepts the three statuses, and no status at all', () => {
    for (const status of ['achieved', 'claimed', 'planned'] as const)
      expect(validateLayout(mutated((c) => (c.phases[0]!.status = status))).ok).toBe(true)
    expect(
      validateLayout(
        mutated((c) => {
          delete c.phases[0]!.status
          delete c.phases[0]!.statusSources
        }),
      ).ok,
    ).toBe(true)
  })

  it('refuses an unknown status at its path, listing the allowed ones', () => {
    const problems = problemsOf(mutated((c) => ((c.phases[2] as Record<string, unknown>).status = 'done')))
    expect(problems).toEqual([problem('phases[2].status', 'achieved')])
  })

  it('refuses an achieved or claimed phase that names no source for its status', () => {
    expect(problemsOf(mutated((c) => delete c.phases[0]!.statusSources))).toEqual([
      problem('phases[0].statusSources', 'reports the phase as achieved'),
    ])
    expect(problemsOf(mutated((c) => (c.phases[4]!.statusSources = [])))).toEqual([
      problem('phases[4].statusSources', 'as claimed'),
    ])
  })

  it('lets a planned phase cite no source, but not cite one that does not exist', () => {
    expect(validateLayout(mutated((c) => delete c.phases[6]!.statusSources)).ok).toBe(true)
    expect(problemsOf(mutated((c) => (c.phases[6]!.statusSources = ['cna-1m', 'nowhere'])))).toEqual([
      problem('phases[6].statusSources[1]', 'unknown source "nowhere"'),
    ])
  })

  it('refuses status sources without a status', () => {
    expect(problemsOf(mutated((c) => delete c.phases[6]!.status))).toEqual([
      problem('phases[6].statusSources', '`status` is not'),
    ])
  })

  it('refuses a contested figure with one value or an unknown source, at its path', () => {
    const c1 = base.phases.findIndex((p) => p.id === 'colossus-1-complete')
    expect(problemsOf(mutated((c) => c.phases[c1]!.contested![0]!.figures.splice(1)))).toEqual([
      problem(`phases[${c1}].contested[0].figures`, 'at least two'),
    ])
    expect(problemsOf(mutated((c) => (c.phases[c1]!.contested![0]!.figures[2]!.source = 'rumour')))).toEqual([
      problem(`phases[${c1}].contested[0].figures[2].source`, 'unknown source "rumour"'),
    ])
  })

  it('refuses a building status that is not one of the three, and unknown building sources', () => {
    expect(
      problemsOf(mutated((c) => ((c.sites[1]!.buildings[1] as Record<string, unknown>).status = 'rumoured'))),
    ).toEqual([problem('sites[1].buildings[1].status', 'planned')])
    expect(problemsOf(mutated((c) => (c.sites[1]!.buildings[1]!.sources = ['x'])))).toEqual([
      problem('sites[1].buildings[1].sources[0]', 'unknown source "x"'),
    ])
  })
})

describe('the default layout tells achieved from claimed from planned', () => {
  const ids = new Set(base.sources.map((s) => s.id))

  it('gives every phase a status; 100k and 200k achieved, the 1M step planned', () => {
    expect(layout.phases.map((p) => [p.id, p.status])).toEqual([
      ['colossus-1-online', 'achieved'],
      ['doubled', 'achieved'],
      ['colossus-1-complete', 'achieved'],
      ['colossus-2-phase-1', 'achieved'],
      ['one-million-h100e', 'claimed'],
      ['colossus-2-full', 'claimed'],
      ['one-million', 'planned'],
    ])
  })

  it.each(base.phases.map((p) => [p.id, p] as const))(
    '%s: date, status and figures cite sources that exist',
    (_, p) => {
      expect(p.sources?.length ?? 0, 'phase sources').toBeGreaterThan(0)
      expect(p.statusSources?.length ?? 0, 'status sources').toBeGreaterThan(0)
      for (const id of [...p.sources!, ...p.statusSources!]) expect(ids.has(id), id).toBe(true)
      for (const f of p.published ?? []) expect(ids.has(f.source), f.label).toBe(true)
      for (const c of p.contested ?? [])
        for (const f of c.figures) expect(ids.has(f.source), f.label).toBe(true)
      // An estimated date or a made-up mix must say so: flagged estimate, or listed as an assumption.
      if (p.status !== 'achieved') expect(p.estimate === true || (p.assumptions?.length ?? 0) > 0).toBe(true)
    },
  )

  it('shows the contested Colossus 1 draw as 150–425 MW, and the 1 GW claim beside ≈350 MW', () => {
    const c1 = layout.phases.find((p) => p.id === 'colossus-1-complete')!
    expect(c1.contested.map((c) => [c.label, c.min, c.max])).toEqual([['Colossus 1 draw', 150, 425]])
    const c2 = layout.phases.find((p) => p.id === 'colossus-2-full')!
    expect(c2.contested[0]!.min).toBe(350)
    expect(c2.contested[0]!.figures.map((f) => f.value)).toContain(1000)
  })

  it('flags the Southaven GB300 racks of the 1M step as an assumption', () => {
    const om = base.phases.find((p) => p.id === 'one-million')!
    expect(om.assumptions?.join(' ')).toMatch(/Southaven.*no source/)
  })

  it('draws the permitted Tulane Rd building as a footprint outline with no roof', () => {
    const b = layout.buildings.find((x) => x.id === 'C2-T')!
    expect(b.status).toBe('planned')
    expect(b.note).toMatch(/312,000/)
    const boxes = campusBoxes(layout)
    expect(boxes.roofs).toHaveLength(layout.buildings.length - 1)
    const kerbs = boxes.walls.filter((w) => Math.abs(w.sy - PLANNED_OUTLINE_M) < 1e-9)
    expect(kerbs).toHaveLength(4)
  })

  it('lists the planned building on its site label, which stays over the standing building', () => {
    const c2 = siteLabelAnchors(layout, 0).find((a) => a.id === 'C2')!
    expect(c2.planned.map((b) => b.name)).toEqual(['5414 Tulane Rd (permitted building)'])
    const standing = layout.buildings.find((b) => b.id === 'C2-B')!
    expect(c2.position[0]).toBeCloseTo(standing.transform.x, 6)
  })
})

describe('H100 equivalents', () => {
  it('is Σ GPUs × dense BF16 ÷ 989 per phase', () => {
    for (const p of layout.phases) {
      let tflops = 0
      for (const g of base.generations) tflops += (p.gpusByGeneration[g.id] ?? 0) * g.bf16Tflops
      expect(p.h100Equivalents).toBe(Math.floor(tflops / H100_DENSE_BF16_TFLOPS))
    }
  })

  it('counts an H100 as one and a GB300 as 2500 ÷ 989', () => {
    const first = layout.phases[0]!
    expect(first.h100Equivalents).toBe(first.gpus)
    const one = accepted(
      mutated((c) => {
        c.phases = [c.phases[4]!]
        for (const site of c.sites) delete site.infrastructure
        delete c.stories
        c.phases[0]!.adds = [{ halls: ['C2-H1'], generation: 'GB300', racks: 1 }]
      }),
    )
    expect(buildLayout(one).phases[0]!.h100Equivalents).toBe(Math.floor((72 * 2500) / 989))
  })

  it('passes one million at the end-2025 milestone, not before', () => {
    const k = layout.phases.findIndex((p) => p.id === 'one-million-h100e')
    expect(layout.phases[k]!.h100Equivalents).toBeGreaterThan(1_000_000)
    expect(layout.phases[k - 1]!.h100Equivalents).toBeLessThan(1_000_000)
    // …while fewer than 520,000 GPUs stand: a compute figure, not a GPU count.
    expect(layout.phases[k]!.gpus).toBeLessThan(520_000)
  })

  it('counts up with the build, exact at whole phases', () => {
    const prefix = buildPrefix(layout)
    layout.phases.forEach((p, k) => {
      expect(statsAtReveal(layout, prefix, k + 1).h100Equivalents).toBe(p.h100Equivalents)
    })
    const mid = statsAtReveal(layout, prefix, 4.5).h100Equivalents
    expect(mid).toBeGreaterThan(layout.phases[3]!.h100Equivalents)
    expect(mid).toBeLessThan(layout.phases[4]!.h100Equivalents)
  })
})
