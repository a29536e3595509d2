/** Issue 14: stories in the layout: schema, validation with paths, captions from the stats. */
import { describe, expect, it } from 'vitest'
import {
  type LayoutConfig,
  STEP_COLOR_MODES,
  STEP_QUALITY_TIERS,
  STEP_ROOF_MODES,
} from '../../src/config/schema'
import { COLOR_MODES } from '../../src/domain/color/colorModes'
import { fmtInt, fmtMw } from '../../src/domain/format'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import { parseStoriesText, validateLayout } from '../../src/domain/layout/validate'
import { QUALITY_TIERS } from '../../src/domain/quality'
import { fillCaption, resolveStep, storiesOf } from '../../src/domain/story'
import { defaultConfig } from '../fixtures'

const base = defaultConfig()
const layout = buildLayout(base)
const story = storiesOf(layout)[0]!

function problemsOf(change: (c: LayoutConfig) => void) {
  const c = structuredClone(base)
  change(c)
  const r = validateLayout(c)
  if (r.ok) throw new Error('expected the config to be refused, but it was accepted')
  return r.problems
}
const problem = (path: string, fragment: string) => ({ path, message: expect.stringContaining(fragment) })
const step = (c: LayoutConfig, k: number) => c.stories![0]!.steps[k]!

describe('story schema and validation', () => {
  it('uses the app’s own colour modes and quality tiers', () => {
    expect([...STEP_COLOR_MODES]).toEqual([...COLOR_MODES])
    expect([...STEP_QUALITY_TIERS]).toEqual([...QUALITY_TIERS])
    expect([...STEP_ROOF_MODES]).toEqual(['solid', 'faded', 'hidden'])
  })

  it('names the path of every fault', () => {
    expect(problemsOf((c) => (step(c, 2).phase = 'never'))).toEqual([
      problem('stories[0].steps[2].phase', 'unknown phase "never"'),
    ])
    expect(problemsOf((c) => (step(c, 0).camera = 'site:XX'))).toEqual([
      problem('stories[0].steps[0].camera', 'unknown camera preset "site:XX"'),
    ])
    expect(problemsOf((c) => (step(c, 1).caption = 'Look: {gpu} GPUs'))).toEqual([
      problem('stories[0].steps[1].caption', 'unknown placeholder {gpu}'),
    ])
    expect(problemsOf((c) => (step(c, 1).title = '{racks} and {nope}'))).toEqual([
      problem('stories[0].steps[1].title', 'unknown placeholder {nope}'),
    ])
    expect(problemsOf((c) => (step(c, 3).sources = ['sth-colossus', 'gossip']))).toEqual([
      problem('stories[0].steps[3].sources[1]', 'unknown source "gossip"'),
    ])
    expect(problemsOf((c) => c.stories!.push(structuredClone(c.stories![0]!)))).toEqual([
      problem('stories[1].id', 'is already used at stories[0]'),
    ])
    expect(problemsOf((c) => ((step(c, 0) as Record<string, unknown>).colorMode = 'rainbow'))).toEqual([
      problem('stories[0].steps[0].colorMode', 'generation'),
    ])
    expect(problemsOf((c) => (step(c, 0).durationS = 0))).toEqual([
      problem('stories[0].steps[0].durationS', 'at least 1'),
    ])
    expect(problemsOf((c) => (c.stories![0]!.steps = []))).toEqual([
      problem('stories[0].steps', 'at least one step'),
    ])
    expect(
      problemsOf((c) => (step(c, 0).camera = { position: [0, 10, 0], target: [0, 0] } as never)),
    ).toEqual([expect.objectContaining({ path: expect.stringMatching(/^stories\[0\]\.steps\[0\]\.camera/) })])
  })

  it('accepts a camera pose', () => {
    const c = structuredClone(base)
    step(c, 0).camera = { position: [100, 300, 400], target: [0, 0, 0] }
    expect(validateLayout(c).ok).toBe(true)
  })

  it('loads stories on their own against the open layout, with paths', () => {
    const own = JSON.stringify({ stories: [{ id: 'mine', title: 'Mine', steps: [story.steps[1]] }] })
    const ok = parseStoriesText(own, base)
    expect(ok.ok && ok.stories.map((s) => s.id)).toEqual(['mine'])
    const bad = JSON.stringify({
      stories: [{ id: 'mine', title: 'Mine', steps: [{ ...story.steps[1], phase: 'x' }] }],
    })
    expect(parseStoriesText(bad, base)).toEqual({
      ok: false,
      problems: [problem('stories[0].steps[0].phase', 'unknown phase "x"')],
    })
    expect(parseStoriesText('{"stories": []}', base)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'stories' })],
    })
    expect(parseStoriesText('nope', base).ok).toBe(false)
  })
})

describe('captions from the stats', () => {
  it('fills every placeholder from the phase’s figures', () => {
    const k = layout.phases.findIndex((p) => p.id === 'doubled')
    const p = layout.phases[k]!
    expect(fillCaption('{gpus} GPUs, {addedGpus} more in {days} days; {facilityMw}', layout, k)).toBe(
      `${fmtInt(p.gpus)} GPUs, ${fmtInt(p.gpus - layout.phases[k - 1]!.gpus)} more in 92 days; ${fmtMw(p.facilityPowerMw)}`,
    )
    expect(fillCaption('{halls} halls, {status}', layout, 0)).toBe('4 halls, achieved')
    const c2 = layout.phases.findIndex((p) => p.id === 'colossus-2-full')
    expect(fillCaption('{contested}', layout, c2)).toBe('Colossus 2 power, Jan–Apr 2026: 350–1,500 MW')
  })

  it('ships a default story of 8–12 steps whose captions type no figures', () => {
    expect(story.steps.length).toBeGreaterThanOrEqual(8)
    expect(story.steps.length).toBeLessThanOrEqual(12)
    const names = /Colossus (1|2|I|II)\b|H100|H200|GB200|GB300|NVL72/g
    for (const s of story.steps) {
      for (const text of [s.title, s.caption]) {
        const bare = text.replace(/\{[^{}]*\}/g, '').replace(names, '')
        expect(bare, text).not.toMatch(/\d/)
      }
    }
  })

  it('resolves each default step to its phase, filled texts and cited sources', () => {
    story.steps.forEach((s, k) => {
      const r = resolveStep(layout, story, k)
      expect(layout.phases[r.phaseIndex]!.id).toBe(s.phase)
      expect(r.caption).not.toMatch(/[{}]/)
      expect(r.title).not.toMatch(/[{}]/)
      expect(r.sources.length).toBe(s.sources?.length ?? 0)
    })
    expect(resolveStep(layout, story, 2).title).toBe('Doubled in 92 days')
    expect(resolveStep(layout, story, 99).index).toBe(story.steps.length - 1)
    expect(resolveStep(layout, story, 8).title).toBe('One million GPUs: planned')
  })
})
