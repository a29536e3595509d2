/** Saving and restoring a camera's view, around stills and refinements that shift it. */
import type { PerspectiveCamera } from 'three'

/** Remembers a camera's aspect and view offset; the returned function puts them back. */
export function saveCameraView(camera: PerspectiveCamera): () => void {
  const aspect = camera.aspect
  const view = camera.view?.enabled ? { ...camera.view } : null
  return () => {
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
  }
}
