/**
 * Browser tests of defects found in use (issue 12), each written to fail before its fix.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { layoutPath } from '../fixtures'
import { colossus, expectCleanPage, focusBody, openSession, type Session } from './session'

let s: Session
let app: ReturnType<typeof colossus>

beforeAll(async () => {
  s = await openSession()
  app = colossus(s.page)
})

afterAll(async () => {
  expectCleanPage(s.record)
  await s.browser.close()
})

describe('defects found in use', () => {
  it('#12.3 Space on a focused button presses the button and does not start playback', async () => {
    const before = (await app.state()).roofMode
    await s.page.focus('button[data-roof]')
    await s.page.keyboard.press(' ')
    await app.renderFrames(2)
    const after = await app.state()
    expect(after.roofMode).not.toBe(before)
    expect(await s.page.getAttribute('[data-testid=play]', 'aria-label')).toBe('Play')
    await focusBody(s.page)
  })

  it('#12.7 after a camera preset the tooltip no longer names the rack that was under the pointer', async () => {
    await app.setPhase((await app.state()).phases.length - 1)
    await app.setCamera('hall')
    const at = await s.page.evaluate(() => window.colossus.rackScreenPosition(0))
    expect(at, 'rack 0 is on screen in the hall view').not.toBeNull()
    await s.page.mouse.move(at!.x, at!.y)
    await app.renderFrames(3)
    const hovered = (await app.state()).hovered
    expect(hovered, 'a rack is hovered').not.toBeNull()
    await app.setCamera('campus')
    await app.renderFrames(3)
    const now = (await app.state()).hovered
    const tooltip = await s.page.textContent('[data-testid=tooltip]')
    expect(now).not.toBe(hovered)
    if (now === null) expect(await s.page.isHidden('[data-testid=tooltip]')).toBe(true)
    else expect(tooltip).toContain(now)
    await s.page.mouse.move(5, 300)
  })
})

describe('#12.9 the address always reopens what is on screen', () => {
  const search = () => s.page.evaluate(() => location.search)
  const layoutName = async () => (await app.state()).layoutName
  const waitForLayout = (name: string) =>
    s.page.waitForFunction((n) => window.colossus.state().layoutName === n, name, { timeout: 60_000 })

  it('an example from the menu is in the address; Reset removes it; Back after a file restores the old layout and phase', async () => {
    const colossusName = await layoutName()
    await app.setPhase(1)
    const phaseBefore = (await app.state()).phaseId
    await s.page.click('[data-testid=layout-menu]')
    await s.page.click('[data-example="example-small-cluster.json"]')
    await waitForLayout('Small H100 cluster (example)')
    expect(await search()).toContain('layout=layouts/example-small-cluster.json')

    await s.page.click('[data-testid=layout-menu]')
    await s.page.click('[data-testid=reset-layout]')
    await waitForLayout(colossusName)
    expect(await search()).not.toContain('layout=')

    await app.setPhase(phaseBefore)
    const small = readFileSync(layoutPath('example-small-cluster.json'))
    await s.page.setInputFiles('[data-testid=layout-file]', {
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: small,
    })
    await waitForLayout('Small H100 cluster (example)')
    expect(await search()).toContain('layout=file:mine.json')
    await s.page.goBack()
    await waitForLayout(colossusName)
    await s.page.waitForFunction((p) => window.colossus.state().phaseId === p, phaseBefore, {
      timeout: 60_000,
    })
    expect(await search()).not.toContain('layout=')
  })
})
