import { SNIFF_BYTES, utf16WithoutBom } from '@kpi/readers';
import { firstRefusedCharacter, type ReturnProblem, refusedCharacterWords } from '@kpi/shared';
import { type Grid, problem } from './types';

/** Checks on a file as a whole, before its cells are read as a return. Pure. */

/** What a file that is neither a workbook nor text is, said in terms of what its name claims. */
export function notAReturnMessage(bytes: Uint8Array, fileName: string | undefined): string | null {
  // UTF-16 text has NULs too; the CSV reader says what it is and how to save it instead.
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    utf16WithoutBom(bytes) !== null;
  const binary = !utf16 && bytes.subarray(0, SNIFF_BYTES).includes(0);
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) {
    return 'This file is a Windows program (an .exe or .dll), not a monthly return, so it was not opened. Choose the return itself: an Excel Workbook (.xlsx) or a CSV file.';
  }
  // A workbook (.xlsx, .xlsm, .xlsb) is always a zip: text named as one (a CSV renamed, a saved
  // web page) is not read as CSV, which would blame its first row for a missing kpi_code column.
  // An .xls may be text: some systems export CSV or HTML under that name, which Excel opens.
  const named = fileName?.trim() ?? '';
  if ((binary && /\.xls[xmb]?$/i.test(named)) || /\.xls[xmb]$/i.test(named)) {
    return `The file is named ${named} but it is not an Excel workbook: its contents are not in Excel's format (it may have been renamed, or be damaged). Open the return in Excel and save it as an Excel Workbook (.xlsx), then upload that.`;
  }
  if (binary) {
    return 'The file is neither an Excel workbook nor a CSV file: its contents are not a spreadsheet or text. Choose the return itself, saved from Excel as an Excel Workbook (.xlsx) or as CSV.';
  }
  return null;
}

const MAX_CONTROL_PROBLEMS = 20;

/**
 * Cells holding control characters (NUL and the like), or hidden characters that reorder or hide
 * text (bidi overrides): never part of a real return, and NUL cannot be stored at all, so the file is refused with each such cell named.
 */
export function controlCharacterProblems(grid: Grid): ReturnProblem[] {
  const problems: ReturnProblem[] = [];
  for (const [row, cells] of grid.rows) {
    for (const cell of cells.values()) {
      if (typeof cell.raw !== 'string') continue;
      const found = firstRefusedCharacter(cell.raw);
      if (!found) continue;
      const text = cell.address ?? `row ${row}, column ${cell.col}`;
      problems.push(
        problem(
          'control_character',
          `The cell holds ${refusedCharacterWords(found)} at position ${found.index + 1}, which a return never contains. Retype the cell, or save the file again from Excel.`,
          { row, column: `column ${cell.col}`, col: cell.col, cell: cell.address, text },
        ),
      );
      if (problems.length >= MAX_CONTROL_PROBLEMS) return problems;
    }
  }
  return problems;
}
