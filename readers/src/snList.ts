import { TidyCsvError, type TidyProblem } from './tidyCsv';

export interface SnListEntry {
  /** Spreadsheet row number. */
  row: number;
  /** The subject authority's DfE LA number (or its GSS code, `E0…`, in a file that lists those). */
  laNumber: string;
  name: string;
  /** Listed under "Old SNs" (authorities replaced by local-government reorganisation). */
  oldBlock: boolean;
  /** `column` is the heading (SN1 …); `columnIndex` counts from 0 in the rows given to the parser. */
  neighbours: Array<{ rank: number; laNumber: string; closeness: string | null; column: string; columnIndex: number }>;
}

export interface SnList {
  /** `april_2021`: New_Statistical_Neighbour_Groupings_April_2021.csv; `wide_2025`: sn_model_2025_wide.csv. */
  layout: 'april_2021' | 'wide_2025' | 'other';
  entries: SnListEntry[];
  /** Neighbour cells that are not an LA number, subjects without one. */
  problems: TidyProblem[];
  /** The column of the subject's LA number (from 0). */
  laColumn: number;
  /** Where a cell is, in the words of the file's format ("Row 12, column SN3" or "'LA SN Groups'!G12 (SN3)"). */
  locate: SnCellLocator;
}

/** Names a cell for a message: `column` is null for the row as a whole. */
export type SnCellLocator = (line: number, column: number | null, heading: string | null) => string;

/** A CSV's words: "Row 12" and "Row 12, column SN3". */
export const csvCellLocator: SnCellLocator = (line, _column, heading) =>
  heading === null ? `Row ${line}` : `Row ${line}, column ${heading}`;

const LA_CODE_PATTERN = /^(?:\d{3}|E\d{8})$/;
/** A neighbour cell that says "no neighbour" (DfE writes "-" for authorities created after the model). */
const NO_NEIGHBOUR = /^[-\u2013\u2014]?$/;

/**
 * DfE's children's services statistical-neighbour list: a header row, then one row per authority
 * with its LA number and name, then `SN1, SNP, SN2, SNP …` (April 2021) or `SN_1, SN_1P …` (2025
 * wide layout) neighbour-number and closeness pairs. The columns are found by their headings
 * (the LA number under "LA num"/"old_la_code"/"LA code", else the first column; the name under a
 * heading with "name", else the second), so a release that moves them still reads. Rows whose LA
 * cell is empty are headings or blank, and an "Old SNs:" heading starts the block of authorities
 * replaced by reorganisation. `rows[0]` must be the header row.
 */
export function parseSnList(
  rows: Array<{ line: number; cells: string[] }>,
  locate: SnCellLocator = csvCellLocator,
): SnList {
  const headerLine = rows[0]?.line ?? 1;
  const header = (rows[0]?.cells ?? []).map((h) => h.trim());
  const rankColumns = new Map<number, number>();
  const problems: TidyProblem[] = [];
  header.forEach((heading, column) => {
    const match = /^sn_?(\d{1,2})$/i.exec(heading);
    if (!match) return;
    const rank = Number(match[1]);
    const earlier = rankColumns.get(rank);
    if (earlier !== undefined) {
      problems.push({
        path: `file.row.${headerLine}.${heading}`,
        message: `${locate(headerLine, column, heading)}: rank ${rank} has a second column (the first is ${locate(headerLine, earlier, header[earlier] ?? null)}); each neighbour rank must appear once`,
      });
    } else rankColumns.set(rank, column);
  });
  if (!rankColumns.has(1)) {
    throw new TidyCsvError(
      'not_sn_list',
      "The file is not a DfE statistical-neighbour list: it has no SN1 (or SN_1) column. Use DfE's children's services statistical-neighbour list (the April 2021 groupings or the 2025 file, CSV or Excel).",
    );
  }
  const count = Math.max(...rankColumns.keys());
  for (let rank = 1; rank <= count; rank++) {
    if (!rankColumns.has(rank)) {
      problems.push({
        path: `file.row.${headerLine}`,
        message: `${locate(headerLine, null, null)}: the headings have no column for neighbour rank ${rank} (they go up to ${count})`,
      });
    }
  }
  if (problems.length > 0) throw new TidyCsvError('not_sn_list', problems[0]!.message, problems);

  const byHeading = (pattern: RegExp) => header.findIndex((h) => pattern.test(h));
  const laColumn = Math.max(byHeading(/^(?:la[ _]?num(?:ber)?|old_la_code|la[ _]?code|new_la_code)$/i), 0);
  const foundName = byHeading(/name/i);
  const nameColumn = foundName >= 0 ? foundName : 1;
  const layout = /^la num$/i.test(header[0] ?? '')
    ? 'april_2021'
    : /^old_la_code$/i.test(header[0] ?? '')
      ? 'wide_2025'
      : 'other';
  const entries: SnListEntry[] = [];
  let oldBlock = false;
  for (const { line, cells } of rows.slice(1)) {
    const laNumber = (cells[laColumn] ?? '').trim();
    const name = (cells[nameColumn] ?? '').trim();
    if (!LA_CODE_PATTERN.test(laNumber)) {
      if (laNumber === '' && cells.some((cell) => /old sns/i.test(cell))) oldBlock = true;
      else if (laNumber !== '')
        problems.push({
          path: `file.row.${line}`,
          message: `${locate(line, laColumn, null)}: ${JSON.stringify(laNumber)} in the first column is not a three-digit DfE LA number`,
        });
      else if ([...rankColumns.values()].some((column) => !NO_NEIGHBOUR.test((cells[column] ?? '').trim())))
        problems.push({
          path: `file.row.${line}`,
          message: `${locate(line, laColumn, header[laColumn] ?? null)}: the authority${name ? ` ${JSON.stringify(name)}` : ''} has neighbours listed but no LA number`,
        });
      continue;
    }
    const neighbours: SnListEntry['neighbours'] = [];
    for (let rank = 1; rank <= count; rank++) {
      const column = rankColumns.get(rank)!;
      const raw = (cells[column] ?? '').trim();
      const number = NO_NEIGHBOUR.test(raw) ? '' : raw;
      const closenessHeading = header[column + 1] ?? '';
      const closeness =
        /^sn_?\d/i.test(closenessHeading) && !/p$/i.test(closenessHeading) ? '' : (cells[column + 1] ?? '').trim();
      const heading = header[column] ?? `column ${column + 1}`;
      if (number !== '' && !LA_CODE_PATTERN.test(number)) {
        problems.push({
          path: `file.row.${line}.${heading}`,
          message: `${locate(line, column, heading)}: ${JSON.stringify(number)} is not a three-digit DfE LA number`,
        });
      }
      neighbours.push({
        rank,
        laNumber: number,
        closeness: closeness === '' || NO_NEIGHBOUR.test(closeness) ? null : closeness,
        column: heading,
        columnIndex: column,
      });
    }
    entries.push({ row: line, laNumber, name, oldBlock, neighbours });
  }
  return { layout, entries, problems, laColumn, locate };
}
