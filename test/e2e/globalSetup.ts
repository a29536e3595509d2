/**
 * Global setup of the e2e project: builds the app (unless dist/ is up to date or
 * E2E_SKIP_BUILD=1), serves dist/ with Vite's preview server on a free port, and hands its URL
 * to the tests as `inject('previewUrl')`. The returned teardown closes the server.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildIfStale, ROOT, startPreview } from '../../src/cli/browser'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the preview server with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
    previewUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(join(ROOT, 'dist', 'index.html')))
      throw new Error('E2E_SKIP_BUILD=1 but dist/index.html is missing: run `npm run build`')
    console.log('[e2e] E2E_SKIP_BUILD=1: testing the existing dist/')
  } else {
    const t0 = Date.now()
    if (await buildIfStale()) console.log(`[e2e] built the app in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    else console.log('[e2e] dist/ is newer than src/ and assets/: not rebuilding')
  }
  const preview = await startPreview()
  console.log(`[e2e] preview server at ${preview.url}`)
  project.provide('previewUrl', preview.url)
  return preview.close
}
