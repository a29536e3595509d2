/** Everything inside the Canvas. */
import { Environment, Lightformer } from '@react-three/drei'
import { useApp } from '../state/context'
import { CameraRig } from './CameraRig'
import { Campus } from './Campus'
import { ContextGuard } from './ContextGuard'
import { Ground } from './Ground'
import { Highlights } from './Highlights'
import { Infrastructure } from './Infrastructure'
import { Picking } from './Picking'
import { RackInstances } from './RackInstances'
import { RenderProbe } from './RenderProbe'
import { TimelineDriver } from './TimelineDriver'
import { ViewProbe } from './ViewProbe'

/** Lights without any download: a hemisphere, a sun, and a small studio of Lightformers. */
function Lights() {
  return (
    <>
      <hemisphereLight args={['#e6eef8', '#2b3340', 1.1]} />
      <directionalLight position={[-400, 900, 500]} intensity={2.2} />
      <Environment resolution={64} frames={1}>
        <Lightformer
          form="rect"
          intensity={1.6}
          position={[0, 10, 0]}
          rotation-x={Math.PI / 2}
          scale={[20, 20, 1]}
        />
        <Lightformer
          form="rect"
          intensity={0.6}
          position={[10, 2, 0]}
          rotation-y={-Math.PI / 2}
          scale={[20, 5, 1]}
        />
        <Lightformer
          form="rect"
          intensity={0.4}
          position={[-10, 2, 0]}
          rotation-y={Math.PI / 2}
          scale={[20, 5, 1]}
        />
      </Environment>
    </>
  )
}

/** The 3D scene. `interactive` = false leaves out pointer and camera handling (tests). */
export function SceneRoot({ interactive = true }: { interactive?: boolean }) {
  // The environment map lives only on the GPU: remount it after a context restore.
  const contextEpoch = useApp((s) => s.contextEpoch)
  return (
    <>
      <Lights key={contextEpoch} />
      <Ground />
      <Campus />
      <RackInstances />
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
