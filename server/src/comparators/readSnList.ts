import { decodeCsvBytes, parseCsvCells, parseSnList, type SnList, TidyCsvError } from '@kpi/readers';
import { type CellValue, ExcelJS, type Worksheet } from '../returns/excel';
import { checkZipSafety } from '../returns/zipSafety';

/**
 * A statistical-neighbour list file → the parsed list, whatever form DfE published it in: the CSV
 * (April 2021 groupings, 2025 wide file) or the workbook (sn_april_2021.xlsx, sn_may_2025.xlsx).
 * A workbook goes through the same zip checks as a monthly return before exceljs opens it. The
 * sheet and its header row are found by looking for the SN1 heading, not by fixed addresses:
 * DfE's workbooks put two rows of column letters and numbers above the headings, and the sheet
 * name or those rows may change between releases.
 */

/** How far down a sheet the heading row may be. */
const MAX_HEADER_ROW = 30;
/**
 * The widest and longest list read: DfE's lists are about 30 columns by 155 rows (one per local
 * authority). A cell far away (XFD1, or row 1,048,576) costs the zip checks nothing, but reading
 * every row to its width would make billions of cells.
 */
export const MAX_SN_COLUMNS = 200;
export const MAX_SN_ROWS = 2_000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function isWorkbookFile(fileName: string, bytes: Buffer): boolean {
  return /\.xlsx$/i.test(fileName) || bytes.subarray(0, 4).equals(ZIP_MAGIC);
}

export async function readSnList(fileName: string, bytes: Buffer): Promise<SnList & { sheet: string | null }> {
  if (!isWorkbookFile(fileName, bytes)) return { ...parseSnList(parseCsvCells(decodeCsvBytes(bytes))), sheet: null };
  const sheet = await openSnSheet(fileName, bytes);
  return { ...parseSnList(sheet.rows, sheet.locate), sheet: sheet.name };
}

function refuse(message: string): never {
  throw new TidyCsvError('not_sn_list', message);
}

async function openSnSheet(fileName: string, bytes: Buffer) {
  if (bytes.length === 0) throw new TidyCsvError('file_empty', 'The file is empty.');
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    refuse(
      `${JSON.stringify(fileName)} is named as an Excel workbook (.xlsx) but is not one: its contents are not a workbook. Upload DfE's statistical-neighbour workbook as downloaded, or its CSV version.`,
    );
  }
  const refusal = await checkZipSafety(bytes);
  if (refusal) refuse(`The statistical-neighbour workbook was not opened. ${refusal.message}`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    refuse(
      'The file is a zip archive but not an Excel workbook that can be read. Save it from Excel as an Excel Workbook (.xlsx), or upload the CSV version.',
    );
  }
  const visible = workbook.worksheets.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  const candidates = visible
    .map((sheet) => ({ sheet, headerRow: findHeaderRow(sheet) }))
    .filter((c): c is { sheet: Worksheet; headerRow: number } => c.headerRow !== null);
  const found = candidates.find((c) => /sn|neighbour/i.test(c.sheet.name)) ?? candidates[0];
  if (!found) {
    const names = visible.map((s) => JSON.stringify(s.name)).join(', ');
    refuse(
      `The workbook has no sheet with a statistical-neighbour list: none of its sheets (${names || 'none visible'}) has an SN1 (or SN_1) heading in its first ${MAX_HEADER_ROW} rows. Use DfE's children's services statistical-neighbour workbook (its "LA SN Groups" sheet).`,
    );
  }
  const { sheet, headerRow } = found;
  const quoted = /^[A-Za-z0-9_]+$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
  const locate = (line: number, column: number | null, heading: string | null) =>
    column === null
      ? `${quoted}!${line}:${line}`
      : `${quoted}!${columnLetters(column + 1)}${line}${heading ? ` (${heading})` : ''}`;
  // Only the cells that hold something are visited: a sheet's rows and widths are where its last
  // cell is, which may be anywhere.
  const filled: Array<{ line: number; cells: Map<number, string> }> = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line < headerRow) return;
    const cells = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const text = cellText(cell.value);
      if (text.trim() === '') return;
      cells.set(column, text);
      width = Math.max(width, column);
    });
    if (cells.size > 0) filled.push({ line, cells });
  });
  if (width > MAX_SN_COLUMNS) {
    refuse(
      `The sheet ${JSON.stringify(sheet.name)} has something in column ${columnLetters(width)}; a statistical-neighbour list has at most ${MAX_SN_COLUMNS} columns. Delete what is beside the list, or upload DfE's workbook as downloaded.`,
    );
  }
  if (filled.length > MAX_SN_ROWS) {
    refuse(
      `The sheet ${JSON.stringify(sheet.name)} has ${filled.length.toLocaleString('en-GB')} rows below its headings; a statistical-neighbour list has one per local authority (at most ${MAX_SN_ROWS.toLocaleString('en-GB')} are read). Delete what is below the list, or upload DfE's workbook as downloaded.`,
    );
  }
  const rows = filled.map(({ line, cells }) => ({
    line,
    cells: Array.from({ length: width }, (_, i) => cells.get(i + 1) ?? ''),
  }));
  return { name: sheet.name, rows, locate };
}

function findHeaderRow(sheet: Worksheet): number | null {
  let found: number | null = null;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (found !== null || line > MAX_HEADER_ROW) return;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (found === null && /^sn_?1$/i.test(cellText(cell.value).trim())) found = line;
    });
  });
  return found;
}

/** A cell as the text a CSV would hold: numbers as written, formulas by their saved result. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as CellValue);
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return '';
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
