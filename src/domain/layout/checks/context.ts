/**
 * What the cross-field checks share while they walk a config: the problems found so far and
 * the ids seen, so a later check can tell an unknown reference from a known one.
 */
import type { Problem } from '../../../config/parse'
import type { LayoutConfig } from '../../../config/schema'

/** State of one run of the checks over a config. */
export interface CheckContext {
  config: LayoutConfig
  problems: Problem[]
  /** Path of the first source with each id. */
  sourceIds: Map<string, string>
  /** Path of the first hall with each id, whatever its type. */
  hallIds: Map<string, string>
  /** Index into `capacity` of each hall id whose type is known (the last hall with that id). */
  hallSlots: Map<string, number>
  /** Rack slots of each hall with a known type. */
  capacity: number[]
}

/** A fresh context for `config`. */
export const createCheckContext = (config: LayoutConfig): CheckContext => ({
  config,
  problems: [],
  sourceIds: new Map(),
  hallIds: new Map(),
  hallSlots: new Map(),
  capacity: [],
})

/** `n` with thousands separators, as the limit messages show counts. */
export const count = (n: number): string => n.toLocaleString('en-US')
