import { COMMENTARY_MAX_CHARS, formatMonth, type ReturnProblem } from '@kpi/shared';
import type { Column, Header, Heading, Locator } from './gridLocator';
import { cellText, invalidValue, MONTH_HELP, outsideYearsMessage, readCellMonth, readCellValue } from './parseCells';
import { type CellLocation, type Grid, problem, type ReadRow, type ReadValue } from './types';

/**
 * The long layout: a header row with `kpi_code, month, value` and optionally `numerator,
 * denominator, comment`, one row per KPI-month.
 */

/** Checks the long layout's headings, then reads its rows (none when a heading is wrong). */
export function readLongLayout(
  grid: Grid,
  rowNumbers: number[],
  header: Header,
  problems: ReturnProblem[],
): { rows: ReadRow[]; problems: ReturnProblem[] } {
  const { row: headerRow, known, others, locate } = header;
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
  if (problems.length > 0) return { rows: [], problems };
  return readLong(grid, rowNumbers, headerRow, known, locate, problems);
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
    const { month, text: monthText, outsideYears } = readCellMonth(monthCell, grid.date1904);
    if (!month) {
      problems.push(
        problem(
          'invalid_month',
          monthText === ''
            ? `The month is empty. ${MONTH_HELP}`
            : outsideYears
              ? outsideYearsMessage(monthText)
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
    // A comment becomes the month's commentary: the same limit as commentary written on screen
    // (and under Excel's 32,767 characters a cell, so every export keeps it whole).
    const commentLength = [...comment].length;
    if (commentCol !== null && commentLength > COMMENTARY_MAX_CHARS) {
      problems.push(
        problem(
          'text_too_long',
          `The comment is ${commentLength.toLocaleString('en-GB')} characters long; commentary can be at most ${COMMENTARY_MAX_CHARS.toLocaleString('en-GB')}. Shorten it, or write the rest on the KPI's page.`,
          locate.at(r, commentCol, cells.get(commentCol)),
          { kpiCode: kpiCode || null, month },
        ),
      );
    }

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
