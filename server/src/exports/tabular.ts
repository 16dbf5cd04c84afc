import { type ExportMarking, formatDate, roundToPrecision, type Unit, ukDate } from '@kpi/shared';
import ExcelJS from 'exceljs';

/**
 * One model of an exported view (title, period, source, notes, marking and tables of typed
 * cells), written out as an Excel workbook (a cover sheet, then the tables) or as tidy CSV files
 * (each one table with its header row first, the metadata in a notes file beside them). Numbers
 * stay numbers in both; text that a spreadsheet would run as a formula is neutralised in the CSV.
 */

/** A figure in a KPI's unit, already rounded to its precision. */
export type NumberCell = { kind: 'number'; value: number; unit: Unit | 'plain'; precision: number };
/** A month, written `2021-03` in CSV and as a date shown `Mar 2021` in Excel. */
export type MonthCell = { kind: 'month'; month: string };
export type Cell = string | NumberCell | MonthCell | null;

export type ExportColumn = { header: string; width?: number };

export type ExportTable = {
  /** Shown above the table. */
  title: string;
  /** Excel table name: letters, digits and underscores, unique in the workbook. */
  name: string;
  columns: ExportColumn[];
  rows: Cell[][];
};

export type ExportSheet = { name: string; tables: ExportTable[] };

/** One CSV file of a document: a table, and its name in the download's `table` query parameter. */
export type CsvTable = { part: string; table: ExportTable };

export type ExportDocument = {
  title: string;
  organisation: string;
  /** "March 2021", "April 2020 to March 2021". */
  period: string;
  producedAt: Date;
  marking: ExportMarking | null;
  sources: string[];
  notes: string[];
  sheets: ExportSheet[];
  /**
   * The document's tables as CSV files, the main one first (what `….csv` gives without `table`).
   * Usually the sheets' tables; tables of one shape may instead be stacked into one long table
   * with a column naming each (the scorecard's 13-month trends, one sheet per KPI in the workbook).
   */
  csv: CsvTable[];
};

export function num(value: number, unit: Unit | 'plain', precision: number): NumberCell {
  return { kind: 'number', value: roundToPrecision(value, precision), unit, precision };
}

export function monthCell(month: string): MonthCell {
  return { kind: 'month', month };
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180): UTF-8 with a byte-order mark, CRLF line ends, fields quoted when they need it.
// ---------------------------------------------------------------------------------------------

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function csvNumber(cell: NumberCell): string {
  const text = cell.value.toFixed(cell.precision);
  // -0 and values that round to zero print without a sign.
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return quoteField(neutraliseText(cell));
  if (cell.kind === 'month') return cell.month;
  return csvNumber(cell);
}

function csvRow(cells: readonly Cell[], width: number): string {
  const padded = [...cells];
  while (padded.length < width) padded.push(null);
  return padded.map(csvField).join(',');
}

/** The column that carries the protective marking on every row, so no filter or sort can lose it. */
export const MARKING_COLUMN = 'Protective marking';

function csvBytes(lines: readonly Cell[][], width: number): Buffer {
  const text = lines.map((cells) => csvRow(cells, width)).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

/**
 * A table as tidy CSV: the header row first, then data rows only, every row as wide as the
 * header, with the document's protective marking (empty when every figure is published) as the
 * last column of every row.
 */
export function toCsv(doc: ExportDocument, table: ExportTable): Buffer {
  const width = table.columns.length + 1;
  const marking = doc.marking?.text ?? null;
  const lines: Cell[][] = [[...table.columns.map((c) => c.header), MARKING_COLUMN]];
  for (const row of table.rows) {
    if (row.length > table.columns.length) throw new Error(`A row of ${table.name} is wider than its header`);
    const padded: Cell[] = [...row];
    while (padded.length < table.columns.length) padded.push(null);
    lines.push([...padded, marking]);
  }
  return csvBytes(lines, width);
}

/** A CSV file of the document, named for the notes. */
export type CsvFile = { fileName: string; title: string };

/**
 * The notes beside a document's CSV files, themselves a tidy CSV (Item, Text, marking): what the
 * workbook's cover sheet says (title, organisation, period, date produced, sources, notes) and the
 * name and title of each data file they describe.
 */
export function toCsvNotes(doc: ExportDocument, files: readonly CsvFile[]): Buffer {
  const items: [string, string][] = [
    ['Title', doc.title],
    ['Organisation', doc.organisation],
    ['Period', doc.period],
    ['Produced', formatDate(ukDate(doc.producedAt))],
    ...(doc.marking ? [['Protective marking', doc.marking.text] as [string, string]] : []),
    ...files.map((file): [string, string] => ['Data file', `${file.fileName}: ${file.title}`]),
    ...doc.sources.map((source): [string, string] => ['Source', source]),
    ...doc.notes.map((note): [string, string] => ['Note', note]),
  ];
  const marking = doc.marking?.text ?? null;
  const lines: Cell[][] = [['Item', 'Text', MARKING_COLUMN], ...items.map(([item, text]) => [item, text, marking])];
  return csvBytes(lines, 3);
}

// ---------------------------------------------------------------------------------------------
// Excel: a cover sheet, then native tables with typed, formatted cells.
// ---------------------------------------------------------------------------------------------

/** The Excel number format for a unit at a precision (percentages are on the 0–100 scale). */
export function excelNumberFormat(unit: Unit | 'plain', precision: number): string {
  const decimals = precision > 0 ? `.${'0'.repeat(precision)}` : '';
  const base = `#,##0${decimals}`;
  switch (unit) {
    case 'percent':
      return `${base}"%"`;
    case 'money':
      return `"£"${base}`;
    default:
      return base;
  }
}

const MARKING_FONT = { bold: true, color: { argb: 'FFB10E1E' }, size: 12 } as const;
const TITLE_FONT = { bold: true, size: 16 } as const;

function excelValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell;
  if (cell.kind === 'month') {
    const [year, month] = cell.month.split('-').map(Number);
    return new Date(Date.UTC(year!, month! - 1, 1));
  }
  return cell.value;
}

