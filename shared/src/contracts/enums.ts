import { z } from 'zod';

// Each list is written once here; the database enums, the API schemas and the
// client all derive from these arrays.

export const UNITS = ['percent', 'rate_per_10k', 'count', 'average', 'days', 'money'] as const;
export const unitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof unitSchema>;

export const POLARITIES = ['higher_is_better', 'lower_is_better', 'none'] as const;
export const polaritySchema = z.enum(POLARITIES);
export type Polarity = z.infer<typeof polaritySchema>;

/** How a monthly figure relates to time. */
export const MEASURE_TYPES = [
  'snapshot', // position at month end
  'flow', // events during the month
  'cumulative_fytd', // aggregated from April to the month
  'rolling_12m', // the 12 months ending in the month
] as const;
export const measureTypeSchema = z.enum(MEASURE_TYPES);
export type MeasureType = z.infer<typeof measureTypeSchema>;

/**
 * How a year-to-date or rolling 12-month figure is made from the months (see
 * domain/viewAggregate.ts): read as reported, summed, Σnum ÷ Σden, the average of month-end
 * positions, or not calculated.
 */
export const AGGREGATE_METHODS = [
  'reported',
  'sum',
  'ratio_of_sums',
  'average_of_month_end',
  'not_applicable',
] as const;
export type AggregateMethod = (typeof AGGREGATE_METHODS)[number];

export const THEMES = ['front_door', 'child_protection', 'children_in_care', 'workforce', 'other'] as const;
export const themeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof themeSchema>;

/** The contract's own comparison operators, as printed ("> 75", "< 65"). */
export const OPERATORS = ['>', '>=', '<', '<='] as const;
export const operatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof operatorSchema>;

/** DfE/ONS symbols meaning "no number here" — never zero. */
export const SUPPRESSION_SYMBOLS = ['c', 'x', 'z', 'low', 'u'] as const;
export const suppressionSymbolSchema = z.enum(SUPPRESSION_SYMBOLS);
export type SuppressionSymbol = z.infer<typeof suppressionSymbolSchema>;

export const PROVENANCES = ['uploaded_return', 'published_paper', 'illustrative'] as const;
export const provenanceSchema = z.enum(PROVENANCES);
export type Provenance = z.infer<typeof provenanceSchema>;

export const OBSERVATION_STATUSES = ['provisional', 'final', 'revised'] as const;
export const observationStatusSchema = z.enum(OBSERVATION_STATUSES);
export type ObservationStatus = z.infer<typeof observationStatusSchema>;

export const ROLES = ['viewer', 'commissioner', 'analyst', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * A role held in a group of councils rather than in one council: `regional_analyst` may read every
 * council in the group as a viewer there, never write (issue 19).
 */
export const GROUP_ROLES = ['regional_analyst'] as const;
export const groupRoleSchema = z.enum(GROUP_ROLES);
export type GroupRole = z.infer<typeof groupRoleSchema>;

export const GEOGRAPHIC_LEVELS = ['local_authority', 'region', 'national'] as const;
export const geographicLevelSchema = z.enum(GEOGRAPHIC_LEVELS);
export type GeographicLevel = z.infer<typeof geographicLevelSchema>;

/** Where a comparator figure came from. */
export const COMPARATOR_SOURCES = ['dfe_release', 'published_paper', 'computed'] as const;
export const comparatorSourceSchema = z.enum(COMPARATOR_SOURCES);
export type ComparatorSource = z.infer<typeof comparatorSourceSchema>;

/** What a comparator value describes: one area, or the mean of an area's statistical neighbours. */
export const COMPARATOR_KINDS = ['area', 'statistical_neighbour_average'] as const;
export const comparatorKindSchema = z.enum(COMPARATOR_KINDS);
export type ComparatorKind = z.infer<typeof comparatorKindSchema>;

export const UPLOAD_OUTCOMES = ['validated', 'rejected', 'committed', 'no_change', 'abandoned'] as const;
export const uploadOutcomeSchema = z.enum(UPLOAD_OUTCOMES);
export type UploadOutcome = z.infer<typeof uploadOutcomeSchema>;

export const RAG_STATUSES = ['green', 'amber', 'red', 'no_data'] as const;
export const ragStatusSchema = z.enum(RAG_STATUSES);
export type RagStatus = z.infer<typeof ragStatusSchema>;

/** Which test decided a comparison with a comparator (see domain/comparison.ts). */
export const COMPARISON_TESTS = ['confidence_interval', 'value'] as const;
