/** The export dialog's video options: phase range, size, frame rate, pace and format. */
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

/** Longest a phase may take to build in a video, seconds. */
const MAX_SECONDS_PER_PHASE = 20

/**
 * The video fieldset. `to` is the resolved last phase (the options' -1 already replaced);
 * `unsupported` is why this browser cannot record, shown above the fields.
 */
export function VideoFields({
  video,
  onVideo,
  phases,
  to,
  unsupported,
}: {
  video: VideoOptions
  onVideo: (v: VideoOptions) => void
  phases: readonly { id: string; name: string }[]
  to: number
  unsupported: string | null
}) {
  return (
    <fieldset>
      <legend>Expansion video</legend>
      {unsupported ? <p className="error">{unsupported}</p> : null}
      <div className="video-grid">
        <PhaseSelect
          label="From"
          phases={phases}
          value={video.from}
          onChange={(from) => onVideo({ ...video, from })}
        />
        <PhaseSelect label="To" phases={phases} value={to} onChange={(t) => onVideo({ ...video, to: t })} />
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
