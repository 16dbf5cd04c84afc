import { z } from 'zod';
import { MAX_ID } from '../domain/bounds';
import {
  comparatorSourceSchema,
  geographicLevelSchema,
  suppressionSymbolSchema,
  unitSchema,
  uploadOutcomeSchema,
} from './enums';

/**
 * Benchmark data: DfE release files (EES tidy CSV), ONS 0–17 populations and DfE
 * statistical-neighbour lists, imported by analysts, commissioners and administrators, and the
 * statistical-neighbour model the organisation benchmarks against (administrators).
 * Every request and response of /api/benchmarks and /api/organisation/sn-model is described here.
 */

/** The largest benchmark file accepted (a national DfE file is well under 1 MB). */
export const MAX_BENCHMARK_FILE_BYTES = 20 * 1024 * 1024;

/**
 * When a DfE figure applies: a position at 31 March (CP plans, children looked after), events in
 * the year ending 31 March (referrals, ICPCs), or the social work workforce census at 30 September.
 */
export const DFE_TIMINGS = ['at31March', 'yearToMarch', 'workforceCensus'] as const;
export const dfeTimingSchema = z.enum(DFE_TIMINGS);
export type DfeTimingName = z.infer<typeof dfeTimingSchema>;

export const BENCHMARK_UPLOAD_KINDS = ['dfe_release', 'ons_population', 'sn_model'] as const;
export const benchmarkUploadKindSchema = z.enum(BENCHMARK_UPLOAD_KINDS);
export type BenchmarkUploadKind = z.infer<typeof benchmarkUploadKindSchema>;

const columnName = z.string().trim().min(1).max(200);
const fileNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the file name')
  .max(255, 'Use a file name of at most 255 characters')
  .refine(
    (name) => !/[\\/]/.test(name) && [...name].every((c) => c.charCodeAt(0) >= 32),
    'Use a plain file name without folders or control characters',
  );
const releaseSchema = z.string().trim().min(3, 'Name the release, e.g. "DfE Children in need 2025, table C4"').max(300);

export const measureCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,59}$/, 'Use lower-case letters, digits and underscores, e.g. icpc_timeliness_pct');

const countsSchema = z.object({
  inserted: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
});
export type BenchmarkCounts = z.infer<typeof countsSchema>;

const figureSchema = z.object({ value: z.number().nullable(), symbol: suppressionSymbolSchema.nullable() });

/**
 * How one comparator measure is read from a DfE file. Exactly one of:
 * - `numerator` alone: a column as published (or several columns added together);
 * - `numerator` ÷ `denominator` × `scale` (default 100 for a percentage, 10,000 for a rate),
 *   (either may add several columns), e.g. ICPC timeliness as DfE computes it =
 *   (Duration_0-10_days + Duration_11-15_days) ÷ (the four Duration_… bands) × 100;
 * - `rateFromCount`: count ÷ ONS 0–17 mid-year population × 10,000 (populations imported first).
 * Computed figures are rounded to `decimals` (default 1). `filter` keeps only the rows where a
 * column has a value (files with several categories). `timing` defaults to the known measure's,
 * or 30 September for a workforce file.
 */
export const dfeMeasureMappingSchema = z
  .object({
    measureCode: measureCodeSchema,
    unit: unitSchema,
    numerator: z.union([columnName, z.array(columnName).min(1).max(20)]).optional(),
    denominator: z.union([columnName, z.array(columnName).min(1).max(20)]).optional(),
    scale: z.union([z.literal(1), z.literal(100), z.literal(10000)]).optional(),
    rateFromCount: columnName.optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    filter: z.object({ column: columnName, value: z.string().max(500) }).optional(),
    timing: dfeTimingSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.numerator === undefined) === (m.rateFromCount === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['numerator'],
        message: 'Give either numerator (a column, columns to add, or the top of a ratio) or rateFromCount',
      });
    }
    if (m.rateFromCount !== undefined && (m.denominator !== undefined || m.scale !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateFromCount'],
        message: 'A rate from a count uses the ONS population as its denominator; leave out denominator and scale',
      });
    }
    if (m.rateFromCount !== undefined && m.unit !== 'rate_per_10k') {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'A rate from a count is a rate_per_10k' });
    }
    if (m.scale !== undefined && m.denominator === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'A scale needs a denominator' });
    }
  });
export type DfeMeasureMappingBody = z.infer<typeof dfeMeasureMappingSchema>;

// ---------------------------------------------------------------- shared pieces

