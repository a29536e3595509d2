/**
 * Browser tests of defects found in use (issue 12), each written to fail before its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
