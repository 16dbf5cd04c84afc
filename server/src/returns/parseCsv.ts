import { decodeTextBytes, type TextEncodingName } from '@kpi/readers';
import { MAX_RETURN_CELLS, MAX_RETURN_ROWS, type ReturnProblem } from '@kpi/shared';
import { CsvError, parse } from 'csv-parse/sync';
import { type Grid, type GridCell, problem } from './types';

/**
 * CSV bytes → a grid of text cells. Pure.
 *
 * Encoding: the one rule of `decodeTextBytes` (shared with the DfE, population and
 * statistical-neighbour imports): UTF-8 (with or without a byte-order mark), UTF-16 with a
 * byte-order mark (Excel's "Unicode Text"), or Windows-1252 (Excel's "CSV (Comma delimited)" on
 * Windows), so `£`, `é` and curly quotes survive; UTF-8 with stray bytes is refused naming the
 * rows, and UTF-16 without a byte-order mark is refused rather than guessed at.
 * Delimiter: comma only; a file that looks semicolon- or tab-delimited is refused, saying so.
 */

export interface DecodedCsv {
  text: string;
  encoding: TextEncodingName;
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv | { error: string } {
  const decoded = decodeTextBytes(bytes);
  if (!decoded.refusal) return { text: decoded.text, encoding: decoded.encoding };
  const { refusal } = decoded;
  if (refusal.code === 'not_text')
    return { error: `${refusal.message} Upload a CSV file or an Excel workbook (.xlsx).` };
  return { error: refusal.message };
}

function delimiterProblem(firstLine: string): string | null {
  const commas = (firstLine.match(/,/g) ?? []).length;
  const semicolons = (firstLine.match(/;/g) ?? []).length;
  const tabs = (firstLine.match(/\t/g) ?? []).length;
  if (semicolons > commas && semicolons >= 1) {
    return 'The file looks semicolon-delimited (the header row is separated by ";"), but returns must use commas. In Excel use File > Save As and choose "CSV UTF-8 (Comma delimited) (*.csv)", or upload the .xlsx workbook.';
  }
  if (tabs > commas && tabs >= 1) {
    return 'The file looks tab-delimited, but returns must use commas. In Excel use File > Save As and choose "CSV UTF-8 (Comma delimited) (*.csv)", or upload the .xlsx workbook.';
  }
  return null;
}

export interface CsvGrid {
  grid: Grid | null;
  encoding: TextEncodingName | null;
  problems: ReturnProblem[];
}

export const MAX_ROWS = MAX_RETURN_ROWS;

/**
 * Cells and rows in CSV text, counted in one pass that stops as soon as either limit is passed:
 * the parser never sees a file that could not be a return. Quoted commas and line breaks are
 * not cell boundaries.
 */
export function countCsvCells(text: string, limits = { cells: MAX_RETURN_CELLS, rows: MAX_ROWS }) {
  let cells = 1;
  let rows = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 0x2c) cells++;
    else if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      rows++;
      cells++;
    } else continue;
    if (cells > limits.cells || rows > limits.rows + 1) return { cells, rows, over: true };
  }
  return { cells, rows, over: false };
}

export function parseCsv(bytes: Uint8Array): CsvGrid {
  const decoded = decodeCsvBytes(bytes);
  if ('error' in decoded)
    return { grid: null, encoding: null, problems: [problem('file_unreadable', decoded.error, null)] };
  const { text, encoding } = decoded;

  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = delimiterProblem(firstLine);
  if (delimiter) {
    return {
      grid: null,
      encoding,
      problems: [problem('wrong_delimiter', delimiter, { row: 1, column: null, col: null, cell: null, text: 'row 1' })],
    };
  }

  const counted = countCsvCells(text);
  if (counted.over) {
    return {
      grid: null,
      encoding,
      problems: [
        problem(
          'too_many_rows',
          counted.rows > MAX_ROWS
            ? `The file has more than ${MAX_ROWS.toLocaleString('en-GB')} rows, the most a return can have, so it was not read further. Split it into smaller files.`
            : `The file has more than ${MAX_RETURN_CELLS.toLocaleString('en-GB')} cells, far more than a return can hold (${MAX_ROWS.toLocaleString('en-GB')} rows of a dozen columns), so it was not read further. Check that you chose the right file.`,
          null,
        ),
      ],
    };
  }

  let records: string[][];
  try {
    records = parse(text, {
      delimiter: ',',
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      const at = line ? { row: line, column: null, col: null, cell: null, text: `row ${line}` } : null;
      return {
        grid: null,
        encoding,
        problems: [problem('file_unreadable', `${csvErrorMessage(error)}`, at)],
      };
    }
    throw error;
  }

  if (records.length > MAX_ROWS) {
    return {
      grid: null,
      encoding,
      problems: [
        problem(
          'too_many_rows',
          `The file has ${records.length.toLocaleString('en-GB')} rows; a return can have at most ${MAX_ROWS.toLocaleString('en-GB')}. Split it into smaller files.`,
          null,
        ),
      ],
    };
  }

  const rows = new Map<number, Map<number, GridCell>>();
  const widths = new Map<number, number>();
  records.forEach((record, index) => {
    const row = index + 1;
    widths.set(row, record.length);
    const cells = new Map<number, GridCell>();
    record.forEach((raw, colIndex) => {
      if (raw.trim() === '') return;
      cells.set(colIndex + 1, { row, col: colIndex + 1, raw, numFmt: null, address: null, unreadable: null });
    });
    if (cells.size > 0) rows.set(row, cells);
  });
  return { grid: { format: 'csv', rows, date1904: false, widths }, encoding, problems: [] };
}

function csvErrorMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted cell is never closed: a " opens a cell that runs to the end of the file. Check for a stray double quote, or save the file again from Excel.';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'A quoted cell has text after its closing quote. Inside a quoted cell write a double quote as "", or save the file again from Excel.';
    case 'INVALID_OPENING_QUOTE':
      return 'A cell has a double quote in the middle of unquoted text. Put the whole cell in quotes and write the quote as "", or save the file again from Excel.';
    default:
      return `The file is not valid CSV (${error.message}). Save it again from Excel as "CSV UTF-8 (Comma delimited) (*.csv)".`;
  }
}