export const benchmarkUploadSchema = z.object({
  id: z.number().int(),
  kind: benchmarkUploadKindSchema,
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  uploadedAt: z.string(),
  outcome: uploadOutcomeSchema,
});
export type BenchmarkUpload = z.infer<typeof benchmarkUploadSchema>;

/** A row (or rows) whose area the product does not know: skipped, never guessed. */
export const unknownAreaSchema = z.object({
  /** The first spreadsheet row with this area. */
  row: z.number().int(),
  rows: z.number().int(),
  level: geographicLevelSchema,
  code: z.string(),
  name: z.string(),
});
export type UnknownArea = z.infer<typeof unknownAreaSchema>;

const otherLevelSchema = z.object({ level: z.string(), rows: z.number().int() });

export const areaRefSchema = z.object({ areaCode: z.string(), name: z.string() });

export const neighbourSchema = z.object({
  rank: z.number().int(),
  areaCode: z.string(),
  name: z.string(),
  oldLaCode: z.string().nullable(),
  closeness: z.string().nullable(),
});
export type Neighbour = z.infer<typeof neighbourSchema>;

export const snModelRefSchema = z.object({ code: z.string(), name: z.string() });

// ---------------------------------------------------------------- DfE release: preview

export const benchmarkFileQuerySchema = z.object({ fileName: fileNameSchema });

export const DFE_COLUMN_ROLES = ['key', 'measure', 'category'] as const;

export const dfeColumnSchema = z.object({
  name: z.string(),
  /** `key`: time/geography; `measure`: holds numbers (and symbols); `category`: text, usable as a filter. */
  role: z.enum(DFE_COLUMN_ROLES),
  numbers: z.number().int(),
  symbols: z.record(z.string(), z.number().int()),
  empty: z.number().int(),
  /** Cells that are neither numbers nor symbols (first few), in a measure column. */
  invalid: z.array(z.object({ row: z.number().int(), value: z.string() })),
  invalidCount: z.number().int(),
  /** A category column's distinct values (at most 30). */
  values: z.array(z.string()),
  example: z.string().nullable(),
});
export type DfeColumn = z.infer<typeof dfeColumnSchema>;

export const dfePreviewResponseSchema = z.object({
  upload: benchmarkUploadSchema,
  rowCount: z.number().int(),
  columns: z.array(dfeColumnSchema),
  geographicLevels: z.array(z.object({ level: z.string(), rows: z.number().int(), imported: z.boolean() })),
  periods: z.array(
    z.object({
      timePeriod: z.string(),
      timeIdentifier: z.string(),
      rows: z.number().int(),
      supported: z.boolean(),
    }),
  ),
  areas: z.object({ known: z.number().int(), unknown: z.array(unknownAreaSchema) }),
  /** A children's social work workforce file: its figures are placed at 30 September. */
  workforceFile: z.boolean(),
  sample: z.array(z.record(z.string(), z.string())),
  /** What the file can be mapped to: every known DfE measure and every KPI's comparator measure. */
  measures: z.array(
    z.object({
      measureCode: z.string(),
      unit: unitSchema,
      /** When the figure applies, if the product knows the measure; else the import must say. */
      timing: dfeTimingSchema.nullable(),
      description: z.string().nullable(),
      /** The organisation's KPIs compared with this measure, with the precision they are shown at. */
      kpis: z.array(z.object({ code: z.string(), title: z.string(), unit: unitSchema, precision: z.number().int() })),
    }),
  ),
  /** The organisation, its region and England: the areas a person checks a mapping against. */
  headlineAreas: z.object({
    organisation: z.object({ areaCode: z.string(), name: z.string() }),
    region: z.object({ areaCode: z.string(), name: z.string() }).nullable(),
    england: z.object({ areaCode: z.string(), name: z.string() }),
  }),
  /** Earlier imports of the same bytes (same sha256). */
  previousImports: z.array(z.object({ uploadId: z.number().int(), importedAt: z.string(), sourceRelease: z.string() })),
  warnings: z.array(z.string()),
});
export type DfePreviewResponse = z.infer<typeof dfePreviewResponseSchema>;

// ---------------------------------------------------------------- DfE release: import

export const dfeImportBodySchema = z.object({
  uploadId: z.number().int().positive().max(MAX_ID),
  sourceRelease: releaseSchema,
  mappings: z.array(dfeMeasureMappingSchema).min(1).max(50),
  /** Work everything out and answer as an import would, but write nothing (the check before importing). */
  dryRun: z.boolean().optional(),
});
export type DfeImportBody = z.infer<typeof dfeImportBodySchema>;

