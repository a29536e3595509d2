/**
 * Keeps the URL and the view in step: applies a link on start, pushes a history entry when
 * the layout, phase, colour mode or roof changes (back / forward step through them, reloading
 * the layout an entry names), replaces it while
 * playing and when the camera comes to rest, and applies history on popstate.
 */

import { Vector3 } from 'three'
import type { StoreApi } from 'zustand/vanilla'
import type { CameraPose } from '../domain/camera'
import { renderHandleReady } from '../scene/renderHandle'
import { type AppState, allStories } from '../state/store'
import { goToStep, isApplyingStep } from '../state/story'
import type { TimelineClock } from '../state/timelineClock'
import { loadDefaultLayout, loadLayoutFromUrl } from './layoutFetch'
import { parseViewParams, type UrlView, viewToSearch } from './urlState'

/**
 * What `layout=` says of the layout shown: its address on this site, `file:<name>` for one
 * opened from a file or a script (a link can name it but not reopen it), or null for Colossus.
 */
export const layoutParamOf = (s: Pick<AppState, 'layoutRef' | 'layoutSource'>): string | null =>
  s.layoutRef ?? (s.layoutSource === 'default' ? null : `file:${s.layoutSource}`)

/** Switches to the layout a history entry names (Back / Forward across layout changes). */
async function switchLayout(store: StoreApi<AppState>, clock: TimelineClock, wanted: string | null) {
  if (wanted === null) loadDefaultLayout(store, clock)
  else if (wanted.startsWith('file:'))
    store
      .getState()
      .notify(
        'warning',
        `That view was of a layout opened from a file (${wanted.slice(5)}): open the file again.`,
      )
  else await loadLayoutFromUrl(store, clock, wanted)
}

const _p = new Vector3()
const _t = new Vector3()

/** Starts syncing; returns a function that stops it. */
export function startUrlSync(store: StoreApi<AppState>, clock: TimelineClock): () => void {
  let camera: { preset: string } | { pose: CameraPose } | null = null
  let applying = false

  const apply = (view: UrlView) => {
    applying = true
    const s = store.getState()
    if (view.phaseIndex !== undefined) s.setPhase(view.phaseIndex)
    if (view.colorMode) s.setColorMode(view.colorMode)
    if (view.roofMode) s.setRoofMode(view.roofMode)
    if (view.quality) s.setQuality(view.quality)
    if (view.dressing !== undefined) s.setDressing(view.dressing)
    if (view.camera && 'preset' in view.camera) {
      camera = view.camera
      s.requestCamera(view.camera.preset, true)
    } else if (view.camera) {
      camera = view.camera
      const pose = view.camera.pose
      void renderHandleReady().then((h) => h.controls?.setLookAt(...pose.position, ...pose.target, false))
    }
    // A story step sets its own phase, colours and camera: it wins over the rest of the link.
    if (view.story) {
      goToStep(store, view.story.id, view.story.step, true, view.autoplay ?? false)
      clock.settle()
    }
    applying = false
  }

  const write = (push: boolean) => {
    const s = store.getState()
    const search = viewToSearch(location.search, {
      phaseId: s.layout.phases[s.phaseIndex]!.id,
      colorMode: s.colorMode,
      roofMode: s.roofMode,
      camera,
      layout: layoutParamOf(s),
      quality: s.qualityChosen ? s.quality : null,
      dressing: s.dressing,
      story: s.story,
      autoplay: s.autoplay,
    })
    if (search === location.search) return
    if (push) history.pushState(null, '', search)
    else history.replaceState(null, '', search)
  }

  const initial = parseViewParams(location.search, store.getState().layout, allStories(store.getState()))
  if (initial.problems.length > 0)
    store
      .getState()
      .notify(
        'warning',
        `Some of the link was not understood and was ignored:\n${initial.problems.join('\n')}`,
      )
  if (!initial.view.camera) store.getState().requestCamera('campus', true)
  apply(initial.view)
  // A link opens on its phase at once, without building up to it.
  clock.settle()
  write(false)

  const offStore = store.subscribe((s, prev) => {
    if (s.cameraRequest !== prev.cameraRequest && s.cameraRequest && !applying)
      camera = s.cameraRequest.pose ? { pose: s.cameraRequest.pose } : { preset: s.cameraRequest.preset }
    // A story step changes several things at once: one history entry, when it sets the story.
    if (applying || s.exportBusy || isApplyingStep()) return
    const newLayout = s.layoutVersion !== prev.layoutVersion
    // A pose belongs to the layout it was taken in.
    if (newLayout) camera = null
    const changed =
      newLayout ||
      s.phaseIndex !== prev.phaseIndex ||
      s.colorMode !== prev.colorMode ||
      s.roofMode !== prev.roofMode ||
      s.story !== prev.story
    // Tier and context are how the picture is drawn, not where you are: no history entry.
    // Nor is playing or pausing a story; the steps it plays replace the entry rather than pile up.
    const drawn =
      s.quality !== prev.quality ||
      s.qualityChosen !== prev.qualityChosen ||
      s.dressing !== prev.dressing ||
      s.autoplay !== prev.autoplay
    if (changed || drawn || s.cameraRequest !== prev.cameraRequest)
      write(changed && !s.playing && !s.autoplay)
  })

  const onPop = async () => {
    const wanted = new URLSearchParams(location.search).get('layout')
    if (wanted !== layoutParamOf(store.getState())) {
      applying = true
      try {
        await switchLayout(store, clock, wanted)
      } finally {
        applying = false
      }
    }
    const { view, problems } = parseViewParams(
      location.search,
      store.getState().layout,
      allStories(store.getState()),
    )
    if (problems.length > 0)
      store.getState().notify('warning', `Ignored in the link:\n${problems.join('\n')}`)
    apply(view)
  }
  const onPopEvent = () => void onPop()
  window.addEventListener('popstate', onPopEvent)

  // The camera: when the user moves it and it comes to rest, the link carries its pose.
  let offControls = () => {}
  void renderHandleReady().then((h) => {
    const controls = h.controls
    if (!controls) return
    let userMoved = false
    const onStart = () => {
      userMoved = true
      store.getState().setFollowBuild(false)
    }
    const onRest = () => {
      if (!userMoved) return
      userMoved = false
      controls.getPosition(_p)
      controls.getTarget(_t)
      camera = { pose: { position: [_p.x, _p.y, _p.z], target: [_t.x, _t.y, _t.z] } }
      write(false)
    }
    controls.addEventListener('controlstart', onStart)
    controls.addEventListener('rest', onRest)
    controls.addEventListener('sleep', onRest)
    offControls = () => {
      controls.removeEventListener('controlstart', onStart)
      controls.removeEventListener('rest', onRest)
      controls.removeEventListener('sleep', onRest)
    }
  })

  return () => {
    offStore()
    offControls()
    window.removeEventListener('popstate', onPopEvent)
  }
}
