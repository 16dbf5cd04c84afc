import type { Unit } from '../contracts/enums';

/**
 * The unit a column of figures is in, as every export's column header names it (CSV, XLSX and the
 * Word board pack): one source, so "54.5" under a neighbours' heading is never read as a
 * percentage or a count. Percentages are on a 0 to 100 scale.
 */
export const UNIT_HEADER_WORDS: Record<Unit, string> = {
  percent: '%',
  rate_per_10k: 'rate per 10,000 children',
  count: 'count',
  average: 'average',
  days: 'days',
  money: '£',
};

/** Where one column holds figures of several KPIs: the header points to the row's Unit column. */
export const UNIT_PER_ROW_WORDS = 'in the unit of its row, see Unit';

/** "Statistical neighbours (rate per 10,000 children)"; `per_row` for a column mixing KPIs. */
export function headerWithUnit(header: string, unit: Unit | 'per_row', qualifier?: string): string {
  const words = unit === 'per_row' ? UNIT_PER_ROW_WORDS : UNIT_HEADER_WORDS[unit];
  return `${header} (${words}${qualifier ? `; ${qualifier}` : ''})`;
}

/**
 * The unit inside a sentence ("… should be a rate per 10,000 children"): the same unit names as
 * the headers, with the grammar a sentence needs. One source for the returns checks and the
 * benchmark import's words.
 */
export const UNIT_IN_A_SENTENCE: Record<Unit, string> = {
  percent: 'a percentage',
  rate_per_10k: `a ${UNIT_HEADER_WORDS.rate_per_10k}`,
  count: 'a count',
  average: 'an average',
  days: 'a number of days',
  money: 'an amount of money',
};
