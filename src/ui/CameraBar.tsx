/** The camera bar: camera presets, the roof toggle, and the export and help buttons. */
import type { ReactNode } from 'react'
import { cameraPresets } from '../domain/camera'
import { useApp } from '../state/context'
import { nextRoofMode } from '../state/roof'

/** The camera bar; `children` are extra tools (the layout menu). */
export function CameraBar({ children }: { children?: ReactNode }) {
  const layout = useApp((s) => s.layout)
  const request = useApp((s) => s.requestCamera)
  const roofMode = useApp((s) => s.roofMode)
  const setRoofMode = useApp((s) => s.setRoofMode)
  const setExportOpen = useApp((s) => s.setExportOpen)
  const setHelpOpen = useApp((s) => s.setHelpOpen)
  const presets = cameraPresets(layout)
  return (
    <nav className="panel camera-bar" aria-label="Camera and tools">
      {presets.map((p) => (
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
