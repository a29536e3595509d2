/** Creates a three.js resource in an effect and disposes it in that effect's cleanup. */
import { type DependencyList, useLayoutEffect, useState } from 'react'

const sameDeps = (a: DependencyList, b: DependencyList): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]))

/**
 * Makes `create()` in a layout effect and disposes it in the same effect's cleanup, so what is
 * made is released in one place. When React runs the cleanup but keeps the component (StrictMode's
 * simulated remount, <Activity> hiding it), the object is disposed and a fresh one made: nothing
 * disposed stays on screen, as a useMemo value would. Returns null until the object for the
 * current `deps` exists (the first render, and the render in which `deps` change).
 */
export function useDisposable<T extends { dispose(): void }>(
  create: () => T,
  deps: DependencyList,
): T | null {
  const [made, setMade] = useState<{ value: T; deps: DependencyList } | null>(null)
  const effect = () => {
    const value = create()
    setMade({ value, deps })
    return () => {
      value.dispose()
      setMade(null)
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` are the caller's dependencies of `create`
  useLayoutEffect(effect, deps)
  return made && sameDeps(made.deps, deps) ? made.value : null
}
