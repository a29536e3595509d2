/**
 * The export dialog (button and `S`): a still (size preset or custom size, transparency), a
 * video of the expansion, or a 3D model (GLB, USDZ) of what stands; which overlay parts to
 * burn in, progress and cancel. It drives the
 * exporter the app provides (state/exportApi), so the UI never imports src/export.
 */
import { useRef, useState } from 'react'
import { exportSizeProblem } from '../domain/exportSize'
import { useApp } from '../state/context'
import { ALL_OVERLAY_PARTS, type OverlayParts, useExportApi } from '../state/exportApi'
import {
  ModelFields,
  type ModelOptions,
  OverlayFields,
  ProgressRow,
  type Size,
  type SizePreset,
  StillFields,
  useModelEstimate,
  type VideoOptions,
} from './ExportFields'
import { VideoFields } from './ExportVideoFields'
import { useExportRun } from './useExportRun'
import { useFocusTrap } from './useFocusTrap'

/** The still's size in pixels for a preset; "view" is the canvas's size on screen. */
function presetSize(preset: SizePreset, custom: Size): Size {
  if (preset === 'view') {
    const c = document.querySelector('.stage canvas') as HTMLCanvasElement | null
    return { width: c?.clientWidth ?? 1920, height: c?.clientHeight ?? 1080 }
  }
  if (preset === 'custom') return custom
  const [w, h] = preset.split('x').map(Number)
  return { width: w!, height: h! }
}

/** The dialog's header with its close button (disabled while an export runs). */
function DialogHeader({ busy, onClose }: { busy: boolean; onClose: () => void }) {
  return (
    <header>
      <h2>Export</h2>
      <button type="button" className="close" onClick={onClose} aria-label="Close (Esc)" disabled={busy}>
        ×
      </button>
    </header>
  )
}

/** What the dialog exports. */
type ExportTab = 'still' | 'video' | 'model'

/** Still, video or 3D model. */
function TabSwitch({ tab, onTab }: { tab: ExportTab; onTab: (t: ExportTab) => void }) {
  return (
    <div className="mode-switch" role="group" aria-label="What to export">
      <button type="button" aria-pressed={tab === 'still'} onClick={() => onTab('still')}>
        Still (PNG)
      </button>
      <button type="button" aria-pressed={tab === 'video'} onClick={() => onTab('video')}>
        Video
      </button>
      <button type="button" aria-pressed={tab === 'model'} onClick={() => onTab('model')}>
        3D model
      </button>
    </div>
  )
}

/** The dialog; renders nothing while closed. */
export function ExportDialog() {
  const open = useApp((s) => s.exportOpen)
  const setOpen = useApp((s) => s.setExportOpen)
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const exporter = useExportApi()
  const run = useExportRun()
  const dialog = useRef<HTMLDivElement>(null)
  // Esc closes the dialog from any control in it, unless an export is running (cancel it first).
  useFocusTrap(dialog, open, () => {
    if (!run.progress) setOpen(false)
  })
  const [tab, setTab] = useState<ExportTab>('still')
  const [model, setModel] = useState<ModelOptions>({ format: 'glb', instanced: true })
  const estimate = useModelEstimate(model, open && tab === 'model')
  const [preset, setPreset] = useState<SizePreset>('3840x2160')
  const [custom, setCustom] = useState<Size>({ width: 2400, height: 1600 })
  const [transparent, setTransparent] = useState(false)
  const [overlayOn, setOverlayOn] = useState(true)
  const [parts, setParts] = useState<OverlayParts>(ALL_OVERLAY_PARTS)
  const [video, setVideo] = useState<VideoOptions>({
    width: 1920,
    height: 1080,
    fps: 30,
    from: 0,
    to: -1,
    secondsPerPhase: 2,
    format: 'webm',
  })
  if (!open) return null

  const { width, height } = presetSize(preset, custom)
  const sizeError = exportSizeProblem(width, height)
  const to = video.to < 0 ? layout.phases.length - 1 : video.to
  const videoWhy = exporter.videoUnsupportedReason()
  const overlay = overlayOn ? parts : false
  const exportStill = () =>
    run.start('Rendering tiles', (signal, onProgress) =>
      exporter.exportStill({ width, height, transparent, overlay, signal, onProgress }),
    )
  const exportVideo = () =>
    run.start('Recording frames', (signal, onProgress) =>
      exporter.exportVideo({
        width: video.width,
        height: video.height,
        fps: video.fps,
        fromPhase: video.from,
        toPhase: to,
        secondsPerPhase: video.secondsPerPhase,
        format: video.format,
        overlay,
        signal,
        onProgress,
      }),
    )
  const exportModel = () =>
    run.start('Building model', () =>
      exporter.exportModel({ format: model.format, instanced: model.instanced }),
    )
  // Video length: the build of each phase plus the exporter's default one-second hold.
  const videoSeconds = Math.round((to - video.from + 1) * video.secondsPerPhase + 1)
  const note: Record<ExportTab, string> = {
    still: `${width} × ${height} px · ${layout.phases[phaseIndex]!.name}`,
    video: `${video.width} × ${video.height} · ${videoSeconds} s · rendered frame by frame`,
    model: 'What stands now, coloured as on screen, in metres with y up',
  }
  const blocked: Record<ExportTab, boolean> = {
    still: sizeError !== null,
    video: videoWhy !== null,
    model: estimate?.problem != null,
  }

  return (
    <div className="help-backdrop">
      <div
        ref={dialog}
        className="panel export-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Export"
        data-testid="export-dialog"
      >
        <DialogHeader busy={run.progress !== null} onClose={() => setOpen(false)} />
        <TabSwitch tab={tab} onTab={setTab} />
        {tab === 'model' ? (
          <ModelFields model={model} onModel={setModel} estimate={estimate} />
        ) : tab === 'still' ? (
          <StillFields
            preset={preset}
            onPreset={setPreset}
            custom={custom}
            onCustom={setCustom}
            transparent={transparent}
            onTransparent={setTransparent}
          />
        ) : (
          <VideoFields
            video={video}
            onVideo={setVideo}
            phases={layout.phases}
            to={to}
            unsupported={videoWhy}
          />
        )}
        {tab === 'model' ? null : (
          <OverlayFields on={overlayOn} onOn={setOverlayOn} parts={parts} onParts={setParts} />
        )}
        <p className="muted export-note">{note[tab]}</p>
        {sizeError && tab === 'still' ? <p className="error">{sizeError}</p> : null}
        {run.error ? (
          <p className="error" role="alert">
            {run.error}
          </p>
        ) : null}
        {run.progress ? (
          <ProgressRow progress={run.progress} onCancel={run.cancel} />
        ) : (
          <button
            type="button"
            className="primary"
            disabled={blocked[tab]}
            onClick={() =>
              void (tab === 'still' ? exportStill() : tab === 'video' ? exportVideo() : exportModel())
            }
          >
            {tab === 'still'
              ? 'Export PNG'
              : tab === 'video'
                ? 'Record video'
                : `Export ${model.format.toUpperCase()}`}
          </button>
        )}
      </div>
    </div>
  )
}
