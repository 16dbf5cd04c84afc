import { SUPPRESSION_SYMBOLS, type SuppressionSymbol } from '../contracts/enums';
import { withoutFloatNoise } from './rounding';

/**
 * Statistical-neighbour averages and DfE cell parsing.
 */

export interface NeighbourAverage {
  /** Plain mean of the neighbours that have a number; null when none has. */
  value: number | null;
  /** How many neighbours had a number. */
  contributing: number;
  /** How many neighbours there are. */
  of: number;
}

/**
 * DfE's convention: the plain (unweighted) mean of the neighbours' values. A suppressed or
 * missing neighbour (null) is left out, and `contributing` of `of` shows it. Unrounded, apart from
 * removing floating-point noise (so a mean of exactly 54.45 is not 54.4499…).
 */
export function statisticalNeighbourAverage(
  values: ReadonlyArray<{ areaCode: string; value: number | null }>,
): NeighbourAverage {
  const seen = new Set<string>();
  let sum = 0;
  let contributing = 0;
  for (const { areaCode, value } of values) {
    if (seen.has(areaCode)) throw new Error(`Neighbour ${areaCode} appears twice`);
    seen.add(areaCode);
    if (value === null) continue;
    if (!Number.isFinite(value))
      throw new RangeError(`Neighbour ${areaCode} has a value that is not a number: ${value}`);
    sum += value;
    contributing++;
  }
  return { value: contributing === 0 ? null : withoutFloatNoise(sum / contributing), contributing, of: values.length };
}

export interface DfeValue {
  value: number | null;
  symbol: SuppressionSymbol | null;
}

const SYMBOLS: readonly string[] = SUPPRESSION_SYMBOLS;
const NUMBER_PATTERN = /^[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?$/;

/**
 * One cell of a DfE file: a number (thousands commas allowed, `27,938` → 27938), a suppression
 * symbol (`c`, `x`, `z`, `low`, `u`, also bracketed as in spreadsheets: `[c]`; any letter case) —
 * never turned into zero — or empty (both null). Anything else throws, naming the cell.
 */
export function parseDfeValue(raw: string): DfeValue {
  const text = raw.trim();
  if (text === '') return { value: null, symbol: null };
  const bare = text.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (SYMBOLS.includes(bare)) return { value: null, symbol: bare as SuppressionSymbol };
  if (NUMBER_PATTERN.test(text) && /\d/.test(text)) {
    const value = Number(text.replace(/,/g, ''));
    if (Number.isFinite(value)) return { value: value === 0 ? 0 : value, symbol: null };
  }
  throw new Error(
    `Unrecognised DfE value ${JSON.stringify(raw)}: expected a number (e.g. 27,938 or 58.8), a suppression symbol (${SUPPRESSION_SYMBOLS.join(', ')}, or bracketed like [c]) or an empty cell`,
  );
}
