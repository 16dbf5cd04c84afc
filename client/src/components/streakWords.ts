import { formatMonth, type IndicatorDetail, NOT_PUBLISHED_TEXT, type RagStatus, type StreakDto } from '@kpi/shared';
import { STATUS_WORDS } from './kpiLabels';

function months(n: number): string {
  return `${n} month${n === 1 ? '' : 's'}`;
}

/** "Red for 4 months": how long the KPI has held its latest reported rating. */
export function streakHeadline(streak: StreakDto): string {
  if (streak.status === null || streak.months === 0) return 'No figures reported yet';
  return `${STATUS_WORDS[streak.status]} for ${months(streak.months)}`;
}

/** "since December 2020, 1 month with no figure" */
export function streakDetail(streak: StreakDto): string | null {
  if (streak.status === null || !streak.from) return null;
  const parts = [`since ${formatMonth(streak.from)}`];
  if (streak.missingMonths.length > 0) parts.push(`${months(streak.missingMonths.length)} with no figure`);
  return parts.join(', ');
}

/**
 * Why a KPI has no monthly rating at all, or null when it has bands to be rated against: an
 * indicator monitored without bands (or a KPI whose bands were never set) is not rated, which is
 * not the same as having no figures.
 */
export function notRatedWords(indicator: Pick<IndicatorDetail, 'thresholds' | 'kpiSets'>): string | null {
  if (indicator.thresholds.length > 0) return null;
  return indicator.kpiSets.length === 0
    ? 'monitored without bands, so its figures are not rated red, amber or green'
    : 'no bands have been set for this KPI, so its figures are not rated red, amber or green';
}

/**
 * The word for a month's rating: "Not rated" for a figure with nothing to rate it against (no
 * bands in force, or a view the bands do not apply to), rather than "No data" beside a number.
 */
export function ratingLabel(point: {
  status: RagStatus;
  value: number | null;
  aggregate?: { rated: boolean } | null;
  publication?: { published: boolean } | null;
}): string {
  // A month kept from this reader until its meeting: not "No data", which would say none was reported.
  if (point.value === null && point.publication && !point.publication.published) return NOT_PUBLISHED_TEXT;
  if (point.value !== null && (point.status === 'no_data' || (point.aggregate && !point.aggregate.rated))) {
    return 'Not rated';
  }
  return STATUS_WORDS[point.status];
}
