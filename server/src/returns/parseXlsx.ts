import type { ReturnProblem } from '@kpi/shared';
import { type Cell, ExcelJS, type Worksheet } from './excel';
import { MAX_ROWS } from './parseCsv';
import { type Grid, type GridCell, problem } from './types';
import { checkZipSafety } from './zipSafety';

/**
 * XLSX bytes → a grid of typed cells. The zip is checked with yauzl before exceljs sees it
 * (see zipSafety.ts). Reads the worksheet named "Return" if there is one, otherwise the first
 * visible worksheet.
 */

export interface XlsxGrid {
  grid: Grid | null;
  sheetName: string | null;
  problems: ReturnProblem[];
}

const { ValueType } = ExcelJS;

function fileProblem(message: string, code: 'file_unreadable' | 'file_unsafe' | 'too_many_rows' = 'file_unreadable') {
  return problem(code, message, null);
}

export async function parseXlsx(bytes: Buffer): Promise<XlsxGrid> {
  const refusal = await checkZipSafety(bytes);
  if (refusal) return { grid: null, sheetName: null, problems: [fileProblem(refusal.message, refusal.code)] };

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      grid: null,
      sheetName: null,
      problems: [
        fileProblem(
          'The file is a zip archive but not an Excel workbook we can read. Save it from Excel as an Excel Workbook (.xlsx), or upload the return as CSV.',
        ),
      ],
    };
  }

  const visible = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  const sheet = visible.find((s) => s.name.trim().toLowerCase() === 'return') ?? visible[0];
  if (!sheet) {
    return { grid: null, sheetName: null, problems: [fileProblem('The workbook has no visible worksheet to read.')] };
  }
  if (sheet.actualRowCount > MAX_ROWS) {
    return {
      grid: null,
      sheetName: sheet.name,
      problems: [
        fileProblem(
          `Worksheet "${sheet.name}" has ${sheet.actualRowCount.toLocaleString('en-GB')} rows; a return can have at most ${MAX_ROWS.toLocaleString('en-GB')}. Split it into smaller files.`,
          'too_many_rows',
        ),
      ],
    };
  }
  const date1904 = Boolean((workbook.properties as { date1904?: boolean }).date1904);
  return { grid: { format: 'xlsx', rows: readSheet(sheet), date1904 }, sheetName: sheet.name, problems: [] };
}

function readSheet(sheet: Worksheet): Map<number, Map<number, GridCell>> {
  const rows = new Map<number, Map<number, GridCell>>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, GridCell>();
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const gridCell = readCell(cell, rowNumber, colNumber);
      if (gridCell) cells.set(colNumber, gridCell);
    });
    if (cells.size > 0) rows.set(rowNumber, cells);
  });
  return rows;
}

function readCell(cell: Cell, row: number, col: number): GridCell | null {
  const base = { row, col, address: cell.address, numFmt: cell.numFmt ?? null, unreadable: null };
  if (cell.type === ValueType.Merge) {
    const master = cell.master;
    if (master.value === null || master.value === undefined || master.value === '') return null;
    return {
      ...base,
      raw: '',
      unreadable: `Cell ${cell.address} is merged with ${master.address}. Unmerge the cells so that each KPI and month has its own cell.`,
    };
  }
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return { ...base, raw: value };
  if (typeof value === 'string') return value.trim() === '' ? null : { ...base, raw: value };
  if (typeof value === 'object') {
    if ('richText' in value) {
      const text = value.richText.map((run) => run.text).join('');
      return text.trim() === '' ? null : { ...base, raw: text };
    }
    if ('error' in value) {
      return {
        ...base,
        raw: String(value.error),
        unreadable: `The cell shows the Excel error ${value.error}, not a figure. Correct the formula or type the figure in.`,
      };
    }
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) {
        return {
          ...base,
          raw: '',
          unreadable:
            'The cell holds a formula with no saved result. Open the file in Excel and save it again, or paste the figures as values.',
        };
      }
      if (typeof result === 'object' && result !== null && 'error' in result) {
        const error = String((result as { error: unknown }).error);
        return {
          ...base,
          raw: error,
          unreadable: `The formula in the cell gives the Excel error ${error}, not a figure. Correct the formula or type the figure in.`,
        };
      }
      if (
        typeof result === 'number' ||
        typeof result === 'boolean' ||
        typeof result === 'string' ||
        result instanceof Date
      ) {
        return { ...base, raw: result };
      }
    }
    if ('text' in value && typeof value.text === 'string') {
      // a hyperlink
      return value.text.trim() === '' ? null : { ...base, raw: value.text };
    }
  }
  return { ...base, raw: String(cell.text ?? ''), unreadable: 'The cell holds something other than a figure or text.' };
}
