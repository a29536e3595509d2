/**
 * The layout config format: a JSON document that describes GPU generations, sites, buildings,
 * halls and build phases. Everything the app draws and counts is derived from it.
 *
 * Coordinates are metres on a flat campus plane: +x is east, +z is south (so north is -z, as
 * in three.js where the camera looks down -z). Every position is the centre of the thing it
 * places, relative to its parent (site -> campus, building -> site, hall -> building).
 * Rotations are degrees, counter-clockwise seen from above.
 */
import { z } from 'zod'

const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/,
    'must be 1-40 letters, digits, "_", "." or "-", starting with a letter or digit',
  )
const text = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
const positive = z.number().positive('must be greater than 0').finite()
const nonNegative = z.number().min(0, 'must be 0 or more').finite()
/** A positive number up to `max`: keeps every derived figure finite in 32- and 64-bit floats. */
const upTo = (max: number) => positive.max(max, `must be at most ${max.toLocaleString('en-US')}`)
/** Power in MW: up to 1,000,000 (a thousand gigawatts). */
const megawatts = nonNegative.max(1_000_000, 'must be at most 1,000,000 MW')
/** Campus coordinates are limited to ±100 km so rack positions stay exact in 32-bit floats. */
const MAX_COORD_M = 100_000
const coordinate = z
  .number()
  .finite()
  .min(-MAX_COORD_M, `must be at least -${MAX_COORD_M.toLocaleString('en-US')} m`)
  .max(MAX_COORD_M, `must be at most ${MAX_COORD_M.toLocaleString('en-US')} m`)
