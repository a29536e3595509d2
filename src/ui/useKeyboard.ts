/** Keyboard shortcuts. Ignored while typing in a form field. */
import { useEffect } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { cameraPresets } from '../domain/camera'
import { COLOR_MODES } from '../domain/color/colorModes'
import { neighbourRack } from '../domain/layout/rackSearch'
import { nextQualityTier } from '../domain/quality'
import { nextRoofMode } from '../state/roof'
import type { AppState } from '../state/store'
import { toggleAutoplay } from '../state/story'
import { doPresenterAction, presenterAction, startPresenting } from './presenterKeys'

/** The shortcuts, as the help overlay lists them. */
export const SHORTCUTS: [string, string][] = [
  ['← / →', 'previous / next phase'],
  ['Space', 'play / pause the expansion'],
  ['F', 'camera follows the build'],
  ['1 … 9', 'camera presets (campus, sites, hall, rack)'],
  ['C', 'cycle colour mode'],
  ['R', 'roof: faded, hidden, solid'],
  ['Q', 'quality: draft, high, presentation'],
  ['X', 'context around the buildings (illustrative): on / off'],
  ['Esc', 'clear selection'],
  ['/', 'find a rack by id'],
  ['Shift + arrows', 'selected rack: next along its array (← →) or across rows (↑ ↓)'],
  ['S', 'export a still or a video'],
  [
    'P',
    'present the story full screen (then PageDown / PageUp, → ←, Space, Home / End, A autoplay, B black, Esc leaves)',
  ],
  ['A', 'autoplay the story: play / pause (each step stays its duration, then the next)'],
  ['?', 'this help'],
  ['Drag', 'orbit (left), pan (right), zoom (wheel)'],
  ['Hover / click', 'rack details / select a rack'],
  ['Double-click', 'fly to a rack'],
]

/** What a key event's target is, as far as shortcuts care. */
export interface KeyTarget {
  tagName: string
  isContentEditable?: boolean
  getAttribute?: (name: string) => string | null
}

const PRESSABLE_ROLES = new Set([
  'button',
  'link',
  'checkbox',
  'switch',
  'tab',
  'menuitem',
  'option',
  'radio',
])

/**
 * True when the focused element handles `key` itself, so the shortcut must not fire: form fields
 * take every key; buttons, links and button-like roles take Space and Enter (Space on a focused
 * button presses it, it does not start playback).
 */
export function targetTakesKey(t: KeyTarget | null, key: string): boolean {
  if (!t) return false
  if (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
    return true
  if (key !== ' ' && key !== 'Enter') return false
  const role = t.getAttribute?.('role') ?? ''
  return t.tagName === 'BUTTON' || t.tagName === 'A' || t.tagName === 'SUMMARY' || PRESSABLE_ROLES.has(role)
}

/** Shift + arrow → [rows, racks] to move the selection by. */
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
}

/** Installs the shortcuts on window. */
export function useKeyboard(store: StoreApi<AppState>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (targetTakesKey(e.target as KeyTarget | null, e.key)) return
      if (e.ctrlKey || e.metaKey || e.altKey) return
      const s = store.getState()
      if (s.exportBusy) return
      if (s.presenting) {
        const action = presenterAction(e.key)
        if (action) {
          e.preventDefault()
          doPresenterAction(store, action)
        }
        return
      }
      if (e.key === '?') s.setHelpOpen(!s.helpOpen)
      else if (e.key === 'Escape' && s.helpOpen) s.setHelpOpen(false)
      else if (e.key === 'Escape' && s.exportOpen) s.setExportOpen(false)
      else if (s.exportOpen) return
      else if (e.key === 's' || e.key === 'S') s.setExportOpen(true)
      else if (e.key === 'p' || e.key === 'P') startPresenting(store)
      else if (e.key === 'a' || e.key === 'A') toggleAutoplay(store)
      else if (e.key === ' ') s.setPlaying(!s.playing)
      else if (e.key === 'f' || e.key === 'F') s.setFollowBuild(!s.followBuild)
      else if (e.shiftKey && s.selected >= 0 && ARROWS[e.key]) {
        const [dRow, dSlot] = ARROWS[e.key]!
        const visible = s.layout.racks.phaseEnd[s.phaseIndex] ?? 0
        s.setSelected(neighbourRack(s.layout, s.selected, dRow, dSlot, visible))
      } else if (e.key === '/') document.getElementById('rack-search')?.focus()
      else if (e.key === 'ArrowRight') s.stepPhase(1)
      else if (e.key === 'ArrowLeft') s.stepPhase(-1)
      else if (e.key === 'Escape') s.setSelected(-1)
      else if (e.key === 'c' || e.key === 'C') {
        s.setColorMode(COLOR_MODES[(COLOR_MODES.indexOf(s.colorMode) + 1) % COLOR_MODES.length]!)
      } else if (e.key === 'r' || e.key === 'R') s.setRoofMode(nextRoofMode(s.roofMode))
      else if (e.key === 'q' || e.key === 'Q') s.setQuality(nextQualityTier(s.quality))
      else if (e.key === 'x' || e.key === 'X') s.setDressing(!s.dressing)
      else if (/^[1-9]$/.test(e.key)) {
        const preset = cameraPresets(s.layout).find((p) => p.key === e.key)
        if (preset) s.requestCamera(preset.id)
        else return
      } else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
