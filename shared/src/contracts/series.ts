import { z } from 'zod';
import { AGGREGATE_METHODS, operatorSchema, ragStatusSchema } from './enums';
import {
  commentarySchema,
  comparatorLineSchema,
  comparatorPointSchema,
  indicatorDetailSchema,
  isoDateSchema,
  monthInputSchema,
  monthlyPointSchema,
  monthSchema,
} from './kpi';
import { pointIntervalSchema, spcSchema } from './spc';

export const streakSchema = z.object({
  status: ragStatusSchema.exclude(['no_data']).nullable(),
  months: z.number().int(),
  from: monthSchema.nullable(),
  missingMonths: z.array(monthSchema),
  persistentFailure: z.boolean(),
  reason: z.string(),
});
export type StreakDto = z.infer<typeof streakSchema>;

/** Whether a month's figures are public yet (pre-release control). */
export const publicationSchema = z.object({
  published: z.boolean(),
  /** Why not, in words ("Unpublished until the meeting on 23 August 2021."); null when published. */
  note: z.string().nullable(),
});
export type PublicationDto = z.infer<typeof publicationSchema>;

export const SERIES_VIEWS = ['monthly', 'rolling12', 'fytd'] as const;
export const seriesViewSchema = z.enum(SERIES_VIEWS);
export type SeriesView = z.infer<typeof seriesViewSchema>;

export const seriesQuerySchema = z.object({
  from: monthInputSchema.optional(),
  to: monthInputSchema.optional(),
  view: seriesViewSchema.default('monthly'),
  /** SPC: `false` reproduces the NHS Excel tool's unscreened limits (default: screened, as NHSRplotthedots). */
  screenOutliers: z.enum(['true', 'false']).optional(),
  /** SPC: freeze each group's mean and limits after its first N points. */
  fixAfterPoints: z.coerce.number().int().min(2).max(240).optional(),
});
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;

export const seriesPointSchema = monthlyPointSchema.extend({
  reason: z.string(),
  /** The bands in force that month, as numbers for shading; null when none was in force. */
  band: z
    .object({
      targetOperator: operatorSchema,
      targetValue: z.number(),
      failureOperator: operatorSchema,
      failureValue: z.number(),
    })
    .nullable(),
  carriesConsequence: z.boolean(),
  consequenceReason: z.string().nullable(),
  /** For rolling and year-to-date views: why a value could not be calculated. */
  aggregationNote: z.string().nullable(),
  /**
   * For rolling and year-to-date views: how the figure was made from the months ("Average of the
   * 12 month-end positions, April 2022 to March 2023") and whether the contract's bands apply to
   * it; null in the monthly view.
   */
  aggregate: z
    .object({
      method: z.enum(AGGREGATE_METHODS),
      words: z.string(),
      rated: z.boolean(),
      ratingNote: z.string().nullable(),
    })
    .nullable(),
  sourceNote: z.string().nullable(),
  publication: publicationSchema,
  /** 95% and 99.8% confidence intervals where the figure has a numerator and denominator. */
  interval: pointIntervalSchema.nullable(),
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
  /** For a meeting, its id, so the chart can link to the briefing. */
  meetingId: z.number().int().nullable(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const seriesResponseSchema = z.object({
  indicator: indicatorDetailSchema,
  view: seriesViewSchema,
  /** Which aggregate the view shows, in words, for the screen and exports; null in the monthly view. */
  viewMethod: z.object({ method: z.enum(AGGREGATE_METHODS), label: z.string(), rated: z.boolean() }).nullable(),
  from: monthSchema,
  to: monthSchema,
  points: z.array(seriesPointSchema),
  comparators: z.array(
    z.object({ line: comparatorLineSchema, label: z.string(), points: z.array(comparatorPointSchema) }),
  ),
  /**
   * Said once, in words, when comparators are missing or withheld: which comparators exist for
   * this KPI and where they come from, or why other areas' totals are not plotted for a count;
   * null when every comparator line has figures to show.
   */
  comparatorNote: z.string().nullable(),
  annotations: z.array(annotationSchema),
  commentary: z.array(commentarySchema),
  statusCounts: z.record(ragStatusSchema, z.number().int()),
  /** First and last month the indicator has any figure; null when it has none. */
  dataRange: z.object({ from: monthSchema, to: monthSchema }).nullable(),
  /** The monthly status streak as of the range's last month. */
  streak: streakSchema,
  /** Statistical process control (XmR) of the monthly figures in the range; null for other views. */
  spc: spcSchema.nullable(),
  /** Why there is no SPC block; null when there is. */
  spcNote: z.string().nullable(),
  /** The [u] threshold and the interval methods, in words, for the key above a table. */
  intervalNote: z.string(),
});
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;
