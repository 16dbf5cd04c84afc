import type { ReturnLayout, ReturnProblem } from '@kpi/shared';
import { formatMonth } from '@kpi/shared';
import { controlCharacterProblems, notAReturnMessage } from './fileChecks';
import { cellText, MONTH_HELP, readCellMonth, readCellValue, VALUE_HELP } from './parseCells';
import { parseCsv } from './parseCsv';
import { parseXlsx } from './parseXlsx';
import {
  type CellLocation,
  type Grid,
  type GridCell,
  problem,
  type ReadReturn,
  type ReadRow,
  type ReadValue,
} from './types';
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

type Heading = 'kpi_code' | 'title' | 'units' | 'month' | 'value' | 'numerator' | 'denominator' | 'comment';

const HEADINGS: Record<string, Heading> = {
  kpicode: 'kpi_code',
  kpi: 'kpi_code',
  code: 'kpi_code',
  indicatorcode: 'kpi_code',
  title: 'title',
  kpititle: 'title',
  kpiname: 'title',
  name: 'title',
  indicator: 'title',
  unit: 'units',
  units: 'units',
  month: 'month',
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
  comment: 'comment',
  comments: 'comment',
  commentary: 'comment',
};

const LONG_ONLY: readonly Heading[] = ['month', 'value', 'numerator', 'denominator', 'comment'];

