import { type DfeValue, parseDfeValue, SUPPRESSION_SYMBOLS } from '@kpi/shared';
import { CsvError, parse } from 'csv-parse/sync';
import { decodeTextBytes } from './text/decodeText';

/**
 * The one reader of DfE "tidy CSV" files (the Explore Education Statistics layout: `time_period`,
 * `time_identifier`, `geographic_level`, the geography columns, then one column per measure),
 * shared by the demo seed and the benchmark import. Pure: bytes or text in, rows out; no files,
 * no database. Everything a person could get wrong in a file is a `TidyCsvError` that says what
 * and where (row numbers as a spreadsheet shows them: the header is row 1).
 */

export type CsvRow = Record<string, string>;

/** The columns every EES tidy CSV has; a file without them is not in the layout. */
export const TIDY_REQUIRED_COLUMNS = ['time_period', 'time_identifier', 'geographic_level'] as const;

/** Time and geography columns: the key of a row, never a measure. */
export const TIDY_KEY_COLUMNS: ReadonlySet<string> = new Set([
  'time_period',
  'time_identifier',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'old_la_code',
  'new_la_code',
  'la_name',
]);

export type TidyProblemCode =
  | 'file_empty'
  | 'not_csv'
  | 'malformed'
  | 'wrong_delimiter'
  | 'missing_heading'
  | 'duplicate_column'
  | 'row_length'
  | 'not_tidy'
  | 'not_sn_list';

export interface TidyProblem {
  /** Where: `file`, or `file.row.12` / `file.row.12.ICPC`. */
  path: string;
  message: string;
}

/** A file that cannot be read as a DfE tidy CSV (or an SN list), with where and why. */
export class TidyCsvError extends Error {
  constructor(
    readonly code: TidyProblemCode,
    message: string,
    readonly problems: TidyProblem[] = [{ path: 'file', message }],
  ) {
    super(message);
    this.name = 'TidyCsvError';
  }
}

/** A cell that is neither a number, a suppression symbol nor empty. */
export class TidyCellError extends Error {
  constructor(
    readonly row: number,
    readonly column: string,
    readonly raw: string,
  ) {
    super(
      `Row ${row}, column ${column}: ${JSON.stringify(raw)} is not a number or a suppression symbol (${SUPPRESSION_SYMBOLS.join(', ')})`,
    );
    this.name = 'TidyCellError';
  }
}

export interface TidyTable {
  /** Headings in file order. */
  columns: string[];
  /** One object per data row, keyed by heading. */
  records: CsvRow[];
  /** The spreadsheet row number of each record (header = 1). */
  rowNumbers: number[];
}

// ---------------------------------------------------------------- bytes → text → rows

