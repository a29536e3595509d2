/**
 * Stories, folded into one line until opened: pick a story and a step, present it (P), record
 * the current view as a step of "My story", download the stories as JSON, or open a stories
 * file for this layout.
 */
import { useRef } from 'react'
import { decodeLayoutBytes, formatProblems } from '../config/text'
import { resolveStep } from '../domain/story'
import { useApp, useStoreApi } from '../state/context'
import { allStories } from '../state/store'
import { goToStep, recordStep, storiesFileText } from '../state/story'
import { useViewChannel } from '../state/view'
import { overflowCue } from './overflowCue'
import { startPresenting } from './presenterKeys'

/** Saves `text` as a file named `name`. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Opens a stories file and adds its stories, or says what is wrong with it. */
function useOpenStories(): (file: File) => Promise<void> {
  const store = useStoreApi()
  return async (file) => {
    const s = store.getState()
    const text = decodeLayoutBytes(new Uint8Array(await file.arrayBuffer()))
    // The validator loads on first use (it is not part of the first page load).
    const { parseStoriesText } = await import('../domain/layout/validate')
    const read = text.ok ? parseStoriesText(text.text, s.layout.config) : text
    if (!read.ok) {
      s.notify('error', `${file.name}: ${formatProblems(read.problems)}`)
      return
    }
    s.addStories(read.stories)
    goToStep(store, read.stories[0]!.id, 0)
  }
}

/** The stories panel. */
export function StoryPanel() {
  const store = useStoreApi()
  const channel = useViewChannel()
  const layout = useApp((s) => s.layout)
  const extra = useApp((s) => s.extraStories)
  const current = useApp((s) => s.story)
  const stories = allStories({ layout, extraStories: extra })
  const file = useRef<HTMLInputElement>(null)
  const openStories = useOpenStories()
  const story = stories.find((x) => x.id === current?.id) ?? stories[0]
  return (
    <details className="panel story-panel" data-testid="story-panel" ref={overflowCue}>
      <summary>Story{story ? `: ${story.title}` : ''}</summary>
      {stories.length > 1 && (
        <label className="story-pick">
          Story{' '}
          <select value={story?.id} onChange={(e) => goToStep(store, e.target.value, 0)}>
            {stories.map((x) => (
              <option key={x.id} value={x.id}>
                {x.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {story && (
        <ol className="story-steps" ref={overflowCue}>
          {story.steps.map((_, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the story (two may be alike)
            <li key={k}>
              <button
                type="button"
                aria-current={current?.id === story.id && current.step === k ? 'step' : undefined}
                onClick={() => goToStep(store, story.id, k)}
              >
                {resolveStep(layout, story, k).title}
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="story-actions">
        <button type="button" onClick={() => startPresenting(store)} disabled={!story}>
          Present (P)
        </button>
        <button
          type="button"
          onClick={() => {
            const v = channel.latest
            const mine = recordStep(store, { position: [...v.position], target: [...v.target] })
            goToStep(store, mine.id, mine.steps.length - 1, true)
          }}
        >
          Record step
        </button>
        <button
          type="button"
          disabled={stories.length === 0}
          onClick={() =>
            download(`${layout.config.name.replace(/[^\w-]+/g, '-')}-stories.json`, storiesFileText(stories))
          }
        >
          Download stories
        </button>
        <button type="button" onClick={() => file.current?.click()}>
          Open stories…
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Open a stories file"
          onChange={(e) => {
            const f = e.target.files?.[0]
            if (f) void openStories(f)
            e.target.value = ''
          }}
        />
      </div>
    </details>
  )
}