function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 28)} ${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

function markEveryPage(sheet: ExcelJS.Worksheet, doc: ExportDocument) {
  const header = doc.marking ? `&C&"Arial,Bold"&KB10E1E${doc.marking.text.replaceAll('&', '&&')}` : '';
  sheet.headerFooter.oddHeader = header;
  sheet.headerFooter.oddFooter = `&L${doc.title.replaceAll('&', '&&')}&RPage &P of &N`;
  sheet.pageSetup.orientation = 'landscape';
  sheet.pageSetup.paperSize = 9; // A4
  sheet.pageSetup.fitToPage = true;
  sheet.pageSetup.fitToWidth = 1;
  sheet.pageSetup.fitToHeight = 0;
}

function addCover(workbook: ExcelJS.Workbook, doc: ExportDocument, used: Set<string>) {
  const cover = workbook.addWorksheet(sheetName('About', used));
  markEveryPage(cover, doc);
  cover.getColumn(1).width = 16;
  cover.getColumn(2).width = 110;
  let row = 1;
  if (doc.marking) {
    cover.getCell(row, 1).value = doc.marking.text;
    cover.getCell(row, 1).font = MARKING_FONT;
    row += 2;
  }
  cover.getCell(row, 1).value = doc.title;
  cover.getCell(row, 1).font = TITLE_FONT;
  row += 2;
  const facts: [string, string][] = [
    ['Organisation', doc.organisation],
    ['Period', doc.period],
    ['Produced', formatDate(ukDate(doc.producedAt))],
    ...doc.sources.map((source, i): [string, string] => [i === 0 ? 'Source' : '', source]),
    ...doc.notes.map((note, i): [string, string] => [i === 0 ? 'Notes' : '', `${i + 1}. ${note}`]),
  ];
  for (const [label, text] of facts) {
    cover.getCell(row, 1).value = label;
    cover.getCell(row, 1).font = { bold: true };
    cover.getCell(row, 2).value = text;
    cover.getCell(row, 2).alignment = { wrapText: true, vertical: 'top' };
    cover.getCell(row, 1).alignment = { vertical: 'top' };
    row += 1;
  }
  row += 1;
  cover.getCell(row, 1).value = 'Contents';
  cover.getCell(row, 1).font = { bold: true };
  for (const sheet of doc.sheets) {
    cover.getCell(row, 2).value = `${sheet.name}: ${sheet.tables.map((t) => t.title).join('; ')}`;
    cover.getCell(row, 2).alignment = { wrapText: true };
    row += 1;
  }
}

function addTable(sheet: ExcelJS.Worksheet, table: ExportTable, startRow: number): number {
  sheet.getCell(startRow, 1).value = table.title;
  sheet.getCell(startRow, 1).font = { bold: true, size: 13 };
  const headerRow = startRow + 1;
  const rows = table.rows.length > 0 ? table.rows : [table.columns.map(() => null)];
  sheet.addTable({
    name: table.name,
    ref: sheet.getCell(headerRow, 1).address,
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: table.columns.map((column) => ({ name: column.header, filterButton: true })),
    rows: rows.map((cells) => table.columns.map((_, i) => excelValue(cells[i] ?? null))),
  });
  rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (cell === null || typeof cell === 'string') {
        if (typeof cell === 'string') sheet.getCell(headerRow + 1 + r, c + 1).alignment = { wrapText: true };
        return;
      }
      const target = sheet.getCell(headerRow + 1 + r, c + 1);
      target.numFmt = cell.kind === 'month' ? 'mmm yyyy' : excelNumberFormat(cell.unit, cell.precision);
    });
  });
  table.columns.forEach((column, c) => {
    const current = sheet.getColumn(c + 1).width ?? 0;
    sheet.getColumn(c + 1).width = Math.max(
      current,
      column.width ?? Math.min(40, Math.max(10, column.header.length + 2)),
    );
  });
  return headerRow + rows.length + 2;
}

export async function toXlsx(doc: ExportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Children's services KPI dashboard";
  workbook.title = doc.title;
  workbook.created = doc.producedAt;
  workbook.modified = doc.producedAt;
  if (doc.marking) workbook.keywords = doc.marking.text;
  const used = new Set<string>();
  addCover(workbook, doc, used);
  for (const sheetModel of doc.sheets) {
    const sheet = workbook.addWorksheet(sheetName(sheetModel.name, used));
    markEveryPage(sheet, doc);
    let row = 1;
    if (doc.marking) {
      sheet.getCell(row, 1).value = doc.marking.text;
      sheet.getCell(row, 1).font = MARKING_FONT;
      row += 1;
    }
    sheet.getCell(row, 1).value = `${doc.title} (${doc.organisation}, ${doc.period})`;
    sheet.getCell(row, 1).font = { bold: true, size: 14 };
    row += 2;
    for (const table of sheetModel.tables) row = addTable(sheet, table, row);
    sheet.getCell(row, 1).value = `Source: ${doc.sources.join(' ')}`;
    sheet.getCell(row, 1).font = { italic: true, size: 10 };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
