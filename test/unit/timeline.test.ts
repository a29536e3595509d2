/**
 * The expansion timeline, pure: how dates map to the reveal clock and back, which phase's
 * figures are shown, the totals standing at any reveal value, and the build keys that decide
 * which racks the GPU draws standing.
 */
import { describe, expect, it } from 'vitest'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import {
  BUILD_FADE,
  buildPrefix,
  dateAtReveal,
  FIRST_BUILD_DAYS,
  phaseAtReveal,
  type RevealStats,
  revealAtDate,
  statsAtReveal,
  timelineSpan,
} from '../../src/domain/timeline/timeline'
import { rackBuckets, writeBuildKeys } from '../../src/gpu/rackBuckets'
import { defaultConfig } from '../fixtures'

const config = defaultConfig()
const layout = buildLayout(config)
const span = timelineSpan(layout)
const n = layout.phases.length
const DAY_MS = 86_400_000
/** UTC midnight of a YYYY-MM-DD date, computed without the module under test. */
const utc = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d)
}

describe('timelineSpan', () => {
  it('the default layout has several phases with strictly increasing dates (the tests below rely on it)', () => {
    expect(n).toBeGreaterThanOrEqual(4)
    for (let p = 1; p < n; p++)
      expect(utc(config.phases[p]!.date)).toBeGreaterThan(utc(config.phases[p - 1]!.date))
  })

  it('each phase is built from the previous phase date to its own; the first over 122 days', () => {
    expect(FIRST_BUILD_DAYS).toBe(122)
    expect(span.phaseEndMs).toHaveLength(n)
    expect(span.phaseStartMs).toHaveLength(n)
    config.phases.forEach((phase, p) => {
      expect(span.phaseEndMs[p]).toBe(utc(phase.date))
      const start = p === 0 ? utc(phase.date) - 122 * DAY_MS : utc(config.phases[p - 1]!.date)
      expect(span.phaseStartMs[p]).toBe(start)
    })
    // Colossus 1: 122 days from the start of the build to 2024-09-02.
    expect(new Date(span.phaseStartMs[0]!).toISOString().slice(0, 10)).toBe('2024-05-03')
  })

  it('the shown span starts before the first build and ends after the last phase', () => {
    expect(span.startMs).toBeLessThan(span.phaseStartMs[0]!)
    expect(span.endMs).toBeGreaterThan(span.phaseEndMs[n - 1]!)
  })
})

describe('revealAtDate', () => {
  it('is p + 1 on the date of phase p (phase p complete)', () => {
    config.phases.forEach((phase, p) => {
      expect(revealAtDate(span, utc(phase.date))).toBe(p + 1)
    })
  })

  it('is p + 0.5 halfway through the build of phase p', () => {
    for (let p = 0; p < n; p++) {
      const mid = (span.phaseStartMs[p]! + span.phaseEndMs[p]!) / 2
      expect(revealAtDate(span, mid)).toBeCloseTo(p + 0.5, 9)
    }
  })

  it('is 0 before the first build starts and at its start', () => {
    expect(revealAtDate(span, span.startMs)).toBe(0)
    expect(revealAtDate(span, span.phaseStartMs[0]!)).toBe(0)
    expect(revealAtDate(span, span.phaseStartMs[0]! - 365 * DAY_MS)).toBe(0)
    // One day into the first build: a little of phase 0 is built.
    const oneDay = revealAtDate(span, span.phaseStartMs[0]! + DAY_MS)
    expect(oneDay).toBeCloseTo(1 / FIRST_BUILD_DAYS, 9)
  })

  it('is n (every phase complete) after the last phase', () => {
    expect(revealAtDate(span, span.phaseEndMs[n - 1]!)).toBe(n)
    expect(revealAtDate(span, span.endMs)).toBe(n)
    expect(revealAtDate(span, span.endMs + 1000 * DAY_MS)).toBe(n)
  })

  it('never decreases as the date moves on', () => {
    let prev = -1
    for (let ms = span.startMs; ms <= span.endMs; ms += DAY_MS / 4) {
      const r = revealAtDate(span, ms)
      expect(r).toBeGreaterThanOrEqual(prev)
      expect(r).toBeGreaterThanOrEqual(0)
      expect(r).toBeLessThanOrEqual(n)
      prev = r
    }
  })
})

