import type { ReturnProblem } from '@kpi/shared';
import {
  dateToMonth,
  isSupportedMonth,
  parseDfeValue,
  readTextMonth,
  SUPPRESSION_SYMBOLS,
  supportedMonthsInWords,
  withoutFloatNoise,
} from '@kpi/shared';
import { type CellLocation, type GridCell, problem, type ReadValue } from './types';

/**
 * Reading single cells: figures, symbols and months. Pure; no KPI knowledge (the validator
 * checks the figure against the KPI's unit). Nothing is guessed: a cell that is not in one of the
 * accepted forms is reported, never coerced.
 */

export const SYMBOL_LIST = SUPPRESSION_SYMBOLS.join(', ');

export const VALUE_HELP = `Enter a number such as 12.5, 12.5% or 1,234, or one of the symbols ${SYMBOL_LIST}; leave the cell empty if there is no figure.`;

/** The problem for a cell that is not a figure: why, or what a figure looks like. */
export function invalidValue(
  text: string,
  reason: string | null,
  at: CellLocation,
  kpiCode: string | null,
  month: string | null,
): ReturnProblem {
  return problem('invalid_value', reason ?? `"${text}" is not a figure we can read. ${VALUE_HELP}`, at, {
    kpiCode,
    month,
  });
}

export { MONTH_HELP, readTextMonth } from '@kpi/shared';

/** A figure typed as text: `12.5`, `12.5%`, `1,234`, a symbol (`c`, `[x]`, any case) or empty. */
export function readTextValue(raw: string): ReadValue {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  const percentSign = text.endsWith('%');
  const body = percentSign ? text.slice(0, -1).trimEnd() : text;
  try {
    const parsed = parseDfeValue(body);
    if (parsed.symbol) {
      // `c%` is not a symbol
      if (percentSign) return { kind: 'invalid', text };
      return { kind: 'symbol', symbol: parsed.symbol, text };
    }
    if (parsed.value !== null) return { kind: 'number', value: parsed.value, text, percentSign, percentFormat: false };
  } catch {
    // falls through: not a figure
  }
  return { kind: 'invalid', text };
}

/** Whether an Excel number format shows the number as a percentage (ignoring quoted text and [..] sections). */
export function isPercentFormat(numFmt: string | null): boolean {
  if (!numFmt) return false;
  const bare = numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/\\./g, '');
  return bare.includes('%');
}

/** What a grid cell shows, for messages. */
export function cellText(cell: GridCell | undefined): string {
  if (!cell || cell.raw === null) return '';
  if (cell.raw instanceof Date) return Number.isNaN(cell.raw.getTime()) ? '' : cell.raw.toISOString().slice(0, 10);
  return String(cell.raw).trim();
}

/**
 * A figure from a grid cell. XLSX number cells are taken as stored, except that a cell with a
 * percentage format holding 0.125 (shown as 12.5%) means 12.5. Returns the reason when the cell
 * cannot be a figure.
 */
export function readCellValue(cell: GridCell | undefined): { value: ReadValue; reason: string | null } {
  if (!cell || cell.raw === null) return { value: { kind: 'empty' }, reason: null };
  if (cell.unreadable) return { value: { kind: 'invalid', text: '' }, reason: cell.unreadable };
  const { raw } = cell;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { value: { kind: 'invalid', text: String(raw) }, reason: null };
    if (isPercentFormat(cell.numFmt)) {
      const value = withoutFloatNoise(raw * 100);
      return {
        value: { kind: 'number', value, text: `${value}%`, percentSign: false, percentFormat: true },
        reason: null,
      };
    }
    return {
      value: {
        kind: 'number',
        value: raw === 0 ? 0 : raw,
        text: String(raw),
        percentSign: false,
        percentFormat: false,
      },
      reason: null,
    };
  }
  if (typeof raw === 'boolean') {
    return {
      value: { kind: 'invalid', text: raw ? 'TRUE' : 'FALSE' },
      reason: `The cell holds ${raw ? 'TRUE' : 'FALSE'}, not a figure.`,
    };
  }
  if (raw instanceof Date) {
    return {
      value: { kind: 'invalid', text: cellText(cell) },
      reason: `The cell holds a date (${cellText(cell)}), not a figure. Format the cell as a number.`,
    };
  }
  const value = readTextValue(raw);
  return { value, reason: null };
}

/** Excel day numbers that fall in 1990–2099: anything else is not a month we would ever load. */
const MIN_SERIAL_YEAR = 1990;
const MAX_SERIAL_YEAR = 2099;

/**
 * The month of an Excel date serial. In the 1900 system day 1 is 1 January 1900 and Excel counts
 * a 29 February 1900 that never was, so from day 61 on the serial counts from 30 December 1899;
 * in the 1904 system (old Excel for Mac) day 0 is 1 January 1904. A time of day is ignored.
 */
export function excelSerialToMonth(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const day = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const date = new Date(epoch + day * 86_400_000);
  const year = date.getUTCFullYear();
  if (year < MIN_SERIAL_YEAR || year > MAX_SERIAL_YEAR) return null;
  return dateToMonth(date);
}

/**
 * A month from a grid cell: text, an Excel date (any day of the month) or a date serial. A month
 * outside the supported years (0000-01, 9999-12) is not read: `outsideYears` says so, so the cell
 * is refused with the years named, and no date arithmetic ever sees it.
 */
export function readCellMonth(
  cell: GridCell | undefined,
  date1904: boolean,
): { month: string | null; text: string; outsideYears: boolean } {
  const read = readAnyCellMonth(cell, date1904);
  if (read.month !== null && !isSupportedMonth(read.month)) return { month: null, text: read.text, outsideYears: true };
  return { ...read, outsideYears: false };
}

/** The words for a month cell outside the supported years. */
export function outsideYearsMessage(text: string): string {
  return `"${text}" is outside the months this dashboard holds. ${supportedMonthsInWords()}.`;
}

function readAnyCellMonth(cell: GridCell | undefined, date1904: boolean): { month: string | null; text: string } {
  const text = cellText(cell);
  if (!cell || cell.raw === null || cell.unreadable) return { month: null, text };
  const { raw } = cell;
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { month: null, text };
    const year = raw.getUTCFullYear();
    if (year < MIN_SERIAL_YEAR || year > MAX_SERIAL_YEAR) return { month: null, text };
    return { month: dateToMonth(raw), text };
  }
  if (typeof raw === 'number') return { month: excelSerialToMonth(raw, date1904), text };
  if (typeof raw === 'string') return { month: readTextMonth(raw), text };
  return { month: null, text };
}
