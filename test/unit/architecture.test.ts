/**
 * The import rules of CONTRIBUTING.md, checked on the real source tree: imports run one way
 * (config → domain → state → scene / ui / export → app; cli beside app) and no two files
 * import each other, directly or around a loop. Function length is Biome's job (biome.json).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../../src', import.meta.url))

/** What each top-level folder of src/ may import from src/ (besides itself). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  config: [],
  domain: ['config'],
  state: ['config', 'domain'],
  gpu: ['config', 'domain'],
  scene: ['config', 'domain', 'state', 'gpu'],
  ui: ['config', 'domain', 'state'],
  export: ['config', 'domain', 'state', 'gpu', 'scene'],
  app: ['config', 'domain', 'state', 'gpu', 'scene', 'ui', 'export', 'assets'],
  cli: ['config', 'domain', 'export'],
}

interface Edge {
  from: string
  to: string
  typeOnly: boolean
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return /\.tsx?$/.test(e.name) ? [p] : []
  })
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm
const DYNAMIC_IMPORT = /import\(\s*'(\.[^']+)'\s*\)/g

/** Relative imports of every file under src/, as paths relative to src/ without extension. */
function importEdges(): Edge[] {
  const edges: Edge[] = []
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), m[3]!)
      edges.push({
        from: withoutExt(relative(SRC, file)),
        to: withoutExt(relative(SRC, target)),
        typeOnly: m[2] !== undefined,
      })
    }
    for (const m of text.matchAll(DYNAMIC_IMPORT)) {
      const target = resolve(dirname(file), m[1]!)
      edges.push({
        from: withoutExt(relative(SRC, file)),
        to: withoutExt(relative(SRC, target)),
        typeOnly: false,
      })
    }
  }
  return edges
}

const withoutExt = (p: string): string => p.replace(/\.(tsx?|json)$/, '').replaceAll('\\', '/')
/** `domain/layout/x` → `domain`; a file outside src/ (`../assets/layouts/x`) → `assets`. */
const folderOf = (p: string): string => (p.startsWith('../') ? p.split('/')[1]! : p.split('/')[0]!)

/** Folder rules broken by `edges`, as `from -> to` lines. */
function forbiddenImports(edges: readonly Edge[]): string[] {
  return edges
    .filter((e) => {
      const a = folderOf(e.from)
      const b = folderOf(e.to)
      return a !== b && !(MAY_IMPORT[a] ?? []).includes(b)
    })
    .map((e) => `${e.from} -> ${e.to}`)
}

/** One cycle among `edges` (type-only imports count too), as a list of files, or null. */
function findCycle(edges: readonly Edge[]): string[] | null {
  const next = new Map<string, string[]>()
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to])
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node]
    state.set(node, 'open')
    stack.push(node)
    for (const to of next.get(node) ?? []) {
      const cycle = visit(to)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of next.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return null
}

describe('architecture', () => {
  const edges = importEdges()

  it('reads the imports of the real tree', () => {
    expect(edges.length).toBeGreaterThan(200)
    expect(edges).toContainEqual({ from: 'app/App', to: 'ui/ExportDialog', typeOnly: false })
  })

  it('imports run one way between the folders of src/', () => {
    expect(forbiddenImports(edges)).toEqual([])
  })

  it('has no import cycle between files', () => {
    expect(findCycle(edges)).toBeNull()
  })

  it('the checks catch a wrong-way import and a cycle', () => {
    const wrong = [
      { from: 'config/schema', to: 'domain/geometry', typeOnly: true },
      { from: 'ui/Compass', to: 'scene/ViewProbe', typeOnly: false },
      { from: 'export/overlay', to: 'ui/format', typeOnly: false },
    ]
    expect(forbiddenImports(wrong)).toHaveLength(3)
    const loop = [
      { from: 'domain/a', to: 'domain/b', typeOnly: true },
      { from: 'domain/b', to: 'domain/c', typeOnly: false },
      { from: 'domain/c', to: 'domain/a', typeOnly: false },
    ]
    expect(findCycle(loop)).toEqual(['domain/a', 'domain/b', 'domain/c', 'domain/a'])
  })
})