function headingOf(text: string): Heading | null {
  return HEADINGS[text.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? null;
}

const HEADER_SEARCH_ROWS = 20;

const LAYOUT_HELP =
  'The first row must be the header: kpi_code, title, units and then one column per month (as in the template), or kpi_code, month, value (and optionally numerator, denominator, comment) for one row per figure.';

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

interface Column {
  col: number;
  heading: string;
}

class Locator {
  constructor(
    private readonly grid: Grid,
    private readonly headings: Map<number, string>,
  ) {}

  /** `row 4, column "2021-03"` for CSV; `C4` for XLSX. */
  at(row: number, col: number, cell?: GridCell): CellLocation {
    const heading = this.headings.get(col);
    const column = heading ? heading : `column ${col}`;
    if (this.grid.format === 'xlsx') {
      const address = cell?.address ?? `${columnLetters(col)}${row}`;
      return { row, column, col, cell: address, text: address };
    }
    return {
      row,
      column,
      col,
      cell: null,
      text: heading ? `row ${row}, column "${heading}"` : `row ${row}, column ${col}`,
    };
  }

  hasHeading(col: number): boolean {
    return this.headings.has(col);
  }

  row(row: number): CellLocation {
    return { row, column: null, col: null, cell: null, text: `row ${row}` };
  }
}

export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function readGrid(grid: Grid): { layout: ReturnLayout | null; rows: ReadRow[]; problems: ReturnProblem[] } {
  const problems: ReturnProblem[] = [];
  const rowNumbers = [...grid.rows.keys()].sort((a, b) => a - b);

  const headerRow = rowNumbers
    .filter((r) => r <= HEADER_SEARCH_ROWS)
    .find((r) => [...(grid.rows.get(r)?.values() ?? [])].some((cell) => headingOf(cellText(cell)) === 'kpi_code'));
  if (headerRow === undefined) {
    const first = rowNumbers[0];
    if (first === undefined) {
      return {
        layout: null,
        rows: [],
        problems: [problem('no_data', 'The file has no rows at all. Fill in the template and upload it again.', null)],
      };
    }
    return {
      layout: null,
      rows: [],
      problems: [
        problem(
          'missing_column',
          `The file has no "kpi_code" column: no heading in the first ${HEADER_SEARCH_ROWS} rows says kpi_code. ${LAYOUT_HELP}`,
          { row: first, column: null, col: null, cell: null, text: `row ${first}` },
        ),
      ],
    };
  }

  const headerCells = [...(grid.rows.get(headerRow)?.values() ?? [])].sort((a, b) => a.col - b.col);
  const headingTexts = new Map(headerCells.map((cell) => [cell.col, cellText(cell)]));
  const locate = new Locator(grid, headingTexts);

  const known = new Map<Heading, Column>();
  const others: GridCell[] = [];
  for (const cell of headerCells) {
    const text = cellText(cell);
    const heading = headingOf(text);
    if (!heading) {
      others.push(cell);
      continue;
    }
    const previous = known.get(heading);
    if (previous) {
      problems.push(
        problem(
          'duplicate_column',
          `There are two "${text}" columns (the first is ${locate.at(headerRow, previous.col).text}). Keep one and delete the other.`,
          locate.at(headerRow, cell.col, cell),
        ),
      );
      continue;
    }
    known.set(heading, { col: cell.col, heading: text });
  }

  const isLong = known.has('month') || known.has('value');
  if (isLong) {
    for (const required of ['month', 'value'] as const) {
      if (!known.has(required)) {
        problems.push(
          problem(
            'missing_column',
            `The file has a "${required === 'month' ? 'value' : 'month'}" column but no "${required}" column. A file with one row per figure needs kpi_code, month and value columns.`,
            locate.row(headerRow),
          ),
        );
      }
    }
    for (const cell of others) {
      problems.push(
        problem(
          'missing_column',
          `The heading "${cellText(cell)}" is not one we know. A file with one row per figure has the columns kpi_code, month, value and optionally numerator, denominator and comment. Rename or delete this column.`,
          locate.at(headerRow, cell.col, cell),
        ),
      );
    }
    if (problems.length > 0) return { layout: 'long', rows: [], problems };
    return { layout: 'long', ...readLong(grid, rowNumbers, headerRow, known, locate, problems) };
  }

  // wide: every other heading is a month
  const monthColumns: { col: number; month: string }[] = [];
  for (const cell of others) {
    const { month, text } = readCellMonth(cell, grid.date1904);
    if (month) {
      monthColumns.push({ col: cell.col, month });
      continue;
    }
    problems.push(
      problem(
        'invalid_month',
        `The heading "${text}" is not a month. In the template every column after kpi_code, title and units is a month. ${MONTH_HELP}`,
        locate.at(headerRow, cell.col, cell),
      ),
    );
  }
  for (const heading of LONG_ONLY) {
    const column = known.get(heading);
    if (column) {
      problems.push(
        problem(
          'missing_column',
          `The column "${column.heading}" belongs to the one-row-per-figure layout, which also needs month and value columns. In the template, delete this column.`,
          locate.at(headerRow, column.col),
        ),
      );
    }
  }
  if (monthColumns.length === 0 && problems.length === 0) {
    problems.push(
      problem(
        'missing_column',
        `The file has no month columns and no "month" and "value" columns, so there are no figures to read. ${LAYOUT_HELP}`,
        locate.row(headerRow),
      ),
    );
  }
  return { layout: 'wide', ...readWide(grid, rowNumbers, headerRow, known, monthColumns, locate, problems) };
}

function readWide(
  grid: Grid,
  rowNumbers: number[],
  headerRow: number,
  known: Map<Heading, Column>,
  monthColumns: { col: number; month: string }[],
  locate: Locator,
  problems: ReturnProblem[],
): { rows: ReadRow[]; problems: ReturnProblem[] } {
  const rows: ReadRow[] = [];
  const codeCol = known.get('kpi_code')!.col;
  const monthCols = new Set(monthColumns.map((m) => m.col));
  for (const r of rowNumbers) {
    if (r <= headerRow) continue;
    const cells = grid.rows.get(r)!;
    const codeCell = cells.get(codeCol);
    const kpiCode = cellText(codeCell);
    const kpiAt = locate.at(r, codeCol, codeCell);
    const filled = monthColumns.filter((m) => cells.get(m.col) !== undefined);
    // data in a column with no heading
    for (const cell of cells.values()) {
      if (cell.col === codeCol || monthCols.has(cell.col) || headingOfColumn(known, cell.col)) continue;
      if (!locate.hasHeading(cell.col)) {
        problems.push(
          problem(
            'missing_column',
            `This cell has "${cellText(cell)}" but its column has no heading. Give the column a month heading (${MONTH_HELP.replace('Write months as ', '')}) or clear the cell.`,
            locate.at(r, cell.col, cell),
          ),
        );
      }
    }
    if (filled.length === 0) continue;
    if (kpiCode === '') {
      problems.push(
        problem(
          'missing_kpi_code',
          'This row has figures but no KPI code. Fill in the kpi_code cell (as in the template), or delete the row.',
          kpiAt,
        ),
      );
      continue;
    }
    for (const { col, month } of filled) {
      const cell = cells.get(col);
      const valueAt = locate.at(r, col, cell);
      const { value, reason } = readCellValue(cell);
      if (value.kind === 'empty') continue;
      if (value.kind === 'invalid') problems.push(invalidValue(value.text, reason, valueAt, kpiCode, month));
      rows.push({
        kpiCode,
        kpiAt,
        month,
        monthAt: locate.at(headerRow, col),
        value,
        valueAt,
        numerator: { kind: 'empty' },
        numeratorAt: null,
        denominator: { kind: 'empty' },
        denominatorAt: null,
        comment: null,
      });
    }
  }
  if (rows.length === 0 && problems.length === 0) {
    problems.push(
      problem(
        'no_data',
        'The file has no figures: every month cell is empty. Enter a figure or a symbol for at least one KPI and month.',
        null,
      ),
    );
  }
  return { rows, problems };
}

function headingOfColumn(known: Map<Heading, Column>, col: number): boolean {
  for (const column of known.values()) if (column.col === col) return true;
  return false;
}

function readLong(
  grid: Grid,
  rowNumbers: number[],
  headerRow: number,
  known: Map<Heading, Column>,
  locate: Locator,
  problems: ReturnProblem[],
): { rows: ReadRow[]; problems: ReturnProblem[] } {
  const rows: ReadRow[] = [];
  const col = (heading: Heading) => known.get(heading)?.col ?? null;
  const codeCol = col('kpi_code')!;
  const monthCol = col('month')!;
  const valueCol = col('value')!;
  const numeratorCol = col('numerator');
  const denominatorCol = col('denominator');
  const commentCol = col('comment');
  const knownCols = new Set([...known.values()].map((c) => c.col));

  for (const r of rowNumbers) {
    if (r <= headerRow) continue;
    const cells = grid.rows.get(r)!;
    for (const cell of cells.values()) {
      if (!knownCols.has(cell.col)) {
        problems.push(
          problem(
            'missing_column',
            `This cell has "${cellText(cell)}" but its column has no heading. Clear the cell, or give the column one of the headings kpi_code, month, value, numerator, denominator or comment.`,
            locate.at(r, cell.col, cell),
          ),
        );
      }
    }
    const codeCell = cells.get(codeCol);
    const kpiCode = cellText(codeCell);
    const kpiAt = locate.at(r, codeCol, codeCell);
    const monthCell = cells.get(monthCol);
    const monthAt = locate.at(r, monthCol, monthCell);
    const valueCell = cells.get(valueCol);
    const valueAt = locate.at(r, valueCol, valueCell);
    if (![codeCol, monthCol, valueCol, numeratorCol, denominatorCol].some((c) => c !== null && cells.has(c))) {
      if (commentCol !== null && cells.has(commentCol)) {
        problems.push(
          problem(
            'missing_kpi_code',
            'This row has a comment but no KPI code, month or value, so the comment would be lost. Put the comment on the row of the figure it explains, or delete it.',
            locate.at(r, commentCol, cells.get(commentCol)),
          ),
        );
      }
      continue; // titles or units only: nothing to read
    }

    if (kpiCode === '') {
      problems.push(
        problem('missing_kpi_code', 'The KPI code is empty. Fill in the KPI code, or delete the row.', kpiAt),
      );
    }
    const { month, text: monthText } = readCellMonth(monthCell, grid.date1904);
    if (!month) {
      problems.push(
        problem(
          'invalid_month',
          monthText === ''
            ? `The month is empty. ${MONTH_HELP}`
            : `"${monthText}" is not a month we can read. ${MONTH_HELP}`,
          monthAt,
          { kpiCode: kpiCode || null },
        ),
      );
    }
    const { value, reason } = readCellValue(valueCell);
    if (value.kind === 'empty') {
      problems.push(
        problem(
          'missing_value',
          `The value is empty. Enter the figure${month ? ` for ${formatMonth(month)}` : ''}, or one of the symbols c, x, z, low, u if there is no figure, or delete the row.`,
          valueAt,
          { kpiCode: kpiCode || null, month },
        ),
      );
    } else if (value.kind === 'invalid') {
      problems.push(invalidValue(value.text, reason, valueAt, kpiCode || null, month));
    }
    const part = (partCol: number | null, name: string): { value: ReadValue; at: CellLocation | null } => {
      if (partCol === null) return { value: { kind: 'empty' }, at: null };
      const cell = cells.get(partCol);
      const at = locate.at(r, partCol, cell);
      const read = readCellValue(cell);
      const notCount =
        read.value.kind === 'invalid' ||
        read.value.kind === 'symbol' ||
        (read.value.kind === 'number' && (read.value.percentSign || read.value.percentFormat));
      if (notCount) {
        const text = read.value.kind === 'empty' ? '' : (read.value as { text: string }).text;
        problems.push(
          problem(
            'invalid_value',
            read.reason ??
              `The ${name} "${text}" is not a number. The ${name} is a plain count such as 45 or 1,234; leave it empty if you do not have it.`,
            at,
            { kpiCode: kpiCode || null, month },
          ),
        );
        return { value: { kind: 'invalid', text }, at };
      }
      return { value: read.value, at };
    };
    const numerator = part(numeratorCol, 'numerator');
    const denominator = part(denominatorCol, 'denominator');
    const comment = commentCol === null ? '' : cellText(cells.get(commentCol));

    if (kpiCode === '') continue;
    rows.push({
      kpiCode,
      kpiAt,
      month: month ?? null,
      monthAt,
      value: value.kind === 'empty' ? { kind: 'invalid', text: '' } : value,
      valueAt,
      numerator: numerator.value,
      numeratorAt: numerator.at,
      denominator: denominator.value,
      denominatorAt: denominator.at,
      comment: comment === '' ? null : comment,
    });
  }
  if (rows.length === 0 && problems.length === 0) {
    problems.push(
      problem('no_data', 'The file has a header row but no figures under it. Add one row per KPI and month.', null),
    );
  }
  return { rows, problems };
}

function invalidValue(
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
