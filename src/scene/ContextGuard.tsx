/**
 * WebGL context loss (driver reset, too many tabs): tell the user, let the browser restore
 * the context, and redraw when it does. Everything the scene draws is made from data on the
 * CPU (no render targets), which three.js uploads again after the restore.
 */
import { useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { useStoreApi } from '../state/context'

/** Mounted once inside the Canvas. */
export function ContextGuard() {
  const gl = useThree((s) => s.gl)
  const invalidate = useThree((s) => s.invalidate)
  const store = useStoreApi()
  useEffect(() => {
    const el = gl.domElement
    const lost = (e: Event) => {
      // Without preventDefault the browser never restores the context.
      e.preventDefault()
      store.getState().setContextLost(true)
    }
    const restored = () => {
      store.getState().setContextLost(false)
      store.getState().notify('info', 'The graphics context is back; the scene has been restored.')
      invalidate()
    }
    el.addEventListener('webglcontextlost', lost)
    el.addEventListener('webglcontextrestored', restored)
    return () => {
      el.removeEventListener('webglcontextlost', lost)
      el.removeEventListener('webglcontextrestored', restored)
    }
  }, [gl, invalidate, store])
  return null
}
