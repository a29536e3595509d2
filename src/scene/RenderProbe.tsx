/**
 * Publishes the renderer to the render handle and records renderer figures after each frame
 * (draw calls, triangles, geometries, textures, programs), resolving "rendered" promises.
 */
import { addAfterEffect, useThree } from '@react-three/fiber'
import type CameraControlsImpl from 'camera-controls'
import { useEffect, useLayoutEffect, useRef } from 'react'
import { uploadCounters } from '../gpu/counters'
import { isRefineDue, onRefined } from '../gpu/quality/stage'
import { useApp } from '../state/context'
import { type RenderInfo, setRenderHandle } from './renderHandle'

/** Mounted once inside the Canvas. */
export function RenderProbe() {
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  const get = useThree((s) => s.get)
  const controls = useThree((s) => s.controls) as CameraControlsImpl | null
  // The layout version this tree has committed (not merely the store's newest), so "rendered"
  // means the new layout's meshes were really drawn.
  const layoutVersion = useApp((s) => s.layoutVersion)
  const committed = useRef(layoutVersion)
  useLayoutEffect(() => {
    committed.current = layoutVersion
  }, [layoutVersion])
  useEffect(() => {
    const lastInfo: RenderInfo = {
      drawCalls: 0,
      triangles: 0,
      geometries: 0,
      textures: 0,
      programs: 0,
      frames: 0,
      rackMatrixWrites: 0,
      rackColorWrites: 0,
    }
    let renderedVersion = 0
    // Each wait resolves after a frame drawn since it was asked for (`frame`: frames drawn then),
    // not on a refinement of an earlier frame, which would skip that frame's per-frame updates.
    const pending: { version: number; frame: number; resolve: () => void }[] = []
    const flush = () => {
      for (let i = pending.length - 1; i >= 0; i--) {
        const p = pending[i]!
        if (p.version <= renderedVersion && p.frame < lastInfo.frames) pending.splice(i, 1)[0]!.resolve()
      }
    }
    const off = addAfterEffect(() => {
      const info = gl.info
      lastInfo.drawCalls = info.render.calls
      lastInfo.triangles = info.render.triangles
      lastInfo.geometries = info.memory.geometries
      lastInfo.textures = info.memory.textures
      lastInfo.programs = info.programs?.length ?? 0
      lastInfo.frames++
      lastInfo.rackMatrixWrites = uploadCounters.rackMatrixWrites
      lastInfo.rackColorWrites = uploadCounters.rackColorWrites
      renderedVersion = committed.current
      // A plain draft frame is followed, once the loop stops, by its refined picture: "rendered"
      // means that one. While the scene keeps animating (another frame is already asked for)
      // no refinement comes: the frame itself is what is rendered.
      if (!isRefineDue() || get().internal.frames > 0) flush()
    })
    const offRefined = onRefined(flush)
    setRenderHandle({
      gl,
      scene,
      camera,
      invalidate,
      controls,
      lastInfo,
      whenRendered: (version) =>
        new Promise<void>((resolve) => {
          pending.push({ version, frame: lastInfo.frames, resolve })
          invalidate()
        }),
    })
    invalidate()
    return () => {
      off()
      offRefined()
      setRenderHandle(null)
    }
  }, [gl, scene, camera, invalidate, controls, get])
  return null
}
