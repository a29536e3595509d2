/**
 * Stories name things the layout must have: phases, sites (in camera presets) and sources;
 * their captions use known placeholders. Ids are unique.
 */
import type { LayoutConfig, StoryConfig } from '../../../config/schema'
import { CAPTION_FIELDS, unknownPlaceholders } from '../../story'
import type { CheckContext } from './context'
import { checkSourceRefs } from './references'

const STATIC_PRESETS = ['campus', 'hall', 'rack']

/** Problems of `stories` (at `at`, e.g. `stories`) against `config`. */
export function checkStoryList(ctx: CheckContext, stories: readonly StoryConfig[], at: string): void {
  const { config, problems } = ctx
  const phases = new Set(config.phases.map((p) => p.id))
  const presets = new Set([...STATIC_PRESETS, ...config.sites.map((s) => `site:${s.id}`)])
  const seen = new Map<string, string>()
  stories.forEach((story, i) => {
    const sp = `${at}[${i}]`
    const first = seen.get(story.id)
    if (first !== undefined)
      problems.push({ path: `${sp}.id`, message: `"${story.id}" is already used at ${first}` })
    else seen.set(story.id, sp)
    story.steps.forEach((step, k) => {
      const p = `${sp}.steps[${k}]`
      if (!phases.has(step.phase))
        problems.push({ path: `${p}.phase`, message: `unknown phase "${step.phase}"` })
      if (typeof step.camera === 'string' && !presets.has(step.camera))
        problems.push({
          path: `${p}.camera`,
          message: `unknown camera preset "${step.camera}"; presets are ${[...presets].join(', ')}`,
        })
      for (const field of ['title', 'caption'] as const)
        for (const name of unknownPlaceholders(step[field]))
          problems.push({
            path: `${p}.${field}`,
            message: `unknown placeholder {${name}}; placeholders are ${Object.keys(CAPTION_FIELDS)
              .map((f) => `{${f}}`)
              .join(', ')}`,
          })
      checkSourceRefs(ctx, step.sources, `${p}.sources`)
    })
  })
}

/** The layout's own stories. */
export function checkStories(ctx: CheckContext): void {
  checkStoryList(ctx, (ctx.config as LayoutConfig).stories ?? [], 'stories')
}
