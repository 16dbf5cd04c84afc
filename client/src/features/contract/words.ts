import type { MeasureType, Polarity, Unit } from '@kpi/shared';

export const UNIT_WORDS: Record<Unit, string> = {
  percent: 'Percentage',
  rate_per_10k: 'Rate per 10,000 children',
  count: 'Count',
  average: 'Average',
  days: 'Days',
  money: 'Money (£)',
};

export const POLARITY_WORDS: Record<Polarity, string> = {
  higher_is_better: 'Higher',
  lower_is_better: 'Lower',
  none: 'Neither (context only)',
};

export const MEASURE_TYPE_WORDS: Record<MeasureType, string> = {
  snapshot: 'Position at month end',
  flow: 'Events in the month',
  cumulative_fytd: 'Financial year to date',
  rolling_12m: '12 months to the month',
};

/** A month in any form a monthly return takes (one shared parser reads them); the hint names them. */
export const MONTH_HINT = 'For example 2024-04, Apr-24, April 2024 or Apr 2024.';

/**
 * The notice after a proposal is sent. A set's title may already end with a full stop ("… will end
 * in March 2026."), which the notice must not double.
 */
export function proposedWords(title: string): string {
  return `Proposed: ${title.replace(/\.+$/, '')}. It applies when a second person approves it.`;
}

/** After proposing bands: how many loaded months approval would re-rate (listed on the proposal). */
export function reratingWords(rerating: readonly unknown[] | null): string {
  if (rerating === null) return '';
  if (rerating.length === 0) return ' No loaded month changes rating.';
  return ` Approving it would change the rating of ${rerating.length === 1 ? '1 loaded month' : `${rerating.length} loaded months`}, listed with the proposal below.`;
}
