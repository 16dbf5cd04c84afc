import type { Unit } from '../contracts/enums';
import { formatMonth } from './format';
import { addMonths, assertMonth, financialYearStartMonth, monthRange } from './periods';
import { withoutFloatNoise } from './rounding';

/**
 * Financial-year-to-date and rolling 12-month values.
 *
 * - Counts (unit `count`) are flows: the aggregate is the sum of the monthly values.
 * - Every other unit is a ratio and is rebuilt from its parts: Σnumerator ÷ Σdenominator × scale
 *   (100 for percent, 10,000 for a rate per 10,000, 1 for averages, days and money). Monthly
 *   percentages are NEVER averaged: a month without both numerator and denominator makes the
 *   aggregate unavailable, with a reason naming the months.
 * - FYTD runs from April of the month's financial year to the month (PI12 is such a KPI). The
 *   rolling value covers the 12 months ending with the month and is unavailable when any of them
 *   lacks a figure.
 * Results are unrounded (apart from removing floating-point noise); round for display with `formatValue`.
 */

export interface MonthlyComponents {
  month: string;
  /** The monthly figure; used for counts. */
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface AggregateResult {
  value: number | null;
  /** Why `value` is null; null when it was calculated. */
  reason: string | null;
  from: string;
  to: string;
  /** Months in the window, in order. */
  months: string[];
  /** Months in the window lacking what the calculation needs. */
  missingMonths: string[];
  /** Σnumerator (or Σvalue for counts) and Σdenominator over the window; null when not calculated. */
  numerator: number | null;
  denominator: number | null;
}

/** What a ratio is multiplied by; null for counts, which are summed. */
export function ratioScale(unit: Unit): number | null {
  switch (unit) {
    case 'percent':
      return 100;
    case 'rate_per_10k':
      return 10_000;
    case 'average':
    case 'days':
    case 'money':
      return 1;
    case 'count':
      return null;
  }
}

function listMonths(months: readonly string[]): string {
  const names = months.map((m) => formatMonth(m));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function indexRows(rows: readonly MonthlyComponents[]): Map<string, MonthlyComponents> {
  const byMonth = new Map<string, MonthlyComponents>();
  for (const row of rows) {
    assertMonth(row.month, 'row month');
    if (byMonth.has(row.month)) throw new Error(`Two rows for ${row.month}; expected one per month`);
    byMonth.set(row.month, row);
  }
  return byMonth;
}

function aggregate(
  rows: readonly MonthlyComponents[],
  from: string,
  to: string,
  unit: Unit,
  what: string,
): AggregateResult {
  const byMonth = indexRows(rows);
  const months = monthRange(from, to);
  const scale = ratioScale(unit);
  const base = { from, to, months };

  if (scale === null) {
    const missingMonths = months.filter((m) => !isNumber(byMonth.get(m)?.value));
    if (missingMonths.length > 0) {
      return {
        ...base,
        value: null,
        reason: `The ${what} cannot be calculated because ${listMonths(missingMonths)} ${missingMonths.length === 1 ? 'has' : 'have'} no figure (only ${months.length - missingMonths.length} of ${months.length} months are present).`,
        missingMonths,
        numerator: null,
        denominator: null,
      };
    }
    const total = withoutFloatNoise(months.reduce((sum, m) => sum + (byMonth.get(m)?.value ?? 0), 0));
    return { ...base, value: total, reason: null, missingMonths, numerator: total, denominator: null };
  }

  const missingMonths = months.filter((m) => {
    const row = byMonth.get(m);
    return !isNumber(row?.numerator) || !isNumber(row?.denominator);
  });
  if (missingMonths.length > 0) {
    return {
      ...base,
      value: null,
      reason: `The ${what} cannot be calculated because ${listMonths(missingMonths)} ${missingMonths.length === 1 ? 'has' : 'have'} no numerator and denominator (only ${months.length - missingMonths.length} of ${months.length} months are complete, and monthly figures are not averaged).`,
      missingMonths,
      numerator: null,
      denominator: null,
    };
  }
  let numerator = 0;
  let denominator = 0;
  for (const m of months) {
    const row = byMonth.get(m);
    numerator += row?.numerator ?? 0;
    denominator += row?.denominator ?? 0;
  }
  numerator = withoutFloatNoise(numerator);
  denominator = withoutFloatNoise(denominator);
  if (denominator === 0) {
    return {
      ...base,
      value: null,
      reason: `The ${what} cannot be calculated because the denominator is zero.`,
      missingMonths,
      numerator,
      denominator,
    };
  }
  // Multiply before dividing: 115 × 100 ÷ 200 is exactly 57.5, whereas 115 ÷ 200 × 100 is 57.49999….
  const value = withoutFloatNoise((numerator * scale) / denominator);
  return { ...base, value, reason: null, missingMonths, numerator, denominator };
}

/** The cumulative value from April of the month's financial year to the month, both included. */
export function financialYearToDate(rows: readonly MonthlyComponents[], month: string, unit: Unit): AggregateResult {
  return aggregate(rows, financialYearStartMonth(month), month, unit, 'year-to-date figure');
}

/** The value over the 12 months ending with `month` (both ends included). */
export function rolling12Months(rows: readonly MonthlyComponents[], month: string, unit: Unit): AggregateResult {
  return aggregate(rows, addMonths(month, -11), month, unit, 'rolling 12-month figure');
}
