/**
 * Browser tests of 3D model export: a GLB from the page (`colossus.exportModel`) loads back with
 * three's GLTFLoader with the standing racks in the legend's colours; a USDZ is a zip with a
 * .usda inside; the exporter code is fetched only when a model is exported; the export dialog's
 * 3D model tab shows the estimate and downloads the file.
 */
import type { Browser, Page } from 'playwright-core'
import type { InstancedMesh, MeshStandardMaterial } from 'three'
import { unzipSync } from 'three/examples/jsm/libs/fflate.module.js'
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultLayoutJson } from '../fixtures'
import { type PageRecord, screenshot } from './browser'
import { colossus, expectCleanPage, openSession } from './session'

const config = defaultLayoutJson() as {
  generations: { name: string; color: string }[]
  phases: { id: string }[]
}
const LAST = config.phases.at(-1)!.id

let browser: Browser
let page: Page
let record: PageRecord
/** Script files the page fetched, by name. */
const scripts: string[] = []

beforeAll(async () => {
  ;({ browser, page, record } = await openSession({ acceptDownloads: true }))
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname)
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

const exportModel = (options: { format: 'glb' | 'usdz'; instanced?: boolean }) =>
  page.evaluate((o) => window.colossus.exportModel(o), options)

const bytesOf = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'))

describe('3D model export', () => {
  it('loads no exporter code until a model is exported', async () => {
    const app = colossus(page)
    await app.ready()
    // Every script the page has fetched since it opened, first load included.
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    )
    expect(loaded.some((s) => /\/index-[^/]*\.js$/.test(s))).toBe(true)
    expect(loaded.filter((s) => /\/model-[^/]*\.js$/.test(s))).toEqual([])
  })

  it('GLB: loads back with GLTFLoader with the standing racks, in the legend colours', async () => {
    const app = colossus(page)
    await app.setPhase(LAST)
    await app.setMode('generation')
    const out = await exportModel({ format: 'glb' })
    expect(out.fileName).toBe(`colossus-${LAST}-generation.glb`)
    const bytes = bytesOf(out.base64)
    expect(bytes.length).toBe(out.bytes)
    const gltf = await new GLTFLoader().parseAsync(bytes.slice().buffer, '')
    const byColour = new Map<string, number>()
    gltf.scene.traverse((o) => {
      if (!o.name.startsWith('racks_')) return
      const mesh = o as InstancedMesh
      expect(mesh.isInstancedMesh, o.name).toBe(true)
      const hex = `#${(mesh.material as MeshStandardMaterial).color.getHexString()}`
      byColour.set(hex, (byColour.get(hex) ?? 0) + mesh.count)
    })
    const total = [...byColour.values()].reduce((a, b) => a + b, 0)
    expect(total).toBe((await app.stats()).racks)
    expect(out.racks).toBe(total)
    // The colours are the legend's: the generations it lists, in their layout colours.
    const legend = await app.legendItems()
    const legendColours = config.generations
      .filter((g) => legend.includes(g.name))
      .map((g) => g.color.toLowerCase())
    expect([...byColour.keys()].sort()).toEqual(legendColours.sort())
    expect(scripts.some((s) => /\/model-[^/]*\.js$/.test(s))).toBe(true)
  }, 120_000)

  it('USDZ: a valid zip with the .usda model inside, at an earlier phase', async () => {
    const app = colossus(page)
    await app.setPhase(0)
    const out = await exportModel({ format: 'usdz' })
    expect(out.fileName).toMatch(/\.usdz$/)
    const bytes = bytesOf(out.base64)
    // A zip starts with a local file header, PK\3\4.
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
    const files = unzipSync(bytes)
    expect(Object.keys(files)[0]).toBe('model.usda')
    expect(new TextDecoder().decode(files['model.usda']!.subarray(0, 10))).toBe('#usda 1.0\n')
    expect(out.racks).toBe((await app.stats()).racks)
  }, 120_000)

  it('refuses a bad format with a message naming the formats', async () => {
    await expect(
      page.evaluate(() => window.colossus.exportModel({ format: 'obj' as 'glb' })),
    ).rejects.toThrow(/format must be glb or usdz/)
  })

  it('the export dialog offers the model with its estimated size and downloads it', async () => {
    await page.keyboard.press('s')
    const dialog = page.locator('[data-testid=export-dialog]')
    await dialog.getByRole('button', { name: '3D model' }).click()
    await expect
      .poll(() => dialog.locator('[data-testid=model-estimate]').textContent())
      .toMatch(/About .* racks/)
    await screenshot(page, 'export-dialog-model')
    const download = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export GLB' }).click()
    expect((await download).suggestedFilename()).toMatch(/\.glb$/)
    await page.keyboard.press('Escape')
  }, 120_000)

  it('left the page clean', () => {
    expectCleanPage(record)
  })
})
