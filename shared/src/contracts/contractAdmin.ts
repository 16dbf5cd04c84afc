import { z } from 'zod';
import { singleLineProblem } from '../domain/bounds';
import { measureTypeSchema, polaritySchema, ragStatusSchema, roleSchema, themeSchema, unitSchema } from './enums';
import { isoDateInputSchema, isoDateSchema, typedMonthSchema } from './kpi';

/**
 * Managing the contract in the product: the KPI library, KPI sets with their grace periods,
 * threshold versions, relief events and meetings. Changes to how performance is rated (bands and
 * sets) are proposed by one person and approved by another (four-eyes).
 */

const text = (max: number) => z.string().trim().min(1, 'Enter a value').max(max);
/** Text shown on one line (titles, names, band words): no line break, tab or control character. */
const oneLine = (max: number) =>
  text(max).superRefine((value, context) => {
    const problem = singleLineProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((value, context) => {
      const problem = singleLineProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .nullable()
    .optional();
export const indicatorCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, 'Use letters, digits, dot, dash or underscore (up to 32), e.g. PI16');
export const kpiSetCodeSchema = indicatorCodeSchema;

export const indicatorInputSchema = z.object({
  code: indicatorCodeSchema,
  title: oneLine(400),
  shortTitle: optionalLine(80),
  definition: text(4000),
  whyItMatters: text(4000),
  theme: themeSchema,
  unit: unitSchema,
  polarity: polaritySchema,
  precision: z.number().int().min(0).max(4),
  measureType: measureTypeSchema,
  numeratorLabel: optionalLine(200),
  denominatorLabel: optionalLine(200),
  comparatorMeasure: optionalLine(80),
  /**
   * How the comparator measure's definition differs from this KPI's, where it does (PI13 counts
   * permanent front-line posts; DfE all children and family social workers): the monthly figures
   * are then never judged against DfE's, and this text is shown beside the comparators. Blank or
   * null clears it.
   */
  comparatorDifference: optionalText(1000),
});
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

/** Every field but the code may be sent; how past months are shown (unit, precision…) is guarded. */
export const indicatorUpdateSchema = indicatorInputSchema.omit({ code: true }).partial();
export type IndicatorUpdate = z.infer<typeof indicatorUpdateSchema>;

export const indicatorAdminSchema = indicatorInputSchema.extend({
  shortTitle: z.string().nullable(),
  numeratorLabel: z.string().nullable(),
  denominatorLabel: z.string().nullable(),
  comparatorMeasure: z.string().nullable(),
  comparatorDifference: z.string().nullable(),
  /** Whether figures or bands exist: then unit, precision, polarity and measure type are fixed. */
  inUse: z.boolean(),
});
export type IndicatorAdmin = z.infer<typeof indicatorAdminSchema>;
export const indicatorAdminListSchema = z.object({ indicators: z.array(indicatorAdminSchema) });

export const graceInputSchema = z.object({
  indicatorCode: indicatorCodeSchema,
  months: z.number().int().min(1).max(36),
  /** The first month of grace; the set's first month when absent. */
  fromMonth: typedMonthSchema.nullable().optional(),
});
export type GraceInput = z.infer<typeof graceInputSchema>;

export const kpiSetProposalInputSchema = z.object({
  code: kpiSetCodeSchema,
  name: oneLine(200),
  effectiveFrom: typedMonthSchema,
  /** The last month in force; open-ended when absent. */
  effectiveTo: typedMonthSchema.nullable().optional(),
  persistentFailureMonths: z.number().int().min(1).max(24).default(3),
  /** Indicator codes in the order the scorecard lists them. */
  indicatorCodes: z.array(indicatorCodeSchema).max(200).default([]),
  /** An earlier set whose indicators come first, in their order, before `indicatorCodes`. */
  carryOverFrom: kpiSetCodeSchema.nullable().optional(),
  grace: z.array(graceInputSchema).max(200).default([]),
  reason: text(2000),
});
export type KpiSetProposalInput = z.input<typeof kpiSetProposalInputSchema>;

export const thresholdProposalInputSchema = z.object({
  indicatorCode: indicatorCodeSchema,
  /** The first month these bands rate; earlier months keep the bands they had. */
  effectiveFrom: typedMonthSchema,
  target: oneLine(120),
  failure: oneLine(120),
  kpiSetCode: kpiSetCodeSchema.nullable().optional(),
  reason: text(2000),
});
export type ThresholdProposalInput = z.infer<typeof thresholdProposalInputSchema>;

/** An indicator's bands, version by version, and the first month new or corrected bands may start. */
export const indicatorBandsSchema = z.object({
  indicatorCode: z.string(),
  bands: z.array(
    z.object({
      effectiveFrom: isoDateSchema,
      effectiveTo: isoDateSchema.nullable(),
      /** In the contract's words: `Target > 85%`, `Failure < 75%`. */
      target: z.string(),
      failure: z.string(),
      summary: z.string(),
      kpiSetCode: z.string().nullable(),
    }),
  ),
  /**
   * The month after the last one a published meeting has covered, as 2024-11: bands from it on may
   * be added or corrected; earlier months keep the bands they were reported with. Null when any may.
   */
  changeableFrom: z.string().nullable(),
});
export type IndicatorBands = z.infer<typeof indicatorBandsSchema>;

export const PROPOSAL_KINDS = ['kpi_set', 'threshold'] as const;
export const proposalKindSchema = z.enum(PROPOSAL_KINDS);
export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const proposalStatusSchema = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof proposalStatusSchema>;

/** An open-ended KPI set that approving a later one ends: its new last day. */
export const setEndingSchema = z.object({
  code: z.string(),
  name: z.string(),
  effectiveTo: isoDateSchema,
  /**
   * Its grace periods running past its new last day: each ends with the set (`newEndsOn`), or goes
   * when it starts after it (null). Absent from proposals made before grace ended with its set.
   */
  graceTrimmed: z
    .array(
      z.object({
        indicatorCode: z.string(),
        startsOn: isoDateSchema,
        endsOn: isoDateSchema,
        newEndsOn: isoDateSchema.nullable(),
      }),
    )
    .default([]),
});
export type SetEndingDto = z.infer<typeof setEndingSchema>;

/** What the approved change will do, resolved when proposed (so the approver sees it exactly). */
export const kpiSetChangeSchema = z.object({
  code: z.string(),
  name: z.string(),
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.nullable(),
  persistentFailureMonths: z.number().int(),
  indicatorCodes: z.array(z.string()),
  grace: z.array(z.object({ indicatorCode: z.string(), startsOn: isoDateSchema, endsOn: isoDateSchema })),
  /** Whether a set with this code exists (a change) or not (a new set). */
  replaces: z.boolean(),
  /**
   * Open-ended sets that approving this one ends, the month before it starts (only one set rates a
   * month); checked again when approved. Absent from proposals made before sets were ended so.
   */
  ends: z.array(setEndingSchema).default([]),
});
export type KpiSetChange = z.infer<typeof kpiSetChangeSchema>;

export const thresholdChangeSchema = z.object({
  indicatorCode: z.string(),
  effectiveFrom: isoDateSchema,
  target: z.string(),
  failure: z.string(),
  targetOperator: z.enum(['>', '>=', '<', '<=']),
  targetValue: z.number(),
  failureOperator: z.enum(['>', '>=', '<', '<=']),
  failureValue: z.number(),
  kpiSetCode: z.string().nullable(),
  /** Plain-English bands, as the scorecard will explain them. */
  summary: z.string(),
});
export type ThresholdChange = z.infer<typeof thresholdChangeSchema>;

const monthRatingSchema = z.object({
  status: ragStatusSchema,
  /** Consecutive reported months in this rating, ending with this month; null when not rated. */
  monthsInRating: z.number().int().nullable(),
  persistentFailure: z.boolean(),
});

/** A loaded month whose rating (or persistent-failure flag) approving new bands would change. */
export const reratedMonthSchema = z.object({
  month: z.string(),
  /** The figure as shown: '75%', or a suppression symbol. */
  displayValue: z.string().nullable(),
  now: monthRatingSchema,
  after: monthRatingSchema,
});
export type ReratedMonthDto = z.infer<typeof reratedMonthSchema>;

export const proposalSchema = z.object({
  id: z.number().int(),
  kind: proposalKindSchema,
  status: proposalStatusSchema,
  title: z.string(),
  reason: z.string(),
  change: z.union([kpiSetChangeSchema, thresholdChangeSchema]),
  proposedBy: z.string(),
  proposedByRole: roleSchema,
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Whether the person asking may approve or reject it (a different person, in the other role). */
  canDecide: z.boolean(),
  /**
   * For bands waiting for a decision: the loaded months (that the person asking may see) whose
   * rating approval would change, worked out from the figures held when asked; empty when none
   * would. Null for KPI sets and decided proposals.
   */
  rerating: z.array(reratedMonthSchema).nullable(),
});
export type Proposal = z.infer<typeof proposalSchema>;
export const proposalListSchema = z.object({ proposals: z.array(proposalSchema) });
export type ProposalList = z.infer<typeof proposalListSchema>;

export const proposalDecisionSchema = z.object({ note: z.string().trim().max(2000).optional() });

export const kpiSetAdminSchema = z.object({
  code: z.string(),
  name: z.string(),
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.nullable(),
  persistentFailureMonths: z.number().int(),
  indicators: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      theme: themeSchema,
      position: z.number().int(),
      grace: z.array(z.object({ startsOn: isoDateSchema, endsOn: isoDateSchema, reason: z.string() })),
    }),
  ),
});
export type KpiSetAdmin = z.infer<typeof kpiSetAdminSchema>;
export const kpiSetAdminListSchema = z.object({ kpiSets: z.array(kpiSetAdminSchema) });
export type KpiSetAdminList = z.infer<typeof kpiSetAdminListSchema>;

export const reliefEventInputSchema = z.object({
  name: oneLine(200),
  reason: text(2000),
  agreedOn: isoDateInputSchema,
  fromMonth: typedMonthSchema,
  toMonth: typedMonthSchema,
  indicatorCodes: z.array(indicatorCodeSchema).min(1, 'Name at least one KPI').max(200),
});
export type ReliefEventInput = z.infer<typeof reliefEventInputSchema>;

export const reliefEventSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  reason: z.string(),
  agreedOn: isoDateSchema.nullable(),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  indicatorCodes: z.array(z.string()),
});
export type ReliefEventDto = z.infer<typeof reliefEventSchema>;
export const reliefEventListSchema = z.object({ reliefEvents: z.array(reliefEventSchema) });

export const meetingInputSchema = z.object({
  board: oneLine(200),
  heldOn: isoDateInputSchema,
  monthsFrom: typedMonthSchema,
  monthsTo: typedMonthSchema,
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;
export const meetingUpdateSchema = meetingInputSchema.partial();
export type MeetingUpdate = z.infer<typeof meetingUpdateSchema>;
