import { z } from 'zod';
import { polaritySchema, unitSchema } from './enums';
import { monthSchema } from './kpi';
import { regionalExceptionsQuerySchema } from './regional';
import { regionalKpiCellSchema, regionalKpisQuerySchema } from './regionalGroups';

/**
 * The councils' own contract KPIs as a "tartan rug" (issue 19): the councils a person may read ×
 * every KPI code they hold, each cell as the one-KPI comparison (`regionalKpis`) gives it (value,
 * rating against that council's own bands, against the group average), and the cells far from the
 * group average. A month a council has not published, where this reader may not see it, says
 * "Not yet published" and nothing else: it is never averaged and never an exception.
 */

export const regionalKpiRugQuerySchema = z.object({
  /** A group id; without one, the served councils of the organisation in view's region. */
  group: regionalKpisQuerySchema.shape.group,
  /** One month for every KPI; default: each KPI's latest month with a figure shown among the councils. */
  month: regionalKpisQuerySchema.shape.month,
});
export type RegionalKpiRugQuery = z.infer<typeof regionalKpiRugQuerySchema>;

export const regionalKpiExceptionsQuerySchema = regionalKpiRugQuerySchema.extend({
  /** Percent from the group average beyond which a council's figure is listed (default 20). */
  threshold: regionalExceptionsQuerySchema.shape.threshold,
});
export type RegionalKpiExceptionsQuery = z.infer<typeof regionalKpiExceptionsQuerySchema>;

const groupAverageSchema = z.object({
  value: z.number().nullable(),
  displayValue: z.string(),
  /** How many councils' figures make it up (those shown to this reader). */
  councils: z.number().int(),
});

export const regionalKpiRugColumnSchema = z.object({
  code: z.string(),
  /** The KPI's short title (or its title) as the first council holding it words it. */
  title: z.string(),
  /** The month compared; null when no council has a figure this reader may see. */
  month: monthSchema.nullable(),
  polarity: polaritySchema,
  unit: unitSchema,
  precision: z.number().int(),
  groupAverage: groupAverageSchema,
  /** How many of the councils hold a KPI with this code. */
  councilsWithKpi: z.number().int(),
});
export type RegionalKpiRugColumn = z.infer<typeof regionalKpiRugColumnSchema>;

export const regionalKpiRugCellSchema = regionalKpiCellSchema
  .omit({ areaCode: true, name: true })
  .extend({ code: z.string(), month: monthSchema.nullable() });
export type RegionalKpiRugCell = z.infer<typeof regionalKpiRugCellSchema>;

export const regionalKpiRugResponseSchema = z.object({
  group: z.object({ id: z.number().int().nullable(), name: z.string() }),
  /** The month asked for, or null for each KPI's latest. */
  month: monthSchema.nullable(),
  columns: z.array(regionalKpiRugColumnSchema),
  /** One row per council, its cells in the columns' order. */
  rows: z.array(z.object({ areaCode: z.string(), name: z.string(), cells: z.array(regionalKpiRugCellSchema) })),
  /** Some figure shown is illustrative. */
  illustrative: z.boolean(),
  /** Some figure shown is not yet published by its council: exports are marked and never stored. */
  includesUnpublished: z.boolean(),
});
export type RegionalKpiRugResponse = z.infer<typeof regionalKpiRugResponseSchema>;

export const regionalKpiExceptionSchema = z.object({
  areaCode: z.string(),
  name: z.string(),
  code: z.string(),
  title: z.string(),
  month: monthSchema,
  value: z.number(),
  displayValue: z.string(),
  unit: unitSchema,
  precision: z.number().int(),
  groupAverage: z.number(),
  groupAverageDisplay: z.string(),
  /** council − group average as a percentage of the average (positive: above it). */
  percentFromAverage: z.number(),
  judgement: z.enum(['better', 'worse', 'higher', 'lower']),
  /** "Dudley: PI4 62.1% in March 2025, 23.4% below the group average (81.0%): worse." */
  sentence: z.string(),
  unpublished: z.boolean(),
  illustrative: z.boolean(),
});
export type RegionalKpiException = z.infer<typeof regionalKpiExceptionSchema>;

export const regionalKpiExceptionsResponseSchema = z.object({
  group: regionalKpiRugResponseSchema.shape.group,
  threshold: z.number(),
  month: monthSchema.nullable(),
  exceptions: z.array(regionalKpiExceptionSchema),
  illustrative: z.boolean(),
  includesUnpublished: z.boolean(),
});
export type RegionalKpiExceptionsResponse = z.infer<typeof regionalKpiExceptionsResponseSchema>;