describe('dateAtReveal', () => {
  it('inverts revealAtDate for reveal values across the whole build', () => {
    for (let r = 0.01; r < n; r += 0.037) {
      expect(revealAtDate(span, dateAtReveal(span, r))).toBeCloseTo(r, 6)
    }
  })

  it('inverts revealAtDate for dates inside the built range (to the millisecond)', () => {
    for (let ms = span.phaseStartMs[0]!; ms <= span.phaseEndMs[n - 1]!; ms += 3.3 * DAY_MS) {
      expect(Math.abs(dateAtReveal(span, revealAtDate(span, ms)) - ms)).toBeLessThan(2)
    }
  })

  it('gives the phase dates at whole reveal values and clamps outside [0, n]', () => {
    for (let p = 0; p < n; p++) expect(dateAtReveal(span, p + 1)).toBe(utc(config.phases[p]!.date))
    expect(dateAtReveal(span, 0)).toBe(span.phaseStartMs[0])
    expect(dateAtReveal(span, -3)).toBe(span.phaseStartMs[0])
    expect(dateAtReveal(span, n + 3)).toBe(span.phaseEndMs[n - 1])
  })
})

describe('phaseAtReveal', () => {
  it('is the phase being built, or the one just completed at a whole value', () => {
    for (let p = 0; p < n; p++) {
      expect(phaseAtReveal(p + 0.001, n)).toBe(p)
      expect(phaseAtReveal(p + 0.5, n)).toBe(p)
      expect(phaseAtReveal(p + 1, n)).toBe(p)
    }
    // Just past completion the next phase is being built.
    expect(phaseAtReveal(1 + 1e-6, n)).toBe(1)
  })

  it('is clamped to [0, n − 1]', () => {
    expect(phaseAtReveal(0, n)).toBe(0)
    expect(phaseAtReveal(-2, n)).toBe(0)
    expect(phaseAtReveal(n, n)).toBe(n - 1)
    expect(phaseAtReveal(n + 10, n)).toBe(n - 1)
  })
})

describe('statsAtReveal', () => {
  const prefix = buildPrefix(layout)
  const fields: (keyof RevealStats)[] = ['gpus', 'racks', 'itPowerMw', 'facilityPowerMw', 'bf16Exaflops']

  it('equals the phase totals of phase p at reveal = p + 1, for every phase', () => {
    layout.phases.forEach((phase, p) => {
      const s = statsAtReveal(layout, prefix, p + 1)
      expect(s.gpus).toBe(phase.gpus)
      expect(s.racks).toBe(phase.racks)
      expect(s.itPowerMw).toBeCloseTo(phase.itPowerMw, 6)
      expect(s.facilityPowerMw).toBeCloseTo(phase.facilityPowerMw, 6)
      expect(s.bf16Exaflops).toBeCloseTo(phase.bf16Exaflops, 9)
    })
  })

  it('the phase totals themselves follow the config (GPUs per rack × racks added so far)', () => {
    let gpus = 0
    config.phases.forEach((phase, p) => {
      for (const add of phase.adds) {
        const g = config.generations.find((x) => x.id === add.generation)!
        gpus += add.racks * g.gpusPerServer * g.serversPerRack
      }
      expect(layout.phases[p]!.gpus).toBe(gpus)
    })
  })

  it('is zero before anything is built and the final totals after the end', () => {
    for (const r of [0, -1]) {
      const s = statsAtReveal(layout, prefix, r)
      for (const f of fields) expect(s[f]).toBe(0)
    }
    const last = layout.phases[n - 1]!
    expect(statsAtReveal(layout, prefix, n + 5).gpus).toBe(last.gpus)
    expect(statsAtReveal(layout, prefix, n + 5).racks).toBe(last.racks)
  })

  it('never decreases while the reveal moves forward, and lies between the phase totals', () => {
    let prev = statsAtReveal(layout, prefix, 0)
    for (let k = 1; k <= n * 200; k++) {
      const r = k / 200
      const s = statsAtReveal(layout, prefix, r)
      for (const f of fields) expect(s[f]).toBeGreaterThanOrEqual(prev[f] - 1e-9)
      const p = phaseAtReveal(r, n)
      const lo = p === 0 ? 0 : layout.phases[p - 1]!.gpus
      expect(s.gpus).toBeGreaterThanOrEqual(lo)
      expect(s.gpus).toBeLessThanOrEqual(layout.phases[p]!.gpus)
      prev = s
    }
  })

  it('halfway through a build shows about half of what that phase adds', () => {
    for (let p = 0; p < n; p++) {
      const before = p === 0 ? 0 : layout.phases[p - 1]!.racks
      const added = layout.phases[p]!.racks - before
      const s = statsAtReveal(layout, prefix, p + 0.5)
      expect(Math.abs(s.racks - (before + added / 2))).toBeLessThanOrEqual(1)
    }
  })
})

