import { z } from 'zod';
import { suppressionSymbolSchema } from '../enums';
import {
  benchmarkUploadSchema,
  countsSchema,
  fileNameSchema,
  otherLevelSchema,
  releaseSchema,
  unknownAreaSchema,
} from './common';

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
