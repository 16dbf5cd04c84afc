import { z } from 'zod';
import {
  commentarySchema,
  comparatorPointSchema,
  comparisonSchema,
  indicatorSummarySchema,
  monthlyPointSchema,
  monthSchema,
  thresholdWordsSchema,
} from './kpi';
import { publicationSchema, streakSchema } from './series';

export const scorecardQuerySchema = z.object({
  month: monthSchema.optional(),
});

export const scorecardItemSchema = indicatorSummarySchema.extend({
  current: monthlyPointSchema,
  reason: z.string(),
  thresholds: thresholdWordsSchema.nullable(),
  /** The failure level in force this month, as a number (for ordering by distance to it); null without bands. */
  failureValue: z.number().nullable(),
  consequence: z.object({ carriesConsequence: z.boolean(), reason: z.string().nullable() }),
  direction: z.object({
    previousMonth: comparisonSchema.extend({ month: monthSchema }),
    sameMonthLastYear: comparisonSchema.extend({ month: monthSchema }),
  }),
  streak: streakSchema,
  comparators: z.array(comparatorPointSchema),
  /** The 13 months to the scorecard month, oldest first. */
  sparkline: z.array(monthlyPointSchema),
  commentary: commentarySchema.nullable(),
  /** True when any figure shown for this KPI is generated demo data. */
  illustrative: z.boolean(),
});
export type ScorecardItem = z.infer<typeof scorecardItemSchema>;

export const scorecardResponseSchema = z.object({
  month: monthSchema,
  financialYear: z.string(),
  kpiSet: z.object({ code: z.string(), name: z.string(), persistentFailureMonths: z.number().int() }).nullable(),
  /** Months with any data, for the month picker. */
  availableMonths: z.object({ from: monthSchema, to: monthSchema }).nullable(),
  items: z.array(scorecardItemSchema),
  counts: z.object({
    green: z.number().int(),
    amber: z.number().int(),
    red: z.number().int(),
    no_data: z.number().int(),
  }),
  publication: publicationSchema,
});
export type ScorecardResponse = z.infer<typeof scorecardResponseSchema>;
