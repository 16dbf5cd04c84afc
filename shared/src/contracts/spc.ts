import { z } from 'zod';
import { ASSURANCE_ICONS, POINT_TYPES, SPECIAL_CAUSE_TYPES, VARIATION_ICONS } from '../domain/spc';
import { monthInputSchema, monthSchema } from './kpi';

/** Where an SPC chart's limits are recalculated from, and why (a person's decision, kept). */
export const spcRebaseSchema = z.object({
  id: z.number().int(),
  month: monthSchema,
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SpcRebaseDto = z.infer<typeof spcRebaseSchema>;

export const spcRebaseCreateSchema = z.object({
  month: monthInputSchema,
  /** Why: a new KPI set, a change of definition, a service redesign … */
  reason: z.string().trim().min(5, 'Say why the limits are recalculated (at least 5 characters)').max(500),
});
export type SpcRebaseCreate = z.infer<typeof spcRebaseCreateSchema>;

export const spcIconsSchema = z.object({
  variation: z.object({ icon: z.enum(VARIATION_ICONS), title: z.string(), words: z.string() }),
  assurance: z
    .object({ icon: z.enum(ASSURANCE_ICONS), title: z.string(), words: z.string(), target: z.number() })
    .nullable(),
});
export type SpcIconsDto = z.infer<typeof spcIconsSchema>;

/** The two icons for a scorecard card, or why there are none. */
export const spcSummarySchema = z.object({
  icons: spcIconsSchema.nullable(),
  /** Why there are no icons, in words; null when there are. */
  withheld: z.string().nullable(),
  /** The months the icons rest on. */
  window: z.object({ from: monthSchema, to: monthSchema }),
});
export type SpcSummaryDto = z.infer<typeof spcSummarySchema>;

export const spcGroupSchema = z.object({
  index: z.number().int(),
  from: monthSchema,
  to: monthSchema,
  points: z.number().int(),
  mean: z.number(),
  meanMovingRange: z.number().nullable(),
  screenedMovingRanges: z.number().int(),
  lowerLimit: z.number().nullable(),
  upperLimit: z.number().nullable(),
  /** Two-thirds of the way from the mean to each limit ("close to a limit" starts here). */
  lowerClose: z.number().nullable(),
  upperClose: z.number().nullable(),
  baselinePoints: z.number().int(),
  trialLimits: z.boolean(),
  fixedAfterPoints: z.number().int().nullable(),
  rebase: z.object({ month: monthSchema, reason: z.string() }).nullable(),
});

export const spcPointSchema = z.object({
  month: monthSchema,
  value: z.number(),
  group: z.number().int(),
  /** −1 below the mean, 0 on it, 1 above. */
  side: z.number().int(),
  outsideLimits: z.boolean(),
  closeToLimits: z.boolean(),
  specialCause: z.enum(SPECIAL_CAUSE_TYPES),
  /** The rule in words ("7 months in a row below the average"). */
  specialCauseLabel: z.string(),
  pointType: z.enum(POINT_TYPES),
  pointTypeLabel: z.string(),
});
export type SpcPointDto = z.infer<typeof spcPointSchema>;

export const spcSchema = z.object({
  method: z.string(),
  direction: z.enum(['increase', 'decrease', 'neutral']),
  screenOutliers: z.boolean(),
  window: z.object({ from: monthSchema, to: monthSchema }),
  groups: z.array(spcGroupSchema),
  points: z.array(spcPointSchema),
  icons: spcIconsSchema.nullable(),
  iconsWithheld: z.string().nullable(),
  /** Figures left out of the chart because a month after them has no figure (SPC needs every month); null when none. */
  gapNote: z.string().nullable(),
  rebases: z.array(spcRebaseSchema),
});
export type SpcDto = z.infer<typeof spcSchema>;

const bounds = z.object({ lower: z.number(), upper: z.number() });
/** A monthly figure's confidence intervals, where it has a numerator and denominator. */
export const pointIntervalSchema = z.object({
  method: z.enum(['wilson', 'byar', 'exact_poisson']),
  methodLabel: z.string(),
  level95: bounds,
  level998: bounds,
  /** GSS [u]: based on fewer than the stated number of cases. */
  lowReliability: z.boolean(),
});
export type PointIntervalDto = z.infer<typeof pointIntervalSchema>;
