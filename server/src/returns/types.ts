import type { ReturnFileFormat, ReturnLayout, ReturnProblem, ReturnProblemCode, SuppressionSymbol } from '@kpi/shared';

/** Where something is in the file, for messages: `row 4, column "2021-03"` (CSV) or `C4` (XLSX). */
export interface CellLocation {
  row: number;
  /** The column's heading, or `column 3` style text when the heading is empty. */
  column: string | null;
  /** 1-based column number; null for a whole row. */
  col: number | null;
  /** The A1 reference; XLSX only. */
  cell: string | null;
  text: string;
}

/** One cell as read from the file, before any interpretation. */
export interface GridCell {
  row: number;
  col: number;
  /** CSV cells are always strings; XLSX cells keep their type. */
  raw: string | number | boolean | Date | null;
  /** The XLSX number format (`0.0%`, `mmm-yy`), when the cell has one. */
  numFmt: string | null;
  /** The A1 reference (XLSX) or null (CSV). */
  address: string | null;
  /** Why the cell cannot be read at all (a formula with no saved result, an Excel error value…). */
  unreadable: string | null;
}

/** The cells of one sheet: rows of cells, 1-based, sparse. */
export interface Grid {
  format: ReturnFileFormat;
  /** Keyed by row number; each row keyed by column number. */
  rows: Map<number, Map<number, GridCell>>;
  /** The XLSX workbook uses the 1904 date system (Excel for Mac before 2011). */
  date1904: boolean;
  /** CSV only: how many cells each row has as written, empty ones included. */
  widths?: Map<number, number>;
}

/** A problem at a place in the file. */
export function problem(
  code: ReturnProblemCode,
  message: string,
  at: CellLocation | null,
  extra: { kpiCode?: string | null; month?: string | null; severity?: ReturnProblem['severity'] } = {},
): ReturnProblem {
  return {
    severity: extra.severity ?? 'error',
    code,
    location: at?.text ?? null,
    row: at?.row ?? null,
    column: at?.column ?? null,
    columnNumber: at?.col ?? null,
    cell: at?.cell ?? null,
    kpiCode: extra.kpiCode ?? null,
    month: extra.month ?? null,
    message,
  };
}

/** A value cell, read but not yet checked against the KPI. */
export type ReadValue =
  | {
      kind: 'number';
      value: number;
      /** What the cell showed, for messages. */
      text: string;
      /** Written with a `%` sign (`12.5%`). */
      percentSign: boolean;
      /** An XLSX number cell with a percentage format: 0.125 shown as 12.5%, already multiplied by 100. */
      percentFormat: boolean;
    }
  | { kind: 'symbol'; symbol: SuppressionSymbol; text: string }
  | { kind: 'empty' }
  /** Could not be read; the parser has already reported why. */
  | { kind: 'invalid'; text: string };

/** One KPI-month found in the file. */
export interface ReadRow {
  kpiCode: string;
  kpiAt: CellLocation;
  /** Null when the month could not be read (already reported); the row is still checked otherwise. */
  month: string | null;
  monthAt: CellLocation;
  value: ReadValue;
  valueAt: CellLocation;
  numerator: ReadValue;
  numeratorAt: CellLocation | null;
  denominator: ReadValue;
  denominatorAt: CellLocation | null;
  comment: string | null;
}

/** What the parser made of the file. */
export interface ReadReturn {
  format: ReturnFileFormat | null;
  layout: ReturnLayout | null;
  encoding: string | null;
  sheetName: string | null;
  rows: ReadRow[];
  problems: ReturnProblem[];
}
