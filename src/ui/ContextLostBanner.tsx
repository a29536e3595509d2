/** Shown while the WebGL context is lost. */
import { useApp } from '../state/context'

/** The banner. */
export function ContextLostBanner() {
  const lost = useApp((s) => s.contextLost)
  if (!lost) return null
  return (
    <div className="context-lost" role="alert" data-testid="context-lost">
      <strong>The 3D view lost its graphics context</strong> (a driver reset, or too many tabs using the GPU).
      It will come back on its own; nothing you did is lost. If it does not, reload the page.
    </div>
  )
}
