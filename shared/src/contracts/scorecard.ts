import { z } from 'zod';
import { comparatorSourceSchema } from './enums';
import {
  commentarySchema,
  comparatorLineSchema,
  comparatorPointSchema,
  comparisonSchema,
  indicatorSummarySchema,
  isoDateSchema,
  monthInputSchema,
  monthlyPointSchema,
  monthSchema,
  thresholdWordsSchema,
} from './kpi';
import { publicationSchema, streakSchema } from './series';
import { spcSummarySchema } from './spc';

export const scorecardQuerySchema = z.object({
  month: monthInputSchema.optional(),
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
  /** The SPC variation and assurance icons, with their meaning in words (the KPI page's default window). */
  spc: spcSummarySchema,
  /** True when any figure shown for this KPI is generated demo data. */
  illustrative: z.boolean(),
  /** True when the bands in force are illustrative configuration (not the contract's own). */
  bandsIllustrative: z.boolean(),
});
export type ScorecardItem = z.infer<typeof scorecardItemSchema>;

export const COMPARATOR_RELATIONS = ['above', 'below', 'same', 'not_available'] as const;
export const COMPARATOR_POSITION_VALUES = ['better', 'worse', 'same', 'not_comparable'] as const;

/** Where a figure stands against one comparator line. */
export const comparatorStandingSchema = z.object({
  line: comparatorLineSchema,
  label: z.string(),
  displayValue: z.string(),
  timePeriod: z.string(),
  periodEnd: isoDateSchema,
  source: comparatorSourceSchema,
  relation: z.enum(COMPARATOR_RELATIONS),
  position: z.enum(COMPARATOR_POSITION_VALUES),
  /**
   * The council figure compared when it is not the latest monthly one: its own DfE figure for the
   * comparator's period ("Sandwell's DfE figure for 2025, 78.3%"), like with like. Null: the latest figure.
   */
  comparedWith: z.string().nullable().optional(),
  /** "below the statistical-neighbour average (36.1, 2024)", after the compared figure when it is not the latest */
  words: z.string(),
});
export type ComparatorStandingDto = z.infer<typeof comparatorStandingSchema>;

/**
 * An indicator watched without contract bands: its latest figure at or before the month, its
 * direction of travel and where it stands against the statistical neighbours, region and England.
 */
export const monitoredItemSchema = indicatorSummarySchema.extend({
  latest: monthlyPointSchema.nullable(),
  direction: z
    .object({
      previousMonth: comparisonSchema.extend({ month: monthSchema }),
      sameMonthLastYear: comparisonSchema.extend({ month: monthSchema }),
    })
    .nullable(),
  comparators: z.array(comparatorStandingSchema),
  /**
   * Why there are no standings where other areas have figures: a count is never set against other
   * areas' totals ("REFERRALS is a count, so it is not set against other areas’ figures: …").
   */
  comparatorNote: z.string().nullable(),
  /** What was said about the latest month's figure (the Trust's or the papers' words). */
  commentary: commentarySchema.nullable(),
  /** KPI sets the indicator belongs to at any time (empty for a purely monitored indicator). */
  kpiSetCodes: z.array(z.string()),
  illustrative: z.boolean(),
});
export type MonitoredItem = z.infer<typeof monitoredItemSchema>;

/**
 * Every indicator the organisation tracks, each with its latest figure the reader may see, its
 * period, direction of travel and position against the comparators.
 */
export const indicatorListResponseSchema = z.object({
  /** The latest month the reader may see; null when there are no figures yet. */
  asOf: monthSchema.nullable(),
  indicators: z.array(monitoredItemSchema),
});
export type IndicatorListResponse = z.infer<typeof indicatorListResponseSchema>;

export const kpiSetBriefSchema = z.object({
  code: z.string(),
  name: z.string(),
  persistentFailureMonths: z.number().int(),
  /** Set when part of the set's configuration is illustrative; says what. */
  illustrativeNote: z.string().nullable(),
});

/** A run of months under one KPI set (or none), for the month picker. */
export const scorecardPeriodSchema = z.object({
  from: monthSchema,
  to: monthSchema,
  kpiSetCode: z.string().nullable(),
  kpiSetName: z.string().nullable(),
});
export type ScorecardPeriod = z.infer<typeof scorecardPeriodSchema>;

export const scorecardResponseSchema = z.object({
  month: monthSchema,
  financialYear: z.string(),
  kpiSet: kpiSetBriefSchema.nullable(),
  /** Months with any data, for the month picker. */
  availableMonths: z.object({ from: monthSchema, to: monthSchema }).nullable(),
  /** The available months split by the KPI set in force, newest last. */
  periods: z.array(scorecardPeriodSchema),
  /** Said plainly when no KPI set was in force in the month; null otherwise. */
  noSetNote: z.string().nullable(),
  /**
   * Said when the organisation has no figures the reader may see yet (a new council): the month is
   * then the current one, with nothing in it, and the page shows this instead of a scorecard.
   */
  noFiguresNote: z.string().optional(),
  items: z.array(scorecardItemSchema),
  /** Indicators outside the set in force with a figure in the 12 months to the month. */
  monitored: z.array(monitoredItemSchema),
  counts: z.object({
    green: z.number().int(),
    amber: z.number().int(),
    red: z.number().int(),
    no_data: z.number().int(),
  }),
  publication: publicationSchema,
});
export type ScorecardResponse = z.infer<typeof scorecardResponseSchema>;
