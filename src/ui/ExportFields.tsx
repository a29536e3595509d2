/**
 * The export dialog's field groups: what a still shows (the view or a story's steps), still
 * size, video options, overlay parts, 3D model, and progress.
 */
import { useMemo } from 'react'
import type { StoryConfig } from '../config/schema'
import { MAX_EXPORT_SIDE, MIN_EXPORT_SIDE } from '../domain/exportSize'
import { MODEL_FORMATS, type ModelFormat, modelCounts, modelScene } from '../domain/modelScene'
import { fmtBytes, modelSizeEstimate, modelSizeProblem } from '../domain/modelSize'
import type { QualityTier } from '../domain/quality'
import { useApp } from '../state/context'
import type { OverlayParts } from '../state/exportApi'
import { useShownMoment } from '../state/shownMoment'
import type { ExportProgress } from './useExportRun'

/** Still size choices: the on-screen view, fixed sizes, or custom. */
export const SIZE_PRESETS = [
  { id: 'view', label: 'Current view' },
  { id: '1920x1080', label: '1920 × 1080 (Full HD)' },
  { id: '3840x2160', label: '3840 × 2160 (4K)' },
  { id: '7680x4320', label: '7680 × 4320 (8K)' },
  { id: 'custom', label: 'Custom' },
] as const

/** One of SIZE_PRESETS' ids. */
export type SizePreset = (typeof SIZE_PRESETS)[number]['id']

/** A width × height in pixels. */
export interface Size {
  width: number
  height: number
}

/** The video options the dialog collects. */
export interface VideoOptions extends Size {
  fps: number
  /** First phase index. */
  from: number
  /** Last phase index; -1 for the layout's last phase. */
  to: number
  secondsPerPhase: number
  format: 'webm' | 'mp4'
  /** A story to record instead of the expansion, or null for the expansion. */
  story: string | null
}

const PART_LABELS: Record<keyof OverlayParts, string> = {
  title: 'Title',
  phase: 'Phase and date',
  figures: 'Key figures',
  legend: 'Legend',
  labels: 'Site labels',
  scaleBar: 'Scale bar and north arrow',
  sources: 'Source line',
  caption: 'Story caption (when a story is told)',
}

/**
 * What a still export makes: the view on screen, or one PNG per step of one of `stories` (each
 * step shown and its caption burned in), downloaded as one zip. `story` null is the view.
 */
export function StillsOfFields(props: {
  stories: readonly StoryConfig[]
  story: string | null
  onStory: (id: string | null) => void
}) {
  const { stories, story, onStory } = props
  return (
    <fieldset>
      <legend>Picture</legend>
      <label className="radio">
        <input type="radio" name="stills-of" checked={story === null} onChange={() => onStory(null)} />
        This view
      </label>
      <label className="radio">
        <input
          type="radio"
          name="stills-of"
          checked={story !== null}
          disabled={stories.length === 0}
          onChange={() => onStory(stories[0]?.id ?? null)}
        />
        One PNG per story step (zip)
      </label>
      {story !== null ? (
        <select aria-label="Story" value={story} onChange={(e) => onStory(e.target.value)}>
          {stories.map((st) => (
            <option key={st.id} value={st.id}>
              {st.title} ({st.steps.length} steps)
            </option>
          ))}
        </select>
      ) : null}
    </fieldset>
  )
}