export const NEIGHBOUR_LEFT_OUT_REASONS = ['suppressed', 'no_figure', 'no_row'] as const;

export const neighbourAverageValueSchema = z.object({
  measureCode: z.string(),
  timePeriod: z.string(),
  timeIdentifier: z.string(),
  value: z.number(),
  contributingCount: z.number().int(),
  of: z.number().int(),
  /** Neighbours left out of the mean, and why. */
  leftOut: z.array(
    z.object({
      areaCode: z.string(),
      name: z.string(),
      reason: z.enum(NEIGHBOUR_LEFT_OUT_REASONS),
      symbol: suppressionSymbolSchema.nullable(),
    }),
  ),
});
export type NeighbourAverageValue = z.infer<typeof neighbourAverageValueSchema>;

/** The organisation's neighbour averages written for a model. */
export const neighbourAveragesSchema = z.object({
  organisation: areaRefSchema,
  snModel: snModelRefSchema.nullable(),
  /** Why nothing was computed (no model chosen, no neighbours in the model), else null. */
  reason: z.string().nullable(),
  written: countsSchema.extend({ removed: z.number().int() }),
  values: z.array(neighbourAverageValueSchema),
});
export type NeighbourAverages = z.infer<typeof neighbourAveragesSchema>;

/** A figure for one area and period, as it would be (dry run) or was stored; null when the file has none. */
const headlineFigureSchema = figureSchema.nullable();

export const dfeImportResponseSchema = z.object({
  upload: benchmarkUploadSchema,
  /** True when nothing was written: the answer says what an import would do. */
  dryRun: z.boolean(),
  sourceRelease: z.string(),
  durationMs: z.number().int(),
  measures: z.array(
    z.object({
      measureCode: z.string(),
      unit: unitSchema,
      source: comparatorSourceSchema,
      timing: dfeTimingSchema,
      /** How the figure is read, in words. */
      reads: z.string(),
      rows: countsSchema,
      numbers: z.number().int(),
      suppressed: z.number().int(),
      periods: z.array(z.string()),
      /** Indicators whose comparator this measure is. */
      usedBy: z.array(z.string()),
    }),
  ),
  totals: countsSchema,
  /** Figures that were already stored with another value (at most 200; see changesTotal). */
  changes: z.array(
    z.object({
      measureCode: z.string(),
      areaCode: z.string(),
      areaName: z.string(),
      timePeriod: z.string(),
      timeIdentifier: z.string(),
      before: figureSchema,
      after: figureSchema,
    }),
  ),
  changesTotal: z.number().int(),
  skipped: z.object({
    unknownAreas: z.array(unknownAreaSchema),
    otherLevels: z.array(otherLevelSchema),
    /** Rates not computed because there is no ONS population for the area and mid-year. */
    noPopulation: z.array(
      z.object({
        measureCode: z.string(),
        areaCode: z.string(),
        areaName: z.string(),
        timePeriod: z.string(),
        populationYear: z.number().int(),
      }),
    ),
    /** Rows with an empty cell: nothing stored. */
    empty: z.number().int(),
  }),
  notes: z.array(z.string()),
  neighbourAverages: neighbourAveragesSchema,
  /** The organisation's, its region's and England's figures for each measure and period, newest first. */
  headline: z.array(
    z.object({
      measureCode: z.string(),
      timePeriod: z.string(),
      timeIdentifier: z.string(),
      organisation: headlineFigureSchema,
      region: headlineFigureSchema,
      england: headlineFigureSchema,
    }),
  ),
});
export type DfeImportResponse = z.infer<typeof dfeImportResponseSchema>;

// ---------------------------------------------------------------- ONS populations

export const populationImportQuerySchema = z.object({
  fileName: fileNameSchema,
  /** Defaults to "ONS mid-year population estimates, children aged 0 to 17 (<file name>)". */
  sourceRelease: releaseSchema.optional(),
});
export type PopulationImportQuery = z.infer<typeof populationImportQuerySchema>;

