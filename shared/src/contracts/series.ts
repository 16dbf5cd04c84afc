import { z } from 'zod';
import { ragStatusSchema } from './enums';
import {
  commentarySchema,
  comparatorLineSchema,
  comparatorPointSchema,
  indicatorDetailSchema,
  isoDateSchema,
  monthlyPointSchema,
  monthSchema,
} from './kpi';

export const SERIES_VIEWS = ['monthly', 'rolling12', 'fytd'] as const;
export const seriesViewSchema = z.enum(SERIES_VIEWS);
export type SeriesView = z.infer<typeof seriesViewSchema>;

export const seriesQuerySchema = z.object({
  from: monthSchema.optional(),
  to: monthSchema.optional(),
  view: seriesViewSchema.default('monthly'),
});
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;

export const seriesPointSchema = monthlyPointSchema.extend({
  reason: z.string(),
  /** The bands in force that month, as numbers for shading; null when none was in force. */
  band: z
    .object({
      targetOperator: z.string(),
      targetValue: z.number(),
      failureOperator: z.string(),
      failureValue: z.number(),
    })
    .nullable(),
  carriesConsequence: z.boolean(),
  consequenceReason: z.string().nullable(),
  /** For rolling and year-to-date views: why a value could not be calculated. */
  aggregationNote: z.string().nullable(),
  sourceNote: z.string().nullable(),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const ANNOTATION_KINDS = [
  'relief_event',
  'grace_period',
  'threshold_change',
  'kpi_set_change',
  'meeting',
] as const;
export const annotationSchema = z.object({
  kind: z.enum(ANNOTATION_KINDS),
  label: z.string(),
  from: isoDateSchema,
  to: isoDateSchema.nullable(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const seriesResponseSchema = z.object({
  indicator: indicatorDetailSchema,
  view: seriesViewSchema,
  from: monthSchema,
  to: monthSchema,
  points: z.array(seriesPointSchema),
  comparators: z.array(
    z.object({ line: comparatorLineSchema, label: z.string(), points: z.array(comparatorPointSchema) }),
  ),
  annotations: z.array(annotationSchema),
  commentary: z.array(commentarySchema),
  statusCounts: z.record(ragStatusSchema, z.number().int()),
});
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;
