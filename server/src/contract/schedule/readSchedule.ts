import { SCHEDULE_COLUMNS, type ScheduleColumn, type ScheduleProblem } from '@kpi/shared';
import { cellText, readCellMonth } from '../../returns/parseCells';
import { parseCsv } from '../../returns/parseCsv';
import { columnLetters, sniffFormat } from '../../returns/parseReturn';
import { parseXlsx } from '../../returns/parseXlsx';
import type { Grid, GridCell } from '../../returns/types';
import { MAX_UPLOAD_BYTES } from '../../returns/zipSafety';

/**
 * Schedule bytes → one record per row, keyed by column name, each cell with its place in the file.
 * The file itself is read by the monthly returns' readers (format sniffed from the bytes, zip-bomb
 * checks before exceljs, CSV encodings and delimiters), so a schedule is held to the same rules.
 */

export interface ScheduleCell {
  text: string;
  /** The month the cell holds (text, an Excel date or a date serial); null when it holds none. */
  month: string | null;
  location: string;
  row: number;
  column: string;
}

export type ScheduleRow = { row: number } & Record<ScheduleColumn, ScheduleCell>;

export interface ReadSchedule {
  rows: ScheduleRow[];
  problems: ScheduleProblem[];
}

const KNOWN = new Set<string>(SCHEDULE_COLUMNS.map((c) => c.name));
const HEADER_SEARCH_ROWS = 20;

function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function fileProblem(message: string): ScheduleProblem {
  return { location: null, row: null, column: null, message };
}

export async function readScheduleFile(bytes: Buffer): Promise<ReadSchedule> {
  if (bytes.length === 0) return { rows: [], problems: [fileProblem('The file is empty.')] };
  if (bytes.length > MAX_UPLOAD_BYTES) {
    return { rows: [], problems: [fileProblem('The file is larger than 5 MB, far larger than a contract schedule.')] };
  }
  const kind = sniffFormat(bytes);
  if (kind === 'xls') {
    return {
      rows: [],
      problems: [
        fileProblem('This is an old-style Excel file (.xls). Save it as an Excel Workbook (.xlsx) or as CSV.'),
      ],
    };
  }
  const parsed = kind === 'xlsx' ? await parseXlsx(bytes) : parseCsv(bytes);
  if (!parsed.grid) return { rows: [], problems: parsed.problems.map((p) => fileProblem(p.message)) };
  return readGrid(parsed.grid);
}

function readGrid(grid: Grid): ReadSchedule {
  const rowNumbers = [...grid.rows.keys()].sort((a, b) => a - b);
  const headerRow = rowNumbers
    .slice(0, HEADER_SEARCH_ROWS)
    .find((r) => [...(grid.rows.get(r)?.values() ?? [])].some((cell) => normalise(cellText(cell)) === 'set_code'));
  if (headerRow === undefined) {
    return {
      rows: [],
      problems: [
        fileProblem(
          `No header row with set_code was found. The first row must name the columns: ${SCHEDULE_COLUMNS.map((c) => c.name).join(', ')}. Download the schedule to see the layout.`,
        ),
      ],
    };
  }
  const problems: ScheduleProblem[] = [];
  const columns = new Map<ScheduleColumn, number>();
  for (const [col, cell] of grid.rows.get(headerRow) ?? []) {
    const name = normalise(cellText(cell));
    if (!name) continue;
    if (!KNOWN.has(name)) {
      problems.push({
        location: grid.format === 'xlsx' ? `${columnLetters(col)}${headerRow}` : `row ${headerRow}, column ${col}`,
        row: headerRow,
        column: cellText(cell),
        message: `"${cellText(cell)}" is not a schedule column. The columns are: ${SCHEDULE_COLUMNS.map((c) => c.name).join(', ')}.`,
      });
    } else columns.set(name as ScheduleColumn, col);
  }
  for (const required of ['set_code', 'set_name', 'set_from', 'code'] as const) {
    if (!columns.has(required)) problems.push(fileProblem(`The header has no ${required} column.`));
  }
  const rows: ScheduleRow[] = [];
  for (const r of rowNumbers) {
    if (r <= headerRow) continue;
    const cells = grid.rows.get(r)!;
    if ([...cells.values()].every((cell) => cellText(cell) === '')) continue;
    const record = { row: r } as ScheduleRow;
    for (const { name } of SCHEDULE_COLUMNS) {
      const col = columns.get(name);
      const cell: GridCell | undefined = col === undefined ? undefined : cells.get(col);
      const location =
        col !== undefined && grid.format === 'xlsx' ? `${columnLetters(col)}${r}` : `row ${r}, column "${name}"`;
      record[name] = {
        text: cellText(cell),
        month: readCellMonth(cell, grid.date1904).month,
        location,
        row: r,
        column: name,
      };
    }
    rows.push(record);
  }
  if (rows.length === 0 && problems.length === 0) problems.push(fileProblem('The file has a header but no rows.'));
  return { rows, problems };
}
