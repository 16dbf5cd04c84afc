import {
  type BenchmarkUploadKind,
  type DfeTimingName,
  formatValue,
  type SuppressionSymbol,
  symbolMeaning,
  type Unit,
} from '@kpi/shared';

export const KIND_WORDS: Record<BenchmarkUploadKind, string> = {
  dfe_release: 'DfE release',
  ons_population: 'ONS population',
  sn_model: 'Statistical neighbours',
};

export const TIMING_WORDS: Record<DfeTimingName, string> = {
  at31March: 'A position at 31 March',
  yearToMarch: 'Events in the year to 31 March',
  workforceCensus: 'The workforce census at 30 September',
};

export const UNIT_WORDS: Record<Unit, string> = {
  percent: 'a percentage',
  rate_per_10k: 'a rate per 10,000 children',
  count: 'a count',
  average: 'an average',
  days: 'a number of days',
  money: 'an amount of money',
};

// One rule for counts and their nouns, shared with the server's messages.
export { plural } from '@kpi/shared';

/** A DfE figure as the file gives it: a number in the KPI's precision, or its suppression symbol. */
export function figureText(
  figure: { value: number | null; symbol: SuppressionSymbol | null } | null,
  unit: Unit,
  precision: number,
): string {
  if (!figure) return 'Not in the file';
  return formatValue(figure.value, unit, precision, figure.symbol);
}

export { symbolMeaning };

/** `c` → `confidential`: the symbol's meaning in a word or two, for a table cell. */
export function shortMeaning(symbol: SuppressionSymbol): string {
  return symbolMeaning(symbol).split(':')[0]!.toLowerCase();
}
