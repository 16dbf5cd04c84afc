import { dfeReportingYearRange, monthEndDate, monthToDate, workforceCensusMonth } from '@kpi/shared';
import type { CsvRow } from './tidyCsv';

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
