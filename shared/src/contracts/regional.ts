import { z } from 'zod';
import { polaritySchema, suppressionSymbolSchema, unitSchema } from './enums';

/**
 * The regional view: DfE's published figures for every council in a region side by side (the
 * "tartan rug"), one measure's trend for every council, and the councils far from the regional
 * figure. Published figures only, so every signed-in role may read them. Councils this
 * deployment serves are marked; their unpublished monthly KPIs are not part of these answers.
 */

/** An ONS region code: E12000005 West Midlands. Unknown codes are refused with 400. */
export const regionCodeSchema = z
  .string()
  .regex(/^E12\d{6}$/, 'Give an ONS region code, e.g. E12000005 for the West Midlands');

const measureCodeInputSchema = z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'Give a measure code, e.g. re_referral_pct');

export const regionalTableQuerySchema = z.object({
  /** Default: the region of the organisation in view. */
  region: regionCodeSchema.optional(),
  /** A DfE period ("2025"); default: each measure's latest period with figures in the region. */
  year: z
    .string()
    .regex(/^\d{4}$/, 'Give a DfE year, e.g. 2025')
    .optional(),
});
export type RegionalTableQuery = z.infer<typeof regionalTableQuerySchema>;

export const regionalTrendQuerySchema = z.object({
  region: regionCodeSchema.optional(),
  measure: measureCodeInputSchema,
});
export type RegionalTrendQuery = z.infer<typeof regionalTrendQuerySchema>;

export const regionalExceptionsQuerySchema = z.object({
  region: regionCodeSchema.optional(),
  year: regionalTableQuerySchema.shape.year,
  /** Percent from the regional figure beyond which a council is listed (default 20). */
  threshold: z.coerce.number().int().min(1).max(500).default(20),
});
export type RegionalExceptionsQuery = z.infer<typeof regionalExceptionsQuerySchema>;

export const regionalJudgementSchema = z.enum(['better', 'worse', 'similar', 'higher', 'lower', 'not_compared']);

export const regionalMeasureSchema = z.object({
  code: z.string(),
  label: z.string(),
  unit: unitSchema,
  precision: z.number().int(),
  polarity: polaritySchema,
  /** The DfE period shown ("2025"). */
  timePeriod: z.string(),
  /** The releases the figures come from ("DfE 'Children in need' statistics 2025, table C1: …"). */
  sourceReleases: z.array(z.string()),
  region: z.object({
    value: z.number().nullable(),
    symbol: suppressionSymbolSchema.nullable(),
    displayValue: z.string(),
  }),
  england: z.object({
    value: z.number().nullable(),
    symbol: suppressionSymbolSchema.nullable(),
    displayValue: z.string(),
  }),
  /** How many of the region's councils have a figure (the n of the quintiles). */
  councilsWithFigure: z.number().int(),
});
export type RegionalMeasureColumn = z.infer<typeof regionalMeasureSchema>;

export const regionalCellSchema = z.object({
  measureCode: z.string(),
  value: z.number().nullable(),
  symbol: suppressionSymbolSchema.nullable(),
  /** "22.6%", "c", "No data". */
  displayValue: z.string(),
  unit: unitSchema,
  timePeriod: z.string().nullable(),
  sourceRelease: z.string().nullable(),
  quintile: z.number().int().min(1).max(5).nullable(),
  againstRegion: regionalJudgementSchema,
  /** The position in words: "Quintile 2 of 5 (…). Better than West Midlands". */
  positionWords: z.string(),
});
export type RegionalCell = z.infer<typeof regionalCellSchema>;

export const regionalCouncilSchema = z.object({
  areaCode: z.string(),
  name: z.string(),
  /** DfE's LA number (333 for Sandwell). */
  laNumber: z.string().nullable(),
  /** A council this deployment serves (an onboarded organisation). */
  servedHere: z.boolean(),
});
export type RegionalCouncil = z.infer<typeof regionalCouncilSchema>;

export const regionRefSchema = z.object({ code: z.string(), name: z.string() });

export const regionalTableResponseSchema = z.object({
  region: regionRefSchema,
  /** Every English region, for the region select. */
  regions: z.array(regionRefSchema),
  /** The year asked for, or null for each measure's latest. */
  year: z.string().nullable(),
  measures: z.array(regionalMeasureSchema),
  rows: z.array(regionalCouncilSchema.extend({ cells: z.array(regionalCellSchema) })),
  sources: z.array(z.string()),
});
export type RegionalTableResponse = z.infer<typeof regionalTableResponseSchema>;

const trendPointSchema = z.object({
  timePeriod: z.string(),
  value: z.number().nullable(),
  symbol: suppressionSymbolSchema.nullable(),
});

export const regionalTrendResponseSchema = z.object({
  region: regionRefSchema,
  measure: z.object({
    code: z.string(),
    label: z.string(),
    unit: unitSchema,
    precision: z.number().int(),
    polarity: polaritySchema,
  }),
  /** Every period with a figure for any line, oldest first. */
  periods: z.array(z.string()),
  councils: z.array(regionalCouncilSchema.extend({ points: z.array(trendPointSchema) })),
  regionLine: z.array(trendPointSchema),
  englandLine: z.array(trendPointSchema),
  sources: z.array(z.string()),
  /** One sentence saying what the chart shows, for those who do not see it. */
  summary: z.string(),
});
export type RegionalTrendResponse = z.infer<typeof regionalTrendResponseSchema>;

export const regionalExceptionSchema = regionalCouncilSchema.extend({
  measureCode: z.string(),
  measureLabel: z.string(),
  timePeriod: z.string(),
  value: z.number(),
  displayValue: z.string(),
  regionValue: z.number(),
  regionDisplayValue: z.string(),
  /** council − region as a percentage of the regional figure (positive: above it). */
  percentFromRegion: z.number(),
  judgement: z.enum(['better', 'worse', 'higher', 'lower']),
  /** "Sandwell: 28.1%, 31.2% above West Midlands (21.4%): worse". */
  sentence: z.string(),
});
export type RegionalException = z.infer<typeof regionalExceptionSchema>;

export const regionalExceptionsResponseSchema = z.object({
  region: regionRefSchema,
  threshold: z.number(),
  year: z.string().nullable(),
  exceptions: z.array(regionalExceptionSchema),
  sources: z.array(z.string()),
});
export type RegionalExceptionsResponse = z.infer<typeof regionalExceptionsResponseSchema>;
