import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { LayoutConfig } from '../../src/config/schema'
import { phaseDraws } from '../../src/domain/power/totals'
import { defaultLayout, defaultLayoutJson, phasesUpTo, runLayout as run } from '../fixtures'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const base = defaultLayoutJson() as LayoutConfig
const layout = defaultLayout()

const dir = mkdtempSync(join(tmpdir(), 'colossus-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function writeTemp(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '')

/** The default layout with two faults the consistency checks catch. */
const brokenText = JSON.stringify(
  (() => {
    const c = structuredClone(base)
    c.phases[2]!.adds[0]!.halls.push('C9-H1')
    c.phases[3]!.date = '2025-01-01'
    return c
  })(),
)
const brokenLines = [
  'phases[2].adds[0].halls[1]: unknown hall "C9-H1"',
  "phases[3].date: 2025-01-01 is before the previous phase's date 2025-07-22",
]

describe('runLayoutCli', () => {
  it('prints a table with a row for every phase: name, date, GPUs, racks', () => {
    const { code, stdout, stderr } = run([])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const out = lines(stdout)
    expect(out[0]).toMatch(
      /^phase\s+date\s+status\s+GPUs\s+racks\s+IT MW\s+facility MW\s+BF16 EF\s+H100 equiv\./,
    )
    for (const p of layout.phases) {
      const row = out.find((l) => l.startsWith(`${p.name} `))
      expect(row, p.name).toBeDefined()
      expect(row).toContain(p.date)
      expect(row).toContain(` ${p.status ?? '-'} `)
      expect(row).toContain(` ${p.gpus.toLocaleString('en-US')} `)
      expect(row).toContain(` ${p.racks.toLocaleString('en-US')} `)
    }
    expect(stdout).toContain('estimates')
  })

  it('--json prints per-phase figures that match buildLayout', () => {
    const { code, stdout, stderr } = run(['--json'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const json = JSON.parse(stdout) as { phases: Record<string, unknown>[] }
    expect(Object.keys(json)).toEqual(['scenario', 'phases'])
    expect(json.phases).toHaveLength(layout.phases.length)
    json.phases.forEach((got, k) => {
      const p = layout.phases[k]!
      expect(Object.keys(got).sort()).toEqual(
        [
          'bf16Exaflops',
          'date',
          'drawMw',
          'facilityPowerMw',
          'gpus',
          'gpusByGeneration',
          'h100Equivalents',
          'id',
          'itPowerMw',
          'name',
          'racks',
          'status',
        ].sort(),
      )
      expect(got).toMatchObject({
        id: p.id,
        name: p.name,
        date: p.date,
        gpus: p.gpus,
        racks: p.racks,
        gpusByGeneration: p.gpusByGeneration,
        status: p.status,
        h100Equivalents: p.h100Equivalents,
      })
      // Rounded to one decimal.
      for (const key of ['itPowerMw', 'facilityPowerMw', 'bf16Exaflops'] as const) {
        const v = got[key] as number
        expect(Math.abs(v - p[key]), `${p.id} ${key}`).toBeLessThanOrEqual(0.05 + 1e-9)
        expect(Math.round(v * 10)).toBeCloseTo(v * 10, 6)
      }
    })
  })

  it('--json gives each phase its draw under the scenario (drawMw) beside the nameplate figures', () => {
    const json = JSON.parse(run(['--json']).stdout) as {
      scenario: { name: string; illustrative: boolean }
      phases: { itPowerMw: number; facilityPowerMw: number; drawMw: { it: number; facility: number } }[]
    }
    expect(json.scenario).toEqual({ name: base.scenario!.name, illustrative: true })
    const draws = phaseDraws(layout)
    json.phases.forEach((p, k) => {
      expect(Object.keys(p.drawMw)).toEqual(['it', 'facility'])
      expect(Math.abs(p.drawMw.it - draws[k]!.itMw)).toBeLessThanOrEqual(0.05 + 1e-9)
      expect(Math.abs(p.drawMw.facility - draws[k]!.facilityMw)).toBeLessThanOrEqual(0.05 + 1e-9)
      // Loads are below 1: the scenario draws less than the nameplate.
      expect(p.drawMw.it).toBeLessThan(p.itPowerMw)
      expect(p.drawMw.facility).toBeLessThan(p.facilityPowerMw)
    })
    // First phase: 1,563 H100 racks serving at the inference load, × IT overhead × PUE.
    const c = base
    const it0 =
      (1563 * c.generations[0]!.rackPowerKw * c.scenario!.loads.inference! * c.itOverheadFactor) / 1000
    expect(json.phases[0]!.drawMw.it).toBeCloseTo(it0, 1)
    expect(json.phases[0]!.drawMw.facility).toBeCloseTo(it0 * c.phases[0]!.pue, 1)
    // Without a scenario, racks draw their nameplate and no scenario is named.
    const plain = structuredClone(base)
    delete plain.scenario
    const out = JSON.parse(run([writeTemp('plain.json', JSON.stringify(plain)), '--json']).stdout) as {
      scenario?: unknown
      phases: { itPowerMw: number; drawMw: { it: number } }[]
    }
    expect(out.scenario).toBeUndefined()
    for (const p of out.phases) expect(p.drawMw.it).toBeCloseTo(p.itPowerMw, 1)
  })

  it('reads the config file it is given', () => {
    const c = phasesUpTo(base, 1)
    const path = writeTemp('two-phases.json', JSON.stringify(c))
    const { code, stdout } = run([path, '--json'])
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as { phases: { id: string; gpus: number }[] }
    expect(json.phases.map((p) => [p.id, p.gpus])).toEqual([
      ['colossus-1-online', layout.phases[0]!.gpus],
      ['doubled', layout.phases[1]!.gpus],
    ])
  })

  it('refuses an invalid config: exit 1, one `<path>: <message>` line per problem, no stack trace', () => {
    const path = writeTemp('broken.json', brokenText)
    const { code, stdout, stderr } = run([path])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(lines(stderr)).toEqual(brokenLines)
    expect(stderr).not.toContain('    at ')
  })

  it('refuses a missing file: exit 1, one line naming the file', () => {
    const path = join(dir, 'does-not-exist.json')
    const { code, stdout, stderr } = run([path])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(lines(stderr)).toEqual([`${path}: cannot read the file (no such file)`])
  })

  it('refuses a file that is not JSON: exit 1, a `(root)` problem, no stack trace', () => {
    const path = writeTemp('not-json.json', '{"name": "Colossus",}')
    const { code, stdout, stderr } = run([path])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(lines(stderr)).toHaveLength(1)
    expect(stderr).toMatch(/^\(root\): is not valid JSON/)
    expect(stderr).not.toContain('    at ')
  })

  it('refuses a multi-line file that is not JSON with exactly one line', () => {
    const path = writeTemp('undefined.json', '{\n  "name": "Colossus",\n  "pue": undefined\n}\n')
    const { code, stderr } = run([path])
    expect(code).toBe(1)
    expect(lines(stderr)).toHaveLength(1)
    expect(stderr).toMatch(/^\(root\): is not valid JSON/)
  })

  it('refuses an unknown option or a second path: exit 1 with usage', () => {
    const unknown = run(['--jsn'])
    expect(unknown.code).toBe(1)
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr).toContain('usage: npm run layout')
    expect(unknown.stderr).toContain('unknown option --jsn')
    const twoPaths = run(['a.json', 'b.json'])
    expect(twoPaths.code).toBe(1)
    expect(twoPaths.stderr).toContain('usage: npm run layout')
  })

  it('--help prints usage and exits 0', () => {
    const { code, stdout } = run(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('usage: npm run layout')
  })
})

describe('the layout command as a process (npx tsx src/cli/layout.ts)', () => {
  /** Runs the command; drops npm's own warnings (environment noise) from stderr. */
  function spawn(args: string[]) {
    const r = spawnSync('npx', ['tsx', 'src/cli/layout.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    })
    if (r.error) throw r.error
    const stderr = lines(r.stderr)
      .filter((l) => !l.startsWith('npm warn'))
      .join('\n')
    return { status: r.status, stdout: r.stdout, stderr }
  }

  it('prints the same JSON as the in-process run and exits 0', { timeout: 60_000 }, () => {
    const r = spawn(['--json'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(run(['--json']).stdout))
  })

  it('exits 1 on a broken file, with the problems on stderr and no stack trace', { timeout: 60_000 }, () => {
    const path = writeTemp('broken-process.json', brokenText)
    const r = spawn([path])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(lines(r.stderr)).toEqual(brokenLines)
    expect(r.stderr).not.toContain('    at ')
  })
})
