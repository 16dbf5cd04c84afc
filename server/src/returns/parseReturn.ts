import type { ReturnLayout, ReturnProblem } from '@kpi/shared';
import { overlongRowProblems } from './csvRowWidth';
import { controlCharacterProblems, notAReturnMessage } from './fileChecks';
import { findHeader } from './gridLocator';
import { readLongLayout } from './longLayout';
import { parseCsv } from './parseCsv';
import { parseXlsx } from './parseXlsx';
import { type Grid, problem, type ReadReturn, type ReadRow } from './types';
import { readWideLayout } from './wideLayout';
import { MAX_UPLOAD_BYTES } from './zipSafety';

/**
 * Bytes → the KPI-months in the file and every problem found while reading it. Pure apart from
 * being async (exceljs). Two layouts are accepted:
 * - wide (the template): a header row `kpi_code, title, units, 2021-03, 2021-04, …`, one row per
 *   KPI, one column per month. An empty cell means no figure was submitted for that month.
 * - long: a header row with `kpi_code, month, value` and optionally `numerator, denominator,
 *   comment`, one row per KPI-month.
 * The header row is the first row (of the first 20) that has a `kpi_code` heading.
 */

/** The contract schedule reader locates its cells the same way. */
export { columnLetters } from './gridLocator';

export type FileKind = 'csv' | 'xlsx' | 'xls';

/** What the bytes are, by their first bytes rather than the name (which can lie). */
export function sniffFormat(bytes: Uint8Array): FileKind {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

export async function readReturnFile(bytes: Buffer, fileName?: string): Promise<ReadReturn> {
  const empty: ReadReturn = { format: null, layout: null, encoding: null, sheetName: null, rows: [], problems: [] };
  if (bytes.length === 0) {
    return {
      ...empty,
      problems: [problem('file_empty', 'The file is empty. Choose the saved return and upload it again.', null)],
    };
  }
  if (bytes.length > MAX_UPLOAD_BYTES) {
    return {
      ...empty,
      problems: [
        problem(
          'file_unsafe',
          'The file is larger than 5 MB, far larger than a monthly return. Check that you chose the right file.',
          null,
        ),
      ],
    };
  }
  const kind = sniffFormat(bytes);
  if (kind === 'xls') {
    return {
      ...empty,
      problems: [
        problem(
          'file_unreadable',
          'This is an old-style Excel file (.xls) or a password-protected workbook, which we cannot read. In Excel use File > Save As and choose "Excel Workbook (.xlsx)" with no password, or save as "CSV UTF-8 (Comma delimited)".',
          null,
        ),
      ],
    };
  }
  if (kind === 'xlsx') {
    const xlsx = await parseXlsx(bytes);
    const base = { ...empty, format: 'xlsx' as const, sheetName: xlsx.sheetName };
    if (!xlsx.grid) return { ...base, problems: xlsx.problems };
    const control = controlCharacterProblems(xlsx.grid);
    if (control.length > 0) return { ...base, problems: control };
    return { ...base, ...readGrid(xlsx.grid) };
  }
  const notAReturn = notAReturnMessage(bytes, fileName);
  if (notAReturn) return { ...empty, problems: [problem('file_unreadable', notAReturn, null)] };
  const csv = parseCsv(bytes);
  const base = { ...empty, format: 'csv' as const, encoding: csv.encoding };
  if (!csv.grid) return { ...base, problems: csv.problems };
  const control = controlCharacterProblems(csv.grid);
  if (control.length > 0) return { ...base, problems: control };
  return { ...base, ...readGrid(csv.grid) };
}

function readGrid(grid: Grid): { layout: ReturnLayout | null; rows: ReadRow[]; problems: ReturnProblem[] } {
  const search = findHeader(grid);
  if (!search.found) return { layout: null, rows: [], problems: search.problems };
  const { rowNumbers, header, problems } = search;
  const isLong = header.known.has('month') || header.known.has('value');
  const overlong = overlongRowProblems(grid, rowNumbers, header);
  if (overlong.length > 0) return { layout: isLong ? 'long' : 'wide', rows: [], problems: [...problems, ...overlong] };
  if (isLong) return { layout: 'long', ...readLongLayout(grid, rowNumbers, header, problems) };
  return { layout: 'wide', ...readWideLayout(grid, rowNumbers, header, problems) };
}
