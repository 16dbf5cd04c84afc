import { z } from 'zod';
import { monthInputSchema } from '../kpi';
import { areaRefSchema, benchmarkUploadSchema, fileNameSchema, neighbourSchema, snModelRefSchema } from './common';
import { neighbourAveragesSchema } from './neighbourAverages';

// ---------------------------------------------------------------- statistical-neighbour models

export const snModelCodeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'Use lower-case letters, digits and hyphens, e.g. dfe-sn-2025-05');

export const snModelImportQuerySchema = z.object({
  code: snModelCodeSchema,
  name: z.string().trim().min(3).max(200),
  /** The month the model was published, YYYY-MM, inside the supported years. */
  publishedOn: monthInputSchema,
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
