/**
 * The export dialog's video options: what to record (the expansion over a phase range, or a
 * story), size, frame rate, pace and format.
 */
import type { StoryConfig } from '../config/schema'
import { DEFAULT_STEP_SECONDS } from '../domain/story'
import { storyVideoPlan } from '../domain/storyVideo'
import type { VideoOptions } from './ExportFields'

/** A labelled phase picker (by index). */
function PhaseSelect({
  label,
  phases,
  value,
  onChange,
}: {
  label: string
  phases: readonly { id: string; name: string }[]
  value: number
  onChange: (index: number) => void
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {phases.map((p, i) => (
          <option key={p.id} value={i}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * Seconds a video of `video` lasts: a story's plan (holds and transitions), or the build of each
 * phase from `video.from` to `to` plus the exporter's one-second hold.
 */
export function videoSeconds(video: VideoOptions, to: number, story: StoryConfig | undefined): number {
  if (!story) return Math.round((to - video.from + 1) * video.secondsPerPhase + 1)
  const plan = storyVideoPlan(
    story.steps.map((st) => st.durationS ?? DEFAULT_STEP_SECONDS),
    video.fps,
  )
  return Math.round(plan.frames / video.fps)
}

/** Records the expansion (empty value) or one of `stories`. */
function RecordSelect(props: {
  stories: readonly StoryConfig[]
  value: string | null
  onChange: (story: string | null) => void
}) {
  return (
    <label className="wide">
      Record
      <select value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
        <option value="">The expansion (phase by phase)</option>
        {props.stories.map((st) => (
          <option key={st.id} value={st.id}>
            Story: {st.title} ({st.steps.length} steps)
          </option>
        ))}
      </select>
    </label>
  )
}

/** Longest a phase may take to build in a video, seconds. */
const MAX_SECONDS_PER_PHASE = 20

/** From and To phase pickers of the expansion video. */
function PhaseRange(props: {
  video: VideoOptions
  onVideo: (v: VideoOptions) => void
  phases: readonly { id: string; name: string }[]
  to: number
}) {
  const { video, onVideo, phases } = props
  return (
    <>
      <PhaseSelect
        label="From"
        phases={phases}
        value={video.from}
        onChange={(from) => onVideo({ ...video, from })}
      />
      <PhaseSelect
        label="To"
        phases={phases}
        value={props.to}
        onChange={(t) => onVideo({ ...video, to: t })}
      />
    </>
  )
}

/** Seconds each phase takes to build in the expansion video. */
function PaceField({ video, onVideo }: { video: VideoOptions; onVideo: (v: VideoOptions) => void }) {
  return (
    <label>
      Seconds per phase
      <input
        type="number"
        min={0.5}
        max={MAX_SECONDS_PER_PHASE}
        step={0.5}
        value={video.secondsPerPhase}
        onChange={(e) =>
          onVideo({
            ...video,
            secondsPerPhase: Math.min(MAX_SECONDS_PER_PHASE, Math.max(0.5, Number(e.target.value) || 2)),
          })
        }
      />
    </label>
  )
}

/**
 * The video fieldset. `to` is the resolved last phase (the options' -1 already replaced);
 * `stories` are those on offer to record instead of the expansion (each step's phase, view and
 * caption: no phase range, no pace); `unsupported` is why this browser cannot record, shown
 * above the fields.
 */
export function VideoFields({
  video,
  onVideo,
  phases,
  to,
  stories,
  unsupported,
}: {
  video: VideoOptions
  onVideo: (v: VideoOptions) => void
  phases: readonly { id: string; name: string }[]
  to: number
  stories: readonly StoryConfig[]
  unsupported: string | null
}) {
  const expansion = video.story === null
  return (
    <fieldset>
      <legend>Video</legend>
      {unsupported ? <p className="error">{unsupported}</p> : null}
      <div className="video-grid">
        <RecordSelect
          stories={stories}
          value={video.story}
          onChange={(story) => onVideo({ ...video, story })}
        />
        {expansion ? <PhaseRange video={video} onVideo={onVideo} phases={phases} to={to} /> : null}
        <label>
          Size
          <select
            value={`${video.width}x${video.height}`}
            onChange={(e) => {
              const [w, h] = e.target.value.split('x').map(Number)
              onVideo({ ...video, width: w!, height: h! })
            }}
          >
            <option value="1280x720">1280 × 720</option>
            <option value="1920x1080">1920 × 1080</option>
            <option value="3840x2160">3840 × 2160</option>
          </select>
        </label>
        <label>
          Frame rate
          <select value={video.fps} onChange={(e) => onVideo({ ...video, fps: Number(e.target.value) })}>
            <option value={24}>24 fps</option>
            <option value={30}>30 fps</option>
            <option value={60}>60 fps</option>
          </select>
        </label>
        {expansion ? <PaceField video={video} onVideo={onVideo} /> : null}
        <label>
          Format
          <select
            value={video.format}
            onChange={(e) => onVideo({ ...video, format: e.target.value as 'webm' | 'mp4' })}
          >
            <option value="webm">WebM (VP9)</option>
            <option value="mp4">MP4 (H.264)</option>
          </select>
        </label>
      </div>
    </fieldset>
  )
}
