/**
 * Export file names: they say which layout, phase(s), colour mode and size a file shows, the
 * same way for stills and videos.
 */
import { describe, expect, it } from 'vitest'
import { exportFileName, modelFileName, storyFileName, storyStepFileName } from '../../src/export/fileName'
import { createAppStore } from '../../src/state/store'
import { defaultConfig } from '../fixtures'

/** The app state with the default layout renamed and loaded from a file, as a user's layout is. */
function customLayoutState() {
  const config = { ...defaultConfig(), name: 'My Campus 2' }
  return createAppStore(config, 'my-campus.json').getState()
}

describe('export file names', () => {
  it('start with "colossus" for the default layout, stills and videos alike', () => {
    const s = createAppStore(defaultConfig(), 'default').getState()
    const first = s.layout.phases[0]!.id
    const last = s.layout.phases.at(-1)!.id
    expect(exportFileName(s, [s.phaseIndex], 1920, 1080, 'png')).toBe(
      `colossus-${last}-generation-1920x1080.png`,
    )
    expect(exportFileName(s, [0, s.layout.phases.length - 1], 1280, 720, 'webm')).toBe(
      `colossus-${first}-to-${last}-generation-1280x720.webm`,
    )
  })

  it("a still of a user's layout carries the layout's name", () => {
    const s = customLayoutState()
    expect(exportFileName(s, [s.phaseIndex], 800, 600, 'png')).toMatch(/^my-campus-2-/)
  })

  it("a video of a user's layout carries the layout's name, like its stills", () => {
    const s = customLayoutState()
    const name = exportFileName(s, [0, 1], 1280, 720, 'mp4')
    expect(name).toMatch(/^my-campus-2-/)
    expect(name).toMatch(/-1280x720\.mp4$/)
  })

  it('a 3D model says layout, phase and colour mode, with the format as extension', () => {
    const s = createAppStore(defaultConfig(), 'default').getState()
    const first = s.layout.phases[0]!.id
    expect(modelFileName(s, 0, 'glb')).toBe(`colossus-${first}-generation.glb`)
    expect(modelFileName(customLayoutState(), 0, 'usdz')).toBe(`my-campus-2-${first}-generation.usdz`)
  })

  it("a story's video and zip name layout, story and size; its stills are numbered to sort, named by title", () => {
    const s = createAppStore(defaultConfig(), 'default').getState()
    expect(storyFileName(s, 'colossus', 1920, 1080, 'zip')).toBe('colossus-story-colossus-1920x1080.zip')
    expect(storyFileName(customLayoutState(), 'My Story', 640, 360, 'webm')).toBe(
      'my-campus-2-story-my-story-640x360.webm',
    )
    expect(storyStepFileName(0, 'An old oven plant in Memphis')).toBe('01-an-old-oven-plant-in-memphis.png')
    expect(storyStepFileName(11, 'One million GPUs: planned')).toBe('12-one-million-gpus-planned.png')
  })
})
