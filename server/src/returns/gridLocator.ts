import type { ReturnProblem } from '@kpi/shared';
import { cellText } from './parseCells';
import { type CellLocation, type Grid, type GridCell, problem } from './types';

/**
 * Finding the header row in a sheet's grid, what its headings are, and where a cell is for
 * messages. The header row is the first row (of the first 20) that has a `kpi_code` heading.
 */

export type Heading = 'kpi_code' | 'title' | 'units' | 'month' | 'value' | 'numerator' | 'denominator' | 'comment';

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

function headingOf(text: string): Heading | null {
  return HEADINGS[text.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? null;
}

const HEADER_SEARCH_ROWS = 20;

export const LAYOUT_HELP =
  'The first row must be the header: kpi_code, title, units and then one column per month (as in the template), or kpi_code, month, value (and optionally numerator, denominator, comment) for one row per figure.';

export interface Column {
  col: number;
  heading: string;
}

export class Locator {
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

/** The header row: its number, the columns it names, the cells it does not, and how to locate cells. */
export interface Header {
  row: number;
  known: Map<Heading, Column>;
  others: GridCell[];
  locate: Locator;
}

/** The header row found, with the grid's row numbers in order and any duplicate headings; or why there is none. */
export type HeaderSearch =
  | { found: false; problems: ReturnProblem[] }
  | { found: true; rowNumbers: number[]; header: Header; problems: ReturnProblem[] };

export function findHeader(grid: Grid): HeaderSearch {
  const problems: ReturnProblem[] = [];
  const rowNumbers = [...grid.rows.keys()].sort((a, b) => a - b);

  const headerRow = rowNumbers
    .filter((r) => r <= HEADER_SEARCH_ROWS)
    .find((r) => [...(grid.rows.get(r)?.values() ?? [])].some((cell) => headingOf(cellText(cell)) === 'kpi_code'));
  if (headerRow === undefined) {
    const first = rowNumbers[0];
    if (first === undefined) {
      return {
        found: false,
        problems: [problem('no_data', 'The file has no rows at all. Fill in the template and upload it again.', null)],
      };
    }
    return {
      found: false,
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
  return { found: true, rowNumbers, header: { row: headerRow, known, others, locate }, problems };
}
