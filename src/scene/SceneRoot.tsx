/** Everything inside the Canvas. */
import { lazy, Suspense } from 'react'
import { CameraRig } from './CameraRig'
import { Campus } from './Campus'
import { ContextGuard } from './ContextGuard'
import { Dressing } from './Dressing'
import { Ground } from './Ground'
import { Highlights } from './Highlights'
import { Infrastructure } from './Infrastructure'
import { Picking } from './Picking'
import { PowerDensity } from './PowerDensity'
import { QualityStage } from './quality/QualityStage'
import { RackInstances } from './RackInstances'
import { RenderProbe } from './RenderProbe'
import { TimelineDriver } from './TimelineDriver'
import { ViewProbe } from './ViewProbe'

/**
 * The close-up detail (rack models, hall interiors) is drawn only near the camera target: its
 * code loads after the first frame, keeping the initial JavaScript within budget.
 */
const CloseUp = lazy(() => import('./CloseUp').then((m) => ({ default: m.CloseUp })))

/**
 * The 3D scene. `interactive` = false leaves out what needs a live page (camera controls,
 * picking, the view and render probes, context-loss handling, the default quality tier from
 * the renderer string): scene tests mount it so.
 */
export function SceneRoot({ interactive = true }: { interactive?: boolean }) {
  return (
    <>
      <QualityStage live={interactive} />
      <Ground />
      <Dressing />
      <Campus />
      <RackInstances />
      <PowerDensity />
      <Suspense fallback={null}>
        <CloseUp />
      </Suspense>
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
