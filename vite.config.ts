import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

/**
 * Content-Security-Policy of the built page: only its own origin (no other host can be reached,
 * no eval). Inline styles are allowed for React style props and drei's <Html>. Added at build
 * time only: the dev server's hot reload needs an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ')

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  }
}

/**
 * `assets/` is the public directory: layouts, fonts and anything else the page loads are served
 * from the page's own origin and copied into the build. Nothing is fetched from another host.
 */
export default defineConfig({
  base: './',
  publicDir: 'assets',
  plugins: [react(), contentSecurityPolicy()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // One chunk for three's core and React, which every part of the app needs. Left to
        // itself the bundler splits them into several shared chunks as soon as a lazy chunk
        // (export dialog, model export) imports from the main one, and the first load grows.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /node_modules[\\/](three[\\/]build|react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/scene/**/*.test.tsx'],
          setupFiles: ['test/setup.ts'],
          // Scene tests build the 1M campus several times; on a loaded 2-core machine one can
          // pass 5 s. Timings are the bench's business, not a test's.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
