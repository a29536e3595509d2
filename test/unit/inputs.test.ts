/**
 * Defects of issue 12 found by feeding the app and the CLI unusual input: each test failed
 * before its fix.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readLayoutResponse } from '../../src/app/layoutFetch'
import { parseStillsArgs } from '../../src/cli/stills'
import { decodeLayoutBytes, formatProblems, LIMITS } from '../../src/config/parse'
import { fmtMw } from '../../src/domain/format'
import { parseLayoutText, validateLayout } from '../../src/domain/layout/validate'
import { targetTakesKey } from '../../src/ui/useKeyboard'
import { defaultLayoutJson, layoutText, runLayout } from '../fixtures'

const problemsOf = (text: string): string[] => {
  const r = parseLayoutText(text)
  return r.ok ? [] : formatProblems(r.problems).split('\n')
}

describe('#12.10 a UTF-8 byte-order mark is accepted everywhere; invalid UTF-8 is refused', () => {
  it('loadLayout(text) and the CLI parse accept text that starts with a BOM', () => {
    expect(parseLayoutText(`\uFEFF${layoutText()}`).ok).toBe(true)
  })

  it('bytes with a BOM decode to the layout; invalid UTF-8 is refused with a message, not shown as �', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${layoutText()}`)
    const decoded = decodeLayoutBytes(bytes)
    expect(decoded.ok && parseLayoutText(decoded.text).ok).toBe(true)
    const broken = new Uint8Array([
      ...new TextEncoder().encode('{"name": "caf'),
      0xe9,
      ...new TextEncoder().encode('"}'),
    ])
    const refused = decodeLayoutBytes(broken)
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect(formatProblems(refused.problems)).toBe(
        '(root): is not valid UTF-8 text (first bad byte at offset 13)',
      )
  })

  it('the layout CLI reads a file with a BOM and refuses one with invalid UTF-8', () => {
    const dir = mkdtempSync(join(tmpdir(), 'colossus-bom-'))
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${layoutText()}`)
    expect(runLayout([join(dir, 'bom.json')]).code).toBe(0)
    writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))
    const r = runLayout([join(dir, 'latin1.json')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('is not valid UTF-8 text')
  })
})

describe('#12.13 messages say what is wrong, once', () => {
  it('a document that is not an object says what it is', () => {
    expect(problemsOf('null')).toEqual(['(root): must be an object (got null)'])
    expect(problemsOf('[]')).toEqual(['(root): must be an object (got an array)'])
    expect(problemsOf('"hello"')).toEqual(['(root): must be an object (got a string)'])
  })

  it('a number too large for a double says so', () => {
    const text = layoutText().replace('"tdpW": 700', '"tdpW": 1e400')
    expect(problemsOf(text)).toContain('generations[0].tdpW: is too large (beyond ±1.8e308)')
  })

  it('a malformed date gives one problem', () => {
    for (const date of ['soon', '2024-13-45']) {
      const data = defaultLayoutJson() as { phases: { date: string }[] }
      data.phases[0]!.date = date
      const r = validateLayout(data)
      expect(r.ok ? [] : r.problems.map((p) => p.path), date).toEqual(['phases[0].date'])
    }
  })
})

describe('#12.14 CLI paths are the user’s', () => {
  const initCwd = process.env.INIT_CWD
  afterEach(() => {
    if (initCwd === undefined) delete process.env.INIT_CWD
    else process.env.INIT_CWD = initCwd
  })

  it('a relative layout path is read from the folder npm was run in (INIT_CWD)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'colossus-cwd-'))
    writeFileSync(join(dir, 'mine.json'), layoutText())
    process.env.INIT_CWD = dir
    expect(runLayout(['mine.json']).code).toBe(0)
  })

  it('stills --config and --out resolve from INIT_CWD too', () => {
    process.env.INIT_CWD = '/somewhere/else'
    const a = parseStillsArgs(['--config', 'my.json', '--out', 'stills'])
    expect(a).toMatchObject({ config: '/somewhere/else/my.json', out: '/somewhere/else/stills' })
  })
})

describe('stills command: quality', () => {
  it('renders in presentation by default; --quality and --samples change it; bad values are named', () => {
    expect(parseStillsArgs([])).toMatchObject({ quality: 'presentation', samples: null })
    expect(parseStillsArgs(['--quality', 'draft', '--samples', '8'])).toMatchObject({
      quality: 'draft',
      samples: 8,
    })
    expect(parseStillsArgs(['--quality', 'ultra'])).toEqual({
      error: '--quality needs one of draft, high, presentation',
    })
    expect(parseStillsArgs(['--quality'])).toHaveProperty('error')
    for (const n of ['0', '257', '2.5', 'x'])
      expect(parseStillsArgs(['--samples', n]), n).toEqual({
        error: '--samples needs a whole number from 1 to 256',
      })
  })
})

describe('#12.15 small figures', () => {
  it('power below 1 MW is shown in kW, not as 0 MW', () => {
    expect(fmtMw(0.0685)).toBe('68.5 kW')
    expect(fmtMw(0.5)).toBe('500 kW')
    expect(fmtMw(0)).toBe('0 kW')
    expect(fmtMw(158.7)).toBe('159 MW')
    expect(fmtMw(2497.5)).toBe('2.5 GW')
  })
})

describe('#12.12 ?layout= answers that are not layouts', () => {
  const messages = (r: Awaited<ReturnType<typeof readLayoutResponse>>) =>
    r.ok ? [] : r.problems.map((p) => p.message)

  it('a missing file says not found, whatever the server answered', async () => {
    expect(
      messages(await readLayoutResponse(new Response('nope', { status: 404, statusText: 'Not Found' }))),
    ).toEqual(['not found (the server answered 404 Not Found)'])
    // A single-page server answers unknown paths with its own page.
    const page = new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } })
    expect(messages(await readLayoutResponse(page))).toEqual([
      'not found: the server answered with a web page (text/html), not a layout file',
    ])
  })

  it('stops reading at the size limit instead of downloading the whole file', async () => {
    const chunk = new Uint8Array(1 << 20).fill(0x20)
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= 100 << 20) c.close()
        else {
          pulled += chunk.length
          c.enqueue(chunk)
        }
      },
    })
    const r = await readLayoutResponse(
      new Response(body, { headers: { 'content-type': 'application/json' } }),
    )
    expect(messages(r)).toEqual(['is larger than 5 MB, the limit'])
    expect(pulled).toBeLessThanOrEqual(LIMITS.maxBytes + 2 * chunk.length)
  })

  it('a JSON answer with a byte-order mark is read as text', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${layoutText()}`)
    const r = await readLayoutResponse(
      new Response(bytes, { headers: { 'content-type': 'application/json' } }),
    )
    expect(r.ok && parseLayoutText(r.text).ok).toBe(true)
  })
})

describe('#12.3 Space on a focused button presses the button', () => {
  const el = (tagName: string, role: string | null = null) => ({ tagName, getAttribute: () => role })

  it('buttons, links and button roles keep Space and Enter; other shortcuts still work on them', () => {
    for (const t of [el('BUTTON'), el('A'), el('DIV', 'button'), el('SPAN', 'checkbox')]) {
      expect(targetTakesKey(t, ' ')).toBe(true)
      expect(targetTakesKey(t, 'Enter')).toBe(true)
      expect(targetTakesKey(t, 'c')).toBe(false)
    }
  })

  it('the page body does not take Space (playback), form fields take every key', () => {
    expect(targetTakesKey(el('BODY'), ' ')).toBe(false)
    expect(targetTakesKey(null, ' ')).toBe(false)
    expect(targetTakesKey(el('INPUT'), 'c')).toBe(true)
    expect(targetTakesKey({ tagName: 'DIV', isContentEditable: true }, 'ArrowLeft')).toBe(true)
  })
})
