/** What an exported PNG says about itself: what it shows, how it was rendered, its sources. */
import { describe, expect, it } from 'vitest'
import { stillMetadata } from '../../src/export/metadata'
import { createAppStore } from '../../src/state/store'
import { defaultConfig } from '../fixtures'

describe('stillMetadata', () => {
  const config = defaultConfig()
  const store = createAppStore(config)

  it('names the layout, the phase with its status and the colours, and says how it was rendered', () => {
    const last = config.phases.length - 1
    store.getState().setPhase(last)
    store.getState().setColorMode('power')
    const phase = config.phases[last]!
    const m = stillMetadata(store.getState(), 'presentation', 16)
    expect(m.Title).toBe(`${config.name}: ${phase.name} (${phase.status}), power colours`)
    expect(m.Software).toBe('Colossus Explorer')
    expect(m.Comment).toMatch(/^Rendered in the presentation quality tier, 16 samples per pixel\./)
    expect(m.Comment).toMatch(/estimates/)
    expect(stillMetadata(store.getState(), 'high', 1).Comment).toMatch(
      /high quality tier, 1 sample per pixel/,
    )
  })

  it('cites every source of the phase and of its status, once each, with its address', () => {
    for (let i = 0; i < config.phases.length; i++) {
      store.getState().setPhase(i)
      const phase = config.phases[i]!
      const ids = [...new Set([...(phase.sources ?? []), ...(phase.statusSources ?? [])])]
      const m = stillMetadata(store.getState(), 'draft', 4)
      if (!ids.length) {
        expect(m.Source, phase.id).toBeUndefined()
        continue
      }
      const cited = m.Source!.split('; ')
      expect(cited, phase.id).toHaveLength(ids.length)
      for (const id of ids) {
        const src = config.sources.find((s) => s.id === id)!
        expect(cited, `${phase.id} cites ${id}`).toContain(`${src.title} <${src.url}>`)
      }
    }
  })
})
