import type { SuppressionSymbol, Unit } from '../contracts/enums';
import { assertDate, parseFinancialYear, parseMonth } from './periods';
import { assertPrecision, roundToPrecision } from './rounding';

/**
 * en-GB display of every unit, shared by the client and the exports. Numbers are first rounded
 * with the decimal-correct `roundToPrecision` (the same rounding the RAG rating uses), then laid
 * out by Intl.NumberFormat('en-GB') with exactly `precision` decimals.
 */

export const NO_DATA_TEXT = 'No data';
/** A month the reader may not see yet: said as such, never as "No data" (which would claim none was reported). */
export const NOT_PUBLISHED_TEXT = 'Not published yet';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(minimumFractionDigits: number, maximumFractionDigits: number, money: boolean): Intl.NumberFormat {
  const key = `${minimumFractionDigits}:${maximumFractionDigits}:${money}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', {
      ...(money ? { style: 'currency', currency: 'GBP' } : {}),
      minimumFractionDigits,
      maximumFractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** A number rounded to `precision` and shown with exactly that many decimals: 27938 → `'27,938'`. */
export function formatNumber(value: number, precision: number): string {
  assertPrecision(precision);
  return numberFormat(precision, precision, false).format(roundToPrecision(value, precision));
}

/** A threshold or other exact figure with only the decimals it needs: 18.5 → `'18.5'`, 75 → `'75'`. */
export function formatPlainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot format a value that is not a finite number: ${value}`);
  return numberFormat(0, 15, false).format(value);
}

export interface FormatOptions {
  /**
   * Short form for tables and charts: drops the word suffixes (`'58.8'` instead of
   * `'58.8 per 10,000'`, `'12'` instead of `'12 days'`). `%` and `£` stay, being part of the number.
   */
  short?: boolean;
}

function withUnit(numberText: string, unit: Unit, short: boolean): string {
  switch (unit) {
    case 'percent':
      return `${numberText}%`;
    case 'rate_per_10k':
      return short ? numberText : `${numberText} per 10,000`;
    case 'days':
      return short ? numberText : `${numberText} ${numberText === '1' ? 'day' : 'days'}`;
    case 'count':
    case 'average':
    case 'money':
      return numberText;
  }
}

/**
 * A figure for display: percent `'75.0%'`, rate_per_10k `'58.8 per 10,000'` (short `'58.8'`),
 * count `'27,938'`, average `'22.02'`, days `'12 days'`, money `'£6,508'`. Percent values are
 * on the 0–100 scale (75 means 75%). A suppression symbol is shown as the symbol itself (`'c'`;
 * see `symbolMeaning`), whatever the value; no value → `'No data'`.
 */
export function formatValue(
  value: number | null,
  unit: Unit,
  precision: number,
  symbol?: SuppressionSymbol | null,
  options: FormatOptions = {},
): string {
  assertPrecision(precision);
  if (symbol) return symbol;
  if (value === null) return NO_DATA_TEXT;
  const rounded = roundToPrecision(value, precision);
  const numberText = numberFormat(precision, precision, unit === 'money').format(rounded);
  return withUnit(numberText, unit, options.short === true);
}

/** A threshold value with its unit, in the fewest decimals it needs: `'75%'`, `'65 per 10,000'`, `'18.5'`. */
export function formatThresholdValue(value: number, unit: Unit): string {
  const numberText = unit === 'money' ? numberFormat(0, 15, true).format(value) : formatPlainNumber(value);
  return withUnit(numberText, unit, false);
}

const SYMBOL_MEANINGS: Record<SuppressionSymbol, string> = {
  c: 'Confidential: the figure is suppressed to protect confidentiality',
  x: 'Not available: the figure is unavailable, for example because it was not collected',
  z: 'Not applicable: no figure applies here',
  low: 'Low: a positive figure that rounds to zero at the precision shown, not zero',
  u: 'Low reliability: the figure is too unreliable to publish',
};

/** What a DfE suppression symbol means, in plain English. None of them means zero. */
export function symbolMeaning(symbol: SuppressionSymbol): string {
  return SYMBOL_MEANINGS[symbol];
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * `'2021-03'` → `'March 2021'`; short `'Mar 2021'`. The short names are fixed three-letter
 * abbreviations (not Intl, whose en-GB data gives 'Sept' in some runtimes and not others), so
 * the server, the browser and the exports always agree.
 */
export function formatMonth(month: string, style: 'long' | 'short' = 'long'): string {
  const parsed = parseMonth(month);
  const name = MONTH_NAMES[parsed.month - 1] ?? '';
  return `${style === 'short' ? name.slice(0, 3) : name} ${parsed.year}`;
}

/** `'2020-07-21'` → `'21 July 2020'`. */
export function formatDate(date: string): string {
  assertDate(date);
  const name = MONTH_NAMES[Number(date.slice(5, 7)) - 1] ?? '';
  return `${Number(date.slice(8, 10))} ${name} ${Number(date.slice(0, 4))}`;
}

/** `'2020-21'` → `'2020/21'`, the form the council papers print. */
export function formatFinancialYear(fy: string): string {
  parseFinancialYear(fy);
  return fy.replace('-', '/');
}

/**
 * A movement between two figures of a unit, signed: `'+2.5 percentage points'`, `'−19.1 per 10,000'`,
 * `'+3'`, `'No change'`. Percent differences are percentage points, not per cent of the earlier figure.
 */
export function formatDifference(difference: number, unit: Unit, precision: number): string {
  assertPrecision(precision);
  const rounded = roundToPrecision(difference, precision);
  if (rounded === 0) return 'No change';
  const sign = rounded > 0 ? '+' : '\u2212';
  const magnitude = numberFormat(precision, precision, unit === 'money').format(Math.abs(rounded));
  switch (unit) {
    case 'percent':
      return `${sign}${magnitude} percentage ${Math.abs(rounded) === 1 ? 'point' : 'points'}`;
    case 'rate_per_10k':
      return `${sign}${magnitude} per 10,000`;
    case 'days':
      return `${sign}${magnitude} ${Math.abs(rounded) === 1 ? 'day' : 'days'}`;
    default:
      return `${sign}${magnitude}`;
  }
}

/** "1 row", "2,345 rows", "3 children": a count and its noun, the count written as the UK writes it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
