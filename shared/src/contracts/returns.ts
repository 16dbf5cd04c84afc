import { z } from 'zod';

/** The largest monthly return accepted, compressed size for XLSX; checked in the browser and on the server. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Rows in one return: the long layout's KPI-months (60 KPIs over 27 years, with room). */
export const MAX_RETURN_ROWS = 20_000;
/**
 * Cells one return can hold: its rows times the dozen columns the long layout can use (the wide
 * layout, KPIs × months, is far smaller). Files are refused as soon as they pass this, while they
 * are being read, so a file of millions of cells is never held in memory.
 */
export const MAX_RETURN_CELLS = MAX_RETURN_ROWS * 12;

import {
  observationStatusSchema,
  provenanceSchema,
  ragStatusSchema,
  roleSchema,
  suppressionSymbolSchema,
  unitSchema,
  uploadOutcomeSchema,
} from './enums';
import { idInputSchema, monthInputSchema, monthSchema } from './kpi';

/**
 * Monthly returns: the Trust's monthly figures, uploaded by the council as CSV or XLSX, checked,
 * previewed and then committed. Every request and response of /api/returns is described here.
 */

export const RETURN_FILE_FORMATS = ['csv', 'xlsx'] as const;
export const returnFileFormatSchema = z.enum(RETURN_FILE_FORMATS);
export type ReturnFileFormat = z.infer<typeof returnFileFormatSchema>;

/** `wide`: the template, KPIs as rows and months as columns. `long`: one row per KPI-month. */
export const RETURN_LAYOUTS = ['wide', 'long'] as const;
export const returnLayoutSchema = z.enum(RETURN_LAYOUTS);
export type ReturnLayout = z.infer<typeof returnLayoutSchema>;

export const RETURN_PROBLEM_SEVERITIES = ['error', 'warning'] as const;
export const returnProblemSeveritySchema = z.enum(RETURN_PROBLEM_SEVERITIES);
export type ReturnProblemSeverity = z.infer<typeof returnProblemSeveritySchema>;

/** Every kind of problem a return can have. Errors block the upload; warnings need confirming. */
export const RETURN_PROBLEM_CODES = [
  // the file as a whole
  'file_empty',
  'file_unreadable',
  'file_unsafe',
  'wrong_delimiter',
  'missing_column',
  'duplicate_column',
  'no_data',
  'too_many_rows',
  // a row or a cell
  'control_character',
  'too_many_cells',
  'text_too_long',
  'not_whole_number',
  'implausible_value',
  'unknown_kpi',
  'missing_kpi_code',
  'invalid_value',
  'missing_value',
  'invalid_month',
  'percent_out_of_range',
  'percent_not_applicable',
  'negative_value',
  'incomplete_ratio',
  'ratio_not_applicable',
  'zero_denominator',
  'numerator_above_denominator',
  'ratio_mismatch',
  'duplicate',
  'outside_kpi_dates',
  'future_month',
  'locked_month',
  // warnings
  'outlier',
  'changes_reported_value',
  'amends_locked_month',
] as const;
export const returnProblemCodeSchema = z.enum(RETURN_PROBLEM_CODES);
export type ReturnProblemCode = z.infer<typeof returnProblemCodeSchema>;

/** One problem in a file, with where it is and how to fix it. */
export const returnProblemSchema = z.object({
  severity: returnProblemSeveritySchema,
  code: returnProblemCodeSchema,
  /** Where, as a person would say it: `row 4, column "2021-03"` (CSV) or `C4` (XLSX); null for the whole file. */
  location: z.string().nullable(),
  /** 1-based row number as a spreadsheet shows it (the header is usually row 1). */
  row: z.number().int().nullable(),
  /** The column's heading (`2021-03`, `value`), or `column 3` when it has none. */
  column: z.string().nullable(),
  /** 1-based column number (A = 1). */
  columnNumber: z.number().int().nullable(),
  /** The XLSX cell reference (`C4`); null for CSV. */
  cell: z.string().nullable(),
  kpiCode: z.string().nullable(),
  month: monthSchema.nullable(),
  /** Plain English: what is wrong and how to fix it. */
  message: z.string(),
});
export type ReturnProblem = z.infer<typeof returnProblemSchema>;

export const returnReportSchema = z.object({
  errors: z.array(returnProblemSchema),
  warnings: z.array(returnProblemSchema),
});
export type ReturnReport = z.infer<typeof returnReportSchema>;

/** A figure as stored: a value or a suppression symbol (never both), with its parts for ratios. */
export const returnFigureSchema = z.object({
  value: z.number().nullable(),
  symbol: suppressionSymbolSchema.nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** en-GB display at the KPI's precision: `72.5%`, `1,234`, `c`. */
  displayValue: z.string(),
});
export type ReturnFigure = z.infer<typeof returnFigureSchema>;

