import { z } from 'zod';
import {
  isRealDate,
  isSupportedDate,
  isSupportedMonth,
  MAX_ID,
  supportedDatesInWords,
  supportedMonthsInWords,
} from '../domain/bounds';
import { MONTH_FORMS, readTextMonth } from '../domain/monthText';
import {
  COMPARISON_TESTS,
  comparatorSourceSchema,
  measureTypeSchema,
  observationStatusSchema,
  operatorSchema,
  polaritySchema,
  provenanceSchema,
  ragStatusSchema,
  suppressionSymbolSchema,
  themeSchema,
  unitSchema,
} from './enums';

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month in the form YYYY-MM');
/**
 * A month a person asks for (query, path or body): well formed and inside the supported years, so
 * date arithmetic and the database never see year 0 or 9999. Responses use `monthSchema`.
 */
export const monthInputSchema = monthSchema.refine((month) => isSupportedMonth(month), {
  error: () => supportedMonthsInWords(),
});
/**
 * A month a person types in a form (a band's or KPI set's first month, a meeting's months, a relief
 * event's): any form a monthly return accepts (2024-04, Apr-24, April 2024, Apr 2024), read by the
 * same shared parser, then checked as `monthInputSchema`; the body holds `YYYY-MM` after that.
 */
export const typedMonthSchema = z
  .string()
  .transform((text) => readTextMonth(text) ?? text.trim())
  .pipe(
    z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `Write the month as ${MONTH_FORMS}`)
      .refine((month) => isSupportedMonth(month), { error: () => supportedMonthsInWords() }),
  );
/**
 * A row id from a path or query: plain decimal digits naming a positive PostgreSQL integer. Not
 * `z.coerce`, which would also take " 1", "0x10" and "1e2" (and so answer for id 16 or 100).
 */
export const idInputSchema = z
  .string()
  .regex(/^[0-9]{1,10}$/, 'Use a whole number, like 12')
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_ID));
/** A `YYYY-MM-DD` date that exists (responses: every date the database holds is one). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date in the form YYYY-MM-DD', abort: true })
  .refine((date) => isRealDate(date), { error: () => 'Enter a real date, like 2025-03-31', abort: true });
/**
 * A date a person gives (query, path or body): a real calendar date inside the supported years,
 * the same years as `monthInputSchema`, so the database never sees 30 February or year 0.
 */
export const isoDateInputSchema = isoDateSchema.refine((date) => isSupportedDate(date), {
  error: () => supportedDatesInWords(),
});

export const thresholdWordsSchema = z.object({
  target: z.string(),
  failure: z.string(),
  summary: z.string(),
});

export const thresholdVersionSchema = z.object({
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.nullable(),
  targetOperator: operatorSchema,
  targetValue: z.number(),
  failureOperator: operatorSchema,
  failureValue: z.number(),
  sourceText: z.string().nullable(),
  kpiSetCode: z.string().nullable(),
  /** Bands not from the contract (chosen for a demo): shown as illustrative. */
  illustrative: z.boolean(),
  words: thresholdWordsSchema,
});
export type ThresholdVersionDto = z.infer<typeof thresholdVersionSchema>;

export const indicatorSummarySchema = z.object({
  code: z.string(),
  title: z.string(),
  shortTitle: z.string().nullable(),
  theme: themeSchema,
  unit: unitSchema,
  polarity: polaritySchema,
  precision: z.number().int(),
  measureType: measureTypeSchema,
});
export type IndicatorSummary = z.infer<typeof indicatorSummarySchema>;

export const indicatorDetailSchema = indicatorSummarySchema.extend({
  definition: z.string(),
  whyItMatters: z.string(),
  comparatorMeasure: z.string().nullable(),
  /** How the comparator's definition differs from this KPI's; null when they agree (see domain/comparatorDifference.ts). */
  comparatorDifference: z.string().nullable(),
  kpiSets: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      effectiveFrom: isoDateSchema,
      effectiveTo: isoDateSchema.nullable(),
    }),
  ),
  thresholds: z.array(thresholdVersionSchema),
  gracePeriods: z.array(z.object({ startsOn: isoDateSchema, endsOn: isoDateSchema, reason: z.string() })),
  reliefEvents: z.array(
    z.object({ name: z.string(), startsOn: isoDateSchema, endsOn: isoDateSchema, reason: z.string() }),
  ),
});
export type IndicatorDetail = z.infer<typeof indicatorDetailSchema>;

