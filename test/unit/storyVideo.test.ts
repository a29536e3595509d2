/** Issue 14 item 3: the frame plan of a story video, its easing, its timeline and its camera flight. */
import { describe, expect, it } from 'vitest'
import type { CameraPose } from '../../src/domain/camera'
import {
  easeInOut,
  flightPose,
  STORY_TRANSITION_SECONDS,
  storyFrameAt,
  storyReveal,
  storyVideoPlan,
} from '../../src/domain/storyVideo'
import type { VideoOptions } from '../../src/ui/ExportFields'
import { videoSeconds } from '../../src/ui/ExportVideoFields'
import { defaultConfig } from '../fixtures'

const dist = (p: CameraPose) => Math.hypot(...p.position.map((v, k) => v - p.target[k]!))

describe('storyVideoPlan', () => {
  it('holds each step for its duration and reaches every step after the first through a transition', () => {
    const plan = storyVideoPlan([1, 2, 1.5], 4, 2)
    expect(plan.segments).toEqual([
      { step: 0, start: 0, transitionFrames: 0, holdFrames: 4 },
      { step: 1, start: 4, transitionFrames: 8, holdFrames: 8 },
      { step: 2, start: 20, transitionFrames: 8, holdFrames: 6 },
    ])
    expect(plan.frames).toBe(34)
  })

  it('gives a hold at least one frame, and none to a zero transition', () => {
    const plan = storyVideoPlan([0.01, 0.01], 10, 0)
    expect(plan.segments.map((s) => [s.transitionFrames, s.holdFrames])).toEqual([
      [0, 1],
      [0, 1],
    ])
    expect(plan.frames).toBe(2)
  })

  it('uses the documented transition by default', () => {
    expect(STORY_TRANSITION_SECONDS).toBe(2)
    expect(storyVideoPlan([1, 1], 30).segments[1]!.transitionFrames).toBe(60)
  })

  it('refuses no steps and a frame rate of 0', () => {
    expect(() => storyVideoPlan([], 30)).toThrow(/at least one step/)
    expect(() => storyVideoPlan([1], 0)).toThrow(/frame rate/)
  })
})

describe('storyFrameAt', () => {
  const plan = storyVideoPlan([1, 1], 4, 1)

  it('holds the first step, then moves to the second and arrives on the last frame of the move', () => {
    const frames = Array.from({ length: plan.frames }, (_, f) => storyFrameAt(plan, f))
    expect(frames.map((x) => x.step)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(frames.map((x) => x.holding)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ])
    expect(frames[0]).toEqual({ step: 0, from: 0, progress: 1, holding: true })
    // The segment boundary: the last held frame of step 0, then the first frame of the move.
    expect(frames[4]!.from).toBe(0)
    expect(frames[4]!.progress).toBeGreaterThan(0)
    expect(frames[4]!.progress).toBeLessThan(0.5)
    expect(frames[7]!.progress).toBe(1)
    const moving = frames.slice(4, 8).map((x) => x.progress)
    for (let k = 1; k < moving.length; k++) expect(moving[k]!).toBeGreaterThan(moving[k - 1]!)
  })

  it('refuses frames outside the video', () => {
    expect(() => storyFrameAt(plan, plan.frames)).toThrow(/outside/)
    expect(() => storyFrameAt(plan, -1)).toThrow(/outside/)
  })
})

describe('easeInOut', () => {
  it('starts and ends at rest: 0 and 1 at the ends, ½ in the middle, slow near both ends', () => {
    expect(easeInOut(0)).toBe(0)
    expect(easeInOut(1)).toBe(1)
    expect(easeInOut(0.5)).toBeCloseTo(0.5, 12)
    expect(easeInOut(0.05)).toBeLessThan(0.01)
    expect(easeInOut(0.95)).toBeGreaterThan(0.99)
    expect(easeInOut(-1)).toBe(0)
    expect(easeInOut(2)).toBe(1)
  })
})

describe('storyReveal', () => {
  it('builds a later phase over the move, cuts to an earlier one, keeps the same one complete', () => {
    expect(storyReveal(1, 3, 0)).toBe(2)
    expect(storyReveal(1, 3, 0.5)).toBe(3)
    expect(storyReveal(1, 3, 1)).toBe(4)
    expect(storyReveal(3, 1, 0)).toBe(2)
    expect(storyReveal(3, 1, 0.5)).toBe(2)
    expect(storyReveal(2, 2, 0.3)).toBe(3)
  })
})

describe('flightPose', () => {
  const campus: CameraPose = { position: [0, 1000, 1000], target: [0, 0, 0] }
  const rack: CameraPose = { position: [102, 1, 100], target: [100, 1, 100] }

  it('starts at the first pose and ends at the second', () => {
    const start = flightPose(campus, rack, 0)
    const end = flightPose(campus, rack, 1)
    for (let k = 0; k < 3; k++) {
      expect(start.position[k]).toBeCloseTo(campus.position[k]!, 6)
      expect(start.target[k]).toBeCloseTo(campus.target[k]!, 6)
      expect(end.position[k]).toBeCloseTo(rack.position[k]!, 6)
      expect(end.target[k]).toBeCloseTo(rack.target[k]!, 6)
    }
  })

  it('zooms geometrically: half way in, the distance is the geometric mean', () => {
    const mid = flightPose(campus, rack, 0.5)
    expect(dist(mid)).toBeCloseTo(Math.sqrt(dist(campus) * dist(rack)), 3)
  })

  it('keeps the zoomed-into target close once the camera is close', () => {
    const late = flightPose(campus, rack, 0.9)
    const off = Math.hypot(...late.target.map((v, k) => v - rack.target[k]!))
    // Less than the camera's distance: the rack is in view, not still sliding in from off screen.
    expect(off).toBeLessThan(dist(late))
  })

  it('pans evenly between poses at one distance', () => {
    const a: CameraPose = { position: [0, 100, 100], target: [0, 0, 0] }
    const b: CameraPose = { position: [500, 100, 100], target: [500, 0, 0] }
    const mid = flightPose(a, b, 0.25)
    expect(mid.target[0]).toBeCloseTo(125, 6)
    expect(dist(mid)).toBeCloseTo(dist(a), 6)
  })

  it('passes over the top between opposite directions', () => {
    const a: CameraPose = { position: [0, 0, 100], target: [0, 0, 0] }
    const b: CameraPose = { position: [0, 0, -100], target: [0, 0, 0] }
    expect(flightPose(a, b, 0.5).position).toEqual([0, 100, 0])
  })
})

describe("the export dialog's video length", () => {
  const video: VideoOptions = {
    width: 1920,
    height: 1080,
    fps: 30,
    from: 0,
    to: 6,
    secondsPerPhase: 2,
    format: 'webm',
    story: 'colossus',
  }

  it("is a story's holds and its 2 s transitions", () => {
    const story = defaultConfig().stories![0]!
    const holds = story.steps.reduce((sum, st) => sum + (st.durationS ?? 8), 0)
    expect(videoSeconds(video, 6, story)).toBe(holds + 2 * (story.steps.length - 1))
  })

  it('is the build of each phase and a one-second hold for the expansion', () => {
    expect(videoSeconds({ ...video, story: null }, 6, undefined)).toBe(7 * 2 + 1)
  })
})
