import {
  type DfeValue,
  dfeReportingYearRange,
  type GeographicLevel,
  monthEndDate,
  monthToDate,
  parseDfeValue,
  ratePer10k,
  roundToPrecision,
  SUPPRESSION_SYMBOLS,
  type Unit,
  withoutFloatNoise,
  workforceCensusMonth,
} from '@kpi/shared';
import { CsvError, parse } from 'csv-parse/sync';

/**
 * The one reader of DfE "tidy CSV" files (the Explore Education Statistics layout: `time_period`,
 * `time_identifier`, `geographic_level`, the geography columns, then one column per measure),
 * shared by the demo seed and the benchmark import. Pure: bytes or text in, rows out; no files,
 * no database. Everything a person could get wrong in a file is a `TidyCsvError` that says what
 * and where (row numbers as a spreadsheet shows them: the header is row 1).
 */

export type CsvRow = Record<string, string>;

/** The columns every EES tidy CSV has; a file without them is not in the layout. */
export const TIDY_REQUIRED_COLUMNS = ['time_period', 'time_identifier', 'geographic_level'] as const;

/** Time and geography columns: the key of a row, never a measure. */
export const TIDY_KEY_COLUMNS: ReadonlySet<string> = new Set([
  'time_period',
  'time_identifier',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'old_la_code',
  'new_la_code',
  'la_name',
]);

export const ENGLAND_AREA_CODE = 'E92000001';

export type TidyProblemCode =
  | 'file_empty'
  | 'not_csv'
  | 'malformed'
  | 'wrong_delimiter'
  | 'missing_heading'
  | 'duplicate_column'
  | 'row_length'
  | 'not_tidy'
  | 'not_sn_list';

export interface TidyProblem {
  /** Where: `file`, or `file.row.12` / `file.row.12.ICPC`. */
  path: string;
  message: string;
}

/** A file that cannot be read as a DfE tidy CSV (or an SN list), with where and why. */
export class TidyCsvError extends Error {
  constructor(
    readonly code: TidyProblemCode,
    message: string,
    readonly problems: TidyProblem[] = [{ path: 'file', message }],
  ) {
    super(message);
    this.name = 'TidyCsvError';
  }
}

/** A cell that is neither a number, a suppression symbol nor empty. */
export class TidyCellError extends Error {
  constructor(
    readonly row: number,
    readonly column: string,
    readonly raw: string,
  ) {
    super(
      `Row ${row}, column ${column}: ${JSON.stringify(raw)} is not a number or a suppression symbol (${SUPPRESSION_SYMBOLS.join(', ')})`,
    );
    this.name = 'TidyCellError';
  }
}

export interface TidyTable {
  /** Headings in file order. */
  columns: string[];
  /** One object per data row, keyed by heading. */
  records: CsvRow[];
  /** The spreadsheet row number of each record (header = 1). */
  rowNumbers: number[];
}

// ---------------------------------------------------------------- bytes → text → rows

