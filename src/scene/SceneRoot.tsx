/** Everything inside the Canvas. */
import { CameraRig } from './CameraRig'
import { Campus } from './Campus'
import { CloseUp } from './CloseUp'
import { ContextGuard } from './ContextGuard'
import { Dressing } from './Dressing'
import { Ground } from './Ground'
import { Highlights } from './Highlights'
import { Infrastructure } from './Infrastructure'
import { Picking } from './Picking'
import { RackInstances } from './RackInstances'
import { RenderProbe } from './RenderProbe'
import { TimelineDriver } from './TimelineDriver'
import { ViewProbe } from './ViewProbe'

/**
 * Lights without any download: a sky/ground hemisphere and a sun. No environment map: the
 * materials are Lambert (matte), which keeps the per-pixel cost low on software renderers.
 */
function Lights() {
  return (
    <>
      <hemisphereLight args={['#e6eef8', '#2b3340', 1.6]} />
      <directionalLight position={[-400, 900, 500]} intensity={2.0} />
      <directionalLight position={[600, 300, -400]} intensity={0.35} />
    </>
  )
}

/**
 * The 3D scene. `interactive` = false leaves out what needs a live page (camera controls,
 * picking, the view and render probes, context-loss handling): scene tests mount it so.
 */
export function SceneRoot({ interactive = true }: { interactive?: boolean }) {
  return (
    <>
      <Lights />
      <Ground />
      <Dressing />
      <Campus />
      <RackInstances />
      <CloseUp />
      <Infrastructure />
      <Highlights />
      <TimelineDriver />
      {interactive && (
        <>
          <CameraRig />
          <Picking />
          <ViewProbe />
          <RenderProbe />
          <ContextGuard />
        </>
      )}
    </>
  )
}
