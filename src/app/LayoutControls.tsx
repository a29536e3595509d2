/**
 * Choosing a layout: open a JSON file, drop one on the page, pick an example, or go back to
 * Colossus. A refused file leaves the current layout on screen and lists its problems.
 */
import { type RefObject, useEffect, useRef, useState } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import { decodeLayoutBytes, LIMITS } from '../config/text'
import type { AppState } from '../state/store'
import type { TimelineClock } from '../state/timelineClock'
import { loadDefaultLayout, loadLayoutFromUrl } from './layoutFetch'
import { loadLayoutInto } from './layoutLoader'

/** Example layouts shipped in assets/layouts/. */
const EXAMPLES = [
  { file: 'example-small-cluster.json', label: 'Small H100 cluster' },
  { file: 'example-one-site-1m.json', label: 'What if: one site of 1M GB300' },
  { file: 'example-vera-rubin.json', label: 'Colossus plus a Vera Rubin hall' },
] as const

/** Reads a dropped or picked file as text, refusing oversized files before reading them. */
async function readFile(store: StoreApi<AppState>, clock: TimelineClock, file: File): Promise<void> {
  if (file.size > LIMITS.maxBytes) {
    store.getState().setLayoutProblems(file.name, [
      {
        path: '(root)',
        message: `file is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${LIMITS.maxBytes / 1e6} MB`,
      },
    ])
    return
  }
  const decoded = decodeLayoutBytes(new Uint8Array(await file.arrayBuffer()))
  if (!decoded.ok) {
    store.getState().setLayoutProblems(file.name, decoded.problems)
    return
  }
  await loadLayoutInto(store, decoded.text, file.name)
  clock.settle()
}

/**
 * Keyboard for an open menu: focus goes to its first item, ↑/↓ move between items (wrapping),
 * Esc closes it from any item.
 */
function useMenuKeys(menu: RefObject<HTMLDivElement | null>, open: boolean, close: () => void): void {
  const closeRef = useRef(close)
  closeRef.current = close
  useEffect(() => {
    const root = menu.current
    if (!open || !root) return
    const items = () => Array.from(root.querySelectorAll<HTMLElement>('[role=menuitem]'))
    items()[0]?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault()
        e.stopPropagation()
        closeRef.current()
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        e.stopPropagation()
        const all = items()
        const at = all.indexOf(document.activeElement as HTMLElement)
        const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + all.length) % all.length
        all[next]?.focus()
      }
    }
    root.addEventListener('keydown', onKey)
    return () => root.removeEventListener('keydown', onKey)
  }, [menu, open])
}

/** The layout menu, plus page-wide drag and drop. */
export function LayoutControls({ store, clock }: { store: StoreApi<AppState>; clock: TimelineClock }) {
  const [open, setOpen] = useState(false)
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const menuButton = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  useMenuKeys(menu, open, () => {
    setOpen(false)
    menuButton.current?.focus()
  })
  useEffect(() => {
    let depth = 0
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files')
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth++
      setDragging(true)
    }
    const leave = () => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault()
    }
    const drop = (e: DragEvent) => {
      e.preventDefault()
      depth = 0
      setDragging(false)
      const file = e.dataTransfer?.files[0]
      if (file) void readFile(store, clock, file)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [store, clock])
  return (
    <div className="layout-controls">
      <button
        ref={menuButton}
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-haspopup="menu"
        data-testid="layout-menu"
      >
        Layout ▾
      </button>
      {open && (
        <div ref={menu} className="panel layout-menu" role="menu" aria-label="Layouts">
          <button type="button" role="menuitem" onClick={() => input.current?.click()}>
            Open a layout file…
          </button>
          {EXAMPLES.map((ex) => (
            <button
              key={ex.file}
              type="button"
              role="menuitem"
              data-example={ex.file}
              onClick={() => {
                setOpen(false)
                void loadLayoutFromUrl(store, clock, `layouts/${ex.file}`)
              }}
            >
              Example: {ex.label}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            data-testid="reset-layout"
            onClick={() => {
              setOpen(false)
              loadDefaultLayout(store, clock)
            }}
          >
            Reset to Colossus
          </button>
          <p className="muted layout-hint">
            Or drop a JSON file anywhere on the page. Format: see the README.
          </p>
        </div>
      )}
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="layout-file"
        onChange={(e) => {
          const file = e.target.files?.[0]
          setOpen(false)
          if (file) void readFile(store, clock, file)
          e.target.value = ''
        }}
      />
      {dragging && (
        <div className="drop-zone" aria-live="polite">
          Drop a layout JSON file to load it
        </div>
      )}
    </div>
  )
}