/**
 * Bytes to text by the one rule of `decodeTextBytes` (UTF-8, UTF-16 with a byte-order mark, or
 * Windows-1252; UTF-8 with stray bytes refused with their rows). Zip/Excel workbooks, binary files
 * and NUL characters anywhere (which no cell can hold) are refused too.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new TidyCsvError('file_empty', 'The file is empty.');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new TidyCsvError(
      'not_csv',
      'This is an Excel workbook or zip file, not a CSV. Download the CSV from Explore Education Statistics ("Download data (CSV)").',
    );
  }
  const decoded = decodeTextBytes(bytes);
  if (decoded.refusal) {
    const { refusal } = decoded;
    const problems =
      refusal.code === 'stray_bytes'
        ? refusal.rows.map((row) => ({ path: `file.row.${row}`, message: refusal.message }))
        : undefined;
    throw new TidyCsvError('not_csv', refusal.message, problems);
  }
  const nul = decoded.text.indexOf('\u0000');
  if (nul >= 0) {
    const line = decoded.text.slice(0, nul).split(/\r\n|\n|\r/).length;
    throw new TidyCsvError('not_csv', `Line ${line} holds a NUL character, so the file is not text.`, [
      { path: `file.row.${line}`, message: 'A NUL character is not text' },
    ]);
  }
  return decoded.text;
}

/** A CSV as rows of cells with the line each row starts on; syntax errors say which line. */
export function parseCsvCells(text: string): Array<{ line: number; cells: string[] }> {
  if (text.trim() === '') throw new TidyCsvError('file_empty', 'The file is empty.');
  try {
    const parsed = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    // info.lines is the line a record ends on; a quoted cell spanning lines moves its start back.
    return parsed.map(({ record, info }) => {
      let spanned = 0;
      for (const cell of record) if (cell.includes('\n')) spanned += cell.split('\n').length - 1;
      return { line: info.lines - spanned, cells: record };
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const where = line ? `Line ${line}: ` : '';
      throw new TidyCsvError('malformed', `${where}the file is not valid CSV (${error.message}).`, [
        { path: line ? `file.row.${line}` : 'file', message: `${where}${error.message}` },
      ]);
    }
    throw error;
  }
}

/**
 * A header row and its data rows as a table. Headings are trimmed; duplicate or missing headings
 * are errors (an unnamed column with no data, e.g. a trailing comma, is ignored); a row with
 * more or fewer cells than the header is an error naming the row.
 */
export function tableFromCells(rows: Array<{ line: number; cells: string[] }>): TidyTable {
  const [header, ...data] = rows;
  if (!header) throw new TidyCsvError('file_empty', 'The file is empty.');
  const headings = header.cells.map((h) => h.trim());
  const keep: number[] = [];
  const seen = new Map<string, number>();
  const problems: TidyProblem[] = [];
  headings.forEach((heading, index) => {
    if (heading === '') {
      if (data.some((r) => (r.cells[index] ?? '').trim() !== '')) {
        problems.push({ path: `file.column.${index + 1}`, message: `Column ${index + 1} has data but no heading.` });
      }
      return;
    }
    const first = seen.get(heading);
    if (first !== undefined) {
      problems.push({
        path: `file.column.${index + 1}`,
        message: `Columns ${first + 1} and ${index + 1} are both headed ${JSON.stringify(heading)}.`,
      });
      return;
    }
    seen.set(heading, index);
    keep.push(index);
  });
  const duplicate = problems.find((p) => p.message.includes('both headed'));
  if (problems.length > 0) {
    throw new TidyCsvError(
      duplicate ? 'duplicate_column' : 'missing_heading',
      duplicate ? `Two columns have the same heading: ${duplicate.message}` : problems[0]!.message,
      problems,
    );
  }
  const columns = keep.map((i) => headings[i]!);
  const records: CsvRow[] = [];
  const rowNumbers: number[] = [];
  const lengthProblems: TidyProblem[] = [];
  for (const { line, cells } of data) {
    const extra = cells.slice(headings.length).some((c) => c.trim() !== '');
    if (cells.length < headings.length || extra) {
      if (lengthProblems.length < 20) {
        lengthProblems.push({
          path: `file.row.${line}`,
          message: `Row ${line} has ${cells.length} cells but the header has ${headings.length}.`,
        });
      }
      continue;
    }
    const record: CsvRow = {};
    for (let k = 0; k < keep.length; k++) record[columns[k]!] = cells[keep[k]!] ?? '';
    records.push(record);
    rowNumbers.push(line);
  }
  if (lengthProblems.length > 0) {
    throw new TidyCsvError(
      'row_length',
      `${lengthProblems[0]!.message} Every row must have one cell per column.`,
      lengthProblems,
    );
  }
  return { columns, records, rowNumbers };
}

/** A header row separated by semicolons, tabs or pipes rather than commas is refused before parsing. */
function assertCommaSeparated(text: string): void {
  const end = text.search(/\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  if (!header.includes(',') && /[;\t|]/.test(header)) {
    throw new TidyCsvError(
      'wrong_delimiter',
      'The header is separated by semicolons, tabs or bars: the file must be comma-separated, as DfE publishes it.',
    );
  }
}

/** Bytes or text → a table (any CSV with a header row). */
export function readCsvTable(input: Uint8Array | string, checkHeader?: (headings: string[]) => void): TidyTable {
  const text = typeof input === 'string' ? input : decodeCsvBytes(input);
  assertCommaSeparated(text);
  const cells = parseCsvCells(text);
  checkHeader?.((cells[0]?.cells ?? []).map((h) => h.trim()));
  return tableFromCells(cells);
}

/** Throws unless the header has the tidy-CSV key columns (checked before any row is read). */
function assertTidyHeader(headings: string[]): void {
  const missing = TIDY_REQUIRED_COLUMNS.filter((c) => !headings.includes(c));
  if (missing.length > 0) throw notTidy(missing);
}

function notTidy(missing: string[]): TidyCsvError {
  return new TidyCsvError(
    'not_tidy',
    `The file is not in the DfE tidy-CSV layout: it has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}. Download the file from Explore Education Statistics ("Download data (CSV)"), whose columns start time_period, time_identifier, geographic_level.`,
    missing.map((c) => ({ path: 'file.columns', message: `No ${c} column` })),
  );
}

/** Throws unless the table has the tidy-CSV key columns and, for its rows, a way to say where. */
export function assertTidyLayout(table: TidyTable): void {
  const missing: string[] = TIDY_REQUIRED_COLUMNS.filter((c) => !table.columns.includes(c));
  const levels = new Set(table.records.map((r) => r.geographic_level));
  if (levels.has('Regional') && !table.columns.includes('region_code')) missing.push('region_code');
  if (levels.has('Local authority') && !table.columns.includes('old_la_code') && !table.columns.includes('new_la_code'))
    missing.push('old_la_code or new_la_code');
  if (missing.length > 0) throw notTidy(missing);
  if (table.records.length === 0) throw new TidyCsvError('file_empty', 'The file has a header but no rows.');
}

/** A DfE tidy CSV: read, and checked to be in the layout. */
export function readTidyCsv(input: Uint8Array | string): TidyTable {
  const table = readCsvTable(input, assertTidyHeader);
  assertTidyLayout(table);
  return table;
}

/** One cell as a DfE value; anything else throws a `TidyCellError` naming the row and column. */
export function tidyCell(record: CsvRow, column: string, row: number): DfeValue {
  const raw = record[column];
  if (raw === undefined) throw new TidyCellError(row, column, '');
  try {
    return parseDfeValue(raw);
  } catch {
    throw new TidyCellError(row, column, raw);
  }
}
