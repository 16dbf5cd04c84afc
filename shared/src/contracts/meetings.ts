import { z } from 'zod';
import { ragStatusSchema } from './enums';
import { comparatorLineSchema, isoDateSchema, monthSchema } from './kpi';
import { kpiSetBriefSchema, monitoredItemSchema } from './scorecard';

export const meetingSchema = z.object({
  id: z.number().int(),
  board: z.string(),
  heldOn: isoDateSchema,
  monthsFrom: monthSchema,
  monthsTo: monthSchema,
  publishedAt: z.string().nullable(),
  locked: z.boolean(),
});
export type MeetingDto = z.infer<typeof meetingSchema>;

export const meetingListResponseSchema = z.object({ meetings: z.array(meetingSchema) });
export type MeetingListResponse = z.infer<typeof meetingListResponseSchema>;

export const briefingKpiSchema = z.object({
  code: z.string(),
  title: z.string(),
  status: ragStatusSchema,
  previousStatus: ragStatusSchema,
  displayValue: z.string(),
  previousDisplayValue: z.string(),
  /** Movement since the previous meeting, in the KPI's own unit, rounded to display precision. */
  difference: z.number().nullable(),
  /** The movement with its sign and unit: '+2.5 percentage points'. */
  differenceDisplay: z.string().nullable(),
  directionLabel: z.string(),
  streakReason: z.string(),
  persistentFailure: z.boolean(),
  illustrative: z.boolean(),
  commentary: z.string().nullable(),
  /** Is the latest month a signal or normal variation (SPC variation icon over the scorecard's window)? */
  signal: z.object({
    kind: z.enum(['signal', 'normal_variation', 'not_assessed']),
    words: z.string(),
  }),
  /** Whether the move is for better or worse, by the KPI's polarity. */
  movement: z.enum(['worsening', 'improving', 'no_change', 'not_available']),
  /** Where the figure stands against the failure line, in words ("3.5 percentage points beyond the failure level"); null without bands. */
  failureDistance: z.string().nullable(),
});
export type BriefingKpi = z.infer<typeof briefingKpiSchema>;

export const COMPARATOR_POSITIONS = ['better', 'worse', 'similar', 'higher', 'lower', 'not_comparable'] as const;

export const meetingBriefingSchema = z.object({
  meeting: meetingSchema,
  previousMeeting: meetingSchema.nullable(),
  /** The month rated now and the month it is compared with. */
  month: monthSchema,
  comparedWithMonth: monthSchema,
  /**
   * The briefing's first line: how many KPIs were rated and how, or, when nothing in the months
   * covered was rated, that plainly (never zero counts that read as reassurance).
   */
  headline: z.string(),
  /** The KPI set in force in the month rated; null when none was. */
  kpiSet: kpiSetBriefSchema.nullable(),
  turnedRed: z.array(briefingKpiSchema),
  recovered: z.array(briefingKpiSchema),
  persistentFailure: z.array(briefingKpiSchema),
  /** Worsening first, by how near to (or far beyond) the failure line each is; then improving. */
  largestMovements: z.array(briefingKpiSchema),
  /** The KPIs in each rating this month, by name. */
  byStatus: z.record(ragStatusSchema, z.array(z.object({ code: z.string(), title: z.string() }))),
  /** Said when the month compared with is more than a year earlier ("3 years and 2 months before"); else null. */
  gapNote: z.string().nullable(),
  comparatorPosition: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      displayValue: z.string(),
      /**
       * The council's figure the comparators are set against: its own DfE figure for the
       * comparators' year where DfE publishes one, otherwise the month's figure, labelled.
       */
      council: z.object({
        displayValue: z.string(),
        label: z.string(),
        official: z.boolean(),
        illustrative: z.boolean(),
      }),
      lines: z.array(
        z.object({
          line: comparatorLineSchema,
          label: z.string(),
          displayValue: z.string(),
          timePeriod: z.string(),
          position: z.enum(COMPARATOR_POSITIONS),
          /** The comparison as a sentence naming both figures; null when not comparable. */
          sentence: z.string().nullable(),
          /** Which test decided the position, in words ("Compared by 95% confidence interval (Fingertips method)"); null when not comparable. */
          testNote: z.string().nullable(),
          notes: z.array(z.string()),
        }),
      ),
    }),
  ),
  counts: z.object({
    green: z.number().int(),
    amber: z.number().int(),
    red: z.number().int(),
    no_data: z.number().int(),
  }),
  illustrativeDataShown: z.boolean(),
  /** Indicators monitored without bands, with comparators and direction of travel. */
  monitored: z.array(monitoredItemSchema),
});
export type MeetingBriefing = z.infer<typeof meetingBriefingSchema>;
