import {
  formatMonth,
  formatValue,
  MEDIAN_RULE_MIN_MONTHS,
  type Outlier,
  outlier,
  type ReturnProblem,
} from '@kpi/shared';
import { problem } from './types';
import type { CheckedRow, ExistingFigure, KpiMeta } from './validate';
import { display } from './wording';

/**
 * Outlier warnings: a figure far from the KPI's recent figures (the rule is `outlier` in the
 * shared domain). Checked after the rows are classified, so the file's own earlier months count;
 * the warnings are added to `problems` (a backfill can have thousands).
 */
export function addOutlierWarnings(
  rows: readonly CheckedRow[],
  existing: readonly ExistingFigure[],
  byCode: ReadonlyMap<string, KpiMeta>,
  problems: ReturnProblem[],
): void {
  // outliers: against the figures already reported (never illustrative ones) and the file's own
  // earlier months; keyed by month number, so the 12-month look-back of a ten-year backfill is
  // integer arithmetic rather than 86,400 month-string conversions
  const series = new Map<number, Map<number, { month: string; value: number }>>();
  for (const e of existing) {
    if (e.provenance === 'illustrative' || e.value === null || e.symbol !== null) continue;
    seriesOf(series, e.indicatorId).set(monthNumber(e.month), { month: e.month, value: e.value });
  }
  for (const r of rows) {
    if (r.value === null) seriesOf(series, r.indicatorId).delete(monthNumber(r.month));
    else seriesOf(series, r.indicatorId).set(monthNumber(r.month), { month: r.month, value: r.value });
  }
  for (const r of rows) {
    if (r.change === 'unchanged' || r.value === null) continue;
    const months = seriesOf(series, r.indicatorId);
    const at = monthNumber(r.month);
    const previous: { month: string; value: number }[] = [];
    for (let back = 12; back >= 1; back--) {
      const earlier = months.get(at - back);
      if (earlier) previous.push(earlier);
    }
    const found = outlier(r.value, previous, r.precision);
    if (found) {
      const kpi = byCode.get(r.kpiCode)!;
      problems.push(
        problem('outlier', outlierMessage(kpi, r.value, found), r.at, {
          kpiCode: r.kpiCode,
          month: r.month,
          severity: 'warning',
        }),
      );
    }
  }
}

/** Months since year 0 of a valid "YYYY-MM" month (the parser has checked every month by now). */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function seriesOf<T>(series: Map<number, Map<number, T>>, indicatorId: number): Map<number, T> {
  let months = series.get(indicatorId);
  if (!months) {
    months = new Map();
    series.set(indicatorId, months);
  }
  return months;
}

function difference(kpi: KpiMeta, amount: number): string {
  if (kpi.unit === 'percent') return `${formatValue(amount, 'count', kpi.precision)} percentage points`;
  return display(kpi, amount, null);
}

function outlierMessage(kpi: KpiMeta, value: number, found: Outlier): string {
  const shown = display(kpi, value, null);
  if (found.basis === 'previous') {
    const change =
      found.reference === 0 ? null : Math.round(((value - found.reference) / Math.abs(found.reference)) * 100);
    const size = change === null ? '' : ` (${change > 0 ? '+' : ''}${change}%)`;
    return `${shown} is far from ${formatMonth(found.referenceMonth!)}'s figure of ${display(kpi, found.reference, null)}${size}: with fewer than ${MEDIAN_RULE_MIN_MONTHS} earlier months, a change of more than 50% is flagged. Check the figure; if it is right, confirm it when you load the file.`;
  }
  return `${shown} is far from ${kpi.code}'s figures for the previous ${found.count} months (median ${display(kpi, found.reference, null)}; a figure more than ${difference(kpi, found.allowed)} away from it is flagged). Check the figure; if it is right, confirm it when you load the file.`;
}
