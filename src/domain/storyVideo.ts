/**
 * The frame plan of a story video: which step each frame shows, how far its transition from
 * the step before has come, and where the camera and the timeline stand then. Pure, so the
 * frame counts and the flight are tested as numbers; the exporter only renders what it says.
 */
import type { CameraPose } from './camera'

/**
 * Seconds the move from one step to the next takes in a story video: long enough for a flight
 * from the campus to one rack to read as one move, short enough not to drag between captions.
 */
export const STORY_TRANSITION_SECONDS = 2

/** One step's frames: first its transition (none for the first step), then its hold. */
export interface StorySegment {
  /** The step's index in the story. */
  step: number
  /** Index of the segment's first frame in the video. */
  start: number
  transitionFrames: number
  holdFrames: number
}

/** Every frame of a story video, step by step. */
export interface StoryVideoPlan {
  segments: StorySegment[]
  /** Frames in the video. */
  frames: number
  fps: number
}

/** What frame `f` of a story video shows. */
export interface StoryFrame {
  /** The step the frame belongs to (moving towards it, or holding on it). */
  step: number
  /** The step moved from: the one before, or `step` itself in a hold and on the first step. */
  from: number
  /** How far the move has come, eased: 0 at the step moved from, 1 at `step` (and in the hold). */
  progress: number
  /** True in the step's hold. */
  holding: boolean
}

/**
 * Plans a story video of steps lasting `durationsS` (each its hold, seconds) at `fps`, each
 * step after the first reached through a transition of `transitionS`. Every hold has at least
 * one frame; a transition has none when `transitionS` is 0.
 */
export function storyVideoPlan(
  durationsS: readonly number[],
  fps: number,
  transitionS = STORY_TRANSITION_SECONDS,
): StoryVideoPlan {
  if (!(fps > 0)) throw new Error(`a story video needs a frame rate above 0 (got ${fps})`)
  if (durationsS.length === 0) throw new Error('a story video needs at least one step')
  const move = Math.max(0, Math.round(transitionS * fps))
  const segments: StorySegment[] = []
  let start = 0
  durationsS.forEach((d, step) => {
    const transitionFrames = step === 0 ? 0 : move
    const holdFrames = Math.max(1, Math.round(d * fps))
    segments.push({ step, start, transitionFrames, holdFrames })
    start += transitionFrames + holdFrames
  })
  return { segments, frames: start, fps }
}

/** Smooth start and stop (cubic ease in and out): 0 → 0, ½ → ½, 1 → 1, flat at both ends. */
export function easeInOut(t: number): number {
  const x = Math.min(1, Math.max(0, t))
  return x < 0.5 ? 4 * x * x * x : 1 - (-2 * x + 2) ** 3 / 2
}

/**
 * Frame `f` of `plan`. A transition's k-th frame (from 0) is at (k + 1) / frames of the move,
 * eased: its last frame arrives, its first has already left the step before (whose hold showed it).
 */
export function storyFrameAt(plan: StoryVideoPlan, f: number): StoryFrame {
  if (!Number.isInteger(f) || f < 0 || f >= plan.frames)
    throw new Error(`frame ${f} is outside the video's 0..${plan.frames - 1}`)
  // Few segments (a story has at most 100 steps): a scan is plenty.
  let seg = plan.segments[0]!
  for (const s of plan.segments) if (s.start <= f) seg = s
  const k = f - seg.start
  if (k >= seg.transitionFrames) return { step: seg.step, from: seg.step, progress: 1, holding: true }
  return {
    step: seg.step,
    from: seg.step - 1,
    progress: easeInOut((k + 1) / seg.transitionFrames),
    holding: false,
  }
}

/**
 * The timeline clock (phases built, `reveal`) at `progress` of a move from a step showing phase
 * `fromPhase` to one showing `toPhase`: a later phase builds over the move, an earlier one cuts
 * to it at once, the same one stays complete.
 */
export function storyReveal(fromPhase: number, toPhase: number, progress: number): number {
  if (toPhase <= fromPhase) return toPhase + 1
  return fromPhase + 1 + (toPhase - fromPhase) * progress
}

const lerp = (a: number, b: number, t: number): number => a + (b - a) * t

/**
 * The camera at `progress` of a flight from pose `a` to pose `b`. The viewing direction turns
 * evenly; the distance to the target changes geometrically, so a zoom from the campus into one
 * rack does not rush at the end; and the target moves in step with that distance (when the
 * distance changes much), so what is zoomed into stays in view on the way.
 */
export function flightPose(a: CameraPose, b: CameraPose, progress: number): CameraPose {
  const u = Math.min(1, Math.max(0, progress))
  const offset = (p: CameraPose) => p.position.map((v, k) => v - p.target[k]!)
  const oa = offset(a)
  const ob = offset(b)
  const da = Math.max(1e-6, Math.hypot(oa[0]!, oa[1]!, oa[2]!))
  const db = Math.max(1e-6, Math.hypot(ob[0]!, ob[1]!, ob[2]!))
  const d = da * (db / da) ** u
  // Share of the target's way done: the distance's share of its change, blended in as the
  // change grows (a pan at one height moves the target evenly, a zoom by 2× or more with it).
  const zoom = Math.min(1, Math.abs(Math.log(db / da)) / Math.LN2)
  const byDistance = Math.abs(db - da) > 1e-9 ? (d - da) / (db - da) : u
  const s = lerp(u, byDistance, zoom)
  const target = a.target.map((v, k) => lerp(v, b.target[k]!, s)) as [number, number, number]
  let dir = oa.map((v, k) => lerp(v / da, ob[k]! / db, u))
  const len = Math.hypot(dir[0]!, dir[1]!, dir[2]!)
  // Opposite directions meet in the middle at zero length: pass over the top instead.
  dir = len > 1e-6 ? dir.map((v) => v / len) : [0, 1, 0]
  const position = target.map((v, k) => v + dir[k]! * d) as [number, number, number]
  return { position, target }
}