/**
 * Bytes to text: UTF-8 (a byte-order mark is dropped); bytes that are not valid UTF-8 are read as
 * Windows-1252 (a CSV saved by Excel). Zip/Excel workbooks, UTF-16 and binary files are refused.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new TidyCsvError('file_empty', 'The file is empty.');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new TidyCsvError(
      'not_csv',
      'This is an Excel workbook or zip file, not a CSV. Download the CSV from Explore Education Statistics ("Download data (CSV)").',
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new TidyCsvError('not_csv', 'The file is UTF-16 text. Save it as "CSV UTF-8" and try again.');
  }
  if (bytes.includes(0)) throw new TidyCsvError('not_csv', 'The file is not text (it contains binary data).');
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

/** A CSV as rows of cells with the line each row starts on; syntax errors say which line. */
export function parseCsvCells(text: string): Array<{ line: number; cells: string[] }> {
  if (text.trim() === '') throw new TidyCsvError('file_empty', 'The file is empty.');
  try {
    const parsed = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    // info.lines is the line a record ends on; a quoted cell spanning lines moves its start back.
    return parsed.map(({ record, info }) => {
      let spanned = 0;
      for (const cell of record) if (cell.includes('\n')) spanned += cell.split('\n').length - 1;
      return { line: info.lines - spanned, cells: record };
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const where = line ? `Line ${line}: ` : '';
      throw new TidyCsvError('malformed', `${where}the file is not valid CSV (${error.message}).`, [
        { path: line ? `file.row.${line}` : 'file', message: `${where}${error.message}` },
      ]);
    }
    throw error;
  }
}

/**
 * A header row and its data rows as a table. Headings are trimmed; duplicate or missing headings
 * are errors (an unnamed column with no data, e.g. a trailing comma, is ignored); a row with
 * more or fewer cells than the header is an error naming the row.
 */
export function tableFromCells(rows: Array<{ line: number; cells: string[] }>): TidyTable {
  const [header, ...data] = rows;
  if (!header) throw new TidyCsvError('file_empty', 'The file is empty.');
  const headings = header.cells.map((h) => h.trim());
  const keep: number[] = [];
  const seen = new Map<string, number>();
  const problems: TidyProblem[] = [];
  headings.forEach((heading, index) => {
    if (heading === '') {
      if (data.some((r) => (r.cells[index] ?? '').trim() !== '')) {
        problems.push({ path: `file.column.${index + 1}`, message: `Column ${index + 1} has data but no heading.` });
      }
      return;
    }
    const first = seen.get(heading);
    if (first !== undefined) {
      problems.push({
        path: `file.column.${index + 1}`,
        message: `Columns ${first + 1} and ${index + 1} are both headed ${JSON.stringify(heading)}.`,
      });
      return;
    }
    seen.set(heading, index);
    keep.push(index);
  });
  const duplicate = problems.find((p) => p.message.includes('both headed'));
  if (problems.length > 0) {
    throw new TidyCsvError(
      duplicate ? 'duplicate_column' : 'missing_heading',
      duplicate ? `Two columns have the same heading: ${duplicate.message}` : problems[0]!.message,
      problems,
    );
  }
  const columns = keep.map((i) => headings[i]!);
  const records: CsvRow[] = [];
  const rowNumbers: number[] = [];
  const lengthProblems: TidyProblem[] = [];
  for (const { line, cells } of data) {
    const extra = cells.slice(headings.length).some((c) => c.trim() !== '');
    if (cells.length < headings.length || extra) {
      if (lengthProblems.length < 20) {
        lengthProblems.push({
          path: `file.row.${line}`,
          message: `Row ${line} has ${cells.length} cells but the header has ${headings.length}.`,
        });
      }
      continue;
    }
    const record: CsvRow = {};
    for (let k = 0; k < keep.length; k++) record[columns[k]!] = cells[keep[k]!] ?? '';
    records.push(record);
    rowNumbers.push(line);
  }
  if (lengthProblems.length > 0) {
    throw new TidyCsvError(
      'row_length',
      `${lengthProblems[0]!.message} Every row must have one cell per column.`,
      lengthProblems,
    );
  }
  return { columns, records, rowNumbers };
}

/** A header row separated by semicolons, tabs or pipes rather than commas is refused before parsing. */
function assertCommaSeparated(text: string): void {
  const end = text.search(/\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  if (!header.includes(',') && /[;\t|]/.test(header)) {
    throw new TidyCsvError(
      'wrong_delimiter',
      'The header is separated by semicolons, tabs or bars: the file must be comma-separated, as DfE publishes it.',
    );
  }
}

/** Bytes or text → a table (any CSV with a header row). */
export function readCsvTable(input: Uint8Array | string, checkHeader?: (headings: string[]) => void): TidyTable {
  const text = typeof input === 'string' ? input : decodeCsvBytes(input);
  assertCommaSeparated(text);
  const cells = parseCsvCells(text);
  checkHeader?.((cells[0]?.cells ?? []).map((h) => h.trim()));
  return tableFromCells(cells);
}

/** Throws unless the header has the tidy-CSV key columns (checked before any row is read). */
function assertTidyHeader(headings: string[]): void {
  const missing = TIDY_REQUIRED_COLUMNS.filter((c) => !headings.includes(c));
  if (missing.length > 0) throw notTidy(missing);
}

function notTidy(missing: string[]): TidyCsvError {
  return new TidyCsvError(
    'not_tidy',
    `The file is not in the DfE tidy-CSV layout: it has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}. Download the file from Explore Education Statistics ("Download data (CSV)"), whose columns start time_period, time_identifier, geographic_level.`,
    missing.map((c) => ({ path: 'file.columns', message: `No ${c} column` })),
  );
}

/** Throws unless the table has the tidy-CSV key columns and, for its rows, a way to say where. */
export function assertTidyLayout(table: TidyTable): void {
  const missing: string[] = TIDY_REQUIRED_COLUMNS.filter((c) => !table.columns.includes(c));
  const levels = new Set(table.records.map((r) => r.geographic_level));
  if (levels.has('Regional') && !table.columns.includes('region_code')) missing.push('region_code');
  if (levels.has('Local authority') && !table.columns.includes('old_la_code') && !table.columns.includes('new_la_code'))
    missing.push('old_la_code or new_la_code');
  if (missing.length > 0) throw notTidy(missing);
  if (table.records.length === 0) throw new TidyCsvError('file_empty', 'The file has a header but no rows.');
}

/** A DfE tidy CSV: read, and checked to be in the layout. */
export function readTidyCsv(input: Uint8Array | string): TidyTable {
  const table = readCsvTable(input, assertTidyHeader);
  assertTidyLayout(table);
  return table;
}

/** One cell as a DfE value; anything else throws a `TidyCellError` naming the row and column. */
export function tidyCell(record: CsvRow, column: string, row: number): DfeValue {
  const raw = record[column];
  if (raw === undefined) throw new TidyCellError(row, column, '');
  try {
    return parseDfeValue(raw);
  } catch {
    throw new TidyCellError(row, column, raw);
  }
}

// ---------------------------------------------------------------- areas

/** What the product knows about areas, for placing a row. */
export interface AreaDirectory {
  /** DfE three-digit LA number → area code. */
  byOldLaCode: ReadonlyMap<string, string>;
  /** Any GSS code the product knows (current or earlier) → area code. */
  byCode: ReadonlyMap<string, string>;
}

export type RowArea =
  | { kind: 'area'; areaCode: string; level: GeographicLevel }
  /** A joint return covering several authorities (`314 / 318`): the ones known, and the LA numbers not. */
  | { kind: 'joint'; areaCodes: string[]; unknownLaNumbers: string[]; label: string }
  | { kind: 'unknown'; level: GeographicLevel; code: string; name: string }
  | { kind: 'other_level'; level: string };

/** A joint return covering more than one authority, e.g. old_la_code "314 / 318". */
export function isJointCode(code: string): boolean {
  return code.includes('/');
}

export function splitJointCode(code: string): string[] {
  return code
    .split('/')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/**
 * The area a tidy-CSV row describes. England by its country code (blank means England); a region
 * by region_code; a local authority by its DfE LA number (stable when GSS codes change), else by
 * new_la_code. Levels other than National, Regional and Local authority are `other_level`.
 */
export function areaOfTidyRow(row: CsvRow, directory: AreaDirectory): RowArea {
  switch (row.geographic_level) {
    case 'National': {
      const code = (row.country_code ?? '').trim() || ENGLAND_AREA_CODE;
      const areaCode = directory.byCode.get(code);
      return areaCode
        ? { kind: 'area', areaCode, level: 'national' }
        : { kind: 'unknown', level: 'national', code, name: row.country_name ?? '' };
    }
    case 'Regional': {
      const code = (row.region_code ?? '').trim();
      const areaCode = directory.byCode.get(code);
      return areaCode
        ? { kind: 'area', areaCode, level: 'region' }
        : { kind: 'unknown', level: 'region', code, name: row.region_name ?? '' };
    }
    case 'Local authority': {
      const oldCode = (row.old_la_code ?? '').trim();
      if (isJointCode(oldCode)) {
        const numbers = splitJointCode(oldCode);
        const areaCodes: string[] = [];
        const unknownLaNumbers: string[] = [];
        for (const n of numbers) {
          const code = directory.byOldLaCode.get(n);
          if (code) areaCodes.push(code);
          else unknownLaNumbers.push(n);
        }
        return { kind: 'joint', areaCodes, unknownLaNumbers, label: row.la_name || oldCode };
      }
      const newCode = (row.new_la_code ?? '').trim();
      const areaCode =
        (oldCode ? directory.byOldLaCode.get(oldCode) : undefined) ??
        (newCode && !isJointCode(newCode) ? directory.byCode.get(newCode) : undefined);
      return areaCode
        ? { kind: 'area', areaCode, level: 'local_authority' }
        : { kind: 'unknown', level: 'local_authority', code: oldCode || newCode, name: row.la_name ?? '' };
    }
    default:
      return { kind: 'other_level', level: row.geographic_level ?? '' };
  }
}

// ---------------------------------------------------------------- periods

/**
 * When a DfE figure applies:
 * - `at31March`: a position at 31 March of the reporting year (CP plans, CIN, children looked after);
 *   the period is March of that year.
 * - `yearToMarch`: events in the year ending 31 March (referrals, S47s, ICPCs, starts); April–March.
 * - `workforceCensus`: the social work workforce position at 30 September of the year itself.
 */
export type DfeTiming = 'at31March' | 'yearToMarch' | 'workforceCensus';
export const DFE_TIMINGS = ['at31March', 'yearToMarch', 'workforceCensus'] as const;

/** The dates a DfE period covers for a measure with the given timing. */
export function dfePeriod(timePeriod: string, timing: DfeTiming): { periodStart: string; periodEnd: string } {
  if (timing === 'workforceCensus') {
    const month = workforceCensusMonth(timePeriod);
    return { periodStart: monthToDate(month), periodEnd: monthEndDate(month) };
  }
  const range = dfeReportingYearRange(timePeriod);
  if (timing === 'at31March') return { periodStart: monthToDate(range.to), periodEnd: monthEndDate(range.to) };
  return { periodStart: monthToDate(range.from), periodEnd: monthEndDate(range.to) };
}

/** time_identifier values whose time_period the dashboard can place (April–March, or the census year). */
export const SUPPORTED_TIME_IDENTIFIERS = ['Reporting year', 'Financial year'] as const;

/**
 * The period of a row for a timing, checking the time_identifier: "Reporting year" and
 * "Financial year" are April–March (or, for the workforce, the 30 September census of the year).
 * Throws a message naming the row otherwise.
 */
export function periodOfRow(
  row: CsvRow,
  rowNumber: number,
  timing: DfeTiming,
): { timePeriod: string; timeIdentifier: string; periodStart: string; periodEnd: string } {
  const timePeriod = (row.time_period ?? '').trim();
  const timeIdentifier = (row.time_identifier ?? '').trim();
  if (!(SUPPORTED_TIME_IDENTIFIERS as readonly string[]).includes(timeIdentifier)) {
    throw new Error(
      `Row ${rowNumber}: time_identifier ${JSON.stringify(timeIdentifier)} is not supported; the dashboard places DfE figures on the April–March reporting year (${SUPPORTED_TIME_IDENTIFIERS.join(' or ')}) or the 30 September workforce census`,
    );
  }
  try {
    return { timePeriod, timeIdentifier, ...dfePeriod(timePeriod, timing) };
  } catch (error) {
    throw new Error(`Row ${rowNumber}: ${(error as Error).message}`);
  }
}

/** Columns only the children's social work workforce (CSWW) files have: their periods are 30 September. */
const WORKFORCE_COLUMNS = [
  'vacancy_rate_fte',
  'agency_rate_fte',
  'turnover_rate_fte',
  'caseload_fte',
  'inpost_fte',
  'social_worker_fte',
  'vacancy_rate_fte_%',
  'agency_worker_rate_fte_%',
  'turnover_rate_fte_%',
];

/** Is this a social work workforce file (figures at the 30 September census)? */
export function isWorkforceFile(columns: readonly string[]): boolean {
  return columns.some((c) => WORKFORCE_COLUMNS.includes(c));
}

// ---------------------------------------------------------------- measures

/**
 * How a comparator measure is read from a file: one column, a sum of columns, a ratio of columns
 * (× 100 for a percentage, × 10,000 for a rate), or a count ÷ ONS 0–17 population × 10,000;
 * optionally only the rows where a column has a value (files with several categories).
 */
export interface DfeMeasureMapping {
  measureCode: string;
  unit: Unit;
  /** A column, or columns added together. */
  numerator?: string | string[] | undefined;
  /** A column, or columns added together (ICPC timeliness divides by the four duration bands). */
  denominator?: string | string[] | undefined;
  /** Multiplier of a ratio; by default 100 for a percentage, 10,000 for a rate, else 1. */
  scale?: 1 | 100 | 10000 | undefined;
  /** A count column: rate per 10,000 = count ÷ ONS 0–17 population of the right mid-year × 10,000. */
  rateFromCount?: string | undefined;
  /** Decimal places a computed figure is rounded to (default 1); a single column is stored as published. */
  decimals?: number | undefined;
  filter?: { column: string; value: string } | undefined;
  timing?: DfeTiming | undefined;
}

export function numeratorColumns(mapping: DfeMeasureMapping): string[] {
  if (mapping.numerator === undefined) return [];
  return Array.isArray(mapping.numerator) ? mapping.numerator : [mapping.numerator];
}

export function denominatorColumns(mapping: DfeMeasureMapping): string[] {
  if (mapping.denominator === undefined) return [];
  return Array.isArray(mapping.denominator) ? mapping.denominator : [mapping.denominator];
}

/** Every column a mapping reads figures from. */
export function mappingColumns(mapping: DfeMeasureMapping): string[] {
  return [
    ...numeratorColumns(mapping),
    ...denominatorColumns(mapping),
    ...(mapping.rateFromCount ? [mapping.rateFromCount] : []),
  ];
}

/** Whether the stored figure is computed from the file (sum, ratio, rate) rather than one published cell. */
export function isComputedMapping(mapping: DfeMeasureMapping): boolean {
  return (
    mapping.rateFromCount !== undefined ||
    mapping.denominator !== undefined ||
    numeratorColumns(mapping).length > 1 ||
    mapping.decimals !== undefined
  );
}

export function defaultScale(unit: Unit): 1 | 100 | 10000 {
  if (unit === 'percent') return 100;
  if (unit === 'rate_per_10k') return 10000;
  return 1;
}

/** In words, for the stored release: `(Duration_0-10_days + Duration_11-15_days) ÷ ICPC × 100, to 1 dp`. */
export function describeMapping(mapping: DfeMeasureMapping): string {
  const decimals = mapping.decimals ?? 1;
  if (mapping.rateFromCount) {
    return `${mapping.rateFromCount} ÷ ONS mid-year 0–17 estimate for the year's 30 June × 10,000, to ${decimals} dp`;
  }
  const nums = numeratorColumns(mapping);
  const top = nums.length > 1 ? `(${nums.join(' + ')})` : (nums[0] ?? '');
  if (!mapping.denominator) {
    return mapping.decimals === undefined ? top : `${top}, to ${decimals} dp`;
  }
  const scale = mapping.scale ?? defaultScale(mapping.unit);
  const dens = denominatorColumns(mapping);
  const bottom = dens.length > 1 ? `(${dens.join(' + ')})` : (dens[0] ?? '');
  return `${top} ÷ ${bottom}${scale === 1 ? '' : ` × ${scale.toLocaleString('en-GB')}`}, to ${decimals} dp`;
}

/** A figure computed from several cells: suppressed with the first symbol if any part is, empty if any part is. */
function combine(parts: DfeValue[], compute: (values: number[]) => number | null): DfeValue {
  const symbol = parts.find((p) => p.symbol !== null)?.symbol ?? null;
  if (symbol) return { value: null, symbol };
  if (parts.some((p) => p.value === null)) return { value: null, symbol: null };
  const value = compute(parts.map((p) => p.value as number));
  return value === null ? { value: null, symbol: 'z' } : { value, symbol: null };
}

export type MappingResult = DfeValue | 'no_population';

/**
 * One row's figure for a mapping. Suppression symbols stay symbols (a sum or ratio with a
 * suppressed part takes that part's symbol); an empty part gives no figure; a ratio over zero is
 * `z` (not applicable). `population` is the ONS 0–17 estimate the row's rate uses (rates only).
 */
export function evaluateMapping(
  mapping: DfeMeasureMapping,
  row: CsvRow,
  rowNumber: number,
  population: number | null,
): MappingResult {
  const cell = (column: string) => tidyCell(row, column, rowNumber);
  const decimals = mapping.decimals ?? 1;
  if (mapping.rateFromCount) {
    const count = cell(mapping.rateFromCount);
    if (count.value === null) return count;
    if (population === null) return 'no_population';
    return { value: roundToPrecision(ratePer10k(count.value, population), decimals), symbol: null };
  }
  const nums = numeratorColumns(mapping).map(cell);
  if (mapping.denominator) {
    const scale = mapping.scale ?? defaultScale(mapping.unit);
    const dens = denominatorColumns(mapping).map(cell);
    return combine([...nums, ...dens], (values) => {
      const total = withoutFloatNoise(values.slice(nums.length).reduce((a, b) => a + b, 0));
      if (total === 0) return null;
      const sum = withoutFloatNoise(values.slice(0, nums.length).reduce((a, b) => a + b, 0));
      // Multiply before dividing so an exact half stays exact (6870 × 100 ÷ 8720).
      return roundToPrecision((sum * scale) / total, decimals);
    });
  }
  if (nums.length === 1 && mapping.decimals === undefined) return nums[0]!;
  return combine(nums, (values) => {
    const sum = withoutFloatNoise(values.reduce((a, b) => a + b, 0));
    return mapping.decimals === undefined ? sum : roundToPrecision(sum, decimals);
  });
}

/** Does a row pass a mapping's filter? */
export function passesFilter(mapping: DfeMeasureMapping, row: CsvRow): boolean {
  if (!mapping.filter) return true;
  return (row[mapping.filter.column] ?? '').trim() === mapping.filter.value.trim();
}

// ---------------------------------------------------------------- statistical-neighbour lists

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

// ---------------------------------------------------------------- ONS populations

/** Does an ONS tidy-CSV age_group describe children aged 0 to 17? */
export function isChildPopulationAgeGroup(ageGroup: string): boolean {
  return /\b0\s*(?:to|-|–)\s*17\b/i.test(ageGroup) || /^under\s*18/i.test(ageGroup.trim());
}
