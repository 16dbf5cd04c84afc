import { formatMonth, type StreakDto } from '@kpi/shared';
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
