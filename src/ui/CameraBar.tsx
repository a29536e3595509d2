/** The camera bar: camera presets, the roof, quality and context toggles, and the export and help buttons. */
import type { ReactNode } from 'react'
import { type CameraPreset, cameraPresets } from '../domain/camera'
import { nextQualityTier } from '../domain/quality'
import { useApp } from '../state/context'
import { nextRoofMode } from '../state/roof'

/** Sites beyond the number keys (layouts with more than seven sites), as a list. */
function MoreSites({ presets, onPick }: { presets: CameraPreset[]; onPick: (id: string) => void }) {
  if (presets.length === 0) return null
  return (
    <select
      aria-label="More sites"
      value=""
      data-testid="more-sites"
      onChange={(e) => {
        if (e.target.value) onPick(e.target.value)
      }}
    >
      <option value="">More sites…</option>
      {presets.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </select>
  )
}

/** The camera bar; `children` are extra tools (the layout menu). */
export function CameraBar({ children }: { children?: ReactNode }) {
  const layout = useApp((s) => s.layout)
  const request = useApp((s) => s.requestCamera)
  const roofMode = useApp((s) => s.roofMode)
  const setRoofMode = useApp((s) => s.setRoofMode)
  const quality = useApp((s) => s.quality)
  const setQuality = useApp((s) => s.setQuality)
  const dressing = useApp((s) => s.dressing)
  const setDressing = useApp((s) => s.setDressing)
  const setExportOpen = useApp((s) => s.setExportOpen)
  const setHelpOpen = useApp((s) => s.setHelpOpen)
  const presets = cameraPresets(layout)
  return (
    <nav className="panel camera-bar" aria-label="Camera and tools">
      {presets
        .filter((p) => p.key !== '')
        .map((p) => (
          <button
            key={p.id}
            type="button"
            onClick={() => request(p.id)}
            data-preset={p.id}
            title={`${p.label} (key ${p.key})`}
          >
            <kbd>{p.key}</kbd> {p.label}
          </button>
        ))}
      <MoreSites presets={presets.filter((p) => p.key === '')} onPick={(id) => request(id)} />
      <button
        type="button"
        onClick={() => setRoofMode(nextRoofMode(roofMode))}
        data-roof={roofMode}
        title="Roof: solid, faded or hidden (R)"
      >
        <kbd>R</kbd> Roof: {roofMode}
      </button>
      <button
        type="button"
        onClick={() => setQuality(nextQualityTier(quality))}
        data-quality={quality}
        title="Quality: draft (fast), high (shadows, occlusion), presentation (accumulated samples) (Q)"
      >
        <kbd>Q</kbd> Quality: {quality}
      </button>
      <button
        type="button"
        onClick={() => setDressing(!dressing)}
        aria-pressed={dressing}
        data-context={dressing ? 'on' : 'off'}
        title="Roads, yards, fences and trees around the buildings: illustrative, not from the sources (X)"
      >
        <kbd>X</kbd> Context: {dressing ? 'on' : 'off'}
      </button>
      <button
        type="button"
        onClick={() => setExportOpen(true)}
        data-testid="export-button"
        title="Export a still or a video (S)"
      >
        <kbd>S</kbd> Export
      </button>
      <button
        type="button"
        onClick={() => setHelpOpen(true)}
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
      >
        ?
      </button>
      {children}
    </nav>
  )
}
