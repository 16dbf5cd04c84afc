import type { RagStatus } from '../contracts/enums';
import { formatMonth, plural } from './format';
import { addMonths, assertMonth, compareMonths, monthRange } from './periods';

/**
 * How long a KPI has been in its current status, and whether it is a persistent failure.
 *
 * Rules:
 * - A *reported* month is one with a green, amber or red result. A month with no row at all and
 *   a month whose status is `no_data` (nothing reported, or a suppressed figure) are both MISSING.
 * - The streak is the run of CONSECUTIVE calendar months, ending with the latest reported month at
 *   or before `asOf`, that share that month's status. It stops at the first earlier month that has
 *   a different status or is missing: the contract's "in the failure zone for more than a 3-month
 *   period" is a period of months, and a month with no figure is a month nobody can say was in
 *   the failure zone. So that a missing return cannot quietly end a run of failure, the reason
 *   names the missing month that ended the count when the month before it had the same status.
 * - `missingMonths` are the missing months from the streak's first month to `asOf`: by the rule
 *   above, only months after the latest report (a return not yet in, or not made), which the
 *   reason counts ("no figure for the 2 months since").
 * - Persistent failure (the contract's "in the failure zone for more than a 3-month period"): the
 *   current status is red and the streak holds MORE THAN `persistentFailureMonths` (default 3)
 *   red months that carry a consequence. Red months in a grace period or under a relief event
 *   keep the streak going but are not counted; so three red months with consequence are not yet
 *   persistent, the fourth is. It is judged at the latest figure; months after it with no figure
 *   are said, not guessed.
 */

export const DEFAULT_PERSISTENT_FAILURE_MONTHS = 3;

export interface MonthlyResult {
  month: string;
  status: RagStatus;
  /** False inside a grace period or relief event (see `consequenceOf`). */
  carriesConsequence: boolean;
}

export interface StreakOptions {
  /** Red for more than this many consequence-carrying months is a persistent failure; default 3. */
  persistentFailureMonths?: number;
  /** The month the streak is measured to; defaults to the latest month in `results`. Later rows are ignored. */
  asOf?: string;
}

export type ReportedStatus = Exclude<RagStatus, 'no_data'>;

export interface StatusStreak {
  /** Status of the latest reported month; null when nothing has been reported. */
  status: ReportedStatus | null;
  /** Reported months in the streak. */
  months: number;
  /** First and last reported month of the streak. */
  from: string | null;
  to: string | null;
  /** The month the streak is measured to. */
  asOf: string | null;
  /** Months from `from` to `asOf` with no row or a `no_data` result, in order. */
  missingMonths: string[];
  /** Red months in the streak that carry a consequence (0 unless the status is red). */
  failureMonthsWithConsequence: number;
  persistentFailure: boolean;
  persistentFailureMonths: number;
  /** One sentence describing the streak. */
  reason: string;
}

const STATUS_WORDS: Record<ReportedStatus, string> = { green: 'On target', amber: 'Amber', red: 'In failure' };

export function statusStreak(results: readonly MonthlyResult[], options: StreakOptions = {}): StatusStreak {
  const limit = options.persistentFailureMonths ?? DEFAULT_PERSISTENT_FAILURE_MONTHS;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`persistentFailureMonths must be a whole number of months, 0 or more; got ${limit}`);
  }
  const byMonth = new Map<string, MonthlyResult>();
  for (const result of results) {
    assertMonth(result.month, 'result month');
    if (byMonth.has(result.month)) throw new Error(`Two results for ${result.month}; expected one per month`);
    byMonth.set(result.month, result);
  }
  let asOf = options.asOf ?? null;
  if (asOf !== null) assertMonth(asOf, 'asOf');
  else {
    for (const month of byMonth.keys()) if (asOf === null || compareMonths(month, asOf) > 0) asOf = month;
  }

  const empty: StatusStreak = {
    status: null,
    months: 0,
    from: null,
    to: null,
    asOf,
    missingMonths: [],
    failureMonthsWithConsequence: 0,
    persistentFailure: false,
    persistentFailureMonths: limit,
    reason: 'No figure has been reported yet, so there is no streak.',
  };
  if (asOf === null) return empty;

  // Reported results at or before asOf, latest first (a copy: the input is never reordered).
  const reported = [...byMonth.values()]
    .filter((r) => r.status !== 'no_data' && compareMonths(r.month, asOf) <= 0)
    .sort((a, b) => compareMonths(b.month, a.month));
  const latest = reported[0];
  if (latest === undefined) return empty;
  const status = latest.status as ReportedStatus;

  let from = latest.month;
  let months = 0;
  let failureMonthsWithConsequence = 0;
  /** The missing month that ended the count, when the month before it had the same status. */
  let interruptedBy: string | null = null;
  for (let month = latest.month; ; month = addMonths(month, -1)) {
    const result = byMonth.get(month);
    if (result === undefined || result.status === 'no_data') {
      const earlier = reported.find((r) => compareMonths(r.month, month) < 0);
      if (earlier?.status === status) interruptedBy = month;
      break;
    }
    if (result.status !== status) break;
    months++;
    from = month;
    if (status === 'red' && result.carriesConsequence) failureMonthsWithConsequence++;
  }
  const missingMonths = monthRange(from, asOf).filter((m) => {
    const row = byMonth.get(m);
    return row === undefined || row.status === 'no_data';
  });
  const persistentFailure = status === 'red' && failureMonthsWithConsequence > limit;

  const span = from === latest.month ? formatMonth(from) : `${formatMonth(from)} to ${formatMonth(latest.month)}`;
  const since =
    missingMonths.length > 0
      ? `, with no figure for the ${missingMonths.length === 1 ? 'month' : `${missingMonths.length} months`} since`
      : '';
  const interrupted = interruptedBy
    ? `, counted from after ${formatMonth(interruptedBy)}, which has no figure (before it, ${STATUS_WORDS[status].toLowerCase()} too)`
    : '';
  let reason = `${STATUS_WORDS[status]} for ${plural(months, 'reported month')} (${span})${interrupted}${since}`;
  if (status === 'red') {
    reason += persistentFailure
      ? `; ${failureMonthsWithConsequence} of them carry a consequence, more than ${limit}, so this is a persistent failure.`
      : `; ${failureMonthsWithConsequence} of them carry a consequence, not more than ${limit}, so this is not yet a persistent failure.`;
  } else {
    reason += '.';
  }

  return {
    status,
    months,
    from,
    to: latest.month,
    asOf,
    missingMonths,
    failureMonthsWithConsequence,
    persistentFailure,
    persistentFailureMonths: limit,
    reason,
  };
}
