import type { ReturnProblem } from '@kpi/shared';
import type { Header } from './gridLocator';
import { cellText } from './parseCells';
import { type Grid, problem } from './types';

/**
 * A CSV row with more cells than its heading row. In a CSV file an unquoted `1,234` is two cells,
 * `1` and `234`, so every figure after it moves one column along: read as written, the row would
 * put figures under the wrong months or headings. The row is refused, named, and the likely cause
 * said (XLSX cells cannot split, so this is for CSV only).
 */

const MAX_PROBLEMS = 20;
const THOUSANDS_LEFT = /^[-+]?\d{1,3}$/;
const THOUSANDS_RIGHT = /^\d{3}(\.\d+)?%?$/;

const HOW_TO_FIX =
  'In a CSV file every comma separates cells, so a number written with a thousands separator, such as 1,234 (or a title with a comma in it), becomes two cells and every figure after it moves one column along. Write numbers without the comma (1234), or put the cell in double quotes ("1,234"), or save the file from Excel, which does that for you.';

export function overlongRowProblems(grid: Grid, rowNumbers: number[], header: Header): ReturnProblem[] {
  if (grid.format !== 'csv' || !grid.widths) return [];
  // the heading row as written, empty headings included (Excel pads every row to the widest)
  const headings = grid.widths.get(header.row) ?? 0;
  const problems: ReturnProblem[] = [];
  for (const r of rowNumbers) {
    if (r <= header.row) continue;
    const cells = grid.rows.get(r)!;
    // the last cell with something in it: a trailing comma adds nothing to move
    const width = Math.max(0, ...cells.keys());
    const split = width > headings ? splitNumberIn(cells, 1, width) : commentSplit(cells, header);
    if (width <= headings && !split) continue;
    const said = split ? ` It looks as if ${split.text} was split at its comma (${split.where}).` : '';
    const count =
      width > headings
        ? `Row ${r} has ${width} cells but the heading row has ${headings}, so its figures would be read under the wrong headings.`
        : `Row ${r} would be read with part of a number as its comment.`;
    problems.push(
      problem('too_many_cells', `${count}${said} ${HOW_TO_FIX}`, header.locate.row(r), {
        kpiCode: cellText(cells.get(header.known.get('kpi_code')?.col ?? 0)) || null,
      }),
    );
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

/** The first pair of cells from `from` to `to` that reads as one number split at a thousands comma. */
function splitNumberIn(cells: Map<number, { raw: unknown }>, from: number, to: number) {
  for (let col = from; col < to; col++) {
    const left = String(cells.get(col)?.raw ?? '').trim();
    const right = String(cells.get(col + 1)?.raw ?? '').trim();
    if (THOUSANDS_LEFT.test(left) && THOUSANDS_RIGHT.test(right)) {
      return { text: `${left},${right}`, where: `columns ${col} and ${col + 1}` };
    }
  }
  return null;
}

/**
 * In the one-row-per-figure layout a comment column can take the second half of a split number
 * without the row growing: `PI5,2021-03,1,234` under `kpi_code,month,value,comment`. A comment that
 * is three digits after a number of one to three digits is that, not a comment.
 */
function commentSplit(cells: Map<number, { raw: unknown }>, header: Header) {
  const comment = header.known.get('comment')?.col;
  if (comment === undefined || comment < 2) return null;
  return splitNumberIn(cells, comment - 1, comment);
}
