import { z } from 'zod';
import { MAX_ID } from '../../domain/bounds';
import { comparatorSourceSchema, suppressionSymbolSchema, unitSchema } from '../enums';
import {
  benchmarkUploadSchema,
  countsSchema,
  dfeTimingSchema,
  fileNameSchema,
  measureCodeSchema,
  otherLevelSchema,
  releaseSchema,
  unknownAreaSchema,
} from './common';
import { neighbourAveragesSchema } from './neighbourAverages';

/** A DfE release file (EES tidy CSV): how a measure is read from it, its preview and its import. */

const columnName = z.string().trim().min(1).max(200);

const figureSchema = z.object({ value: z.number().nullable(), symbol: suppressionSymbolSchema.nullable() });

/**
 * How one comparator measure is read from a DfE file. Exactly one of:
 * - `numerator` alone: a column as published (or several columns added together);
 * - `numerator` ÷ `denominator` × `scale` (default 100 for a percentage, 10,000 for a rate),
 *   (either may add several columns), e.g. ICPC timeliness as DfE computes it =
 *   (Duration_0-10_days + Duration_11-15_days) ÷ (the four Duration_… bands) × 100;
 * - `rateFromCount`: count ÷ ONS 0–17 mid-year population × 10,000 (populations imported first).
 * A rate or percentage published as one column may name `publishedCounts`, the columns of the
 * counts behind it (re-referrals: rereferral_count of referral_count), so the council's figure is
 * compared by its 95% confidence interval; DfE's published figure is still the one stored.
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
    publishedCounts: z.object({ numerator: columnName, denominator: columnName }).optional(),
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
    if (m.publishedCounts !== undefined) {
      if (m.unit !== 'percent' && m.unit !== 'rate_per_10k') {
        ctx.addIssue({
          code: 'custom',
          path: ['publishedCounts'],
          message: 'Counts behind a figure are for a percentage or a rate per 10,000',
        });
      }
      if (m.denominator !== undefined || m.rateFromCount !== undefined || Array.isArray(m.numerator)) {
        ctx.addIssue({
          code: 'custom',
          path: ['publishedCounts'],
          message:
            'publishedCounts names the counts behind one published column; a ratio or a rate from a count carries its own counts',
        });
      }
    }
    if (m.scale !== undefined && m.denominator === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'A scale needs a denominator' });
    }
  });
export type DfeMeasureMappingBody = z.infer<typeof dfeMeasureMappingSchema>;
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