export const returnExistingFigureSchema = returnFigureSchema.extend({
  provenance: provenanceSchema,
  status: observationStatusSchema,
  /** The file the figure came from, when it was uploaded. */
  fileName: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReturnExistingFigure = z.infer<typeof returnExistingFigureSchema>;

export const RETURN_CHANGE_KINDS = ['new', 'changed', 'unchanged'] as const;
export const returnChangeKindSchema = z.enum(RETURN_CHANGE_KINDS);
export type ReturnChangeKind = z.infer<typeof returnChangeKindSchema>;

/**
 * What loading a figure means to a reader, as against `change` (what loading writes):
 * `new` — no figure held; `value_changed` — the figure shown changes; `confirmed` — the same figure
 * (equal at the KPI's precision) is written again, now from a return (it replaces an illustrative
 * or an earlier figure); `unchanged` — nothing is written.
 */
export const RETURN_FIGURE_EFFECTS = ['new', 'value_changed', 'confirmed', 'unchanged'] as const;
export const returnFigureEffectSchema = z.enum(RETURN_FIGURE_EFFECTS);
export type ReturnFigureEffect = z.infer<typeof returnFigureEffectSchema>;

/** The figure's rating (the scorecard's rule and bands) with what is held and with the file's figure. */
export const returnRatingChangeSchema = z.object({
  /** The rating of the figure held; null when nothing is held. */
  before: ragStatusSchema.nullable(),
  after: ragStatusSchema,
  /** A figure was held and its rating differs from the file's. */
  changed: z.boolean(),
});
export type ReturnRatingChange = z.infer<typeof returnRatingChangeSchema>;

/** One KPI-month of the file and what loading it would do. */
export const returnPreviewItemSchema = z.object({
  kpiCode: z.string(),
  kpiTitle: z.string(),
  unit: unitSchema,
  month: monthSchema,
  location: z.string(),
  change: returnChangeKindSchema,
  effect: returnFigureEffectSchema,
  rating: returnRatingChangeSchema,
  /** What the dashboard holds now; null when it holds nothing for the month. */
  old: returnExistingFigureSchema.nullable(),
  new: returnFigureSchema,
  comment: z.string().nullable(),
  /** The comment differs from the commentary held for the month, so loading saves it. */
  commentChanged: z.boolean(),
  /** The month was presented to a meeting that is now locked. */
  lockedMonth: z.boolean(),
  /** The change alters a figure already reported (uploaded or published), so needs a reason. */
  changesReportedFigure: z.boolean(),
  /** The change replaces an illustrative (demo) figure. */
  replacesIllustrative: z.boolean(),
});
export type ReturnPreviewItem = z.infer<typeof returnPreviewItemSchema>;

export const returnPreviewSchema = z.object({
  newValues: z.array(returnPreviewItemSchema),
  /** Every figure loading writes over one held: values that change and figures confirmed. */
  changedValues: z.array(returnPreviewItemSchema),
  unchangedValues: z.array(returnPreviewItemSchema),
  /** The figures whose rating would change (also in `changedValues`), listed apart so they stand out. */
  ratingChanges: z.array(returnPreviewItemSchema),
});
export type ReturnPreview = z.infer<typeof returnPreviewSchema>;

export const returnCountsSchema = z.object({
  figures: z.number().int(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  /**
   * `changed` split by what a reader sees: figures whose value changes, and figures confirmed
   * (the same value written again, now from a return); and of the held figures, how many change
   * rating. Absent on uploads previewed before these were counted.
   */
  valueChanged: z.number().int().optional(),
  confirmed: z.number().int().optional(),
  ratingChanged: z.number().int().optional(),
  /** Comments that loading would save (new or different from the commentary held). */
  comments: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
});
export type ReturnCounts = z.infer<typeof returnCountsSchema>;

export const returnUploadSummarySchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  format: returnFileFormatSchema.nullable(),
  layout: returnLayoutSchema.nullable(),
  /** `utf-8`, `utf-8 with BOM`, `windows-1252`; null for XLSX. */
  encoding: z.string().nullable(),
  /** The worksheet that was read (XLSX). */
  sheetName: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
  outcome: uploadOutcomeSchema,
});
export type ReturnUploadSummary = z.infer<typeof returnUploadSummarySchema>;

export const returnCommitInfoSchema = z.object({
  committedAt: z.string(),
  committedBy: z.string().nullable(),
  reason: z.string().nullable(),
  created: z.number().int(),
  changed: z.number().int(),
  /** `changed` split as in the preview's counts; absent on uploads loaded before these were counted. */
  valueChanged: z.number().int().optional(),
  confirmed: z.number().int().optional(),
  ratingChanged: z.number().int().optional(),
  revisionsWritten: z.number().int(),
  commentsSaved: z.number().int(),
});
export type ReturnCommitInfo = z.infer<typeof returnCommitInfoSchema>;

/** The preview of an upload: everything the person needs before committing it. */
export const returnUploadResponseSchema = z.object({
  upload: returnUploadSummarySchema,
  report: returnReportSchema,
  preview: returnPreviewSchema,
  counts: returnCountsSchema,
  /** Set when the same bytes (SHA-256) were already loaded. */
  alreadyLoaded: z
    .object({
      uploadId: z.number().int(),
      loadedAt: z.string(),
      loadedBy: z.string().nullable(),
      message: z.string(),
    })
    .nullable(),
  /** No errors and not yet committed. */
  canCommit: z.boolean(),
  /** There are warnings: commit with `confirmWarnings: true`. */
  needsConfirmation: z.boolean(),
  /** The upload changes a reported figure or a locked month: commit with a `reason`. */
  needsReason: z.boolean(),
  /** One sentence for the page: what would happen, or why it cannot. */
  message: z.string(),
  commit: returnCommitInfoSchema.nullable(),
  /** Set when the upload was abandoned: when and by whom. */
  abandon: z.object({ abandonedAt: z.string(), abandonedBy: z.string().nullable() }).nullable(),
});
export type ReturnUploadResponse = z.infer<typeof returnUploadResponseSchema>;

export const returnUploadQuerySchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, 'Give the file name')
    .max(255, 'Use a file name of at most 255 characters')
    .refine(
      (name) => !/[\\/]/.test(name) && [...name].every((c) => c.charCodeAt(0) >= 32),
      'Use a plain file name without folders or control characters',
    ),
});
export type ReturnUploadQuery = z.infer<typeof returnUploadQuerySchema>;

