/**
 * Hover, click and double-click on racks. The pointer ray is tested against the layout's
 * spatial grid (domain/layout/pick), so picking costs a few cells, not 14,000 boxes. When the
 * camera moves under a resting pointer (a preset, a wheel zoom, a flight), the pointer is
 * picked again, so the tooltip never names a rack that is no longer under it.
 */
import { useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { Raycaster, Vector2 } from 'three'
import { pickRack } from '../domain/layout/pick'
import { useStoreApi } from '../state/context'

/** The camera controls as far as picking needs them: they announce every camera move. */
interface EventDispatcherLike {
  addEventListener(type: 'update', fn: () => void): void
  removeEventListener(type: 'update', fn: () => void): void
}

const _ray = new Raycaster()
const _ndc = new Vector2()

/** Attaches pointer handlers to the canvas. */
export function Picking() {
  const gl = useThree((s) => s.gl)
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  const controls = useThree((s) => s.controls) as EventDispatcherLike | null
  const store = useStoreApi()
  useEffect(() => {
    const el = gl.domElement
    const pick = (clientX: number, clientY: number): number => {
      const rect = el.getBoundingClientRect()
      _ndc.set(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1)
      _ray.setFromCamera(_ndc, camera)
      const { origin: o, direction: d } = _ray.ray
      const s = store.getState()
      const visible = s.layout.racks.phaseEnd[s.phaseIndex] ?? 0
      return pickRack(s.layout, s.rackGrid, visible, o.x, o.y, o.z, d.x, d.y, d.z)
    }
    let frame = 0
    let lastX = 0
    let lastY = 0
    let inside = false
    // One pick per animation frame at most, wherever the request came from.
    const schedulePick = () => {
      if (frame || !inside) return
      frame = requestAnimationFrame(() => {
        frame = 0
        if (!inside) return
        store.getState().setHovered(pick(lastX, lastY))
        invalidate()
      })
    }
    const onMove = (e: PointerEvent) => {
      lastX = e.clientX
      lastY = e.clientY
      inside = true
      if (e.buttons !== 0) return
      schedulePick()
    }
    const onLeave = () => {
      inside = false
      store.getState().setHovered(-1)
      invalidate()
    }
    const onCameraMoved = () => schedulePick()
    controls?.addEventListener('update', onCameraMoved)
    let downX = 0
    let downY = 0
    const onDown = (e: PointerEvent) => {
      downX = e.clientX
      downY = e.clientY
    }
    const onUp = (e: PointerEvent) => {
      if (e.button !== 0 || Math.hypot(e.clientX - downX, e.clientY - downY) > 4) return
      const i = pick(e.clientX, e.clientY)
      store.getState().setSelected(i)
      invalidate()
    }
    const onDouble = (e: MouseEvent) => {
      const i = pick(e.clientX, e.clientY)
      if (i < 0) return
      const s = store.getState()
      s.setSelected(i)
      s.requestCamera('rack')
    }
    el.addEventListener('pointermove', onMove)
    el.addEventListener('pointerleave', onLeave)
    el.addEventListener('pointerdown', onDown)
    el.addEventListener('pointerup', onUp)
    el.addEventListener('dblclick', onDouble)
    return () => {
      cancelAnimationFrame(frame)
      controls?.removeEventListener('update', onCameraMoved)
      el.removeEventListener('pointermove', onMove)
      el.removeEventListener('pointerleave', onLeave)
      el.removeEventListener('pointerdown', onDown)
      el.removeEventListener('pointerup', onUp)
      el.removeEventListener('dblclick', onDouble)
    }
  }, [gl, camera, controls, invalidate, store])
  return null
}
