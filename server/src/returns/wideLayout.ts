import type { ReturnProblem } from '@kpi/shared';
import { type Column, type Header, type Heading, LAYOUT_HELP, type Locator } from './gridLocator';
import { cellText, invalidValue, MONTH_HELP, outsideYearsMessage, readCellMonth, readCellValue } from './parseCells';
import { type Grid, problem, type ReadRow } from './types';

/**
 * The wide layout (the template): a header row `kpi_code, title, units, 2021-03, 2021-04, …`, one
 * row per KPI, one column per month. An empty cell means no figure was submitted for that month.
 */

const LONG_ONLY: readonly Heading[] = ['month', 'value', 'numerator', 'denominator', 'comment'];

/** Checks the wide layout's headings (every other heading a month), then reads its rows. */
export function readWideLayout(
  grid: Grid,
  rowNumbers: number[],
  header: Header,
  problems: ReturnProblem[],
): { rows: ReadRow[]; problems: ReturnProblem[] } {
  const { row: headerRow, known, others, locate } = header;
  // every other heading is a month
  const monthColumns: { col: number; month: string }[] = [];
  for (const cell of others) {
    const { month, text, outsideYears } = readCellMonth(cell, grid.date1904);
    if (month) {
      monthColumns.push({ col: cell.col, month });
      continue;
    }
    problems.push(
      problem(
        'invalid_month',
        outsideYears
          ? `The heading ${outsideYearsMessage(text)}`
          : `The heading "${text}" is not a month. In the template every column after kpi_code, title and units is a month. ${MONTH_HELP}`,
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
  return readWide(grid, rowNumbers, headerRow, known, monthColumns, locate, problems);
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