export const returnUploadParamsSchema = z.object({ id: idInputSchema });

export const returnCommitBodySchema = z.object({
  /** True once the person has read the warnings and confirms the figures. */
  confirmWarnings: z.boolean(),
  /** Why already-reported or locked figures change; recorded on every revision. */
  reason: z.string().trim().max(1000, 'Keep the reason to 1,000 characters').optional(),
});
export type ReturnCommitBody = z.infer<typeof returnCommitBodySchema>;

export const returnCommitResponseSchema = z.object({
  upload: returnUploadSummarySchema,
  outcome: z.enum(['committed', 'no_change']),
  commit: returnCommitInfoSchema,
  message: z.string(),
});
export type ReturnCommitResponse = z.infer<typeof returnCommitResponseSchema>;

export const returnUploadListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const returnUploadListResponseSchema = z.object({
  uploads: z.array(returnUploadSummarySchema.extend({ counts: returnCountsSchema.nullable() })),
});
export type ReturnUploadListResponse = z.infer<typeof returnUploadListResponseSchema>;

export const returnTemplateQuerySchema = z.object({
  kpiSet: z.string().trim().min(1).max(40),
  /** First month column; defaults to `to`. */
  from: monthInputSchema.optional(),
  /** Last month column; defaults to the last month that has ended. */
  to: monthInputSchema.optional(),
  format: returnFileFormatSchema.default('xlsx'),
});
export type ReturnTemplateQuery = z.infer<typeof returnTemplateQuerySchema>;

export const returnHistoryQuerySchema = z.object({
  kpi: z.string().trim().min(1).max(40),
  month: monthInputSchema,
});
export type ReturnHistoryQuery = z.infer<typeof returnHistoryQuerySchema>;

const historyFigureSchema = z.object({
  value: z.number().nullable(),
  symbol: suppressionSymbolSchema.nullable(),
  displayValue: z.string(),
});

export const returnRevisionSchema = z.object({
  id: z.number().int(),
  changedAt: z.string(),
  changedBy: z.object({ username: z.string(), displayName: z.string(), role: roleSchema }).nullable(),
  old: historyFigureSchema,
  new: historyFigureSchema,
  reason: z.string().nullable(),
  upload: z.object({ id: z.number().int(), fileName: z.string(), sha256: z.string() }).nullable(),
});
export type ReturnRevision = z.infer<typeof returnRevisionSchema>;

export const returnHistoryResponseSchema = z.object({
  kpiCode: z.string(),
  kpiTitle: z.string(),
  unit: unitSchema,
  precision: z.number().int(),
  month: monthSchema,
  /** The figure the dashboard holds now. */
  current: returnExistingFigureSchema.extend({ sourceNote: z.string().nullable() }).nullable(),
  /** Every revision, oldest first. */
  revisions: z.array(returnRevisionSchema),
});
export type ReturnHistoryResponse = z.infer<typeof returnHistoryResponseSchema>;

/** After `POST /api/returns/uploads/{id}/abandon`: the upload as it now is. */
export const returnAbandonResponseSchema = z.object({
  upload: returnUploadSummarySchema,
  abandon: z.object({ abandonedAt: z.string(), abandonedBy: z.string().nullable() }),
  message: z.string(),
});
export type ReturnAbandonResponse = z.infer<typeof returnAbandonResponseSchema>;
