import { addMonths, compareMonths } from './periods';

/**
 * The first month a KPI page shows when the reader has not chosen one: `months` months to `to`,
 * but no earlier than the KPI's first figure. A KPI new in April 2024 would otherwise open on 20
 * empty months, summed up as "no rated figure in 20 months", as if its figures were missing.
 * A first figure after `to` (a range chosen before the KPI began) changes nothing.
 */
export function defaultSeriesFrom(to: string, firstObserved: string | null, months: number): string {
  const window = addMonths(to, -(months - 1));
  if (firstObserved === null || compareMonths(firstObserved, to) > 0) return window;
  return compareMonths(firstObserved, window) > 0 ? firstObserved : window;
}
