import { z } from 'zod';
import { setEndingSchema } from './contractAdmin';
import { isoDateSchema } from './kpi';

/**
 * The contract schedule as a spreadsheet: one row per KPI in a set, the same layout downloaded
 * and uploaded (CSV or XLSX, header in the first row). Set columns repeat on each of the set's rows.
 */
export const SCHEDULE_COLUMNS = [
  { name: 'set_code', meaning: 'The KPI set, e.g. C2024 (required)' },
  { name: 'set_name', meaning: 'Its name, e.g. Contract 2024 (required; the same on every row of the set)' },
  { name: 'set_from', meaning: 'First month in force, as 2024-04 (required)' },
  { name: 'set_to', meaning: 'Last month in force, as 2025-03; empty while in force' },
  { name: 'persistent_failure_months', meaning: 'Escalate after more than this many months in failure (default 3)' },
  { name: 'position', meaning: 'Order in the set: 1, 2, 3… (default: the order of the rows)' },
  { name: 'code', meaning: 'The KPI code, e.g. PI4 (required)' },
  { name: 'title', meaning: 'Its title (required for a KPI not yet in the library)' },
  { name: 'short_title', meaning: 'A short title for charts (optional)' },
  { name: 'theme', meaning: 'front_door, child_protection, children_in_care, workforce or other (new KPIs)' },
  { name: 'unit', meaning: 'percent, rate_per_10k, count, average, days or money' },
  { name: 'polarity', meaning: 'higher_is_better, lower_is_better or none (new KPIs)' },
  { name: 'precision', meaning: 'Decimal places shown and rated, 0 to 4 (new KPIs)' },
  { name: 'measure_type', meaning: 'snapshot, flow, cumulative_fytd or rolling_12m (new KPIs)' },
  { name: 'definition', meaning: 'What is measured (new KPIs)' },
  { name: 'why_it_matters', meaning: 'Why it matters (new KPIs)' },
  { name: 'target', meaning: "The target in the contract's words, e.g. Target > 85%" },
  { name: 'tolerance', meaning: 'Tolerance as printed, e.g. Tolerance > 75% (optional; must agree: amber is between)' },
  { name: 'failure', meaning: "The failure band in the contract's words, e.g. Failure < 75%" },
  { name: 'bands_from', meaning: 'First month the bands rate (default: set_from)' },
  { name: 'grace_months', meaning: 'Months of grace: reported and rated, no consequence (empty for none)' },
  { name: 'grace_from', meaning: 'First month of grace (default: set_from)' },
] as const;
export type ScheduleColumn = (typeof SCHEDULE_COLUMNS)[number]['name'];

export const scheduleProblemSchema = z.object({
  /** `row 4, column "target"` (CSV) or `Q4` (XLSX); null for the whole file. */
  location: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
  /** Where a single change would be refused with a code, the same code: `kpi_sets_overlap`. */
  code: z.string().optional(),
});
export type ScheduleProblem = z.infer<typeof scheduleProblemSchema>;

export const schedulePlanSchema = z.object({
  newIndicators: z.array(z.object({ code: z.string(), title: z.string() })),
  sets: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      effectiveFrom: isoDateSchema,
      effectiveTo: isoDateSchema.nullable(),
      replaces: z.boolean(),
      indicatorCodes: z.array(z.string()),
      graceCount: z.number().int(),
      /** Open-ended sets that approving this one ends, the month before it starts (absent in older previews). */
      ends: z.array(setEndingSchema).default([]),
    }),
  ),
  bandChanges: z.array(
    z.object({
      indicatorCode: z.string(),
      kpiSetCode: z.string(),
      effectiveFrom: isoDateSchema,
      target: z.string(),
      /** The tolerance as the file prints it, when given (checked to agree with target and failure). */
      tolerance: z.string().nullable().default(null),
      failure: z.string(),
    }),
  ),
  /** Rows whose bands are already in force as written: nothing to propose. */
  unchangedBands: z.number().int(),
  /** Sets already held exactly as the file has them. */
  unchangedSets: z.number().int(),
});
export type SchedulePlan = z.infer<typeof schedulePlanSchema>;

export const SCHEDULE_UPLOAD_STATUSES = ['ready', 'rejected', 'confirmed'] as const;

export const scheduleUploadSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: z.enum(SCHEDULE_UPLOAD_STATUSES),
  problems: z.array(scheduleProblemSchema),
  plan: schedulePlanSchema.nullable(),
  /** After confirming: the proposals waiting for a second person, and indicators added. */
  proposalIds: z.array(z.number().int()),
});
export type ScheduleUpload = z.infer<typeof scheduleUploadSchema>;