/** Size presets, custom width and height, and transparency of a still. */
export function StillFields(props: {
  preset: SizePreset
  onPreset: (p: SizePreset) => void
  custom: Size
  onCustom: (s: Size) => void
  transparent: boolean
  onTransparent: (t: boolean) => void
}) {
  const { custom, onCustom } = props
  const side = (label: string, value: number, set: (n: number) => void) => (
    <input
      type="number"
      min={MIN_EXPORT_SIDE}
      max={MAX_EXPORT_SIDE}
      value={value}
      aria-label={label}
      onChange={(e) => set(Number(e.target.value))}
    />
  )
  return (
    <fieldset>
      <legend>Size</legend>
      {SIZE_PRESETS.map((p) => (
        <label key={p.id} className="radio">
          <input
            type="radio"
            name="size"
            checked={props.preset === p.id}
            onChange={() => props.onPreset(p.id)}
            value={p.id}
          />
          {p.label}
        </label>
      ))}
      {props.preset === 'custom' && (
        <div className="custom-size">
          {side('Width in pixels', custom.width, (width) => onCustom({ ...custom, width }))}×
          {side('Height in pixels', custom.height, (height) => onCustom({ ...custom, height }))}
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={props.transparent}
          onChange={(e) => props.onTransparent(e.target.checked)}
        />
        Transparent background
      </label>
    </fieldset>
  )
}

/** The export's quality tiers, best first: a short label for the menu, what it draws below it. */
const QUALITY_CHOICES: readonly { id: QualityTier; label: string; what: string }[] = [
  {
    id: 'presentation',
    label: 'Presentation (best)',
    what: '16 samples a pixel, soft shadows, ambient occlusion.',
  },
  { id: 'high', label: 'High', what: 'As a GPU draws the view: shadows, ambient occlusion, 1 sample.' },
  { id: 'draft', label: 'Draft (fastest)', what: 'Matte materials, no shadows, 4 samples a pixel.' },
]

/**
 * The quality tier an export renders in. Presentation is what slides want; without a GPU it
 * takes seconds per picture (tens of seconds at 4K), which the hint says.
 */
export function QualityFields(props: {
  quality: QualityTier
  onQuality: (q: QualityTier) => void
  software: boolean
}) {
  const { quality, onQuality, software } = props
  const what = QUALITY_CHOICES.find((q) => q.id === quality)?.what ?? ''
  const slow =
    software && quality !== 'draft'
      ? ' Without a GPU this takes seconds a picture, tens of seconds at 4K.'
      : ''
  return (
    <fieldset>
      <legend>Quality</legend>
      <select aria-label="Quality" value={quality} onChange={(e) => onQuality(e.target.value as QualityTier)}>
        {QUALITY_CHOICES.map((q) => (
          <option key={q.id} value={q.id}>
            {q.label}
          </option>
        ))}
      </select>
      <p className="muted export-quality-note">
        {what}
        {slow}
      </p>
    </fieldset>
  )
}

/** The "Burn in overlay" switch and a checkbox per overlay part. */
export function OverlayFields(props: {
  on: boolean
  onOn: (on: boolean) => void
  parts: OverlayParts
  onParts: (p: OverlayParts) => void
}) {
  return (
    <fieldset>
      <legend>
        <label className="check">
          <input type="checkbox" checked={props.on} onChange={(e) => props.onOn(e.target.checked)} />
          Burn in overlay
        </label>
      </legend>
      <div className="parts" aria-disabled={!props.on}>
        {(Object.keys(PART_LABELS) as (keyof OverlayParts)[]).map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              disabled={!props.on}
              checked={props.parts[k]}
              onChange={(e) => props.onParts({ ...props.parts, [k]: e.target.checked })}
            />
            {PART_LABELS[k]}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** Progress of the running export, with its Cancel button. */
export function ProgressRow({ progress, onCancel }: { progress: ExportProgress; onCancel: () => void }) {
  return (
    <div className="progress" data-testid="export-progress">
      <progress value={progress.done} max={progress.total} />
      <span>
        {progress.what} {progress.done}/{progress.total}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}

/** The model options the dialog collects. */
export interface ModelOptions {
  format: ModelFormat
  /** GLB: racks as EXT_mesh_gpu_instancing (else merged, for viewers without it). */
  instanced: boolean
}

/** A model's estimated size and, over the cap, why it is refused. */
export interface ModelEstimate {
  bytes: number
  racks: number
  problem: string | null
}

/** The size of the model of the shown moment, worked out from counts (only while `active`). */
export function useModelEstimate(opts: ModelOptions, active: boolean): ModelEstimate | null {
  const layout = useApp((s) => s.layout)
  const colorMode = useApp((s) => s.colorMode)
  const roof = useApp((s) => s.roofMode)
  const moment = useShownMoment()
  const counts = useMemo(
    () =>
      active
        ? modelCounts(modelScene({ layout, colorMode, roof, phaseIndex: moment.phase, racks: moment.racks }))
        : null,
    [active, layout, colorMode, roof, moment.phase, moment.racks],
  )
  if (!counts) return null
  const instanced = opts.format === 'glb' && opts.instanced
  const bytes = modelSizeEstimate(counts, opts.format, instanced)
  return { bytes, racks: counts.racks, problem: modelSizeProblem(bytes, opts.format) }
}

const MODEL_FORMAT_LABELS: Record<ModelFormat, string> = {
  glb: 'GLB (PowerPoint, Blender, three.js)',
  usdz: 'USDZ (Keynote, AR Quick Look)',
}

/** Format and instancing of a 3D model, with its estimated size. */
export function ModelFields(props: {
  model: ModelOptions
  onModel: (m: ModelOptions) => void
  estimate: ModelEstimate | null
}) {
  const { model, onModel, estimate } = props
  return (
    <fieldset>
      <legend>3D model</legend>
      {MODEL_FORMATS.map((f) => (
        <label key={f} className="radio">
          <input
            type="radio"
            name="model-format"
            checked={model.format === f}
            onChange={() => onModel({ ...model, format: f })}
            value={f}
          />
          {MODEL_FORMAT_LABELS[f]}
        </label>
      ))}
      <label className="check">
        <input
          type="checkbox"
          disabled={model.format !== 'glb'}
          checked={model.format === 'glb' && model.instanced}
          onChange={(e) => onModel({ ...model, instanced: e.target.checked })}
        />
        Instanced racks (EXT_mesh_gpu_instancing; off for viewers without it)
      </label>
      {estimate ? (
        <p className="muted" data-testid="model-estimate">
          About {fmtBytes(estimate.bytes)} · {estimate.racks.toLocaleString('en-US')} racks
        </p>
      ) : null}
      {estimate?.problem ? <p className="error">{estimate.problem}</p> : null}
    </fieldset>
  )
}
