import {
  type BenchmarkUploadKind,
  type DfeTimingName,
  formatValue,
  type SuppressionSymbol,
  symbolMeaning,
  UNIT_IN_A_SENTENCE,
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

/** The unit inside a sentence: the shared words the returns checks use too. */
export const UNIT_WORDS: Record<Unit, string> = UNIT_IN_A_SENTENCE;

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
