import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LAYOUT_PATH } from '../../src/cli/layout'
import { layoutJsonSchemaText, SCHEMA_PATH } from '../../src/cli/schema'

describe('assets/layouts/layout.schema.json', () => {
  it('is up to date with the zod schema', () => {
    const committed = readFileSync(SCHEMA_PATH, 'utf8')
    expect(committed, 'layout.schema.json is stale: run `npm run schema` and commit the result').toBe(
      layoutJsonSchemaText(),
    )
  })

  it('describes the layout document: strict, with the top-level fields required', () => {
    const schema = JSON.parse(layoutJsonSchemaText()) as {
      title: string
      type: string
      required: string[]
      additionalProperties: boolean
      properties: Record<string, unknown>
    }
    expect(schema.title).toBe('Colossus Explorer layout')
    expect(schema.type).toBe('object')
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'name',
        'itOverheadFactor',
        'sources',
        'generations',
        'hallTypes',
        'sites',
        'phases',
      ]),
    )
    expect(schema.required).not.toContain('$schema')
  })

  it('is the schema the default layout points its editor at', () => {
    const layout = JSON.parse(readFileSync(DEFAULT_LAYOUT_PATH, 'utf8')) as { $schema: string }
    expect(resolve(dirname(DEFAULT_LAYOUT_PATH), layout.$schema)).toBe(SCHEMA_PATH)
  })
})
