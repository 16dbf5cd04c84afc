import { z } from 'zod';
import { suppressionSymbolSchema } from '../enums';
import { areaRefSchema, countsSchema, snModelRefSchema } from './common';

/** The organisation's statistical-neighbour averages, as an import or a change of model writes them. */

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
