import type { ReturnFileFormat } from '@kpi/shared';
import {
  fileNameSlug,
  formatMonth,
  NAME_SLUG_LENGTH,
  SUPPRESSION_SYMBOLS,
  symbolMeaning,
  UNIT_HEADER_WORDS,
  type Unit,
} from '@kpi/shared';
import { csvDocument } from './csvText';
import { ExcelJS } from './excel';

/**
 * The monthly return template: KPIs as rows, months as columns (as officers keep them in Excel),
 * pre-filled with each KPI's code, title and units. The upload reads exactly this layout back.
 */

export interface TemplateKpi {
  code: string;
  title: string;
  unit: Unit;
  precision: number;
}

export interface TemplateSpec {
  setCode: string;
  setName: string;
  kpis: readonly TemplateKpi[];
  months: readonly string[];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `return-contract-2018-2021-03.xlsx`, or `return-contract-2018-2020-04-to-2021-03.csv` for a range. */
export function templateFileName(setCode: string, months: readonly string[], format: ReturnFileFormat): string {
  const slug = fileNameSlug(setCode, NAME_SLUG_LENGTH) || 'kpis';
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const span = first === last ? first : `${first}-to-${last}`;
  return `return-${slug}-${span}.${format}`;
}

/** The units column: the unit as every export's headers name it (shared), percentages' scale, and the precision. */
export function unitLabel(unit: Unit, precision: number): string {
  const decimals = precision === 0 ? 'whole number' : `${precision} decimal place${precision === 1 ? '' : 's'}`;
  return `${UNIT_HEADER_WORDS[unit]}${unit === 'percent' ? ' (0 to 100)' : ''}, ${decimals}`;
}

const HEADER = ['kpi_code', 'title', 'units'] as const;

export function buildTemplateCsv(spec: TemplateSpec): Buffer {
  const rows: (string | null)[][] = [[...HEADER, ...spec.months]];
  for (const kpi of spec.kpis) {
    rows.push([kpi.code, kpi.title, unitLabel(kpi.unit, kpi.precision), ...spec.months.map(() => null)]);
  }
  return csvDocument(rows);
}

export function instructionLines(spec: TemplateSpec): string[][] {
  const first = spec.months[0]!;
  const last = spec.months[spec.months.length - 1]!;
  return [
    [
      `Monthly return: ${spec.setName} (${spec.setCode}), ${formatMonth(first)}${first === last ? '' : ` to ${formatMonth(last)}`}`,
    ],
    [],
    ['How to fill in the return'],
    [
      '1. Enter each KPI\'s figure in its month column on the "Return" sheet. Do not change the kpi_code column or the month headings.',
    ],
    [
      '2. Percentages are figures from 0 to 100: type 72.5 or 72.5%. A cell formatted as a percentage in Excel is fine.',
    ],
    ['3. Counts may be typed with thousands commas (1,234). Do not type units, words or notes in figure cells.'],
    ['4. Leave a cell empty when you are not submitting a figure for that month. An empty cell is never read as zero.'],
    ['5. Months are headed 2021-03; Mar-21, March 2021 and Mar 2021 are also accepted.'],
    ['6. When there is no figure to give, use one of the symbols below. A symbol is never read as zero.'],
    [],
    ['Symbol', 'Meaning'],
    ...SUPPRESSION_SYMBOLS.map((symbol) => [symbol, symbolMeaning(symbol)]),
    [],
    [
      'Other layout accepted: one row per figure with the columns kpi_code, month, value and, optionally, numerator, denominator and comment.',
    ],
    [
      'Before anything is saved you will see every problem in the file, with its cell, and a preview of new and changed figures.',
    ],
  ];
}

export async function buildTemplateXlsx(spec: TemplateSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Children's services KPI dashboard";
  workbook.created = new Date(0);

  const sheet = workbook.addWorksheet('Return', { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  sheet.columns = [
    { key: 'kpi_code', width: 14 },
    { key: 'title', width: 60 },
    { key: 'units', width: 28 },
    ...spec.months.map((month) => ({ key: month, width: 11 })),
  ];
  const header = sheet.getRow(1);
  [...HEADER, ...spec.months].forEach((text, index) => {
    const cell = header.getCell(index + 1);
    cell.value = text;
    cell.numFmt = '@'; // text, so Excel never turns 2021-03 into a date
    cell.font = { bold: true };
  });
  header.commit();
  spec.kpis.forEach((kpi, index) => {
    const row = sheet.getRow(index + 2);
    row.getCell(1).value = kpi.code;
    row.getCell(2).value = kpi.title;
    row.getCell(3).value = unitLabel(kpi.unit, kpi.precision);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  });

  const instructions = workbook.addWorksheet('Instructions');
  instructions.columns = [{ width: 12 }, { width: 100 }];
  for (const line of instructionLines(spec)) instructions.addRow(line);
  instructions.getRow(1).font = { bold: true, size: 14 };
  instructions.getRow(3).font = { bold: true };
  const symbolHeader = instructionLines(spec).findIndex((line) => line[0] === 'Symbol') + 1;
  instructions.getRow(symbolHeader).font = { bold: true };

  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}
