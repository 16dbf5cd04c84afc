/**
 * Months, financial years and DfE periods.
 *
 * Every month in the domain API is a `YYYY-MM` string; every date is `YYYY-MM-DD`. The contract
 * year is the financial year, April to March, labelled `2020-21` (start year, hyphen, two-digit
 * end year, zero-padded: `1999-00`). Quarters are financial-year quarters as the papers label
 * them: `2022-23 Q1` is April–June 2022.
 */

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const FINANCIAL_YEAR_PATTERN = /^(\d{4})-(\d{2})$/;

export function isValidMonth(s: unknown): s is string {
  return typeof s === 'string' && MONTH_PATTERN.test(s);
}

/** True for a real calendar date written `YYYY-MM-DD` (so `2021-02-29` is false). */
export function isValidDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const match = DATE_PATTERN.exec(s);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Throws a descriptive error unless `month` is `YYYY-MM`. */
export function assertMonth(month: string, what = 'month'): void {
  if (!isValidMonth(month)) {
    throw new Error(`Expected ${what} as YYYY-MM (for example 2020-04); got ${JSON.stringify(month)}`);
  }
}

/** Throws a descriptive error unless `date` is a real `YYYY-MM-DD` date. */
export function assertDate(date: string, what = 'date'): void {
  if (!isValidDate(date)) {
    throw new Error(`Expected ${what} as YYYY-MM-DD (for example 2020-04-01); got ${JSON.stringify(date)}`);
  }
}

/** Splits a valid month into numbers: `'2020-04'` → `{ year: 2020, month: 4 }`. */
export function parseMonth(month: string): { year: number; month: number } {
  assertMonth(month);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

function monthFromIndex(index: number): string {
  // index = year × 12 + (month − 1)
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < 0 || year > 9999) throw new RangeError(`Month is outside the years 0000–9999 (year ${year})`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function monthIndex(month: string): number {
  const parsed = parseMonth(month);
  return parsed.year * 12 + parsed.month - 1;
}

/** Negative when a is earlier than b, zero when equal, positive when later (usable with sort). */
export function compareMonths(a: string, b: string): number {
  return monthIndex(a) - monthIndex(b);
}

/** Whole months from `from` to `to` (`monthsBetween('2020-04', '2021-03')` = 11). */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

export function addMonths(month: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths needs a whole number of months; got ${n}`);
  return monthFromIndex(monthIndex(month) + n);
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: string, to: string): string[] {
  const start = monthIndex(from);
  const end = monthIndex(to);
  const months: string[] = [];
  for (let i = start; i <= end; i++) months.push(monthFromIndex(i));
  return months;
}

/** The financial year's start year: April 2020 – March 2021 → 2020. */
export function financialYearStartYear(month: string): number {
  const parsed = parseMonth(month);
  return parsed.month >= 4 ? parsed.year : parsed.year - 1;
}

/** Label for the financial year that starts in April of `startYear`: 2020 → `'2020-21'`. */
export function financialYearLabel(startYear: number): string {
  if (!Number.isInteger(startYear) || startYear < 0 || startYear > 9998) {
    throw new RangeError(`Financial year start must be a year from 0000 to 9998; got ${startYear}`);
  }
  return `${String(startYear).padStart(4, '0')}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** `'2020-04'`…`'2021-03'` → `'2020-21'`; `'1999-04'` → `'1999-00'`. */
export function financialYearOf(month: string): string {
  return financialYearLabel(financialYearStartYear(month));
}

export function isValidFinancialYear(fy: unknown): fy is string {
  if (typeof fy !== 'string') return false;
  const match = FINANCIAL_YEAR_PATTERN.exec(fy);
  if (!match) return false;
  return (Number(match[1]) + 1) % 100 === Number(match[2]);
}

/** `'2020-21'` → 2020. Throws on anything that is not a consistent label. */
export function parseFinancialYear(fy: string): number {
  if (!isValidFinancialYear(fy)) {
    throw new Error(`Expected a financial year such as 2020-21 (April 2020 to March 2021); got ${JSON.stringify(fy)}`);
  }
  return Number(fy.slice(0, 4));
}

/** The April that starts the month's financial year: `'2021-02'` → `'2020-04'`. */
export function financialYearStartMonth(month: string): string {
  return `${String(financialYearStartYear(month)).padStart(4, '0')}-04`;
}

/** The twelve months of a financial year, April to March. */
export function financialYearMonths(fy: string): string[] {
  const start = `${String(parseFinancialYear(fy)).padStart(4, '0')}-04`;
  return monthRange(start, addMonths(start, 11));
}

/** The financial year after `fy`: `'2020-21'` → `'2021-22'`. */
export function nextFinancialYear(fy: string): string {
  return financialYearLabel(parseFinancialYear(fy) + 1);
}

/** Financial-year quarter, as the papers label it: April–June 2022 → `'2022-23 Q1'`, Jan–Mar 2023 → `'2022-23 Q4'`. */
export function quarterOf(month: string): string {
  const parsed = parseMonth(month);
  const monthOfYear = (parsed.month + 8) % 12; // April → 0 … March → 11
  return `${financialYearOf(month)} Q${Math.floor(monthOfYear / 3) + 1}`;
}

/** `'2020-04'` → `'2020-04-01'`. */
export function monthToDate(month: string): string {
  assertMonth(month);
  return `${month}-01`;
}

/**
 * The month a date falls in: `'2020-04-01'` → `'2020-04'`; also accepts ISO timestamps
 * (`'2020-04-30T23:00:00.000Z'` → `'2020-04'`: the date part is read as written, no time-zone
 * shift) and `Date` objects, read in UTC (a database `date` column arrives as UTC midnight).
 */
export function dateToMonth(date: string | Date): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new Error('Cannot take the month of an invalid Date');
    return monthFromIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());
  }
  const datePart = typeof date === 'string' ? date.slice(0, 10) : '';
  if (typeof date !== 'string' || !isValidDate(datePart) || !/^(?:$|[T ])/.test(date.slice(10, 11))) {
    throw new Error(`Expected a date as YYYY-MM-DD (optionally followed by a time); got ${JSON.stringify(date)}`);
  }
  return datePart.slice(0, 7);
}

