import { z } from 'zod';
import { kpiActionSchema } from './commentary';
import { isoDateSchema, monthInputSchema, monthSchema } from './kpi';
import { scorecardItemSchema } from './scorecard';
import { seriesResponseSchema, seriesViewSchema } from './series';
import { spcSchema } from './spc';

/**
 * Exports: chart images, data downloads and the board pack. Any signed-in role may export
 * (councillors export for their own notes); every export is written to the audit log.
 */

export const DATA_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type DataExportFormat = (typeof DATA_EXPORT_FORMATS)[number];

/**
 * The files a view's CSV download offers, chosen by `?table=` (CSV only: the workbook holds them
 * all, with its cover sheet). A CSV holds one tidy table (one header row, then data rows only, as
 * ONS and DfE publish them), so a view with several tables offers each as its own file, the first
 * being what `….csv` gives without `table`. `notes` is the metadata beside them: title,
 * organisation, period, date produced, sources, notes and the files' names.
 */
export const CSV_TABLES = {
  scorecard: ['scorecard', 'trends', 'notes'],
  series: ['series', 'notes'],
  briefing: ['kpis', 'comparators', 'notes'],
  regionalTable: ['table', 'notes'],
  regionalExceptions: ['exceptions', 'notes'],
  regionalKpis: ['kpis', 'trend', 'notes'],
  regionalKpiRug: ['rug', 'notes'],
  regionalKpiExceptions: ['exceptions', 'notes'],
} as const;
export type CsvTableOf<View extends keyof typeof CSV_TABLES> = (typeof CSV_TABLES)[View][number];

/** The `table` query parameter of a view's CSV download. */
export function csvTableQuerySchema<View extends keyof typeof CSV_TABLES>(view: View) {
  return z.object({ table: z.enum(CSV_TABLES[view]).optional() });
}

export const CHART_IMAGE_FORMATS = ['png', 'svg'] as const;
export const chartImageFormatSchema = z.enum(CHART_IMAGE_FORMATS);
export type ChartImageFormat = z.infer<typeof chartImageFormatSchema>;

export const BOARD_PACK_FORMATS = ['pdf', 'docx'] as const;
export const boardPackFormatSchema = z.enum(BOARD_PACK_FORMATS);
export type BoardPackFormat = z.infer<typeof boardPackFormatSchema>;

/** The most KPIs one board pack may hold. */
export const BOARD_PACK_MAX_KPIS = 40;

/** Protective marking carried on every page and image of an export holding unpublished figures. */
export const exportMarkingSchema = z.object({
  /** "OFFICIAL-SENSITIVE – unpublished until 23 August 2021". */
  text: z.string(),
  /** When the figures are published, if a meeting has been set; null while none has. */
  until: isoDateSchema.nullable(),
});
export type ExportMarking = z.infer<typeof exportMarkingSchema>;

/** `POST /api/exports/indicators/{code}/chart`: records a chart export and says how to label it. */
/** Which chart of a KPI page: the trend against bands and comparators, or the SPC chart. */
export const CHART_KINDS = ['trend', 'spc'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export const chartExportRequestSchema = z.object({
  format: chartImageFormatSchema,
  chart: z.enum(CHART_KINDS).default('trend'),
  from: monthInputSchema,
  to: monthInputSchema,
  view: seriesViewSchema,
});
export type ChartExportRequest = z.infer<typeof chartExportRequestSchema>;

export const chartExportResponseSchema = z.object({
  fileName: z.string(),
  organisation: z.string(),
  marking: exportMarkingSchema.nullable(),
  /** ISO timestamp: when the image was produced. */
  producedAt: z.string(),
});
export type ChartExportResponse = z.infer<typeof chartExportResponseSchema>;

const kpiCodeSchema = z.string().min(1).max(40);

/** `POST /api/exports/board-pack`. */
export const boardPackRequestSchema = z.object({
  month: monthInputSchema,
  kpiCodes: z
    .array(kpiCodeSchema)
    .min(1, 'Choose at least one KPI')
    .max(BOARD_PACK_MAX_KPIS, `Choose at most ${BOARD_PACK_MAX_KPIS} KPIs`)
    .refine((codes) => new Set(codes).size === codes.length, 'Choose each KPI once'),
  format: boardPackFormatSchema,
});
export type BoardPackRequest = z.infer<typeof boardPackRequestSchema>;

/** `GET /api/exports/board-pack/data?month=&kpis=PI1,PI2`: what the pack's print page draws. */
export const boardPackDataQuerySchema = z.object({
  month: monthInputSchema,
  kpis: z
    .string()
    .max(2000)
    .transform((text) => text.split(',').filter((code) => code !== ''))
    .pipe(z.array(kpiCodeSchema).min(1).max(BOARD_PACK_MAX_KPIS)),
});

export const boardPackKpiSchema = z.object({
  item: scorecardItemSchema,
  /** The 13 months to the pack's month, monthly view. */
  series: seriesResponseSchema,
  /** Actions not yet done, as the reader may see them (the KPI page keeps the closed ones). */
  actions: z.array(kpiActionSchema),
  /**
   * The SPC chart's figures over the months the scorecard's icons rest on (`item.spc.window`), so
   * the average, limits and each month's signal agree with the icons; null without monthly figures.
   */
  spc: spcSchema.nullable(),
});
export type BoardPackKpi = z.infer<typeof boardPackKpiSchema>;

export const boardPackDataSchema = z.object({
  title: z.string(),
  organisation: z.string(),
  month: monthSchema,
  /** The set in force; `illustrativeNote` says when its bands or KPIs are a demonstration configuration. */
  kpiSet: z.object({ code: z.string(), name: z.string(), illustrativeNote: z.string().nullable() }).nullable(),
  producedAt: z.string(),
  marking: exportMarkingSchema.nullable(),
  illustrative: z.boolean(),
  kpis: z.array(boardPackKpiSchema),
});
export type BoardPackData = z.infer<typeof boardPackDataSchema>;

/**
 * The marking on a regional view's files and images (the councils' KPI rug, one KPI across
 * councils) when they hold a month some council has not published: one text for server and client.
 */
export const REGIONAL_UNPUBLISHED_MARKING = 'OFFICIAL-SENSITIVE – holds figures not yet published by their council';

/** How long a council, region, group or KPI set name may run in a downloaded file's name (server and pages alike). */
export const NAME_SLUG_LENGTH = 80;

/** Lower-case words joined by hyphens, cut at a word boundary: "single-assessments-within-45". */
export function fileNameSlug(text: string, maxLength = 32): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, maxLength);
}

/** `PI4-single-assessments-within-45-2021-03`: a KPI's files, named by its code, its title and the last month. */
export function kpiFileStem(code: string, title: string, month: string): string {
  const safeCode = code.replace(/[^A-Za-z0-9]+/g, '-');
  const slug = fileNameSlug(title);
  return [safeCode, slug, month].filter(Boolean).join('-');
}
