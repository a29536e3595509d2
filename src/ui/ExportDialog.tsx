/**
 * The export dialog (button and `S`): a still (size preset or custom size, transparency) of the
 * view or of every step of a story (a zip), a video of the expansion or of a story, or a 3D
 * model (GLB, USDZ) of what stands; which overlay parts to burn in, progress and cancel. It
 * drives the exporter the app provides (state/exportApi), so the UI never imports src/export.
 */
import { useMemo, useRef, useState } from 'react'
import { exportSizeProblem } from '../domain/exportSize'
import type { QualityTier } from '../domain/quality'
import { useApp } from '../state/context'
import { ALL_OVERLAY_PARTS, type ExportApi, type OverlayParts, useExportApi } from '../state/exportApi'
import { allStories } from '../state/store'
import {
  ModelFields,
  type ModelOptions,
  OverlayFields,
  ProgressRow,
  QualityFields,
  type Size,
  type SizePreset,
  StillFields,
  StillsOfFields,
  useModelEstimate,
  type VideoOptions,
} from './ExportFields'
import { VideoFields, videoSeconds } from './ExportVideoFields'
import { type ExportRun, useExportRun } from './useExportRun'
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

/** What the dialog's fields ask for, as the exports take it. */
interface ExportChoices {
  width: number
  height: number
  transparent: boolean
  overlay: OverlayParts | false
  /** The story whose steps the still export makes, or null for the view. */
  stillStory: string | null
  video: VideoOptions
  /** The video's resolved last phase. */
  to: number
  /** Tier of the still (or story stills) and of the video frames. */
  stillQuality: QualityTier
  videoQuality: QualityTier
  model: ModelOptions
}

/** Starts the export of `tab` with `c` on `run`. */
function startExport(run: ExportRun, exporter: ExportApi, tab: ExportTab, c: ExportChoices): Promise<void> {
  const { width, height, transparent, overlay, video, stillStory } = c
  const still = { width, height, transparent, overlay, quality: c.stillQuality }
  if (tab === 'still' && stillStory !== null)
    return run.start('Rendering steps', (signal, onProgress) =>
      exporter.exportStoryStills({ ...still, story: stillStory, signal, onProgress }),
    )
  if (tab === 'still')
    return run.start('Rendering tiles', (signal, onProgress) =>
      exporter.exportStill({ ...still, signal, onProgress }),
    )
  if (tab === 'video') {
    const content =
      video.story === null
        ? { fromPhase: video.from, toPhase: c.to, secondsPerPhase: video.secondsPerPhase }
        : { story: video.story }
    return run.start('Recording frames', (signal, onProgress) =>
      exporter.exportVideo({
        width: video.width,
        height: video.height,
        fps: video.fps,
        ...content,
        format: video.format,
        overlay,
        quality: c.videoQuality,
        signal,
        onProgress,
      }),
    )
  }
  return run.start('Building model', () =>
    exporter.exportModel({ format: c.model.format, instanced: c.model.instanced }),
  )
}

/** The label of the dialog's export button. */
function actionLabel(tab: ExportTab, c: ExportChoices): string {
  if (tab === 'still') return c.stillStory === null ? 'Export PNG' : 'Export PNGs (zip)'
  return tab === 'video' ? 'Record video' : `Export ${c.model.format.toUpperCase()}`
}

/** The stories on offer (the layout's and this session's), as a stable list. */
function useStories() {
  const layout = useApp((s) => s.layout)
  const extraStories = useApp((s) => s.extraStories)
  return useMemo(() => allStories({ layout, extraStories }), [layout, extraStories])
}

/** The dialog; renders nothing while closed. */
export function ExportDialog() {
  const open = useApp((s) => s.exportOpen)
  const setOpen = useApp((s) => s.setExportOpen)
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const stories = useStories()
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
  const [stillStory, setStillStory] = useState<string | null>(null)
  // Stills default to presentation. Videos too, unless the page draws draft (software GL, or
  // draft chosen): hundreds of presentation frames take many minutes without a GPU.
  const pageQuality = useApp((s) => s.quality)
  const qualityChosen = useApp((s) => s.qualityChosen)
  // Draft that nobody chose was picked from the renderer string: no GPU.
  const software = pageQuality === 'draft' && !qualityChosen
  const [stillQuality, setStillQuality] = useState<QualityTier>('presentation')
  const [videoQualityChosen, setVideoQuality] = useState<QualityTier | null>(null)
  const videoQuality = videoQualityChosen ?? (pageQuality === 'draft' ? 'draft' : 'presentation')
  const [video, setVideo] = useState<VideoOptions>({
    width: 1920,
    height: 1080,
    fps: 30,
    from: 0,
    to: -1,
    secondsPerPhase: 2,
    format: 'webm',
    story: null,
  })
  if (!open) return null

  const { width, height } = presetSize(preset, custom)
  const sizeError = exportSizeProblem(width, height)
  const to = video.to < 0 ? layout.phases.length - 1 : video.to
  const videoWhy = exporter.videoUnsupportedReason()
  // A story picked earlier may have left with its layout or been replaced: back to the view.
  const stillOf = stories.find((x) => x.id === stillStory)
  const videoOf = stories.find((x) => x.id === video.story)
  const choices: ExportChoices = {
    width,
    height,
    transparent,
    overlay: overlayOn ? parts : false,
    stillStory: stillOf?.id ?? null,
    video: { ...video, story: videoOf?.id ?? null },
    to,
    model,
    stillQuality,
    videoQuality,
  }
  const note: Record<ExportTab, string> = {
    still: `${width} × ${height} px · ${stillOf ? `${stillOf.steps.length} PNGs, one per step, in a zip` : layout.phases[phaseIndex]!.name}`,
    video: `${video.width} × ${video.height} · ${videoSeconds(video, to, videoOf)} s · rendered frame by frame`,
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
          <>
            <StillsOfFields stories={stories} story={choices.stillStory} onStory={setStillStory} />
            <StillFields
              preset={preset}
              onPreset={setPreset}
              custom={custom}
              onCustom={setCustom}
              transparent={transparent}
              onTransparent={setTransparent}
            />
          </>
        ) : (
          <VideoFields
            video={choices.video}
            onVideo={setVideo}
            phases={layout.phases}
            to={to}
            stories={stories}
            unsupported={videoWhy}
          />
        )}
        {tab === 'model' ? null : (
          <QualityFields
            quality={tab === 'still' ? stillQuality : videoQuality}
            onQuality={tab === 'still' ? setStillQuality : setVideoQuality}
            software={software}
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
            onClick={() => void startExport(run, exporter, tab, choices)}
          >
            {actionLabel(tab, choices)}
          </button>
        )}
      </div>
    </div>
  )
}