describe('build keys', () => {
  const buckets = rackBuckets(layout)
  const keyed = buckets.map((bucket) => {
    const keys = new Float32Array(bucket.indices.length)
    writeBuildKeys(layout, bucket, keys)
    return { bucket, keys }
  })
  /** How far up a rack of build key `key` stands at `reveal`, as the rack shader computes it. */
  const risen = (reveal: number, key: number): number => Math.min(1, Math.max(0, (reveal - key) / BUILD_FADE))

  it('the buckets hold every rack once', () => {
    const seen = new Uint8Array(layout.racks.count)
    for (const b of buckets) for (const i of b.indices) seen[i]!++
    expect(seen.every((c) => c === 1)).toBe(true)
  })

  it('at reveal = p + 1 every rack of phases ≤ p stands and no rack of a later phase shows', () => {
    for (let p = 0; p < n; p++) {
      const reveal = p + 1
      let standing = 0
      const notStanding: number[] = []
      const showingEarly: number[] = []
      for (const { bucket, keys } of keyed) {
        bucket.indices.forEach((i, k) => {
          const key = keys[k]!
          if (layout.racks.phase[i]! <= p) {
            if (key + BUILD_FADE > reveal || risen(reveal, key) !== 1) notStanding.push(i)
            else standing++
          } else if (key < p + 1 || risen(reveal, key) !== 0) showingEarly.push(i)
        })
      }
      expect(notStanding, `racks of phases ≤ ${p} not standing at reveal ${reveal}`).toEqual([])
      expect(showingEarly, `racks of phases > ${p} showing at reveal ${reveal}`).toEqual([])
      expect(standing).toBe(layout.phases[p]!.racks)
    }
  })

  it('at reveal = p (before phase p starts) none of its racks shows', () => {
    for (const { bucket, keys } of keyed) {
      const shown = bucket.indices.filter((i, k) => risen(layout.racks.phase[i]!, keys[k]!) !== 0)
      expect(shown).toHaveLength(0)
    }
  })

  it('keys rise in build order within each bucket (racks go up in the order they are counted)', () => {
    for (const { keys } of keyed)
      for (let k = 1; k < keys.length; k++) expect(keys[k]).toBeGreaterThanOrEqual(keys[k - 1]!)
  })

  it('countAtPhase matches the racks of each kind standing at each phase', () => {
    for (let p = 0; p < n; p++) {
      let total = 0
      for (const b of buckets) {
        let c = 0
        for (const i of b.indices) if (layout.racks.phase[i]! <= p) c++
        expect(b.countAtPhase[p]).toBe(c)
        total += c
      }
      expect(total).toBe(layout.racks.phaseEnd[p])
    }
  })
})
