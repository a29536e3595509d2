/**
 * What an exported PNG says about itself (its iTXt chunks, shown by image viewers, exiftool and
 * slide tools' "file info"): what it shows, how it was rendered, and the sources of the phase.
 * A picture copied into a deck keeps its citation even when the overlay is cropped or left out.
 * No date or time: the same inputs give the same file (presentation stills are deterministic).
 */
import type { QualityTier } from '../domain/quality'
import type { AppState } from '../state/store'

/** The app state a still's metadata reads. */
export type MetadataState = Pick<AppState, 'layout' | 'phaseIndex' | 'colorMode'>

/** Keyword → text of a still of `s` rendered in `quality` with `samples` samples per pixel. */
export function stillMetadata(
  s: MetadataState,
  quality: QualityTier,
  samples: number,
): Record<string, string> {
  const { config } = s.layout
  const phase = config.phases[s.phaseIndex]!
  const status = phase.status ? ` (${phase.status})` : ''
  const ids = new Set([...(phase.sources ?? []), ...(phase.statusSources ?? [])])
  const sources = [...ids]
    .map((id) => config.sources.find((src) => src.id === id))
    .filter((src) => src !== undefined)
    .map((src) => `${src.title} <${src.url}>`)
  return {
    Title: `${config.name}: ${phase.name}${status}, ${s.colorMode} colours`,
    Software: 'Colossus Explorer',
    Comment: `Rendered in the ${quality} quality tier, ${samples} ${samples === 1 ? 'sample' : 'samples'} per pixel. Power and hall layout are estimates; the campus context (roads, trees, yards) is illustrative.`,
    ...(sources.length ? { Source: sources.join('; ') } : {}),
  }
}