/** Sizes of halls and buildings: up to 10 km. */
const lengthM = upTo(10_000)
const count = (max: number) =>
  z.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`)
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** True for `YYYY-MM-DD` naming a day that exists (no 2025-02-30). */
export const isCalendarDate = (s: string): boolean =>
  ISO_DATE.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date as YYYY-MM-DD')
  // Only a YYYY-MM-DD string can be a calendar date; the regex reports the others (once).
  .refine((s) => !ISO_DATE.test(s) || isCalendarDate(s), 'is not a real calendar date')
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
const xz = z.tuple([coordinate, coordinate]).describe('[x, z] in metres: +x east, +z south')
const sourceRefs = z.array(id).describe('ids of entries in `sources` that back this item')

/**
 * How sure the public record is that a phase happened: `achieved` (reported done), `claimed`
 * (announced by the operator, not confirmed by others) or `planned` (not yet done).
 */
export const PHASE_STATUSES = ['achieved', 'claimed', 'planned'] as const
export type PhaseStatus = (typeof PHASE_STATUSES)[number]

/** A published reference that figures and phases cite. */
export const sourceSchema = z
  .object({
    id,
    title: text(200),
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/, 'must be an http(s) address')
      .describe('shown as text and as a link; never fetched'),
    date: isoDate.optional().describe('publication date, YYYY-MM-DD'),
  })
  .strict()

/** A GPU generation and how it is packaged into racks. */
export const generationSchema = z
  .object({
    id,
    name: text(40),
    gpusPerServer: count(1000).describe('GPUs in one server or compute tray'),
    serversPerRack: count(1000).describe('servers or compute trays in one rack'),
    rackKind: z
      .enum(['hgx', 'nvl'])
      .describe('hgx: 4U 8-GPU servers; nvl: NVLink rack of compute and switch trays'),
    tdpW: upTo(100_000).describe('thermal design power of one GPU, watts'),
    bf16Tflops: upTo(1_000_000).describe('dense BF16 TFLOPS of one GPU'),
    fp8Tflops: upTo(1_000_000).describe('dense FP8 TFLOPS of one GPU'),
    hbmGb: upTo(100_000).describe('HBM per GPU, GB'),
    rackPowerKw: positive.max(2000, 'must be at most 2000 kW').describe('nameplate draw of one rack, kW'),
    color: colour.describe('colour in the "generation" colour mode'),
    estimate: z.boolean().optional().describe('true when any figure here is an estimate'),
    sources: sourceRefs.optional(),
  })
  .strict()

/** The physical rack: one footprint for every rack in a hall. */
export const rackSizeSchema = z
  .object({
    widthM: positive.max(10, 'must be at most 10 m'),
    depthM: positive.max(10, 'must be at most 10 m'),
    heightM: positive.max(10, 'must be at most 10 m'),
  })
  .strict()

/**
 * How racks are laid out in a hall: `rows` rows along x, stacked in z; each row holds
 * `arraysPerRow` arrays of `racksPerArray` racks side by side. Alternate rows face opposite
 * ways (hot aisle / cold aisle).
 */
export const hallTypeSchema = z
  .object({
    id,
    sizeM: z.tuple([lengthM, lengthM]).describe('[width along x, depth along z] of the hall, metres'),
    rows: count(200),
    arraysPerRow: count(200),
    racksPerArray: count(200),
    rack: rackSizeSchema,
    aisleM: nonNegative.describe('aisle between two rows, metres'),
    arrayGapM: nonNegative.describe('gap between two arrays in a row, metres'),
  })
  .strict()

/** A compute hall inside a building. */
export const hallSchema = z
  .object({
    id,
    name: text(60),
    type: id.describe('id of an entry in `hallTypes`'),
    positionM: xz.describe('centre of the hall relative to the centre of its building'),
    rotationDeg: z.number().finite().optional().describe('rotation in the building, degrees (default 0)'),
  })
  .strict()

/** A building shell with its compute halls. */
export const buildingSchema = z
  .object({
    id,
    name: text(60),
    positionM: xz.describe('centre of the building relative to its site'),
    rotationDeg: z.number().finite().optional().describe('rotation, degrees counter-clockwise (default 0)'),
    sizeM: z.tuple([lengthM, lengthM, upTo(1000)]).describe('[width along x, depth along z, height], metres'),
    halls: z.array(hallSchema).max(500, 'must have at most 500 halls'),
    status: z
      .enum(PHASE_STATUSES)
      .optional()
      .describe('as for phases; a planned building is drawn as an outline (default: achieved)'),
    note: text(300).optional().describe('shown with the building, e.g. what a permit says'),
    sources: sourceRefs.optional(),
  })
  .strict()

/** Power and cooling plant that is not compute. */
export const infrastructureSchema = z
  .object({
    id,
    kind: z.enum(['substation', 'turbine', 'battery', 'chiller']),
    name: text(80),
    positionM: xz.describe('centre of the group relative to its site'),
    rotationDeg: z.number().finite().optional(),
    units: count(10000).describe('how many units the group draws (turbines, battery packs, chillers)'),
    capacityMw: megawatts.describe('total capacity of the group, MW'),
    phase: id.describe('id of the phase that brought it'),
    estimate: z.boolean().optional(),
    sources: sourceRefs.optional(),
  })
  .strict()

/** A physical site: land with buildings and plant. */
export const siteSchema = z
  .object({
    id,
    name: text(60),
    address: text(200).optional(),
    positionM: xz.describe('centre of the site on the campus plane'),
    geo: z
      .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
      .strict()
      .optional()
      .describe('real location, for the distance notes the app shows'),
    buildings: z.array(buildingSchema).min(1, 'must have at least one building').max(100),
    infrastructure: z.array(infrastructureSchema).max(1000).optional(),
    sources: sourceRefs.optional(),
  })
  .strict()

/** Racks a phase adds: filled into the listed halls in order, each hall row by row. */
export const phaseAddSchema = z
  .object({
    halls: z.array(id).min(1, 'must name at least one hall').describe('hall ids, filled in this order'),
    generation: id.describe('id of an entry in `generations`'),
    racks: count(10_000_000),
  })
  .strict()

/** A published figure shown beside the derived one. */
export const publishedFigureSchema = z
  .object({
    label: text(120),
    value: nonNegative.max(1e12, 'must be at most 1e12'),
    unit: z.enum(['MW', 'GPUs', 'racks', 'EFLOPS']),
    source: id,
  })
  .strict()

/** Several sources' values for one quantity that they disagree on; the app shows the range. */
export const contestedFigureSchema = z
  .object({
    label: text(120).describe('what the figures measure, e.g. "Colossus 1 draw"'),
    unit: z.enum(['MW', 'GPUs', 'racks', 'EFLOPS']),
    figures: z
      .array(
        z
          .object({
            value: nonNegative.max(1e12, 'must be at most 1e12'),
            label: text(120).describe('who says so, and how, e.g. "Epoch AI, cooling counted"'),
            source: id,
          })
          .strict(),
      )
      .min(2, 'must list at least two figures (one figure is a `published` figure, not a range)')
      .max(12, 'must list at most 12 figures'),
  })
  .strict()

/** One step of the expansion. Phases are cumulative: each adds to the ones before it. */
export const phaseSchema = z
  .object({
    id,
    name: text(60),
    date: isoDate.describe('when the phase was complete (or is expected), YYYY-MM-DD'),
    headline: z.boolean().optional().describe('true for the steps the story is told by'),
    description: text(600),
    adds: z.array(phaseAddSchema),
    supply: z
      .object({ gridMw: megawatts, turbineMw: megawatts, batteryMw: megawatts })
      .strict()
      .describe('power available by source at the end of the phase, MW (cumulative)'),
    pue: z.number().min(1, 'must be at least 1').max(3, 'must be at most 3'),
    estimate: z.boolean().optional().describe('true when what the phase adds is an estimate'),
    published: z.array(publishedFigureSchema).optional(),
    status: z
      .enum(PHASE_STATUSES)
      .optional()
      .describe('achieved (reported done), claimed (announced, unconfirmed) or planned; none: not said'),
    statusSources: sourceRefs
      .optional()
      .describe('ids of the sources that report the status; required when status is achieved or claimed'),
    contested: z.array(contestedFigureSchema).max(20).optional(),
    assumptions: z
      .array(text(300))
      .max(20)
      .optional()
      .describe('what the phase assumes without a source; the app flags each as an assumption'),
    notes: text(1000).optional(),
    sources: sourceRefs.optional(),
  })
  .strict()

/** Colour modes, roof modes and quality tiers a story step may ask for (the app's own lists). */
export const STEP_COLOR_MODES = ['generation', 'power', 'phase'] as const
export const STEP_ROOF_MODES = ['solid', 'faded', 'hidden'] as const
export const STEP_QUALITY_TIERS = ['draft', 'high', 'presentation'] as const

const point = z.tuple([coordinate, coordinate, coordinate])

/** One step of a story: a moment, a view, and what to say about it. */
export const storyStepSchema = z
  .object({
    title: text(80),
    caption: text(300).describe(
      'one or two lines; figures come from the layout as {placeholders} (see README "Stories"), not typed text',
    ),
    phase: id.describe('id of the phase shown (its build plays on the way in)'),
    camera: z
      .union([
        z.string().min(1).max(80).describe('a camera preset: campus, site:<site id>, hall or rack'),
        z.object({ position: point, target: point }).strict().describe('a camera pose, metres'),
      ])
      .describe('a camera preset or pose'),
    colorMode: z.enum(STEP_COLOR_MODES).optional(),
    roof: z.enum(STEP_ROOF_MODES).optional(),
    quality: z.enum(STEP_QUALITY_TIERS).optional(),
    sources: sourceRefs.optional(),
    durationS: z.number().min(1, 'must be at least 1 s').max(600, 'must be at most 600 s').optional(),
  })
  .strict()

/** An ordered walk through the layout, for presenting and for exports. */
export const storySchema = z
  .object({
    id,
    title: text(80),
    description: text(300).optional(),
    steps: z
      .array(storyStepSchema)
      .min(1, 'must have at least one step')
      .max(100, 'must have at most 100 steps'),
  })
  .strict()
// ---- Workload scenario: what the racks are doing, for the power model (see README) ----

/** A share of nameplate power, 0 to 1. */
const loadFraction = z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1 (the nameplate)')

/** Gives the racks of some halls and/or phases a workload. */
export const scenarioAssignSchema = z
  .object({
    halls: z.array(id).min(1, 'must name at least one hall').optional().describe('hall ids'),
    phases: z.array(id).min(1, 'must name at least one phase').optional().describe('phase ids'),
    workload: id.describe('a key of `loads`'),
  })
  .strict()
  .describe(
    'racks in one of `halls` (if given) and added by one of `phases` (if given) run `workload`; the first rule that matches a rack wins',
  )

/** A synchronised training job whose racks swing between compute and communication. */
export const scenarioSwingSchema = z
  .object({
    periodS: z
      .number()
      .min(0.1, 'must be at least 0.1 s')
      .max(3600, 'must be at most 3600 s')
      .describe('one compute + communication cycle, seconds'),
    depth: z
      .number()
      .positive('must be greater than 0')
      .max(1, 'must be at most 1')
      .describe('share of its load a job rack sheds while the job communicates, 0 to 1'),
    jobHalls: z.array(id).min(1, 'must name at least one hall').describe('halls the job runs on'),
  })
  .strict()

/** What the racks are doing: a load (share of nameplate) per rack, by hall and phase. */
export const scenarioSchema = z
  .object({
    name: text(80),
    illustrative: z.boolean().describe('true when the scenario is made up to illustrate, not reported'),
    description: text(600).optional(),
    loads: z
      .record(id, loadFraction)
      .refine((r) => Object.keys(r).length >= 1, 'must name at least one workload')
      .refine((r) => Object.keys(r).length <= 32, 'must name at most 32 workloads')
      .describe('workload name → load as a share of rack nameplate power, 0 to 1'),
    assign: z.array(scenarioAssignSchema).max(1000, 'must have at most 1000 rules').optional(),
    default: id.describe('the workload of racks no rule matches: a key of `loads`'),
    swing: scenarioSwingSchema.optional(),
    sources: sourceRefs.optional(),
  })
  .strict()

export type ScenarioConfig = z.infer<typeof scenarioSchema>

/** The whole layout document. */
export const layoutConfigSchema = z
  .object({
    $schema: z.string().optional(),
    name: text(80),
    description: text(1000).optional(),
    itOverheadFactor: z
      .number()
      .min(1, 'must be at least 1')
      .max(3, 'must be at most 3')
      .describe('IT power = sum of rack power x this factor (networking, storage)'),
    sources: z.array(sourceSchema),
    generations: z
      .array(generationSchema)
      .min(1, 'must have at least one generation')
      .max(32, 'must have at most 32 generations'),
    hallTypes: z.array(hallTypeSchema).min(1, 'must have at least one hall type'),
    sites: z.array(siteSchema).min(1, 'must have at least one site').max(50),
    phases: z
      .array(phaseSchema)
      .min(1, 'must have at least one phase')
      .max(200, 'must have at most 200 phases'),
    stories: z.array(storySchema).max(50, 'must have at most 50 stories').optional(),
    scenario: scenarioSchema
      .optional()
      .describe('workloads for the power model (default: every rack at its nameplate)'),
  })
  .strict()

/** A file of stories on their own, for the layout open in the app. */
export const storiesFileSchema = z
  .object({ $schema: z.string().optional(), stories: z.array(storySchema).min(1).max(50) })
  .strict()

export type LayoutConfig = z.infer<typeof layoutConfigSchema>
export type GenerationConfig = z.infer<typeof generationSchema>
export type HallTypeConfig = z.infer<typeof hallTypeSchema>
export type HallConfig = z.infer<typeof hallSchema>
export type BuildingConfig = z.infer<typeof buildingSchema>
export type SiteConfig = z.infer<typeof siteSchema>
export type InfrastructureConfig = z.infer<typeof infrastructureSchema>
export type PhaseConfig = z.infer<typeof phaseSchema>
export type SourceConfig = z.infer<typeof sourceSchema>
export type StoryConfig = z.infer<typeof storySchema>
export type StoryStepConfig = z.infer<typeof storyStepSchema>
export type ContestedFigureConfig = z.infer<typeof contestedFigureSchema>
