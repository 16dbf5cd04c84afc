import type { RagStatus } from '../contracts/enums';
import { formatFinancialYear, formatMonth } from './format';
import { financialYearMonths } from './periods';
import { statusRank } from './rag';

/**
 * A KPI's financial year in the words of the Trust's annual review.
 *
 * The 2020/21 review (seed 002, section (c)) says: "eight of the fifteen Key Performance
 * Indicators have improved or been maintained above our target, three have remained broadly the
 * same but below target, and four have declined or oscillated between failure and tolerance",
 * and its paragraphs show how: PI1 was "consistently above our target … although there was a dip
 * in December 2020" and PI4 had "a dip in performance mid-year" — an in-year dip that recovers
 * still counts as maintained above target; PI7 was "between 85 and 95% throughout the year …
 * below our target" (amber all year) — broadly the same but below target; PI8 was above target
 * "save for December 2020 and March 2021", and "Management supervision" is listed among those that
 * declined — so ending the year below target after starting on it is a decline; the visits
 * measures (PI6 "drop in performance at the end of the year", PI11 "slight drop") declined too.
 *
 * The rule, applied to the months of the financial year that have a green/amber/red result
 * (no_data and absent months are ignored; ranks red < amber < green):
 * 1. no reported month → `not_enough_data`;
 * 2. the LAST reported month is green → `improved_or_maintained_above_target` (dips before it
 *    do not matter);
 * 3. else the last month is worse than the FIRST → `declined_or_oscillated` (declined);
 * 4. else the year has both red and amber months → `declined_or_oscillated` (oscillated between
 *    failure and tolerance);
 * 5. else → `broadly_same_below_target` (ended below target no worse than it began, never
 *    swinging between failure and tolerance — amber all year, or red all year).
 */

export type YearSummaryCategory =
  | 'improved_or_maintained_above_target'
  | 'broadly_same_below_target'
  | 'declined_or_oscillated'
  | 'not_enough_data';

export const YEAR_SUMMARY_WORDS: Record<YearSummaryCategory, string> = {
  improved_or_maintained_above_target: 'improved or maintained above target',
  broadly_same_below_target: 'broadly the same but below target',
  declined_or_oscillated: 'declined or oscillated between failure and tolerance',
  not_enough_data: 'not enough data to summarise the year',
};

export interface YearSummary {
  financialYear: string;
  category: YearSummaryCategory;
  /** The review's words for the category. */
  words: string;
  /** One sentence explaining the category from this year's months. */
  reason: string;
  counts: { green: number; amber: number; red: number; missing: number };
  first: { month: string; status: RagStatus } | null;
  last: { month: string; status: RagStatus } | null;
}

const STATUS_WORDS: Record<RagStatus, string> = {
  green: 'on target',
  amber: 'amber (below target, not in failure)',
  red: 'in failure',
  no_data: 'without data',
};

export function yearSummary(
  results: ReadonlyArray<{ month: string; status: RagStatus }>,
  financialYear: string,
): YearSummary {
  const months = financialYearMonths(financialYear);
  const fyText = formatFinancialYear(financialYear);
  const byMonth = new Map<string, RagStatus>();
  for (const r of results) {
    if (!months.includes(r.month)) continue;
    if (byMonth.has(r.month)) throw new Error(`Two results for ${r.month}; expected one per month`);
    byMonth.set(r.month, r.status);
  }
  const reported = months
    .map((month) => ({ month, status: byMonth.get(month) ?? 'no_data' }))
    .filter((r) => r.status !== 'no_data');
  const counts = {
    green: reported.filter((r) => r.status === 'green').length,
    amber: reported.filter((r) => r.status === 'amber').length,
    red: reported.filter((r) => r.status === 'red').length,
    missing: months.length - reported.length,
  };
  const first = reported[0] ?? null;
  const last = reported[reported.length - 1] ?? null;
  const build = (category: YearSummaryCategory, reason: string): YearSummary => ({
    financialYear,
    category,
    words: YEAR_SUMMARY_WORDS[category],
    reason,
    counts,
    first,
    last,
  });

  if (first === null || last === null) {
    return build('not_enough_data', `No month of ${fyText} has a rated figure.`);
  }
  const lastText = `${STATUS_WORDS[last.status]} in ${formatMonth(last.month)}`;
  if (last.status === 'green') {
    return build(
      'improved_or_maintained_above_target',
      `It ended ${fyText} ${lastText}, with ${counts.green} of ${reported.length} rated months on target.`,
    );
  }
  if ((statusRank(last.status) ?? 0) < (statusRank(first.status) ?? 0)) {
    return build(
      'declined_or_oscillated',
      `It ended ${fyText} ${lastText}, worse than ${STATUS_WORDS[first.status]} in ${formatMonth(first.month)}.`,
    );
  }
  if (counts.red > 0 && counts.amber > 0) {
    return build(
      'declined_or_oscillated',
      `It moved between failure and tolerance during ${fyText} (${counts.red} months in failure, ${counts.amber} amber) and ended ${lastText}.`,
    );
  }
  return build(
    'broadly_same_below_target',
    `It ended ${fyText} ${lastText}, no worse than it started in ${formatMonth(first.month)}, without moving between failure and tolerance.`,
  );
}