export const populationImportResponseSchema = z.object({
  upload: benchmarkUploadSchema,
  sourceRelease: z.string(),
  durationMs: z.number().int(),
  rows: countsSchema,
  years: z.array(z.number().int()),
  areas: z.number().int(),
  changes: z.array(
    z.object({
      areaCode: z.string(),
      areaName: z.string(),
      year: z.number().int(),
      before: z.number(),
      after: z.number(),
    }),
  ),
  changesTotal: z.number().int(),
  skipped: z.object({
    unknownAreas: z.array(unknownAreaSchema),
    otherLevels: z.array(otherLevelSchema),
    otherAgeGroups: z.array(z.object({ ageGroup: z.string(), rows: z.number().int() })),
    /** Cells with a symbol (`x`: no estimate, e.g. an abolished authority) — never stored as zero. */
    noEstimate: z.array(
      z.object({
        row: z.number().int(),
        areaCode: z.string(),
        areaName: z.string(),
        year: z.number().int(),
        symbol: suppressionSymbolSchema.nullable(),
      }),
    ),
  }),
});
export type PopulationImportResponse = z.infer<typeof populationImportResponseSchema>;

// ---------------------------------------------------------------- statistical-neighbour models

export const snModelCodeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'Use lower-case letters, digits and hyphens, e.g. dfe-sn-2025-05');

export const snModelImportQuerySchema = z.object({
  code: snModelCodeSchema,
  name: z.string().trim().min(3).max(200),
  /** YYYY-MM. */
  publishedOn: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give the month the model was published, as YYYY-MM'),
  fileName: fileNameSchema,
});
export type SnModelImportQuery = z.infer<typeof snModelImportQuerySchema>;

export const snModelSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  publishedOn: z.string(),
  sourceFile: z.string().nullable(),
  /** Authorities with a neighbour list. */
  subjects: z.number().int(),
  neighbours: z.number().int(),
  inUse: z.boolean(),
  /** The organisation's own neighbours in this model, closest first. */
  organisationNeighbours: z.array(neighbourSchema),
});
export type SnModelSummary = z.infer<typeof snModelSummarySchema>;

export const snModelListResponseSchema = z.object({
  inUse: z.string().nullable(),
  models: z.array(snModelSummarySchema),
});
export type SnModelListResponse = z.infer<typeof snModelListResponseSchema>;

export const snModelImportResponseSchema = z.object({
  upload: benchmarkUploadSchema,
  model: snModelSummarySchema,
  layout: z.enum(['april_2021', 'wide_2025', 'other']),
  created: z.boolean(),
  subjects: z.object({
    added: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    removed: z.number().int(),
  }),
  /** Authorities listed under "Old SNs" (replaced by reorganisation). */
  oldBlock: z.number().int(),
  skipped: z.object({
    unknownSubjects: z.array(z.object({ row: z.number().int(), laNumber: z.string(), name: z.string() })),
    unknownNeighbours: z.array(
      z.object({ row: z.number().int(), subject: z.string(), rank: z.number().int(), laNumber: z.string() }),
    ),
  }),
  /** Recomputed when the organisation uses this model; else null. */
  neighbourAverages: neighbourAveragesSchema.nullable(),
});
export type SnModelImportResponse = z.infer<typeof snModelImportResponseSchema>;

export const chooseSnModelBodySchema = z.object({ modelCode: snModelCodeSchema });
export type ChooseSnModelBody = z.infer<typeof chooseSnModelBodySchema>;

export const chooseSnModelResponseSchema = z.object({
  organisation: areaRefSchema,
  snModel: snModelRefSchema,
  previous: snModelRefSchema.nullable(),
  neighbours: z.array(neighbourSchema),
  neighbourAverages: neighbourAveragesSchema,
});
export type ChooseSnModelResponse = z.infer<typeof chooseSnModelResponseSchema>;

// ---------------------------------------------------------------- sources

export const benchmarkSourceSchema = z.object({
  uploadId: z.number().int(),
  kind: benchmarkUploadKindSchema,
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  sourceRelease: z.string(),
  importedAt: z.string(),
  importedBy: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  /** Measure codes (DfE releases), `population_0_17` or the model code. */
  measures: z.array(z.string()),
  /** Values, populations or neighbour links the import wrote or confirmed. */
  rows: z.number().int(),
  counts: countsSchema,
});
export type BenchmarkSource = z.infer<typeof benchmarkSourceSchema>;

export const benchmarkSourcesResponseSchema = z.object({
  sources: z.array(benchmarkSourceSchema),
  /** The ONS 0–17 estimates held, by mid-year, for rates per 10,000. */
  populationYears: z.array(
    z.object({ year: z.number().int(), areas: z.number().int(), releases: z.array(z.string()) }),
  ),
  /** The organisation's KPIs compared with each measure, so a source's measures can be named as KPIs. */
  measureKpis: z.array(
    z.object({ measureCode: z.string(), kpis: z.array(z.object({ code: z.string(), title: z.string() })) }),
  ),
});
export type BenchmarkSourcesResponse = z.infer<typeof benchmarkSourcesResponseSchema>;