/** The last day of the month: `'2021-02'` → `'2021-02-28'`. */
export function monthEndDate(month: string): string {
  const parsed = parseMonth(month);
  return `${month}-${String(daysInMonth(parsed.year, parsed.month)).padStart(2, '0')}`;
}

/**
 * The start year of a DfE "year ending 31 March" period, from any of the labels DfE uses:
 * a reporting year (`2020`, `'2020'` = year ending 31 March 2020 → 2019), an academic/financial
 * style six-digit code (`'201920'` → 2019) or a slash/hyphen label (`'2019/20'`, `'2019-20'` → 2019).
 */
function dfeYearStart(timePeriod: string | number): number {
  const text = String(timePeriod).trim();
  if (/^\d{4}$/.test(text)) return Number(text) - 1;
  const split = /^(\d{4})(?:\/|-)?(\d{2})$/.exec(text);
  if (split) {
    const start = Number(split[1]);
    if ((start + 1) % 100 !== Number(split[2])) {
      throw new Error(`DfE period ${JSON.stringify(timePeriod)} does not span two consecutive years`);
    }
    return start;
  }
  throw new Error(
    `Unrecognised DfE time period ${JSON.stringify(timePeriod)}; expected a reporting year such as 2020, or 201920 or 2019/20`,
  );
}

/**
 * The months a DfE annual figure covers. "Reporting year 2020" (CIN, CLA, CP) is the year
 * ending 31 March 2020, i.e. `{ from: '2019-04', to: '2020-03' }`; `'201920'` and `'2019/20'`
 * mean the same year. A position "at 31 March" is the `to` month.
 */
export function dfeReportingYearRange(timePeriod: string | number): { from: string; to: string } {
  const start = dfeYearStart(timePeriod);
  const from = `${String(start).padStart(4, '0')}-04`;
  return { from, to: addMonths(from, 11) };
}

/**
 * The month a DfE children's social work workforce (CSWW) figure describes.
 *
 * Checked against data/reference/dfe: in `csww_indicators_2017_to_2025.csv` and
 * `csww_headline_measures_2017_to_2022.csv` the `time_period` is a single year with
 * `time_identifier` "Reporting year", and the LAIT data dictionary describes these measures as
 * "Annual (end of Sept)", "for the year ending 30 September", with vacancies, agency workers and
 * caseloads counted "at 30 September" (turnover counts leavers in the year to 30 September). The
 * 2025 rows carry a note about a cyberattack in November 2025, after the census date, and were
 * published in February 2026. So `time_period` Y is the position at 30 September of year Y itself
 * (not of the financial year ending in Y): 2020 → `'2020-09'`.
 */
export function workforceCensusMonth(timePeriod: string | number): string {
  const text = String(timePeriod).trim();
  if (!/^\d{4}$/.test(text)) {
    throw new Error(`Unrecognised workforce census year ${JSON.stringify(timePeriod)}; expected a year such as 2020`);
  }
  return `${text}-09`;
}
