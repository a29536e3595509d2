/** Looking up a layout's sources by id (ids are checked at load: each names a source). */
import type { SourceConfig } from '../config/schema'

/** The sources of `ids`, in that order; ids naming no source are left out. */
export const sourcesOf = (
  sources: readonly SourceConfig[],
  ids: readonly string[] | undefined,
): SourceConfig[] => (ids ?? []).flatMap((id) => sources.find((s) => s.id === id) ?? [])

/** The titles of the sources of `ids`, in that order; ids naming no source are left out. */
export const sourceTitles = (
  sources: readonly SourceConfig[],
  ids: readonly string[] | undefined,
): string[] => sourcesOf(sources, ids).map((s) => s.title)
