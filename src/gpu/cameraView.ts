/** Saving and restoring a camera's view, around stills and refinements that shift it. */
import type { PerspectiveCamera } from 'three'

/** A camera's view offset as three keeps it (`camera.view`). */
export type ViewOffset = NonNullable<PerspectiveCamera['view']>

/** What `saveCameraView` saved, and how to put it back. */
export interface SavedCameraView {
  /** The view offset in force, or null for the whole view. */
  view: ViewOffset | null
  restore: () => void
}

/** Remembers a camera's aspect and view offset; `restore` puts them back. */
export function saveCameraView(camera: PerspectiveCamera): SavedCameraView {
  const aspect = camera.aspect
  const view = camera.view?.enabled ? { ...camera.view } : null
  return {
    view,
    restore: () => {
      camera.aspect = aspect
      if (view)
        camera.setViewOffset(
          view.fullWidth,
          view.fullHeight,
          view.offsetX,
          view.offsetY,
          view.width,
          view.height,
        )
      else camera.clearViewOffset()
      camera.updateProjectionMatrix()
    },
  }
}
