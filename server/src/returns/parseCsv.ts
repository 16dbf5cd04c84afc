import { decodeWindows1252 } from '@kpi/readers';
import { MAX_RETURN_CELLS, MAX_RETURN_ROWS, type ReturnProblem } from '@kpi/shared';
import { CsvError, parse } from 'csv-parse/sync';
import { type Grid, type GridCell, problem } from './types';

/**
 * CSV bytes → a grid of text cells. Pure.
 *
 * Encoding: a UTF-8 byte-order mark or bytes that are valid UTF-8 are read as UTF-8; anything else
 * is read as Windows-1252 (what Excel on Windows writes for "CSV (Comma delimited)"), so `£`, `é`
 * and curly quotes survive either way. (A Windows-1252 file that happens to be valid UTF-8 would
 * need a non-ASCII character pair such as `Ã©`, which officers do not write.) UTF-16 (Excel's "Unicode Text") is refused with a way to fix it.
 * Delimiter: comma only; a file that looks semicolon- or tab-delimited is refused, saying so.
 */

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8 with BOM' | 'windows-1252';
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedText | { error: string } {
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    // UTF-16 without a BOM: every other byte of ASCII text is zero
    (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0)
  ) {
    return {
      error:
        'The file is UTF-16 text (Excel\'s "Unicode Text"), which we cannot read. In Excel use File > Save As and choose "CSV UTF-8 (Comma delimited) (*.csv)", or upload the .xlsx workbook itself.',
    };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { error: 'The file is not text, so it is not a CSV file. Upload a CSV file or an Excel workbook (.xlsx).' };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const invalid = firstInvalidUtf8(bytes);
  if (invalid < 0) {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: hasBom ? 'utf-8 with BOM' : 'utf-8' };
  }
  // UTF-8 with one stray byte (text pasted from another program) would be read wholly as
  // Windows-1252, garbling every accented letter of the rest ("Café" → "CafÃ©"): refused, saying where.
  if (hasBom || mostlyUtf8(bytes)) {
    const row = lineOf(bytes, invalid);
    return {
      error: `The file is UTF-8 text except for one byte (0x${bytes[invalid]!.toString(16).toUpperCase().padStart(2, '0')}) on row ${row}, which is not: read either way, some of its characters would come out wrong. Retype the character near there (often a curly apostrophe or a pound sign pasted from another program), or in Excel use File > Save As and choose "CSV UTF-8 (Comma delimited) (*.csv)".`,
    };
  }
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

/** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // overlong three- and four-byte forms, surrogates and code points past U+10FFFF
    const second = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

/**
 * Whether the bytes were written as UTF-8 with a few stray bytes: more of their non-ASCII bytes
 * begin well-formed multi-byte characters than stand alone. Windows-1252 text only rarely forms a
 * UTF-8 character ("é€’" does), and then beside many bytes that do not.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let characters = 0;
  let strays = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 1;
    if (length > 1 && firstInvalidUtf8(bytes.subarray(i, i + length)) < 0 && i + length <= bytes.length) {
      characters++;
      i += length;
    } else {
      strays++;
      i++;
    }
  }
  return characters > strays;
}

/** The 1-based line of a byte offset. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
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
  encoding: DecodedText['encoding'] | null;
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
  records.forEach((record, index) => {
    const row = index + 1;
    const cells = new Map<number, GridCell>();
    record.forEach((raw, colIndex) => {
      if (raw.trim() === '') return;
      cells.set(colIndex + 1, { row, col: colIndex + 1, raw, numFmt: null, address: null, unreadable: null });
    });
    if (cells.size > 0) rows.set(row, cells);
  });
  return { grid: { format: 'csv', rows, date1904: false }, encoding, problems: [] };
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
