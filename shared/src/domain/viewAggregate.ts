import type { AggregateMethod, MeasureType, Unit } from '../contracts/enums';
import type { SeriesView } from '../contracts/series';
import {
  type AggregateResult,
  financialYearToDate,
  type MonthlyComponents,
  ratioScale,
  rolling12Months,
} from './aggregation';
import { formatMonth } from './format';
import { addMonths, financialYearStartMonth, monthRange } from './periods';
import { withoutFloatNoise } from './rounding';

/**
 * The year-to-date and rolling 12-month views follow what a monthly figure MEASURES, not its unit:
 *
 * | measure type     | unit             | year to date / rolling 12 months             | rated?                    |
 * | ---------------- | ---------------- | -------------------------------------------- | ------------------------- |
 * | flow             | count            | sum of the months                            | no: bands are per month   |
 * | flow             | ratio (%, rate…) | Σ numerators ÷ Σ denominators                | yes: same scale as a month|
 * | snapshot         | any              | average of the month-end positions           | no: bands are per position|
 * | cumulative_fytd  | any              | year to date: the month's figure, read       | yes (it is the KPI)       |
 * |                  |                  | rolling 12: not calculated (would re-add)    | —                         |
 * | rolling_12m      | any              | rolling 12: the month's figure, read         | yes (it is the KPI)       |
 * |                  |                  | year to date: not calculated (would re-add)  | —                         |
 *
 * A month-end count (PI5, children unallocated) is never summed: twelve month-end positions of
 * about 10 are an average of about 10, not 154. The contract's bands are set for one month's
 * figure; they are applied to an aggregate only where it is on that same scale and means the same
 * thing (a percentage of the year's cases; the reported cumulative figure), otherwise the
 * aggregate is shown unrated with the reason.
 */

export interface ViewAggregate extends AggregateResult {
  method: AggregateMethod;
  /** What the figure is, for screens and exports: "Average of the 12 month-end positions, April 2022 to March 2023". */
  methodWords: string;
  /** Whether the contract's bands apply to this figure. */
  rated: boolean;
  /** Why it is not rated; null when rated. */
  ratingNote: string | null;
}

export interface MeasureShape {
  unit: Unit;
  measureType: MeasureType;
}

/** The method a view uses for a measure (a pure lookup: the table above). */
export function aggregateMethod(view: Exclude<SeriesView, 'monthly'>, shape: MeasureShape): AggregateMethod {
  if (shape.measureType === 'cumulative_fytd') return view === 'fytd' ? 'reported' : 'not_applicable';
  if (shape.measureType === 'rolling_12m') return view === 'rolling12' ? 'reported' : 'not_applicable';
  if (shape.measureType === 'snapshot') return 'average_of_month_end';
  return ratioScale(shape.unit) === null ? 'sum' : 'ratio_of_sums';
}

/** Short label of a method, for a column heading or a notes file. */
export const AGGREGATE_METHOD_LABELS: Record<AggregateMethod, string> = {
  reported: 'the reported figure (the KPI is itself this aggregate)',
  sum: 'sum of the monthly counts',
  ratio_of_sums: 'sum of numerators ÷ sum of denominators',
  average_of_month_end: 'average of month-end positions',
  not_applicable: 'not calculated for this measure',
};

function windowOf(view: Exclude<SeriesView, 'monthly'>, month: string): { from: string; what: string } {
  return view === 'fytd'
    ? { from: financialYearStartMonth(month), what: 'year-to-date figure' }
    : { from: addMonths(month, -11), what: 'rolling 12-month figure' };
}

function span(from: string, to: string): string {
  return from === to ? formatMonth(to) : `${formatMonth(from)} to ${formatMonth(to)}`;
}

function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function aggregateForView(
  rows: readonly MonthlyComponents[],
  month: string,
  view: Exclude<SeriesView, 'monthly'>,
  shape: MeasureShape,
): ViewAggregate {
  const method = aggregateMethod(view, shape);
  const { from, what } = windowOf(view, month);
  const months = monthRange(from, month);
  const rowFor = (m: string) => rows.find((r) => r.month === m);

  if (method === 'reported') {
    const value = rowFor(month)?.value;
    const present = isNumber(value);
    return {
      value: present ? value : null,
      reason: present ? null : `${formatMonth(month)} has no figure.`,
      from: month,
      to: month,
      months: [month],
      missingMonths: present ? [] : [month],
      numerator: rowFor(month)?.numerator ?? null,
      denominator: rowFor(month)?.denominator ?? null,
      method,
      methodWords:
        view === 'fytd'
          ? `The reported figure: this KPI is already measured from April to the month (${span(from, month)})`
          : `The reported figure: this KPI is already measured over the 12 months to the month (${span(from, month)})`,
      rated: present,
      ratingNote: null,
    };
  }
  if (method === 'not_applicable') {
    const reason =
      shape.measureType === 'cumulative_fytd'
        ? 'This KPI is reported cumulatively from April, so each month already includes the months before it; a rolling 12-month figure would count them again and is not calculated. Use the monthly or year-to-date view.'
        : 'This KPI is reported over the 12 months to each month, so adding its months from April would count them again; a year-to-date figure is not calculated. Use the monthly or rolling 12-month view.';
    return {
      value: null,
      reason,
      from,
      to: month,
      months,
      missingMonths: [],
      numerator: null,
      denominator: null,
      method,
      methodWords: `Not calculated: ${AGGREGATE_METHOD_LABELS.not_applicable}`,
      rated: false,
      ratingNote: reason,
    };
  }
  if (method === 'average_of_month_end') {
    const missingMonths = months.filter((m) => !isNumber(rowFor(m)?.value));
    const methodWords = `Average of the ${months.length} month-end position${months.length === 1 ? '' : 's'}, ${span(from, month)}`;
    const ratingNote =
      'Not rated: the contract’s bands are for a single month-end position, not an average of positions.';
    if (missingMonths.length > 0) {
      return {
        value: null,
        reason: `The ${what} (an average of month-end positions) cannot be calculated because ${missingMonths.map((m) => formatMonth(m)).join(', ')} ${missingMonths.length === 1 ? 'has' : 'have'} no figure (only ${months.length - missingMonths.length} of ${months.length} months are present).`,
        from,
        to: month,
        months,
        missingMonths,
        numerator: null,
        denominator: null,
        method,
        methodWords,
        rated: false,
        ratingNote,
      };
    }
    const total = months.reduce((sum, m) => sum + (rowFor(m)?.value as number), 0);
    return {
      value: withoutFloatNoise(total / months.length),
      reason: null,
      from,
      to: month,
      months,
      missingMonths,
      // An average of positions has no counts behind it: the sum of twelve rates over twelve months
      // is not an event count over a population, so it must not reach a confidence interval.
      numerator: null,
      denominator: null,
      method,
      methodWords,
      rated: false,
      ratingNote,
    };
  }
  const result =
    view === 'fytd' ? financialYearToDate(rows, month, shape.unit) : rolling12Months(rows, month, shape.unit);
  if (method === 'sum') {
    return {
      ...result,
      method,
      methodWords: `Sum of the ${months.length} monthly count${months.length === 1 ? '' : 's'}, ${span(from, month)}`,
      rated: false,
      ratingNote: 'Not rated: the contract’s bands are for one month’s count, not a total over several months.',
    };
  }
  return {
    ...result,
    method,
    methodWords: `Sum of numerators ÷ sum of denominators over ${months.length} month${months.length === 1 ? '' : 's'}, ${span(from, month)}`,
    rated: result.value !== null,
    ratingNote: null,
  };
}