/**
 * The lines a trend is set against: the council's own DfE-published figure for each reporting
 * year (the official figure, beside its monthly series), then the three comparators.
 */
export const COMPARATOR_LINES = ['council_official', 'statistical_neighbours', 'region', 'england'] as const;
export const comparatorLineSchema = z.enum(COMPARATOR_LINES);
export type ComparatorLine = z.infer<typeof comparatorLineSchema>;

export const COMPARISON_VERDICTS = ['better', 'worse', 'similar', 'higher', 'lower'] as const;

/** The council set against one comparator figure, in words (see domain/comparison.ts for the rule). */
export const comparatorComparisonSchema = z.object({
  verdict: z.enum(COMPARISON_VERDICTS),
  /** "better than", "similar to", "higher than"… */
  phrase: z.string(),
  /** Which council figure was compared: its own DfE figure for the same year, or a monthly figure. */
  basis: z.enum(['dfe_official', 'monthly']),
  councilValue: z.number(),
  councilDisplayValue: z.string(),
  /** "Sandwell's DfE figure for 2023", "Sandwell's March 2023 figure (illustrative)". */
  councilLabel: z.string(),
  illustrative: z.boolean(),
  /** The whole comparison as a sentence, for tables, exports and screen readers. */
  sentence: z.string(),
  /** Which test decided it: the council's 95% confidence interval (Fingertips) or the value within 5%. */
  test: z.enum(COMPARISON_TESTS),
  /** "Compared by 95% confidence interval (Fingertips method)" / "Compared by value: no interval for this measure, so similar means within 5% …". */
  testNote: z.string(),
  /** The council's 95% interval the comparison used; null under the value test. */
  councilInterval: z.object({ lower: z.number(), upper: z.number() }).nullable(),
});
export type ComparatorComparison = z.infer<typeof comparatorComparisonSchema>;

export const comparatorPointSchema = z.object({
  line: comparatorLineSchema,
  /** "Statistical neighbours (DfE model April 2021)", "West Midlands", "England". */
  label: z.string(),
  value: z.number().nullable(),
  symbol: suppressionSymbolSchema.nullable(),
  displayValue: z.string(),
  timePeriod: z.string(),
  timeIdentifier: z.string(),
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  source: comparatorSourceSchema,
  sourceRelease: z.string(),
  snModel: z.string().nullable(),
  contributingCount: z.number().int().nullable(),
  /** How many neighbours the model has; with `contributingCount`, shows an average over fewer. */
  neighbourCount: z.number().int().nullable(),
  /**
   * What a reader needs beside the figure: "Average of 5 of the 10 statistical neighbours (the
   * others have no published figure)"; a rate on pre-2021-Census populations; a derived figure.
   */
  notes: z.array(z.string()),
  /** The council against this figure, in words; null on the council's own line or with nothing to compare. */
  comparison: comparatorComparisonSchema.nullable(),
  /**
   * Why there is no comparison although the council has a figure, in words ("Not compared: this
   * KPI's definition differs from DfE's (…)"), so no screen or export judges it by value instead;
   * also among `notes`. Null when compared, or when there is simply nothing to compare with.
   */
  notCompared: z.string().nullable(),
});
export type ComparatorPoint = z.infer<typeof comparatorPointSchema>;

export const comparisonSchema = z.object({
  direction: z.enum(['improving', 'worsening', 'increasing', 'decreasing', 'no_change', 'not_available']),
  label: z.string(),
  comparisonValue: z.number().nullable(),
  difference: z.number().nullable(),
});

export const monthlyPointSchema = z.object({
  month: monthSchema,
  value: z.number().nullable(),
  symbol: suppressionSymbolSchema.nullable(),
  displayValue: z.string(),
  status: ragStatusSchema,
  provenance: provenanceSchema.nullable(),
  observationStatus: observationStatusSchema.nullable(),
  revised: z.boolean(),
});
export type MonthlyPoint = z.infer<typeof monthlyPointSchema>;

export const commentarySchema = z.object({
  month: monthSchema,
  body: z.string(),
  author: z.string().nullable(),
  updatedAt: z.string(),
});
export type CommentaryDto = z.infer<typeof commentarySchema>;
