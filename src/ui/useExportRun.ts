/**
 * Runs one export at a time for the export dialog: progress, the error to show, cancel, the
 * store's busy flag, and the download of the finished file.
 */
import { useRef, useState } from 'react'
import { useStoreApi } from '../state/context'

/** Where a running export is. */
export interface ExportProgress {
  done: number
  total: number
  /** What is being counted, e.g. "Rendering tiles". */
  what: string
}

/** Reports (done, total) while an export runs. */
export type ProgressReporter = (done: number, total: number) => void

/** A running export's run, cancel and state. */
export interface ExportRun {
  /** Null while idle. */
  progress: ExportProgress | null
  /** The last export's failure ("Cancelled." after cancel), or null. */
  error: string | null
  /**
   * Starts `job`; `what` labels its progress. `job` gets the abort signal and a progress
   * reporter and resolves with the file to download.
   */
  start(
    what: string,
    job: (signal: AbortSignal, onProgress: ProgressReporter) => Promise<{ blob: Blob; fileName: string }>,
  ): Promise<void>
  /** Cancels the running export (it rejects with an AbortError at its next tile or frame). */
  cancel(): void
}

/** Offers `blob` as a download named `fileName`. */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Not revoked at once: the browser starts the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The dialog's export runner. */
export function useExportRun(): ExportRun {
  const store = useStoreApi()
  const [progress, setProgress] = useState<ExportProgress | null>(null)
  const [error, setError] = useState<string | null>(null)
  const abort = useRef<AbortController | null>(null)
  const start: ExportRun['start'] = async (what, job) => {
    setError(null)
    const controller = new AbortController()
    abort.current = controller
    store.getState().setExportBusy(true)
    setProgress({ done: 0, total: 1, what })
    try {
      const r = await job(controller.signal, (done, total) => setProgress({ done, total, what }))
      download(r.blob, r.fileName)
    } catch (e) {
      const aborted = e instanceof DOMException && e.name === 'AbortError'
      setError(aborted ? 'Cancelled.' : e instanceof Error ? e.message : String(e))
    } finally {
      store.getState().setExportBusy(false)
      setProgress(null)
      abort.current = null
    }
  }
  return { progress, error, start, cancel: () => abort.current?.abort() }
}
