/**
 * The parameters of the illustrative demo series: the span they cover, the note they carry, and
 * what a KPI's series spec says (its path, noise, bounds, published totals and how its figure is
 * built from parts). The specs themselves are in `illustrativeSeries*.ts`.
 */

/** The default span of a demo series: Contract 2018, April 2018 – March 2024. */
export const ILLUSTRATIVE_FROM = '2018-04';
export const ILLUSTRATIVE_TO = '2024-03';
/** The latest month any demo series reaches: the September 2025 minutes report "as of July 2025". */
export const ILLUSTRATIVE_LATEST = '2025-07';

export const ILLUSTRATIVE_NOTE =
  'Illustrative demo data: generated (deterministic, seeded) to look plausible and to pass exactly through the figures the papers publish for this KPI and, where it is DfE’s measure, Sandwell’s own DfE figures. Not a real Sandwell figure.';

/** How the monthly figure is built from its parts. */
export type Components =
  /** A percentage of a whole number of cases: numerator and denominator are counts. */
  | { kind: 'percent'; denominator: number; spread: number }
  /** PI12: in-month reviews in time ÷ reviews due; the value is the cumulative year to date. */
  | { kind: 'percent_fytd'; denominator: number; spread: number }
  /** PI2: children on a plan ÷ ONS 0–17 population × 10,000. */
  | { kind: 'rate_per_10k' }
  /** PI13: vacant FTE ÷ establishment FTE. */
  | { kind: 'vacancy'; establishment: number }
  /** PI14: cases ÷ case-holding FTE. */
  | { kind: 'average'; denominator: number; spread: number }
  /** PI5: a whole count, no parts. */
  | { kind: 'count' }
  /** A figure with no parts, rounded to the indicator's precision (a rate, a percentage, money). */
  | { kind: 'level'; precision: number };

export interface SeriesSpec {
  code: string;
  /** First and last month generated; default ILLUSTRATIVE_FROM – ILLUSTRATIVE_TO. */
  from?: string;
  to?: string;
  /** Months and levels the series is drawn through (a smooth path; noise is added around it). */
  path: Array<[string, number]>;
  /** Standard deviation of the month-to-month noise. */
  noise: number;
  min: number;
  max: number;
  /** Ranges the series must stay within, so the demo tells the papers' story. */
  keep?: Array<{ from: string; to: string; min?: number; max?: number }>;
  /**
   * A published aggregate over a financial year (`fy`) or a run of months (`from`–`to`) that the
   * monthly parts must add up to exactly.
   */
  yearTotals?: Array<YearTotal>;
  /** Published counts over a financial year or a run of months that the monthly counts must add up to. */
  countTotals?: Array<{ fy?: string; from?: string; to?: string; total: number }>;
  /**
   * Months whose figure is known exactly (a DfE figure at 31 March or 30 September, or a rolling
   * 12-month rate ending that month): the series is bent through each and takes the value itself.
   */
  points?: Array<{ month: string; value: number }>;
  /**
   * The KPI is DfE's own measure (same definition and period), so the series must agree with the
   * council's DfE figures wherever the papers give no figure of their own (`officialAnchors.ts`).
   */
  followsDfe?: boolean;
  components: Components;
}

/**
 * A published percentage over a financial year (`fy`) or a run of months (`from`–`to`) that the
 * monthly parts must add up to exactly; `denominator` is the published count of cases when known.
 */
export interface YearTotal {
  fy?: string;
  from?: string;
  to?: string;
  percent: number;
  denominator?: number;
  /** The published count of cases meeting the measure, when known (with `denominator`). */
  numerator?: number;
}
