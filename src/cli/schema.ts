/**
 * `npm run schema`: writes the JSON Schema of the layout format to
 * assets/layouts/layout.schema.json, so editors can validate and autocomplete layouts.
 * A unit test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { layoutConfigSchema } from '../config/schema'

/** Where the schema is written. */
export const SCHEMA_PATH = fileURLToPath(new URL('../../assets/layouts/layout.schema.json', import.meta.url))

/** The JSON Schema text, as committed. */
export function layoutJsonSchemaText(): string {
  const schema = z.toJSONSchema(layoutConfigSchema, { target: 'draft-2020-12', io: 'input' })
  return `${JSON.stringify({ ...schema, title: 'Colossus Explorer layout' }, null, 2)}\n`
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, layoutJsonSchemaText())
  console.log(`wrote ${SCHEMA_PATH}`)
}
