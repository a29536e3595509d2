/**
 * The export dialog (button and `S`): still size presets or custom size, transparency,
 * overlay parts, progress, cancel; and video of the expansion.
 */
import { useRef, useState } from 'react'
import { useApp, useClock, useStoreApi } from '../state/context'
import { exportStill, exportVideo, videoUnsupportedReason } from './exporter'
import { MAX_EXPORT_SIDE } from './fileName'
import { ALL_OVERLAY_PARTS, type OverlayParts } from './overlay'

const PRESETS = [
  { id: 'view', label: 'Current view' },
  { id: '1920x1080', label: '1920 × 1080 (Full HD)' },
  { id: '3840x2160', label: '3840 × 2160 (4K)' },
  { id: '7680x4320', label: '7680 × 4320 (8K)' },
  { id: 'custom', label: 'Custom' },
] as const

const PART_LABELS: Record<keyof OverlayParts, string> = {
  title: 'Title',
  phase: 'Phase and date',
  figures: 'Key figures',
  legend: 'Legend',
  labels: 'Site labels',
  scaleBar: 'Scale bar and north arrow',
  sources: 'Source line',
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

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

/** The dialog; renders nothing while closed. */
export function ExportDialog() {
  const open = useApp((s) => s.exportOpen)
  const setOpen = useApp((s) => s.setExportOpen)
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const store = useStoreApi()
  const clock = useClock()
  const [tab, setTab] = useState<'still' | 'video'>('still')
  const [preset, setPreset] = useState<(typeof PRESETS)[number]['id']>('3840x2160')
  const [custom, setCustom] = useState({ width: 2400, height: 1600 })
  const [transparent, setTransparent] = useState(false)
  const [overlayOn, setOverlayOn] = useState(true)
  const [parts, setParts] = useState<OverlayParts>(ALL_OVERLAY_PARTS)
  const [video, setVideo] = useState({
    width: 1920,
    height: 1080,
    fps: 30,
    from: 0,
    to: -1,
    seconds: 2,
    format: 'webm' as 'webm' | 'mp4',
  })
  const [progress, setProgress] = useState<{ done: number; total: number; what: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const abort = useRef<AbortController | null>(null)
  if (!open) return null

  const size = (): { width: number; height: number } => {
    if (preset === 'view') {
      const c = document.querySelector('.stage canvas') as HTMLCanvasElement | null
      return { width: c?.clientWidth ?? 1920, height: c?.clientHeight ?? 1080 }
    }
    if (preset === 'custom') return custom
    const [w, h] = preset.split('x').map(Number)
    return { width: w!, height: h! }
  }
  const { width, height } = size()
  const sizeError =
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 16 ||
    height < 16 ||
    width > MAX_EXPORT_SIDE ||
    height > MAX_EXPORT_SIDE
      ? `Each side must be a whole number from 16 to ${MAX_EXPORT_SIDE} pixels.`
      : null
  const to = video.to < 0 ? layout.phases.length - 1 : video.to
  const videoWhy = videoUnsupportedReason()

  const run = async (what: 'still' | 'video') => {
    setError(null)
    abort.current = new AbortController()
    store.getState().setExportBusy(true)
    try {
      if (what === 'still') {
        setProgress({ done: 0, total: 1, what: 'Rendering' })
        const r = await exportStill(store, clock, {
          width,
          height,
          transparent,
          overlay: overlayOn ? parts : false,
          signal: abort.current.signal,
          onProgress: (done, total) => setProgress({ done, total, what: 'Rendering tiles' }),
        })
        download(r.blob, r.fileName)
      } else {
        setProgress({ done: 0, total: 1, what: 'Recording' })
        const r = await exportVideo(store, clock, {
          width: video.width,
          height: video.height,
          fps: video.fps,
          fromPhase: video.from,
          toPhase: to,
          secondsPerPhase: video.seconds,
          format: video.format,
          overlay: overlayOn ? parts : false,
          signal: abort.current.signal,
          onProgress: (done, total) => setProgress({ done, total, what: 'Recording frames' }),
        })
        download(r.blob, r.fileName)
      }
    } catch (e) {
      const aborted = e instanceof DOMException && e.name === 'AbortError'
      setError(aborted ? 'Cancelled.' : e instanceof Error ? e.message : String(e))
    } finally {
      store.getState().setExportBusy(false)
      setProgress(null)
      abort.current = null
    }
  }

  return (
    <div className="help-backdrop">
      <div
        className="panel export-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Export"
        data-testid="export-dialog"
      >
        <header>
          <h2>Export</h2>
          <button
            type="button"
            className="close"
            onClick={() => setOpen(false)}
            aria-label="Close (Esc)"
            disabled={progress !== null}
          >
            ×
          </button>
        </header>
        <div className="mode-switch" role="group" aria-label="What to export">
          <button type="button" aria-pressed={tab === 'still'} onClick={() => setTab('still')}>
            Still (PNG)
          </button>
          <button type="button" aria-pressed={tab === 'video'} onClick={() => setTab('video')}>
            Video
          </button>
        </div>
        {tab === 'still' ? (
          <fieldset>
            <legend>Size</legend>
            {PRESETS.map((p) => (
              <label key={p.id} className="radio">
                <input
                  type="radio"
                  name="size"
                  checked={preset === p.id}
                  onChange={() => setPreset(p.id)}
                  value={p.id}
                />
                {p.label}
              </label>
            ))}
            {preset === 'custom' && (
              <div className="custom-size">
                <input
                  type="number"
                  min={16}
                  max={MAX_EXPORT_SIDE}
                  value={custom.width}
                  aria-label="Width in pixels"
                  onChange={(e) => setCustom({ ...custom, width: Number(e.target.value) })}
                />
                ×
                <input
                  type="number"
                  min={16}
                  max={MAX_EXPORT_SIDE}
                  value={custom.height}
                  aria-label="Height in pixels"
                  onChange={(e) => setCustom({ ...custom, height: Number(e.target.value) })}
                />
              </div>
            )}
            <label className="check">
              <input
                type="checkbox"
                checked={transparent}
                onChange={(e) => setTransparent(e.target.checked)}
              />
              Transparent background
            </label>
          </fieldset>
        ) : (
          <fieldset>
            <legend>Expansion video</legend>
            {videoWhy ? <p className="error">{videoWhy}</p> : null}
            <div className="video-grid">
              <PhaseSelect
                label="From"
                phases={layout.phases}
                value={video.from}
                onChange={(from) => setVideo({ ...video, from })}
              />
              <PhaseSelect
                label="To"
                phases={layout.phases}
                value={to}
                onChange={(t) => setVideo({ ...video, to: t })}
              />
              <label>
                Size
                <select
                  value={`${video.width}x${video.height}`}
                  onChange={(e) => {
                    const [w, h] = e.target.value.split('x').map(Number)
                    setVideo({ ...video, width: w!, height: h! })
                  }}
                >
                  <option value="1280x720">1280 × 720</option>
                  <option value="1920x1080">1920 × 1080</option>
                  <option value="3840x2160">3840 × 2160</option>
                </select>
              </label>
              <label>
                Frame rate
                <select
                  value={video.fps}
                  onChange={(e) => setVideo({ ...video, fps: Number(e.target.value) })}
                >
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
                  max={20}
                  step={0.5}
                  value={video.seconds}
                  onChange={(e) =>
                    setVideo({ ...video, seconds: Math.min(20, Math.max(0.5, Number(e.target.value) || 2)) })
                  }
                />
              </label>
              <label>
                Format
                <select
                  value={video.format}
                  onChange={(e) => setVideo({ ...video, format: e.target.value as 'webm' | 'mp4' })}
                >
                  <option value="webm">WebM (VP9)</option>
                  <option value="mp4">MP4 (H.264)</option>
                </select>
              </label>
            </div>
          </fieldset>
        )}
        <fieldset>
          <legend>
            <label className="check">
              <input type="checkbox" checked={overlayOn} onChange={(e) => setOverlayOn(e.target.checked)} />
              Burn in overlay
            </label>
          </legend>
          <div className="parts" aria-disabled={!overlayOn}>
            {(Object.keys(PART_LABELS) as (keyof OverlayParts)[]).map((k) => (
              <label key={k} className="check">
                <input
                  type="checkbox"
                  disabled={!overlayOn}
                  checked={parts[k]}
                  onChange={(e) => setParts({ ...parts, [k]: e.target.checked })}
                />
                {PART_LABELS[k]}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="muted export-note">
          {tab === 'still'
            ? `${width} × ${height} px · ${layout.phases[phaseIndex]!.name}`
            : `${video.width} × ${video.height} · ${Math.round((to - video.from + 1) * video.seconds + 1)} s · rendered frame by frame`}
        </p>
        {sizeError && tab === 'still' ? <p className="error">{sizeError}</p> : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {progress ? (
          <div className="progress" data-testid="export-progress">
            <progress value={progress.done} max={progress.total} />
            <span>
              {progress.what} {progress.done}/{progress.total}
            </span>
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={(tab === 'still' && sizeError !== null) || (tab === 'video' && videoWhy !== null)}
            onClick={() => void run(tab)}
          >
            {tab === 'still' ? 'Export PNG' : 'Record video'}
          </button>
        )}
      </div>
    </div>
  )
}
